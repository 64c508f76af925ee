import * as z from 'zod/mini';
import { Action, SetRef } from '../model';
import type { TargetOutcome } from './engine';
import type { CopyMode, PlannedTarget } from './plan';

// What a write job (bulk copy, restore, undo) keeps in the journal besides its targets' states:
// its plan (`mode`) and where its actions came from (`source`). The store holds these as opaque
// values; this module owns their meaning, so a journal read back from the store (possibly written
// by an older build, possibly damaged) is parsed here before it can drive a single CRM write.
// zod/mini: this runs in the content script, at the boundary between the store and the engine.

const PlannedTargetRecord = z.object({
  key: z.string().check(z.minLength(1)),
  ref: SetRef,
  name: z.string(),
  editorUrl: z.string().check(z.minLength(1)),
  before: z.array(Action),
  after: z.array(Action),
  adds: z.int().check(z.nonnegative()),
  removes: z.int().check(z.nonnegative()),
  change: z.enum(['none', 'add', 'replace']),
});

const JobMode = z.object({
  /** restore: every target to a state named per target (a snapshot's set, or Undo's). */
  mode: z.enum(['add', 'replace', 'restore']),
  plan: z.array(PlannedTargetRecord),
});
export type JobMode = z.infer<typeof JobMode>;

const JobSource = z.object({
  /** As the dialog named it: a set, or "the snapshot of demo taken 2026-11-20 14:03". */
  name: z.string(),
  /** The source set of this account for the editor's native copy control, when there is one. */
  native: z.nullable(
    z.object({ name: z.string().check(z.minLength(1)), actions: z.array(Action) }),
  ),
});
export type JobSource = z.infer<typeof JobSource>;

/** A job's plan as the engine runs it. */
export interface JobPlan {
  mode: CopyMode | 'restore';
  sourceName: string;
  nativeSource?: { name: string; actions: Action[] };
  targets: PlannedTarget[];
}

/** The journal's target states: the store's, plus 'changed' (stopped, nothing written). */
export type JournalState = 'queued' | 'writing' | 'done' | 'skipped' | 'failed' | 'changed';

export interface JournalTarget {
  key: string;
  name: string;
  state: JournalState;
  attempts: number;
  error?: string;
  updatedAt: string;
  /** Set just before the job's first write to the set (see resume.ts). */
  wroteAt?: string;
}

/** The two opaque fields of a stored job, from its plan. */
function jobRecordOf(plan: JobPlan): { mode: JobMode; source: JobSource } {
  return {
    mode: { mode: plan.mode, plan: plan.targets },
    source: { name: plan.sourceName, native: plan.nativeSource ?? null },
  };
}

/**
 * The plan of a journaled job, parsed. Throws a plain message when the journal does not hold a
 * plan this build can run: Resume and Undo then refuse instead of writing from a guess.
 */
export function planOfJob(job: { mode: unknown; source: unknown }): JobPlan {
  const mode = JobMode.safeParse(job.mode);
  const source = JobSource.safeParse(job.source);
  const bad = !mode.success ? mode.error : !source.success ? source.error : null;
  if (bad || !mode.success || !source.success) {
    const where = bad?.issues[0]?.path.join('.') || 'the job';
    throw new Error(
      `This job's journal does not hold a plan that can be run (at ${where}), so nothing was written.`,
    );
  }
  const native = source.data.native;
  return {
    mode: mode.data.mode,
    sourceName: source.data.name,
    ...(native ? { nativeSource: native } : {}),
    targets: mode.data.plan,
  };
}

/** A new job's journal record, before its first write (`status` running: the snapshot exists). */
export function newJob(
  plan: JobPlan,
  o: { app: string; kind: 'bulk-copy' | 'restore'; snapshotBeforeId: string; now: Date },
) {
  const at = o.now.toISOString();
  return {
    id: `${o.kind}-${o.app}-${o.now.getTime().toString(36)}`,
    app: o.app,
    kind: o.kind,
    createdAt: at,
    status: 'running' as const,
    snapshotBeforeId: o.snapshotBeforeId,
    targets: plan.targets.map(
      (t): JournalTarget => ({
        key: t.key,
        name: t.name,
        state: t.change === 'none' ? 'skipped' : 'queued',
        attempts: 0,
        error: t.change === 'none' ? 'no change' : undefined,
        updatedAt: at,
      }),
    ),
    ...jobRecordOf(plan),
  };
}

/** The longest reason the journal message carries (lib/messaging/runtime.ts 'job-update'). */
export const MAX_REASON = 2000;

/**
 * A target's journal entry for an engine outcome; `changes` join the reason (plain words), as
 * many as fit, then how many more: a set a colleague rebuilt must not make the journal refuse it.
 */
export function journalEntry(outcome: TargetOutcome): { state: JournalState; error?: string } {
  switch (outcome.state) {
    case 'done':
      return { state: 'done' };
    case 'changed':
      return { state: 'changed', error: withChanges(outcome.reason, outcome.changes) };
    default:
      return { state: outcome.state, error: clip(outcome.reason) };
  }
}

const clip = (text: string) =>
  text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON - 1)}…`;

function withChanges(reason: string, changes: readonly string[]): string {
  const text = (shown: number) => {
    const hidden = changes.length - shown;
    const more = hidden > 0 ? [`and ${hidden} more change${hidden === 1 ? '' : 's'}`] : [];
    const list = `${[...changes.slice(0, shown), ...more].join('; ')}.`;
    return `${reason} ${list.charAt(0).toUpperCase()}${list.slice(1)}`;
  };
  let shown = changes.length;
  while (shown > 0 && text(shown).length > MAX_REASON) shown--;
  return clip(text(shown));
}
