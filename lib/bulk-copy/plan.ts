import type { Action, SetRef } from '../model';
import { actionFingerprint, missingActions, sameActions } from '../snapshot/match';

// What a bulk copy (or a restore, or an undo) will do to each target set, decided from a fresh
// read of every target (the dry run). Pure: the same plan drives the preview, the write and
// the verification.

export type CopyMode = 'add' | 'replace';

export interface TargetRead {
  key: string;
  ref: SetRef;
  name: string;
  editorUrl: string;
  current: Action[];
}

export interface PlannedTarget {
  key: string;
  ref: SetRef;
  name: string;
  editorUrl: string;
  before: Action[];
  /** Exactly what the set must hold afterwards, in order; the read-back is compared with it. */
  after: Action[];
  adds: number;
  removes: number;
  change: 'none' | 'add' | 'replace';
  /**
   * An earlier run of this job started on this target (Resume after a closed tab or an ended
   * session), so a part-way state may be its own work. Without it, a part-way state on the first
   * read can only be someone else's edit that happens to look like ours.
   */
  mayHaveWritten?: boolean;
  /**
   * For Undo: the journal says this job finished the set. Then only its `after` is the job's
   * doing; a part-way look (a trailing action gone) is someone else's edit.
   */
  jobFinished?: boolean;
}

/** add: the source's actions the target lacks go after its own; replace: the source's, only. */
export function planTarget(
  source: readonly Action[],
  t: TargetRead,
  mode: CopyMode,
): PlannedTarget {
  const after = mode === 'add' ? [...t.current, ...missingActions(source, t.current)] : [...source];
  return planTo(t, after);
}

/** A target that must end up holding exactly `after` (restore and undo). */
export function planTo(t: TargetRead, after: readonly Action[]): PlannedTarget {
  const steps = stepsFor(t.current, after);
  const unchanged = sameActions(t.current, after, { ordered: true });
  return {
    key: t.key,
    ref: t.ref,
    name: t.name,
    editorUrl: t.editorUrl,
    before: t.current,
    after: [...after],
    adds: unchanged ? 0 : steps.add.length,
    removes: unchanged ? 0 : steps.removeFrom === null ? 0 : t.current.length - steps.removeFrom,
    change: unchanged ? 'none' : steps.removeFrom === null ? 'add' : 'replace',
  };
}

/**
 * The least work from `current` to `after` with the editor's own operations (append, delete):
 * keep the longest common prefix, delete what follows it, append the rest.
 */
export function stepsFor(
  current: readonly Action[],
  after: readonly Action[],
): { removeFrom: number | null; add: Action[] } {
  let k = 0;
  while (
    k < current.length &&
    k < after.length &&
    actionFingerprint(current[k] as Action) === actionFingerprint(after[k] as Action)
  ) {
    k++;
  }
  return { removeFrom: k < current.length ? k : null, add: after.slice(k) };
}

export interface PlanSummary {
  targets: number;
  changing: number;
  unchanged: number;
  adds: number;
  removes: number;
}

export function summarise(plan: readonly PlannedTarget[]): PlanSummary {
  return {
    targets: plan.length,
    changing: plan.filter((p) => p.change !== 'none').length,
    unchanged: plan.filter((p) => p.change === 'none').length,
    adds: plan.reduce((n, p) => n + p.adds, 0),
    removes: plan.reduce((n, p) => n + p.removes, 0),
  };
}
