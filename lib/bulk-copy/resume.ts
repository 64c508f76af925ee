import type { StopWhy } from './engine';
import type { JobPlan, JournalState, JournalTarget } from './job';
import type { PlannedTarget } from './plan';

// Running a journaled job again: after a closed tab or an ended session (Resume), or for the
// targets that failed (Retry). Safe to repeat because the engine re-reads every target and writes
// only on what the plan was made from, or on this job's own progress.

/** States a job can run again from its own plan. */
export type RunAgain = 'queued' | 'writing' | 'failed';

export interface ResumeRun<T extends JournalTarget> {
  /** The journal's targets, those to run again back to 'queued' with no error. */
  journal: T[];
  /** What the engine runs, in the plan's order. */
  run: PlannedTarget[];
}

/**
 * Which targets to run again. 'queued' and 'writing' for Resume (a target caught mid-write is
 * re-read, so a write whose answer was lost is not repeated); 'failed' for Retry. A 'changed'
 * target is never run again from this plan: someone else wrote to it, and only a new preview may
 * plan against what it holds now. Throws when the journal names a target its plan lacks.
 */
export function resumeRun<T extends JournalTarget>(
  job: { targets: readonly T[] },
  plan: JobPlan,
  again: readonly RunAgain[] = ['queued', 'writing'],
): ResumeRun<T> {
  const states: readonly JournalState[] = again;
  const todo = new Set(job.targets.filter((t) => states.includes(t.state)).map((t) => t.key));
  const planned = new Set(plan.targets.map((t) => t.key));
  const lost = [...todo].filter((k) => !planned.has(k));
  if (lost.length > 0) {
    throw new Error(
      `This job's plan has no record of ${lost.length} of its sets, so it cannot be run again.`,
    );
  }
  return {
    journal: job.targets.map((t) =>
      todo.has(t.key) ? { ...t, state: 'queued', error: undefined } : t,
    ),
    // A target the journal shows started (written, or caught mid-write) may hold this job's own
    // part-way work; one never started may not.
    run: plan.targets
      .filter((t) => todo.has(t.key))
      .map((t) => ({
        ...t,
        mayHaveWritten: Boolean(job.targets.find((j) => j.key === t.key)?.wroteAt),
      })),
  };
}

export type StoppedStatus = 'interrupted' | 'cancelled' | 'failed';

/**
 * How a stopped run is journaled and shown. Stops that a Resume can safely continue from are
 * 'interrupted': an ended session, and a journal that could not be written (once the store has
 * room again, Resume re-reads every unfinished set before writing).
 */
export function stoppedRun(
  why: StopWhy,
  message: string,
): { status: StoppedStatus; message: string } {
  switch (why) {
    case 'session':
      return {
        status: 'interrupted',
        message:
          'Your Keap session has ended. Log in again in this tab, then Resume: the journal has kept every step.',
      };
    case 'journal':
      return {
        status: 'interrupted',
        message: `${message} Free some space for the extension (delete old snapshots), then Resume.`,
      };
    case 'cancelled':
      return { status: 'cancelled', message };
    default:
      return { status: 'failed', message };
  }
}

/** The targets a stopped run leaves mid-write go back to the queue (Resume re-reads them). */
export function requeueWriting<T extends { state: JournalState }>(targets: readonly T[]): T[] {
  return targets.map((t) => (t.state === 'writing' ? { ...t, state: 'queued' } : t));
}

/** Targets per journal state, for the report and the progress line. */
export function countStates(
  targets: readonly { state: JournalState }[],
): Record<JournalState, number> {
  const n: Record<JournalState, number> = {
    queued: 0,
    writing: 0,
    done: 0,
    skipped: 0,
    failed: 0,
    changed: 0,
  };
  for (const t of targets) n[t.state]++;
  return n;
}
