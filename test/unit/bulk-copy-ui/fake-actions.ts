// An in-memory BulkCopyActions: records every call, and lets a test hold a run open (to press
// Pause or Cancel mid-way), finish it with any outcome, or make the next call of a kind reject.
import type {
  ActionLine,
  BulkCopyActions,
  CopyMode,
  Preview,
  PreviewTarget,
  RunProgress,
  TargetOption,
} from '@/components/bulk-copy/types';

export interface Call {
  name: keyof BulkCopyActions;
  args: unknown[];
}

const line = (label: string, summary: string): ActionLine => ({ label, summary });
export const SOURCE_LINES = [
  line('Send Email', 'Send email: Welcome'),
  line('Apply/Remove Tag', 'Apply tag: Customer'),
];

export function fakeActions(targets: readonly TargetOption[], unchanged: readonly string[] = []) {
  const calls: Call[] = [];
  const failing = new Map<keyof BulkCopyActions, string>();
  let releaseRead: (() => void) | null = null;
  let heldPreview = false;
  /** The open run/resume call: pause, cancel or finish() settle it. */
  let open: { resolve(p: RunProgress): void; last: RunProgress } | null = null;
  let lastProgress: RunProgress | null = null;

  const record = (name: keyof BulkCopyActions, ...args: unknown[]) => {
    calls.push({ name, args });
    const message = failing.get(name);
    if (message) {
      failing.delete(name);
      throw new Error(message);
    }
  };
  const nameOf = (key: string) => targets.find((t) => t.key === key)?.name ?? key;

  function previewOf(mode: CopyMode, keys: string[], sourceName: string): Preview {
    const rows: PreviewTarget[] = keys.map((key) => {
      const none = unchanged.includes(key);
      return {
        key,
        name: nameOf(key),
        change: none ? 'none' : mode,
        before: none ? SOURCE_LINES : [],
        after: SOURCE_LINES,
      };
    });
    const changing = rows.filter((r) => r.change !== 'none').length;
    return {
      mode,
      sourceName,
      summary: {
        targets: rows.length,
        changing,
        unchanged: rows.length - changing,
        adds: changing * 2,
        removes: 0,
      },
      targets: rows,
    };
  }

  /** A run in flight: reports its first progress, then waits for pause, cancel or finish(). */
  function hold(onProgress: (p: RunProgress) => void, first: RunProgress): Promise<RunProgress> {
    lastProgress = first;
    onProgress(first);
    return new Promise((resolve) => {
      open = { resolve, last: first };
    });
  }
  function settle(p: RunProgress) {
    lastProgress = p;
    const o = open;
    open = null;
    o?.resolve(p);
  }
  const stopped = (status: RunProgress['status']) => {
    if (open) settle({ ...open.last, status, etaMs: null });
  };

  const actions: BulkCopyActions = {
    async preview(sourceId, targetKeys, mode, onRead) {
      record('preview', sourceId, targetKeys, mode);
      onRead(1, targetKeys.length);
      if (heldPreview) await new Promise<void>((r) => (releaseRead = r));
      onRead(targetKeys.length, targetKeys.length);
      return previewOf(mode, targetKeys, sourceId);
    },
    async run(preview, onProgress) {
      record('run', preview);
      const keys = preview.targets.filter((t) => t.change !== 'none');
      return hold(onProgress, {
        jobId: 'job-1',
        status: 'running',
        done: 0,
        skipped: 0,
        failed: 0,
        changed: 0,
        left: keys.length,
        etaMs: 90_000,
        targets: keys.map((t) => ({ key: t.key, name: t.name, state: 'queued' })),
      });
    },
    pause() {
      record('pause');
      stopped('paused');
    },
    async resume(onProgress) {
      record('resume');
      const base = lastProgress ?? open?.last;
      if (!base) throw new Error('Nothing to resume');
      return hold(onProgress, { ...base, status: 'running', message: undefined });
    },
    cancel() {
      record('cancel');
      stopped('cancelled');
    },
    async retryFailed(onProgress) {
      const base = lastProgress;
      const failed = base?.targets.filter((t) => t.state === 'failed').map((t) => t.key) ?? [];
      record('retryFailed', failed);
      if (!base) throw new Error('No job');
      const targets = base.targets.map((t) =>
        t.state === 'failed' ? { key: t.key, name: t.name, state: 'done' as const } : t,
      );
      onProgress({ ...base, status: 'running' });
      const done: RunProgress = {
        ...base,
        status: 'done',
        done: base.done + base.failed,
        failed: 0,
        targets,
      };
      lastProgress = done;
      return done;
    },
    reportCsv(p) {
      record('reportCsv', p.jobId);
      return `key,state\n${p.targets.map((t) => `${t.key},${t.state}`).join('\n')}`;
    },
    async undoPreview(jobId) {
      record('undoPreview', jobId);
      const touched =
        lastProgress?.targets.filter((t) => t.state === 'done').map((t) => t.key) ?? [];
      return previewOf('replace', touched, 'before the copy');
    },
    async undo(jobId, onProgress) {
      record('undo', jobId);
      const touched = lastProgress?.targets.filter((t) => t.state === 'done') ?? [];
      const p: RunProgress = {
        jobId: 'undo-1',
        status: 'done',
        done: touched.length,
        skipped: 0,
        failed: 0,
        changed: 0,
        left: 0,
        etaMs: null,
        targets: touched.map((t) => ({ ...t, state: 'done' })),
      };
      onProgress({ ...p, status: 'running' });
      lastProgress = p;
      return p;
    },
  };

  return {
    actions,
    calls,
    names: () => calls.map((c) => c.name),
    failNext(name: keyof BulkCopyActions, message: string) {
      failing.set(name, message);
    },
    holdPreview() {
      heldPreview = true;
    },
    releasePreview() {
      heldPreview = false;
      releaseRead?.();
    },
    /** Ends the open run as the content script would, with this outcome. */
    finish(p: Partial<RunProgress>) {
      if (open) settle({ ...open.last, etaMs: null, ...p });
    },
  };
}

export type FakeActions = ReturnType<typeof fakeActions>;
