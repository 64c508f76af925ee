import type { Action, ActionSet, Snapshot } from '../model';
import { setKey } from '../model';
import { describeChanges, readState } from './drift';
import type { JobPlan, JournalState, JournalTarget } from './job';
import { type PlannedTarget, planTo } from './plan';

// Undo: every set a job wrote back to its state just before the job's first write to it. A set
// someone changed after the job wrote it is refused, with what changed: putting the old state
// back would silently delete a colleague's work.

/**
 * States in which the job may have written to a target. 'changed' is one: a Resume finds a set
 * an earlier run had part-written and a colleague has edited since, and Undo must list it (as
 * refused) rather than leave it out.
 */
const MAY_HAVE_WRITTEN: ReadonlySet<JournalState> = new Set([
  'writing',
  'done',
  'failed',
  'changed',
]);

/** The sets Undo must read now: those the job may have written, with its plan for each. */
export function undoTargets(
  job: { targets: readonly Pick<JournalTarget, 'key' | 'state' | 'wroteAt'>[] },
  plan: Pick<JobPlan, 'targets'>,
): PlannedTarget[] {
  // The journal marks each set just before the job's first write to it: only those were
  // touched. (A journal from before that mark existed falls back to the states.)
  const marked = job.targets.some((t) => t.wroteAt !== undefined);
  const touched = new Map(
    job.targets
      .filter((t) => (marked ? t.wroteAt !== undefined : MAY_HAVE_WRITTEN.has(t.state)))
      .map((t) => [t.key, t.state]),
  );
  return plan.targets
    .filter((t) => touched.has(t.key))
    .map((t) => ({ ...t, jobFinished: touched.get(t.key) === 'done' }));
}

export interface UndoRefusal {
  key: string;
  name: string;
  reason: string;
  /** What differs from what the job left, in plain words. */
  changes: string[];
}

export interface UndoPlan {
  /** One plan per set Undo may write, each from the read just made (unchanged ones: 'none'). */
  targets: PlannedTarget[];
  refused: UndoRefusal[];
}

/**
 * Plans Undo from the job's plan (`after`: what it wrote), the sets as they were just before its
 * first write (the pre-write snapshot's sets, same account, so paired by set key), and a fresh
 * read of each. A set is undone when it holds what the job left, this job's own part-way
 * progress (it stopped mid-set), or already its old state; anything else is refused.
 */
export function planUndo(
  touched: readonly PlannedTarget[],
  prewrite: readonly ActionSet[],
  current: ReadonlyMap<string, readonly Action[]>,
): UndoPlan {
  const was = new Map(prewrite.map((s) => [setKey(s.ref), s.actions]));
  const out: UndoPlan = { targets: [], refused: [] };
  for (const t of touched) {
    const before = was.get(t.key);
    const now = current.get(t.key);
    if (!before || !now) {
      out.refused.push({
        key: t.key,
        name: t.name,
        reason: before
          ? 'This set was not read, so Undo leaves it alone.'
          : 'The snapshot taken before this job has no record of this set, so Undo leaves it alone.',
        changes: [],
      });
      continue;
    }
    const state = readState(now, before, t.after);
    if (state === 'changed' || (state === 'in-progress' && t.jobFinished)) {
      // Whether the job wrote it is not always known (a set stopped as changed may have been
      // part-written by an earlier run): name the changes against the nearer of the two states.
      const sinceWrite = describeChanges(t.after, now, 'after this job wrote it');
      const sinceRead = describeChanges(before, now, 'since this job read it');
      out.refused.push({
        key: t.key,
        name: t.name,
        reason: 'Someone else changed it since this job, so Undo leaves it alone.',
        changes: sinceRead.length < sinceWrite.length ? sinceRead : sinceWrite,
      });
      continue;
    }
    out.targets.push(
      planTo(
        { key: t.key, ref: t.ref, name: t.name, editorUrl: t.editorUrl, current: [...now] },
        before,
      ),
    );
  }
  return out;
}

/**
 * The snapshot every write job stores before its first write: its targets as the preview read
 * them. Pinned, so retention never drops what Undo needs.
 */
export function prewriteSnapshot(
  plan: Pick<JobPlan, 'sourceName' | 'targets'>,
  o: { app: string; host: string; cause: 'before-bulk-copy' | 'before-restore'; now: Date },
): Snapshot {
  const n = plan.targets.length;
  return {
    id: `${o.app}-${o.cause}-${o.now.getTime().toString(36)}`,
    app: o.app,
    host: o.host,
    build: null,
    takenAt: o.now.toISOString(),
    cause: o.cause,
    name:
      o.cause === 'before-bulk-copy'
        ? `Before bulk copy of ${plan.sourceName} to ${n} sets`
        : `Before restoring ${n} sets from ${plan.sourceName}`,
    pinned: true,
    runOnAllOrders: 'unknown',
    products: [],
    sets: plan.targets.map((t) => ({ ref: t.ref, name: t.name, actions: t.before })),
  };
}

/**
 * The pre-write snapshot with one set as the engine's fresh read found it just before the job's
 * first write to it (EngineHooks.beforeFirstWrite). Its content equals the preview's read (the
 * engine writes on nothing else); the fresh read adds the CRM ids the write is about to change.
 */
export function withPrewriteRead(
  snapshot: Snapshot,
  t: Pick<PlannedTarget, 'key' | 'ref' | 'name'>,
  current: readonly Action[],
): Snapshot {
  const set = { ref: t.ref, name: t.name, actions: [...current] };
  const at = snapshot.sets.findIndex((s) => setKey(s.ref) === t.key);
  const sets = [...snapshot.sets];
  if (at === -1) sets.push(set);
  else sets[at] = set;
  return { ...snapshot, sets };
}
