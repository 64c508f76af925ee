import { describe, expect, it } from 'vitest';
import { readState } from '@/lib/bulk-copy/drift';
import { writeTarget } from '@/lib/bulk-copy/engine';
import { planTarget, planTo } from '@/lib/bulk-copy/plan';
import type { Action } from '@/lib/model';
import { act, fakeCrm, hooks, mail, summaries, tag, target } from './fake-crm';

// Issue 10, finding 1: a write plans against what is there. The preview read [A]; by the time of
// the write a colleague (another tab, a Resume days later) has made it [A, B].

describe('a target changed since the preview', () => {
  it('add mode: stops as changed, says what changed, and writes nothing (B survives)', async () => {
    const crm = fakeCrm({ t: [tag('A'), tag('B')] });
    const plan = planTarget([tag('X')], target('t', [tag('A')]), 'add');
    const outcome = await writeTarget(plan, crm.ops, hooks);
    expect(outcome).toMatchObject({ state: 'changed' });
    expect(outcome.state === 'changed' && outcome.changes).toEqual([
      'an action "Apply tag: B" was added since the preview',
    ]);
    expect(summaries(crm.sets.t)).toEqual(['Apply tag: A', 'Apply tag: B']);
    expect(crm.writes).toEqual([]);
  });

  it("replace mode: stops as changed instead of replacing the colleague's action", async () => {
    const crm = fakeCrm({ t: [tag('A'), tag('B')] });
    const plan = planTarget([mail('Receipt')], target('t', [tag('A')]), 'replace');
    expect(await writeTarget(plan, crm.ops, hooks)).toMatchObject({ state: 'changed' });
    expect(summaries(crm.sets.t)).toEqual(['Apply tag: A', 'Apply tag: B']);
    expect(crm.writes).toEqual([]);
  });

  it('undo (a plan to an exact state): stops as changed when an action was removed', async () => {
    // Undo puts [A, X] back to [A, Old]; a colleague has since removed A.
    const crm = fakeCrm({ t: [tag('X')] });
    const plan = planTo(target('t', [tag('A'), tag('X')]), [tag('A'), tag('Old')]);
    const outcome = await writeTarget(plan, crm.ops, hooks);
    expect(outcome.state === 'changed' && outcome.changes).toEqual([
      'the action "Apply tag: A" was removed since the preview',
    ]);
    expect(summaries(crm.sets.t)).toEqual(['Apply tag: X']);
    expect(crm.writes).toEqual([]);
  });

  it('sees a change that shows in no summary (a rule), because it plans against a full read', async () => {
    const ruled: Action = {
      ...tag('A'),
      rules: { match: 'all', criteria: [{ field: 'Country', operator: 'is', value: 'NZ' }] },
    };
    const crm = fakeCrm({ t: [ruled] });
    const plan = planTarget([tag('X')], target('t', [tag('A')]), 'add');
    const outcome = await writeTarget(plan, crm.ops, hooks);
    expect(outcome.state === 'changed' && outcome.changes).toEqual([
      'the action "Apply tag: A" was edited since the preview (rules)',
    ]);
    expect(crm.writes).toEqual([]);
  });

  it('a configuration edit names the field', async () => {
    const crm = fakeCrm({ t: [act('Create a task', 'Call', { config: { Owner: 'Ann' } })] });
    const plan = planTarget(
      [tag('X')],
      target('t', [act('Create a task', 'Call', { config: { Owner: 'Bob' } })]),
      'add',
    );
    const outcome = await writeTarget(plan, crm.ops, hooks);
    expect(outcome.state === 'changed' && outcome.changes).toEqual([
      'the action "Call" was edited since the preview (Owner)',
    ]);
  });

  it('an unchanged target is written as planned (the control case)', async () => {
    const crm = fakeCrm({ t: [tag('A')] });
    const plan = planTarget([tag('X')], target('t', [tag('A')]), 'add');
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({ state: 'done' });
    expect(summaries(crm.sets.t)).toEqual(['Apply tag: A', 'Apply tag: X']);
  });
});

describe("a target holding this job's own progress", () => {
  // Replace [A, B] with [A, X, Y]: delete B, then add X and Y.
  const before = [tag('A'), tag('B')];
  const after = [tag('A'), tag('X'), tag('Y')];

  it.each([
    ['deleted, nothing added yet', [tag('A')]],
    ['deleted, one added', [tag('A'), tag('X')]],
  ])('%s: finishes the plan without writing twice', async (_, live) => {
    const crm = fakeCrm({ t: [...live] });
    // Resumed: the journal shows an earlier run started on this target.
    const plan = { ...planTo(target('t', [...before]), after), mayHaveWritten: true };
    const seen: Action[][] = [];
    const outcome = await writeTarget(plan, crm.ops, {
      ...hooks,
      beforeFirstWrite: async (_t, current) => {
        seen.push(current);
      },
    });
    expect(outcome).toEqual({ state: 'done' });
    expect(summaries(crm.sets.t)).toEqual(summaries(after));
    expect(crm.writes.filter((w) => w.startsWith('delete'))).toEqual([]);
    // Its first write happened in an earlier run, after the state was kept.
    expect(seen).toEqual([]);
  });

  it.each([
    ['a trailing action deleted', [tag('A')]],
    ['an action added that the plan also adds', [tag('A'), tag('X')]],
  ])('never started on: %s is a colleague, not progress; nothing is written', async (_, live) => {
    const crm = fakeCrm({ t: [...live] });
    const plan = planTo(target('t', [...before]), after);
    const outcome = await writeTarget(plan, crm.ops, hooks);
    expect(outcome.state).toBe('changed');
    expect(crm.writes).toEqual([]);
    expect(summaries(crm.sets.t)).toEqual(summaries(live));
  });

  it('readState tells progress from a colleague', () => {
    expect(readState(before, before, after)).toBe('as-read');
    expect(readState([tag('A')], before, after)).toBe('in-progress');
    expect(readState([tag('A'), tag('X')], before, after)).toBe('in-progress');
    expect(readState(after, before, after)).toBe('as-planned');
    // Adds before the deletions finished, or out of order: not this plan's doing.
    expect(readState([tag('A'), tag('B'), tag('X')], before, after)).toBe('changed');
    expect(readState([tag('A'), tag('Y')], before, after)).toBe('changed');
    expect(readState([], before, after)).toBe('changed');
  });
});

describe('the state kept for Undo', () => {
  it('is the fresh read, handed over just before the first write', async () => {
    const crm = fakeCrm({ t: [tag('A')] });
    const plan = planTarget([tag('X')], target('t', [tag('A')]), 'add');
    const events: string[] = [];
    const wrapped = {
      ...crm.ops,
      addAction: async (url: string, a: Action) => {
        events.push('write');
        return crm.ops.addAction(url, a);
      },
    };
    await writeTarget(plan, wrapped, {
      ...hooks,
      beforeFirstWrite: async (_t, current) => {
        events.push(`kept ${current.map((a) => `${a.summary} (${a.crmId})`).join(', ')}`);
      },
    });
    expect(events).toEqual(['kept Apply tag: A (t#0)', 'write']);
  });

  it('when it cannot be kept, nothing is written and the run stops', async () => {
    const crm = fakeCrm({ t: [tag('A')] });
    const plan = planTarget([tag('X')], target('t', [tag('A')]), 'add');
    await expect(
      writeTarget(plan, crm.ops, {
        ...hooks,
        beforeFirstWrite: async () => {
          throw new Error('QuotaExceededError');
        },
      }),
    ).rejects.toMatchObject({
      why: 'journal',
      message: expect.stringContaining('QuotaExceededError'),
    });
    expect(crm.writes).toEqual([]);
  });
});
