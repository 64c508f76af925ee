import type { Action } from '../model';
import { actionFingerprint, sameActions } from '../snapshot/match';
import { type PlannedTarget, stepsFor } from './plan';

// The write engine shared by bulk copy, restore and undo. For each target: re-read it (so a
// write that happened but whose answer was lost is never repeated), do the least work through
// the editor's own forms, read it back, and call it done only when the read-back is exactly the
// plan. Session expiry stops the run (Resume continues); repeated failures trip a breaker.

export interface WriteOps {
  /**
   * Reads a set. `expected` is what we believe it holds: where the editor's list (type and
   * summary of each action, in order) agrees, its full configuration is taken from `expected`
   * instead of opening every action's form again; where it differs, every form is read.
   */
  readSet(editorUrl: string, expected?: readonly Action[]): Promise<Action[]>;
  addAction(
    editorUrl: string,
    action: Action,
  ): Promise<{ ok: true } | { ok: false; missing: string[] }>;
  deleteAction(editorUrl: string, index: number, expect: Action): Promise<void>;
  /** The editor's native "Copy an existing action set", when the source is a set of this account. */
  copyFromSet?(editorUrl: string, sourceName: string, expectAdded: number): Promise<void>;
  /** The page's account right now: checked before every target. */
  currentApp(): string | null;
}

export type TargetOutcome =
  | { state: 'done' }
  | { state: 'skipped'; reason: string }
  | { state: 'failed'; reason: string };

/** Errors that stop the whole run, not just one target. */
export class RunStopped extends Error {
  constructor(
    message: string,
    readonly why: 'session' | 'breaker' | 'account' | 'cancelled',
  ) {
    super(message);
    this.name = 'RunStopped';
  }
}

export interface EngineHooks {
  app: string;
  /** Source set's name in this account, when the native copy control can be used. */
  nativeSource?: { name: string; actions: Action[] };
  isSessionError(e: unknown): boolean;
  isUncertainWrite(e: unknown): boolean;
  signal?: AbortSignal;
  maxAttempts?: number;
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function writeTarget(
  t: PlannedTarget,
  ops: WriteOps,
  hooks: EngineHooks,
): Promise<TargetOutcome> {
  const maxAttempts = hooks.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    if (hooks.signal?.aborted) throw new RunStopped('Cancelled.', 'cancelled');
    if (ops.currentApp() !== hooks.app) {
      throw new RunStopped(
        `This job belongs to the account "${hooks.app}"; this tab is another account.`,
        'account',
      );
    }
    try {
      const current = await ops.readSet(t.editorUrl, t.before);
      if (sameActions(current, t.after, { ordered: true })) {
        return attempt === 1 && sameActions(t.before, t.after, { ordered: true })
          ? { state: 'skipped', reason: 'already as planned' }
          : { state: 'done' };
      }
      const steps = stepsFor(current, t.after);
      if (steps.removeFrom !== null) {
        // Delete from the end: earlier rows keep their positions.
        for (let i = current.length - 1; i >= steps.removeFrom; i--) {
          await ops.deleteAction(t.editorUrl, i, current[i] as Action);
        }
      }
      const native = hooks.nativeSource;
      if (
        native &&
        ops.copyFromSet &&
        steps.add.length === native.actions.length &&
        steps.add.every(
          (a, i) => actionFingerprint(a) === actionFingerprint(native.actions[i] as Action),
        )
      ) {
        await ops.copyFromSet(t.editorUrl, native.name, steps.add.length);
      } else {
        for (const action of steps.add) {
          const r = await ops.addAction(t.editorUrl, action);
          if (!r.ok)
            return { state: 'failed', reason: `This account has no ${r.missing.join(', ')}.` };
        }
      }
      const readBack = await ops.readSet(t.editorUrl, t.after);
      if (sameActions(readBack, t.after, { ordered: true })) return { state: 'done' };
      if (attempt >= maxAttempts)
        return { state: 'failed', reason: 'The read-back does not match the plan.' };
    } catch (e) {
      if (e instanceof RunStopped) throw e;
      if (hooks.isSessionError(e)) throw new RunStopped(describe(e), 'session');
      // A lost answer: loop, and the fresh read decides whether the write happened.
      if (hooks.isUncertainWrite(e) && attempt < maxAttempts) continue;
      if (attempt >= maxAttempts) return { state: 'failed', reason: describe(e) };
    }
  }
}

export interface RunHooks extends EngineHooks {
  concurrency: number;
  /** Consecutive failed targets that stop the run (the circuit breaker). */
  breakAfter?: number;
  /** Called before a target is written: the journal records it as being written. */
  onStart(t: PlannedTarget): Promise<void>;
  onOutcome(t: PlannedTarget, outcome: TargetOutcome): Promise<void>;
  /** Pause: resolves when the run may continue. */
  gate?(): Promise<void>;
}

/** Runs targets with bounded concurrency; throws RunStopped when the run cannot go on. */
export async function runTargets(
  targets: readonly PlannedTarget[],
  ops: WriteOps,
  hooks: RunHooks,
): Promise<void> {
  const queue = [...targets];
  let failedInARow = 0;
  let stopped: RunStopped | null = null;
  const breakAfter = hooks.breakAfter ?? 5;
  const worker = async () => {
    for (;;) {
      await hooks.gate?.();
      if (stopped) return;
      const t = queue.shift();
      if (!t) return;
      await hooks.onStart(t);
      try {
        const outcome = await writeTarget(t, ops, hooks);
        failedInARow = outcome.state === 'failed' ? failedInARow + 1 : 0;
        await hooks.onOutcome(t, outcome);
        if (failedInARow >= breakAfter) {
          stopped = new RunStopped(
            `Stopped after ${failedInARow} targets failed in a row; nothing more was written. Last: ${outcome.state === 'failed' ? outcome.reason : ''}`,
            'breaker',
          );
        }
      } catch (e) {
        stopped ??= e instanceof RunStopped ? e : new RunStopped(describe(e), 'breaker');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, hooks.concurrency) }, worker));
  if (stopped) throw stopped;
}
