import { describe, expect, it } from 'vitest';
import { writeTarget } from '@/lib/bulk-copy/engine';
import { planTarget } from '@/lib/bulk-copy/plan';
import { planUndo, prewriteSnapshot, undoTargets, withPrewriteRead } from '@/lib/bulk-copy/undo';
import { type Action, type ActionSet, Snapshot } from '@/lib/model';
import { fakeCrm, hooks, mail, summaries, tag, target } from './fake-crm';

// Undo puts each set the job wrote back to its state just before the job's first write, and
// refuses a set someone changed after the job wrote it.

const source = [mail('Receipt')];
// The job: add "Receipt" to a, b, c (each held [Own]); d was already as planned.
// Keyed as the store keys a set (setKey), so the pre-write snapshot's sets pair with them.
const keyed = (k: string, current: Action[]) => ({
  ...target(k, current),
  key: `product:name:${k}`,
});
const planned = ['a', 'b', 'c', 'd'].map((k) =>
  planTarget(source, keyed(k, k === 'd' ? [tag('Own'), ...source] : [tag('Own')]), 'add'),
);
const prewrite: ActionSet[] = ['a', 'b', 'c', 'd'].map((k) => ({
  ref: { kind: 'product', name: k },
  name: k,
  actions: k === 'd' ? [tag('Own'), ...source] : [tag('Own')],
}));
const reads = (sets: Record<string, Action[]>) =>
  new Map(Object.entries(sets).map(([k, v]) => [`product:name:${k}`, v]));

describe('undoTargets', () => {
  it('reads the sets the job may have written: done, failed, caught mid-write', () => {
    const job = {
      targets: [
        { key: 'product:name:a', state: 'done' as const },
        { key: 'product:name:b', state: 'failed' as const },
        { key: 'product:name:c', state: 'writing' as const },
        { key: 'product:name:d', state: 'skipped' as const },
      ],
    };
    expect(undoTargets(job, { targets: planned }).map((t) => t.name)).toEqual(['a', 'b', 'c']);
    // Queued (never started) and changed (refused before any write) were not written.
    const notWritten = {
      targets: [
        { key: 'product:name:a', state: 'queued' as const },
        { key: 'product:name:b', state: 'skipped' as const },
      ],
    };
    expect(undoTargets(notWritten, { targets: planned })).toEqual([]);
    // A set stopped as changed may have been part-written by an earlier run: Undo looks at it.
    const changed = { targets: [{ key: 'product:name:b', state: 'changed' as const }] };
    expect(undoTargets(changed, { targets: planned }).map((t) => t.name)).toEqual(['b']);
  });

  it("with the journal's write marks, exactly the sets the job was about to write to", () => {
    const at = '2026-12-03T12:00:00.000Z';
    const job = {
      targets: [
        { key: 'product:name:a', state: 'done' as const, wroteAt: at },
        // A colleague's set, stopped as changed before any write: Undo must leave it alone.
        { key: 'product:name:b', state: 'changed' as const },
        { key: 'product:name:c', state: 'changed' as const, wroteAt: at },
        { key: 'product:name:d', state: 'done' as const },
      ],
    };
    expect(undoTargets(job, { targets: planned }).map((t) => t.name)).toEqual(['a', 'c']);
  });
});

describe('planUndo', () => {
  const touched = planned.slice(0, 3);

  it('plans each set back to its pre-write state, from what it holds now', () => {
    const u = planUndo(
      touched,
      prewrite,
      reads({
        a: [tag('Own'), mail('Receipt')], // what the job left
        b: [tag('Own')], // the job failed before writing it: nothing to do
        c: [tag('Own'), mail('Receipt')],
      }),
    );
    expect(u.refused).toEqual([]);
    expect(u.targets.map((t) => [t.name, t.change, summaries(t.after)])).toEqual([
      ['a', 'replace', ['Apply tag: Own']],
      ['b', 'none', ['Apply tag: Own']],
      ['c', 'replace', ['Apply tag: Own']],
    ]);
    expect(u.targets[0]?.before.map((a) => a.summary)).toEqual([
      'Apply tag: Own',
      'Send email: Receipt',
    ]);
  });

  it('a set the job finished: a trailing action gone is a colleague, not part-way work', () => {
    // The plan for a: [Own] -> [Own, Receipt]. [Own] again looks like "not added yet".
    const finished = touched.map((t) => ({ ...t, jobFinished: t.name === 'a' }));
    const u = planUndo(
      finished,
      prewrite,
      reads({ a: [tag('Own')], b: [tag('Own')], c: [tag('Own')] }),
    );
    expect(u.refused.map((r) => r.name)).toEqual([]);
    expect(u.targets.find((t) => t.name === 'a')?.change).toBe('none');
    // Part-way, not equal to its old state: e.g. a deleted replaced set [Own, X] -> [Y].
    const x = planUndo(
      finished,
      [{ ref: { kind: 'product', name: 'a' }, name: 'a', actions: [tag('Own'), tag('Old')] }],
      reads({ a: [tag('Own')] }),
    );
    expect(x.refused.map((r) => r.name)).toContain('a');
    const notFinished = touched.map((t) => ({ ...t, jobFinished: false }));
    const y = planUndo(
      notFinished,
      [{ ref: { kind: 'product', name: 'a' }, name: 'a', actions: [tag('Own'), tag('Old')] }],
      reads({ a: [tag('Own')] }),
    );
    expect(y.refused.map((r) => r.name)).not.toContain('a');
  });

  it('refuses a set changed after the job wrote it, saying what changed', () => {
    const u = planUndo(
      touched,
      prewrite,
      reads({
        a: [tag('Own'), mail('Receipt'), tag('Colleague')],
        b: [tag('Own'), mail('Receipt')],
        c: [mail('Receipt')],
      }),
    );
    expect(u.targets.map((t) => t.name)).toEqual(['b']);
    expect(u.refused).toEqual([
      {
        key: 'product:name:a',
        name: 'a',
        reason: 'Someone else changed it since this job, so Undo leaves it alone.',
        changes: ['an action "Apply tag: Colleague" was added after this job wrote it'],
      },
      {
        key: 'product:name:c',
        name: 'c',
        reason: 'Someone else changed it since this job, so Undo leaves it alone.',
        changes: ['the action "Apply tag: Own" was removed after this job wrote it'],
      },
    ]);
  });

  it('a set the job never wrote (stopped as changed) is refused with the change since its read', () => {
    const u = planUndo(touched, prewrite, reads({ b: [tag('Own'), tag('Colleague')] }));
    expect(u.refused.find((r) => r.name === 'b')?.changes).toEqual([
      'an action "Apply tag: Colleague" was added since this job read it',
    ]);
  });

  it('refuses a set the pre-write snapshot does not hold, or that was not read', () => {
    const u = planUndo(touched, prewrite.slice(1), reads({ a: [tag('Own')], b: [tag('Own')] }));
    expect(u.refused.map((r) => [r.name, r.reason])).toEqual([
      [
        'a',
        'The snapshot taken before this job has no record of this set, so Undo leaves it alone.',
      ],
      ['c', 'This set was not read, so Undo leaves it alone.'],
    ]);
  });

  it('the undo plan, run, restores the set; a colleague edit after the undo preview stops it', async () => {
    const crm = fakeCrm({ a: [tag('Own'), mail('Receipt')] });
    // The fake CRM keys sets by editor URL ('a').
    const u = planUndo(touched.slice(0, 1), prewrite, reads({ a: [tag('Own'), mail('Receipt')] }));
    const plan = u.targets[0];
    if (!plan) throw new Error('no plan');
    crm.sets.a?.push(tag('Late'));
    expect(await writeTarget(plan, crm.ops, hooks)).toMatchObject({ state: 'changed' });
    crm.sets.a?.pop();
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({ state: 'done' });
    expect(summaries(crm.sets.a)).toEqual(['Apply tag: Own']);
  });
});

describe('the pre-write snapshot', () => {
  const now = new Date('2026-11-20T14:03:00Z');
  it('holds every target as read, pinned, and is a valid snapshot', () => {
    const s = prewriteSnapshot(
      { sourceName: 'Widget', targets: planned },
      { app: 'demo', host: 'demo.infusionsoft.com', cause: 'before-bulk-copy', now },
    );
    expect(Snapshot.parse(s)).toEqual(s);
    expect(s.pinned).toBe(true);
    expect(s.name).toBe('Before bulk copy of Widget to 4 sets');
    expect(s.sets.map((x) => summaries(x.actions))).toEqual(
      planned.map((t) => summaries(t.before)),
    );
  });

  it("takes a target's fresh read in place of the preview's, and only that target's", () => {
    const s = prewriteSnapshot(
      { sourceName: 'Widget', targets: planned },
      { app: 'demo', host: 'demo.infusionsoft.com', cause: 'before-restore', now },
    );
    const fresh = [{ ...tag('Own'), crmId: '41' }];
    const next = withPrewriteRead(s, planned[1] as (typeof planned)[1], fresh);
    expect(next.sets.map((x) => x.actions[0]?.crmId)).toEqual([
      undefined,
      '41',
      undefined,
      undefined,
    ]);
    expect(s.sets[1]?.actions[0]?.crmId).toBeUndefined();
  });
});
