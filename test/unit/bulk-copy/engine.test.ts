import { describe, expect, it } from 'vitest';
import { RunStopped, runTargets, writeTarget } from '@/lib/bulk-copy/engine';
import { type PlannedTarget, planTarget, summarise } from '@/lib/bulk-copy/plan';
import { fakeCrm, hooks, mail, summaries, tag, target } from './fake-crm';

describe('planTarget', () => {
  const source = [mail('Receipt'), tag('Customer')];
  it('add mode appends only what the target lacks', () => {
    const p = planTarget(source, target('a', [tag('Customer')]), 'add');
    expect(p.after.map((a) => a.summary)).toEqual(['Apply tag: Customer', 'Send email: Receipt']);
    expect([p.adds, p.removes, p.change]).toEqual([1, 0, 'add']);
  });
  it('a target that already matches is "no change"', () => {
    expect(planTarget(source, target('a', [...source]), 'add').change).toBe('none');
    expect(planTarget(source, target('a', [...source]), 'replace').change).toBe('none');
  });
  it('replace keeps a common prefix and rewrites the rest', () => {
    const p = planTarget(source, target('a', [mail('Receipt'), tag('Old')]), 'replace');
    expect([p.adds, p.removes, p.change]).toEqual([1, 1, 'replace']);
  });
  it('summarises a plan', () => {
    const plan = [
      planTarget(source, target('a', []), 'add'),
      planTarget(source, target('b', [...source]), 'add'),
    ];
    expect(summarise(plan)).toEqual({ targets: 2, changing: 1, unchanged: 1, adds: 2, removes: 0 });
  });
});

describe('writeTarget', () => {
  const source = [mail('Receipt'), tag('Customer')];

  it('writes, reads back, and is done', async () => {
    const crm = fakeCrm({ a: [tag('Old')] });
    const plan = planTarget(source, target('a', [tag('Old')]), 'replace');
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({ state: 'done' });
    expect(crm.sets.a?.map((a) => a.summary)).toEqual([
      'Send email: Receipt',
      'Apply tag: Customer',
    ]);
  });

  it('never writes twice when an answer is lost: the re-read decides', async () => {
    const crm = fakeCrm({ a: [] });
    crm.faults.loseNextAddAnswer = true;
    const plan = planTarget(source, target('a', []), 'add');
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({ state: 'done' });
    expect(crm.sets.a?.map((a) => a.summary)).toEqual([
      'Send email: Receipt',
      'Apply tag: Customer',
    ]);
    expect(crm.log.filter((l) => l.startsWith('add')).length).toBe(2);
  });

  it('a target already as planned is skipped without a write', async () => {
    const crm = fakeCrm({ a: [...source] });
    const plan = planTarget(source, target('a', [...source]), 'add');
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({
      state: 'skipped',
      reason: 'already as planned',
    });
    expect(crm.log.some((l) => !l.startsWith('read'))).toBe(false);
  });

  it('a value the account lacks fails the target with the reason', async () => {
    const crm = fakeCrm({ a: [] });
    const plan = planTarget([tag('Missing')], target('a', []), 'add');
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({
      state: 'failed',
      reason: 'This account has no tag "Missing".',
    });
  });

  // Found by npm run soak (seed 3009): a replace deleted an action naming a subscription the
  // account no longer has; Undo could not add it back, and it was gone for good.
  it('never deletes an action the account could not add back; the control is written', async () => {
    const held = [tag('Old'), tag('Missing'), mail('Old')];
    const crm = fakeCrm({ a: [...held], b: [tag('Old'), mail('Old')] });
    const outcome = await writeTarget(
      planTarget(source, target('a', held), 'replace'),
      crm.ops,
      hooks,
    );
    expect(outcome.state).toBe('skipped');
    expect(outcome.state === 'skipped' && outcome.reason).toMatch(
      /^Nothing was written\. It holds "Apply\/Remove Tag: Apply tag: Missing", which the plan deletes and this account could not add back \(no tag "Missing"\)/,
    );
    expect(crm.writes).toEqual([]);
    expect(crm.sets.a).toEqual(held);
    // The control: the same plan on a set without it is written.
    const control = planTarget(source, target('b', [tag('Old'), mail('Old')]), 'replace');
    expect(await writeTarget(control, crm.ops, hooks)).toEqual({ state: 'done' });
    expect(summaries(crm.sets.b)).toEqual(['Send email: Receipt', 'Apply tag: Customer']);
  });

  it('an action the plan keeps (before what it deletes) is not asked about', async () => {
    const held = [tag('Missing'), tag('Old')];
    const crm = fakeCrm({ a: [...held] });
    const plan = planTarget([tag('Missing'), mail('Receipt')], target('a', held), 'replace');
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({ state: 'done' });
    expect(crm.log.filter((l) => l.startsWith('check'))).toEqual(['check a Apply tag: Old']);
  });

  it('a session expiry stops the run', async () => {
    const crm = fakeCrm({ a: [] });
    crm.faults.expireAfterWrites = 0;
    const plan = planTarget(source, target('a', []), 'add');
    await expect(writeTarget(plan, crm.ops, hooks)).rejects.toMatchObject({ why: 'session' });
  });

  it('refuses to write in another account', async () => {
    const crm = fakeCrm({ a: [] });
    crm.ops.currentApp = () => 'acme';
    const plan = planTarget(source, target('a', []), 'add');
    await expect(writeTarget(plan, crm.ops, hooks)).rejects.toBeInstanceOf(RunStopped);
    expect(crm.log).toEqual([]);
  });
});

describe('runTargets', () => {
  it('resumes after a session expiry without duplicating anything', async () => {
    const source = [mail('Receipt'), tag('Customer')];
    const urls = ['a', 'b', 'c', 'd', 'e', 'f'];
    const crm = fakeCrm(Object.fromEntries(urls.map((u) => [u, [tag('Own')]])));
    const plan: PlannedTarget[] = urls.map((u) =>
      planTarget(source, target(u, [tag('Own')]), 'add'),
    );
    const outcomes = new Map<string, string>();
    // What the journal knows: which targets a run started on (Resume passes it on).
    const started = new Set<string>();
    const run = () =>
      runTargets(
        plan
          .filter((p) => outcomes.get(p.key) !== 'done')
          .map((p) => ({ ...p, mayHaveWritten: started.has(p.key) })),
        crm.ops,
        {
          ...hooks,
          concurrency: 2,
          onStart: async (t) => {
            started.add(t.key);
          },
          beforeFirstWrite: async () => {},
          onOutcome: async (t, o) => {
            outcomes.set(t.key, o.state);
          },
        },
      );
    crm.faults.expireAfterWrites = 5;
    await expect(run()).rejects.toMatchObject({ why: 'session' });
    crm.faults.expireAfterWrites = Infinity;
    await run();
    for (const u of urls) {
      expect(crm.sets[u]?.map((a) => a.summary)).toEqual([
        'Apply tag: Own',
        'Send email: Receipt',
        'Apply tag: Customer',
      ]);
    }
  });

  it('trips the breaker after repeated failures', async () => {
    const crm = fakeCrm({});
    const plan = ['a', 'b', 'c', 'd'].map((u) =>
      planTarget([tag('Missing')], target(u, []), 'add'),
    );
    await expect(
      runTargets(plan, crm.ops, {
        ...hooks,
        concurrency: 1,
        breakAfter: 2,
        onStart: async () => {},
        beforeFirstWrite: async () => {},
        onOutcome: async () => {},
      }),
    ).rejects.toMatchObject({ why: 'breaker' });
    expect(crm.log.filter((l) => l.startsWith('read')).length).toBe(2);
  });
});
