import type { Action } from '../model';
import { actionFingerprint, sameActions } from '../snapshot/match';
import { describeChanges, readState } from './drift';
import { type PlannedTarget, stepsFor } from './plan';

// The write engine shared by bulk copy, restore and undo. For each target: re-read it (so a
// write that happened but whose answer was lost is never repeated), refuse it when it holds
// something the plan was not made from (a colleague's edit must never be overwritten), do the
// least work through the editor's own forms, read it back, and call it done only when the
// read-back is exactly the plan. Session expiry stops the run (Resume continues); repeated
// failures trip a breaker; a journal that cannot be written stops the run before the next write.

export interface WriteOps {
  /**
   * Reads a set. `expected` is what we believe it holds: where the editor's list (type and
   * summary of each action, in order) agrees, its full configuration is taken from `expected`
   * instead of opening every action's form again; where it differs, every form is read. The
   * engine passes no `expected`, neither for the read it plans against (a colleague's change to
   * a rule or a task's owner shows in no summary) nor for the read-back (a configuration or rule
   * the CRM did not save shows in no summary either): both read every action's form.
   */
  readSet(editorUrl: string, expected?: readonly Action[]): Promise<Action[]>;
  addAction(
    editorUrl: string,
    action: Action,
  ): Promise<{ ok: true } | { ok: false; missing: string[] }>;
  deleteAction(editorUrl: string, index: number, expect: Action): Promise<void>;
  /**
   * What the account lacks to add this action to the set again (empty: it could), found by the
   * forms a write uses, sending nothing. Asked before any action is deleted: a deleted action
   * that cannot be added back (it names a subscription or tag the account no longer has) could
   * never be restored by Undo.
   */
  missingToAddBack(editorUrl: string, action: Action): Promise<string[]>;
  /** The editor's native "Copy an existing action set", when the source is a set of this account. */
  copyFromSet?(editorUrl: string, sourceName: string, expectAdded: number): Promise<void>;
  /** The page's account right now: checked before every target. */
  currentApp(): string | null;
}

export type TargetOutcome =
  | { state: 'done' }
  | { state: 'skipped'; reason: string }
  /** Someone else wrote to it since the preview; nothing was written. `changes`: plain words. */
  | { state: 'changed'; reason: string; changes: string[] }
  | { state: 'failed'; reason: string };

export type StopWhy = 'session' | 'breaker' | 'account' | 'cancelled' | 'journal';

/** Errors that stop the whole run, not just one target. */
export class RunStopped extends Error {
  constructor(
    message: string,
    readonly why: StopWhy,
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
  /**
   * Called with a target's fresh read just before the job's first write to it, and awaited:
   * the state Undo goes back to. Not called when the read shows this job's own progress (its
   * first write happened in an earlier run, after this hook). If it rejects, nothing is written
   * to the target and the run stops ('journal').
   */
  beforeFirstWrite?(t: PlannedTarget, current: Action[]): Promise<void>;
  signal?: AbortSignal;
  maxAttempts?: number;
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Awaits a journal write; its failure stops the run, since an unrecorded write cannot be undone. */
async function journaled(what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    if (e instanceof RunStopped) throw e;
    throw new RunStopped(
      `The journal could not be written (${what}), so nothing more was written: ${describe(e)}`,
      'journal',
    );
  }
}

export async function writeTarget(
  t: PlannedTarget,
  ops: WriteOps,
  hooks: EngineHooks,
): Promise<TargetOutcome> {
  const maxAttempts = hooks.maxAttempts ?? 3;
  // Whether this call has sent a write: from then on an unexplained read is this call's own
  // write gone wrong (a failure), not a colleague's edit.
  let wrote = false;
  for (let attempt = 1; ; attempt++) {
    if (hooks.signal?.aborted) throw new RunStopped('Cancelled.', 'cancelled');
    if (ops.currentApp() !== hooks.app) {
      throw new RunStopped(
        `This job belongs to the account "${hooks.app}"; this tab is another account.`,
        'account',
      );
    }
    try {
      const current = await ops.readSet(t.editorUrl);
      const read = readState(current, t.before, t.after);
      // Part-way is this job's own work only if it wrote here: in this call (a lost answer) or
      // in an earlier run of the job (the journal says it started on it). Otherwise a colleague's
      // edit that looks like one of our steps (a trailing action deleted, an action added that
      // the plan also adds) would be taken for ours and written over.
      const state = read === 'in-progress' && !wrote && !t.mayHaveWritten ? 'changed' : read;
      if (state === 'as-planned') {
        return attempt === 1 && sameActions(t.before, t.after, { ordered: true })
          ? { state: 'skipped', reason: 'already as planned' }
          : { state: 'done' };
      }
      if (state === 'changed') {
        const changes = describeChanges(t.before, current, 'since the preview');
        if (!wrote) {
          return {
            state: 'changed',
            reason:
              'Changed since the preview, so nothing was written to it. Preview again to plan against what is there now.',
            changes,
          };
        }
        return {
          state: 'failed',
          reason: `After this job wrote to it, the set holds what the plan does not explain: ${changes.join('; ')}.`,
        };
      }
      const steps = stepsFor(current, t.after);
      if (steps.removeFrom !== null) {
        const unrecoverable = await firstUnrecoverable(ops, t.editorUrl, current, steps.removeFrom);
        if (unrecoverable) {
          const reason = `It holds "${unrecoverable.action.label}: ${unrecoverable.action.summary}", which the plan deletes and this account could not add back (no ${unrecoverable.missing.join(', ')}). Fix or remove that action in the CRM, then preview again.`;
          return wrote || read === 'in-progress'
            ? { state: 'failed', reason }
            : { state: 'skipped', reason: `Nothing was written. ${reason}` };
        }
      }
      if (state === 'as-read' && !wrote && hooks.beforeFirstWrite) {
        const hook = hooks.beforeFirstWrite;
        await journaled(`the state of "${t.name}" before writing`, () => hook(t, current));
      }
      wrote = true;
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
      // Every form read again: what was written is checked field by field, not by its summary.
      const readBack = await ops.readSet(t.editorUrl);
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

/** The first action from `from` on that the account could not add back, with what it lacks. */
async function firstUnrecoverable(
  ops: WriteOps,
  editorUrl: string,
  current: readonly Action[],
  from: number,
): Promise<{ action: Action; missing: string[] } | null> {
  const asked = new Set<string>();
  for (const action of current.slice(from)) {
    const key = actionFingerprint(action);
    if (asked.has(key)) continue;
    asked.add(key);
    const missing = await ops.missingToAddBack(editorUrl, action);
    if (missing.length) return { action, missing };
  }
  return null;
}

export interface RunHooks extends EngineHooks {
  concurrency: number;
  /** Consecutive failed targets that stop the run (the circuit breaker). */
  breakAfter?: number;
  /** Called before a target is written: the journal records it as being written. */
  onStart(t: PlannedTarget): Promise<void>;
  onOutcome(t: PlannedTarget, outcome: TargetOutcome): Promise<void>;
  /** A real run always keeps each target's state before its first write (see EngineHooks). */
  beforeFirstWrite(t: PlannedTarget, current: Action[]): Promise<void>;
  /** Pause: resolves when the run may continue. */
  gate?(): Promise<void>;
}

/**
 * Runs targets with bounded concurrency; throws RunStopped when the run cannot go on. Once the
 * run is stopping (a journal write failed, the session ended, the breaker tripped), no worker
 * sends another CRM request, including those in the middle of a target.
 */
export async function runTargets(
  targets: readonly PlannedTarget[],
  ops: WriteOps,
  hooks: RunHooks,
): Promise<void> {
  const queue = [...targets];
  let failedInARow = 0;
  let stopped: RunStopped | null = null;
  const breakAfter = hooks.breakAfter ?? 5;
  const halt = () => {
    if (stopped) throw stopped;
  };
  const guarded: WriteOps = {
    currentApp: () => ops.currentApp(),
    readSet: async (url, expected) => {
      halt();
      return ops.readSet(url, expected);
    },
    addAction: async (url, action) => {
      halt();
      return ops.addAction(url, action);
    },
    deleteAction: async (url, index, expect) => {
      halt();
      await ops.deleteAction(url, index, expect);
    },
    missingToAddBack: async (url, action) => {
      halt();
      return ops.missingToAddBack(url, action);
    },
    copyFromSet: ops.copyFromSet
      ? async (url, name, expectAdded) => {
          halt();
          await ops.copyFromSet?.(url, name, expectAdded);
        }
      : undefined,
  };
  const worker = async () => {
    for (;;) {
      await hooks.gate?.();
      if (stopped) return;
      const t = queue.shift();
      if (!t) return;
      try {
        await journaled(`"${t.name}" being written`, () => hooks.onStart(t));
        const outcome = await writeTarget(t, guarded, hooks);
        // A changed target is someone else's edit, not a sign that writing is failing.
        if (outcome.state === 'failed') failedInARow++;
        else if (outcome.state !== 'changed') failedInARow = 0;
        await journaled(`the outcome for "${t.name}"`, () => hooks.onOutcome(t, outcome));
        if (failedInARow >= breakAfter) {
          stopped ??= new RunStopped(
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
