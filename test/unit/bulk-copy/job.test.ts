import { describe, expect, it } from 'vitest';
import { RunStopped } from '@/lib/bulk-copy/engine';
import { type JobPlan, journalEntry, MAX_REASON, newJob, planOfJob } from '@/lib/bulk-copy/job';
import { planTarget } from '@/lib/bulk-copy/plan';
import { countStates, requeueWriting, resumeRun, stoppedRun } from '@/lib/bulk-copy/resume';
import { Job } from '@/lib/store';
import { mail, tag, target } from './fake-crm';

const source = [mail('Receipt'), tag('Customer')];
const plan: JobPlan = {
  mode: 'add',
  sourceName: 'Widget',
  nativeSource: { name: 'Widget', actions: source },
  targets: [
    planTarget(source, target('a', []), 'add'),
    planTarget(source, target('b', [...source]), 'add'),
    planTarget(source, target('c', [tag('Own')]), 'add'),
  ],
};
const now = new Date('2026-11-20T14:03:00Z');
const stored = () =>
  Job.parse(newJob(plan, { app: 'demo', kind: 'bulk-copy', snapshotBeforeId: 's1', now }));

describe('the job journal', () => {
  it('a new job is a valid store record; its plan parses back as it was', () => {
    const job = stored();
    expect(job.targets.map((t) => [t.key, t.state])).toEqual([
      ['a', 'queued'],
      ['b', 'skipped'],
      ['c', 'queued'],
    ]);
    // Through structured clone, as IndexedDB stores it.
    expect(planOfJob(structuredClone(job))).toEqual(plan);
  });

  it('a job without a native source parses without one', () => {
    const job = newJob(
      { ...plan, nativeSource: undefined },
      { app: 'demo', kind: 'bulk-copy', snapshotBeforeId: 's1', now },
    );
    expect(job.source).toEqual({ name: 'Widget', native: null });
    expect(planOfJob(job).nativeSource).toBeUndefined();
  });

  /** Puts `value` at `path` of a stored job (undefined deletes), as a damaged record would hold. */
  const damaged = (path: (string | number)[], value: unknown) => {
    const job: unknown = structuredClone(stored());
    let at = job as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (value === undefined) delete at[last];
    else at[last] = value;
    return job as { mode: unknown; source: unknown };
  };

  it.each([
    ['an unknown mode', ['mode', 'mode'], 'merge', 'mode'],
    ['a plan target without actions', ['mode', 'plan', 0, 'after'], undefined, 'plan.0.after'],
    [
      'an action that is not one',
      ['mode', 'plan', 2, 'before'],
      [{ label: 3 }],
      'plan.2.before.0.label',
    ],
    ['no source name', ['source'], { native: null }, 'name'],
    ['a mode that is not an object', ['mode'], 'add', 'the job'],
  ] as const)('refuses a journal with %s, saying where', (_, path, value, where) => {
    expect(() => planOfJob(damaged([...path], value))).toThrow(`(at ${where})`);
  });

  it('an outcome journals with its reason; a changed target says what changed', () => {
    expect(journalEntry({ state: 'done' })).toEqual({ state: 'done' });
    expect(journalEntry({ state: 'failed', reason: 'No tag.' })).toEqual({
      state: 'failed',
      error: 'No tag.',
    });
    expect(
      journalEntry({
        state: 'changed',
        reason: 'Changed since the preview.',
        changes: ['an action "Apply tag: B" was added since the preview'],
      }),
    ).toEqual({
      state: 'changed',
      error: 'Changed since the preview. An action "Apply tag: B" was added since the preview.',
    });
  });

  it('a set rebuilt by a colleague still fits the journal message, saying how many more', () => {
    const changes = Array.from(
      { length: 200 },
      (_, i) => `an action "Apply tag: Colleague ${i}" was added since the preview`,
    );
    const e = journalEntry({ state: 'changed', reason: 'Changed since the preview.', changes });
    expect(e.error?.length).toBeLessThanOrEqual(MAX_REASON);
    expect(e.error).toMatch(
      /^Changed since the preview\. An action "Apply tag: Colleague 0" was added/,
    );
    expect(e.error).toMatch(/; and \d+ more changes\.$/);
  });
});

describe('resume', () => {
  const journal = (states: Record<string, string>) =>
    stored().targets.map((t) => ({ ...t, state: states[t.key] as never, error: 'x' }));

  it('runs again what was queued or caught mid-write, in the plan order', () => {
    const r = resumeRun({ targets: journal({ a: 'writing', b: 'skipped', c: 'queued' }) }, plan);
    expect(r.run.map((t) => t.key)).toEqual(['a', 'c']);
    expect(r.journal.map((t) => [t.key, t.state, t.error])).toEqual([
      ['a', 'queued', undefined],
      ['b', 'skipped', 'x'],
      ['c', 'queued', undefined],
    ]);
  });

  it('tells the engine which targets an earlier run wrote to (their part-way state may be its own)', () => {
    const targets = journal({ a: 'writing', b: 'queued', c: 'queued' }).map((t) => ({
      ...t,
      attempts: 1,
      wroteAt: t.key === 'a' ? '2026-12-03T12:00:00.000Z' : undefined,
    }));
    const r = resumeRun({ targets }, plan);
    expect(r.run.map((t) => [t.key, t.mayHaveWritten])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
  });

  it('leaves done, skipped, failed and changed targets alone', () => {
    const r = resumeRun({ targets: journal({ a: 'done', b: 'changed', c: 'failed' }) }, plan);
    expect(r.run).toEqual([]);
  });

  it('Retry runs the failed ones only; a changed target needs a new preview, never a retry', () => {
    const r = resumeRun({ targets: journal({ a: 'failed', b: 'done', c: 'changed' }) }, plan, [
      'failed',
    ]);
    expect(r.run.map((t) => t.key)).toEqual(['a']);
    expect(r.journal.find((t) => t.key === 'c')?.state).toBe('changed');
  });

  it('refuses when the journal names a set its plan lacks', () => {
    const targets = [...journal({ a: 'queued', b: 'done', c: 'done' })];
    targets.push({ ...(targets[0] as (typeof targets)[0]), key: 'z', state: 'queued' as never });
    expect(() => resumeRun({ targets }, plan)).toThrow('no record of 1 of its sets');
  });

  it('a stopped run: mid-write targets back to the queue; session and journal stops resume', () => {
    const t = journal({ a: 'writing', b: 'done', c: 'queued' });
    expect(requeueWriting(t).map((x) => x.state)).toEqual(['queued', 'done', 'queued']);
    const stop = (s: RunStopped) => stoppedRun(s.why, s.message).status;
    expect(stop(new RunStopped('expired', 'session'))).toBe('interrupted');
    expect(stop(new RunStopped('quota', 'journal'))).toBe('interrupted');
    expect(stop(new RunStopped('x', 'cancelled'))).toBe('cancelled');
    expect(stop(new RunStopped('x', 'breaker'))).toBe('failed');
    expect(stop(new RunStopped('x', 'account'))).toBe('failed');
    expect(countStates(t)).toEqual({
      queued: 1,
      writing: 1,
      done: 1,
      skipped: 0,
      failed: 0,
      changed: 0,
    });
  });
});
