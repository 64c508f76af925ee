import type { Action, ActionSet } from '../model';
import { setKey } from '../model';
import { describeChanges, readState } from './drift';
import type { JobPlan, JournalState, JournalTarget } from './job';
import { type PlannedTarget, planTo } from './plan';

// Undo: every set a job wrote back to its state just before the job's first write to it. A set
// someone changed after the job wrote it is refused, with what changed: putting the old state
// back would silently delete a colleague's work (threat model, rule 6).

/** States in which the job may have written to a target (a 'changed' one was never written). */
const MAY_HAVE_WRITTEN: ReadonlySet<JournalState> = new Set(['writing', 'done', 'failed']);

/** The sets Undo must read now: those the job may have written, with its plan for each. */
export function undoTargets(
  job: { targets: readonly Pick<JournalTarget, 'key' | 'state'>[] },
  plan: Pick<JobPlan, 'targets'>,
): PlannedTarget[] {
  const touched = new Set(
    job.targets.filter((t) => MAY_HAVE_WRITTEN.has(t.state)).map((t) => t.key),
  );
  return plan.targets.filter((t) => touched.has(t.key));
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
    if (readState(now, before, t.after) === 'changed') {
      out.refused.push({
        key: t.key,
        name: t.name,
        reason: 'Changed after this job wrote it, so Undo leaves it alone.',
        changes: describeChanges(t.after, now, 'after this job wrote it'),
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
