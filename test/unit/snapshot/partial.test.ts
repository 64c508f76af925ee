import { describe, expect, it } from 'vitest';
import { audit } from '@/lib/audit';
import { mapSnapshotSets } from '@/lib/bulk-copy/restore';
import { metaOf, notReadParts, setKey } from '@/lib/model';
import { diffSnapshots } from '@/lib/snapshot/diff';
import { formatDiffText } from '@/lib/snapshot/diff-text';
import { prod, snap, tag, withSets } from './helpers';

// Issue 13: what a snapshot did not read is unknown to every consumer (diff, restore, findings,
// the dashboard's counts), never "empty" or "removed".

const unread = { what: 'set' as const, reason: 'The editor runs a script we cannot follow.' };

describe('a partial snapshot', () => {
  const older = withSets(snap(), prod('Widget', [tag('A')]), prod('Gadget', [tag('B')]));
  const newer = withSets(
    snap({ id: 'snap-2' }),
    { ...prod('Widget'), notRead: unread },
    prod('Gadget', [tag('C')]),
  );

  it('the diff calls an unread set "not compared", never removed; the control set still diffs', () => {
    const d = diffSnapshots(older, newer);
    const widget = d.sets.find((s) => s.name === 'Widget');
    expect(widget?.status).toBe('unknown');
    expect(widget?.removed).toEqual([]);
    expect(widget?.notRead).toContain('The editor runs a script we cannot follow.');
    expect(d.sets.find((s) => s.name === 'Gadget')?.status).toBe('changed');
    expect(d.counts.setsUnknown).toBe(1);
    // Gadget's B became C; Widget's A is not counted as removed.
    expect(d.counts.actionsRemoved + d.counts.actionsChanged).toBe(1);
    expect(formatDiffText(d)).toContain(
      '? Widget (not compared: the newer snapshot did not read it',
    );
  });

  it('a product with no actions is not "added" when the other side did not read the products report', () => {
    const noReport = {
      ...withSets(snap(), prod('Widget', [tag('A')])),
      notRead: [{ part: 'products' as const, reason: 'No "Products" link.' }],
    };
    const withReport = withSets(snap({ id: 'snap-2' }), prod('Widget', [tag('A')]), prod('Spare'));
    const d = diffSnapshots(noReport, withReport);
    expect(d.sets.find((s) => s.name === 'Spare')?.status).toBe('unknown');
    expect(d.counts.setsAdded).toBe(0);
    // The control: with the report read on both sides, the same product is "added".
    expect(diffSnapshots({ ...noReport, notRead: undefined }, withReport).counts.setsAdded).toBe(1);
  });

  it('an unknown setting is no change; two known settings that differ are', () => {
    expect(
      diffSnapshots(snap({ runOnAllOrders: 'unknown' }), snap()).settingChanged,
    ).toBeUndefined();
    expect(
      diffSnapshots(snap({ runOnAllOrders: 'yes' }), snap({ runOnAllOrders: 'no' })).settingChanged,
    ).toEqual({ was: 'yes', is: 'no' });
  });

  it('restore leaves an unread set out and says so; the control set is paired', () => {
    const targets = newer.sets.map((s) => ({ key: setKey(s.ref), ref: s.ref, name: s.name }));
    const m = mapSnapshotSets(newer, newer.app, targets);
    expect(m.unread).toEqual(['Widget']);
    expect([...m.pairs.values()].map((s) => s.name)).toContain('Gadget');
    expect([...m.pairs.values()].map((s) => s.name)).not.toContain('Widget');
  });

  it('findings say what they could not judge, and judge no unread set', () => {
    const result = audit(newer);
    const notJudged = result.findings.filter((f) => f.ruleId === 'not-read');
    expect(notJudged).toHaveLength(1);
    expect(notJudged[0]?.detail).toContain('Widget: not read: The editor runs a script');
    expect(result.findings.some((f) => f.ruleId !== 'not-read' && f.setName === 'Widget')).toBe(
      false,
    );
    // The control: a complete snapshot has no such finding.
    expect(audit(older).findings.some((f) => f.ruleId === 'not-read')).toBe(false);
  });

  it('the dashboard counts the parts not read', () => {
    const s = { ...newer, notRead: [{ part: 'setting' as const, reason: 'not shown' }] };
    expect(notReadParts(s)).toEqual([
      'The "Run Purchase Actions On All Orders" setting: not read: not shown',
      'Widget: not read: The editor runs a script we cannot follow.',
    ]);
    expect(metaOf(s).notReadCount).toBe(2);
    expect(metaOf(older).notReadCount).toBeUndefined();
  });
});
