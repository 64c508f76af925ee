import { describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model';
import { diffActions, diffSnapshots, hasChanges } from '@/lib/snapshot/diff';
import { formatDiffText } from '@/lib/snapshot/diff-text';
import { parseExport } from '@/lib/snapshot/import';
import { actionFingerprint, missingActions, sameActions } from '@/lib/snapshot/match';
import { email, fixtureText, prod, runSet, snap, tag, withSets } from './helpers';

const summary = (d: ReturnType<typeof diffActions>) => ({
  added: d.added.map((a) => a.action.summary),
  removed: d.removed.map((a) => a.action.summary),
  changed: d.changed.map((c) => c.changes.map((f) => f.field)),
  moved: d.moved.map((m) => `${m.action.summary} ${m.from}->${m.to}`),
});

describe('actionFingerprint', () => {
  it.each<[string, Action, Action, boolean]>([
    ['ignores the CRM id', tag('Customer', '1'), tag('Customer', '99'), true],
    [
      'ignores spacing',
      tag('Customer'),
      { ...tag('Customer'), summary: ' Apply  Tag:\nCustomer ' },
      true,
    ],
    [
      'ignores the order of a multi-select',
      { ...tag('A'), config: { Tag: ['A', 'B'] } },
      { ...tag('A'), config: { Tag: ['B', 'A'] } },
      true,
    ],
    ['sees a different tag', tag('Customer'), tag('Lead'), false],
    [
      'sees rules',
      tag('A'),
      {
        ...tag('A'),
        rules: { match: 'all', criteria: [{ field: 'x', operator: 'is', value: '1' }] },
      },
      false,
    ],
    ['sees the label', tag('A'), { ...tag('A'), label: 'Remove Tag' }, false],
  ])('%s', (_, a, b, same) => {
    expect(actionFingerprint(a) === actionFingerprint(b)).toBe(same);
  });
});

describe('sameActions / missingActions', () => {
  it('counts duplicates and ignores order unless asked', () => {
    expect(sameActions([tag('A'), email('W')], [email('W'), tag('A', '7')])).toBe(true);
    expect(sameActions([tag('A'), email('W')], [email('W'), tag('A')], { ordered: true })).toBe(
      false,
    );
    expect(sameActions([tag('A'), tag('A')], [tag('A'), email('W')])).toBe(false);
  });
  it('lists only what the target lacks, one for one', () => {
    const missing = missingActions([tag('A'), tag('A'), email('W')], [tag('A', 'x')]);
    expect(missing.map((a) => a.summary)).toEqual(['Apply Tag: A', 'Send email: W']);
  });
});

describe('diffActions', () => {
  it.each<[string, Action[], Action[], ReturnType<typeof summary>]>([
    [
      're-issued ids are no change',
      [tag('A', '1'), email('W', '2')],
      [tag('A', '8'), email('W', '9')],
      { added: [], removed: [], changed: [], moved: [] },
    ],
    [
      'an edited template is one changed action',
      [email('Thanks'), tag('A')],
      [email('Thanks 2026'), tag('A')],
      {
        added: [],
        removed: [],
        changed: [['summary', 'config.Email template', 'facts.emailTemplates']],
        moved: [],
      },
    ],
    [
      'a different type is added + removed',
      [tag('A')],
      [email('W')],
      { added: ['Send email: W'], removed: ['Apply Tag: A'], changed: [], moved: [] },
    ],
    [
      'a swap is one move, not a change',
      [tag('A'), tag('B')],
      [tag('B'), tag('A')],
      { added: [], removed: [], changed: [], moved: ['Apply Tag: A 0->1'] },
    ],
    [
      'an insertion in front moves nothing',
      [tag('A'), tag('B')],
      [email('W'), tag('A'), tag('B')],
      { added: ['Send email: W'], removed: [], changed: [], moved: [] },
    ],
    [
      'a rule added with the same summary is a change',
      [tag('A')],
      [
        {
          ...tag('A'),
          rules: { match: 'any', criteria: [{ field: 'State', operator: 'is', value: 'FL' }] },
        },
      ],
      { added: [], removed: [], changed: [['rules']], moved: [] },
    ],
    [
      'a one-field config edit is added + removed',
      [runSet('Old')],
      [runSet('New')],
      { added: ['Run action set: New'], removed: ['Run action set: Old'], changed: [], moved: [] },
    ],
  ])('%s', (_, was, is, expected) => {
    expect(summary(diffActions(was, is))).toEqual(expected);
  });

  it('gives field-level was/is', () => {
    const [c] = diffActions([email('Thanks')], [email('Thanks 2026')]).changed;
    expect(c?.changes).toContainEqual({
      field: 'config.Email template',
      was: 'Thanks',
      is: 'Thanks 2026',
    });
  });
});

describe('diffSnapshots', () => {
  it('pairs two accounts by product name, ignoring case, spacing and ids', () => {
    const a = withSets(snap(), prod('Weekly Pool Checkup', [email('Welcome')], '18'));
    const b = withSets(
      snap({ app: 'other' }),
      prod('weekly  pool checkup', [email('Welcome')], '501'),
    );
    const d = diffSnapshots(a, b);
    expect(d.counts).toMatchObject({ setsUnchanged: 6, setsAdded: 0, setsRemoved: 0 });
    expect(hasChanges(d)).toBe(false);
  });

  it('reports added and removed sets with their actions, and the setting', () => {
    const a = withSets(snap({ runOnAllOrders: 'no' }), prod('Mitt', [tag('A')]));
    const b = withSets(snap(), prod('Net', [tag('N'), tag('M')]));
    const d = diffSnapshots(a, b);
    expect(d.sets.filter((s) => s.status !== 'unchanged').map((s) => [s.key, s.status])).toEqual([
      ['product:net', 'added'],
      ['product:mitt', 'removed'],
    ]);
    expect(d.counts).toMatchObject({
      actionsAdded: 2,
      actionsRemoved: 1,
      setsAdded: 1,
      setsRemoved: 1,
    });
    expect(d.settingChanged).toEqual({ was: 'no', is: 'yes' });
  });

  it('keeps order-only changes out of the change counts', () => {
    const a = withSets(snap(), prod('Kit', [tag('A'), tag('B')]));
    const b = withSets(snap(), prod('Kit', [tag('B'), tag('A')]));
    const d = diffSnapshots(a, b);
    expect(d.counts).toMatchObject({ setsChanged: 0, actionsMoved: 1, actionsChanged: 0 });
    expect(hasChanges(d)).toBe(false);
  });

  it('diffs the fixture history as documented', () => {
    const r = parseExport(fixtureText('pool-demo-history.json'));
    if (!r.ok) throw new Error(r.error);
    const [a, b] = r.snapshots;
    if (!a || !b) throw new Error('fixture has two snapshots');
    const d = diffSnapshots(a, b);
    expect(d.counts).toEqual({
      setsChanged: 4,
      setsAdded: 1,
      setsRemoved: 0,
      setsUnchanged: 7,
      setsUnknown: 0,
      // The "Run another Action Set" repointed at a deleted set keeps its CRM id in this
      // account's history: it reads as one action changed, not one removed and one added.
      actionsAdded: 2,
      actionsRemoved: 1,
      actionsChanged: 2,
      actionsMoved: 1,
    });
    expect(formatDiffText(d)).toContain('config.Email template: "Thank you for your order" ->');
  });

  it('prints control characters visibly', () => {
    const a = withSets(snap(), prod('Kit', [tag('A')]));
    const b = withSets(snap(), prod('Kit', [tag('\u001b[2JA')]));
    expect(formatDiffText(diffSnapshots(a, b))).not.toContain('\u001b');
  });
});
