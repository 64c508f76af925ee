import type { PreviewTarget, RunProgress, TargetState } from './types';

// Every sentence the dialog shows in one place, so wording stays consistent between the steps.

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Rounded on purpose: a per-second countdown on a multi-minute job only adds noise. */
export function etaText(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `about ${Math.max(s, 1)} s left`;
  const m = Math.round(s / 60);
  if (m < 60) return `about ${m} min left`;
  return `about ${Math.floor(m / 60)} h ${m % 60} min left`;
}

const STATE_WORDS: Record<TargetState, string> = {
  queued: 'Queued',
  writing: 'Writing…',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  changed: 'Changed since the preview',
};

/** An Undo's 'changed' sets are the ones it refused: someone changed them after the job. */
export function stateWords(state: TargetState, undoing: boolean): string {
  return state === 'changed' && undoing ? 'Changed since the job: left alone' : STATE_WORDS[state];
}

/** Sets the job has finished with, whatever the outcome. */
export const handledOf = (p: RunProgress) => p.done + p.skipped + p.failed + p.changed;

export const CHANGE_WORDS: Record<PreviewTarget['change'], string> = {
  none: 'No change',
  add: 'Adds actions',
  replace: 'Replaces actions',
};

export function statusText(p: RunProgress, undoing: boolean): string {
  const verb = undoing ? 'Undoing' : 'Copying';
  const handled = handledOf(p);
  switch (p.status) {
    case 'running':
      return `${verb}: ${handled} of ${handled + p.left} sets`;
    case 'paused':
      return `Paused after ${handled} of ${handled + p.left} sets`;
    case 'interrupted':
      return p.message ?? 'Interrupted. Resume to continue.';
    case 'done': {
      const stopped = [
        p.failed > 0 ? plural(p.failed, 'failed set') : '',
        p.changed > 0
          ? `${plural(p.changed, 'set')} ${undoing ? 'left alone (changed since the job)' : 'changed since the preview (nothing written to them)'}`
          : '',
      ].filter(Boolean);
      return stopped.length ? `Finished with ${stopped.join(' and ')}` : 'Finished';
    }
    case 'cancelled':
      return p.message ?? 'Cancelled';
    case 'failed':
      return p.message ?? 'Stopped';
  }
}

/** Whether the job can still go on (Resume); terminal states get the report actions instead. */
export function isStopped(p: RunProgress): boolean {
  return p.status === 'paused' || p.status === 'interrupted';
}

export function isFinished(p: RunProgress): boolean {
  return p.status === 'done' || p.status === 'cancelled' || p.status === 'failed';
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return 'Something went wrong (no details were given).';
}
