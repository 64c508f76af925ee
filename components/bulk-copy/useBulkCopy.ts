import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadText, reportFileName } from './download';
import type {
  BulkCopyActions,
  CopyMode,
  Preview,
  RunProgress,
  SourceOption,
  TargetOption,
} from './types';
import { errorMessage } from './words';

/** 'undo' is the undo's own preview, shown before anything is written back. */
export type Step = 'source' | 'targets' | 'mode' | 'preview' | 'run' | 'undo';

/**
 * The dialog's state and every call into `actions`. Kept apart from the markup so the rules
 * (an error changes nothing else, a late result after closing is dropped) live in one place.
 */
export function useBulkCopy(
  actions: BulkCopyActions,
  sources: readonly SourceOption[],
  targets: readonly TargetOption[],
  resumeJob: RunProgress | undefined,
) {
  const [step, setStep] = useState<Step>(resumeJob ? 'run' : 'source');
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [mode, setMode] = useState<CopyMode>('add');
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [undo, setUndo] = useState<{ jobId: string; preview: Preview } | null>(null);
  const [progress, setProgress] = useState<RunProgress | null>(resumeJob ?? null);
  const [undoing, setUndoing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // Calls outlive the dialog (closing it does not stop a job): late results must not set state.
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  // Copying a set onto itself is never offered. Only a live source is the same set as a target
  // (a snapshot's copy of it is a restore, which is allowed); the content script names a live
  // source `live:<target key>`, and a bare key is accepted too.
  const source = sources.find((s) => s.id === sourceId);
  const offered =
    source?.origin === 'live'
      ? targets.filter((t) => source.id !== t.key && source.id !== `live:${t.key}`)
      : targets;
  const fail = (e: unknown) => alive.current && setError(errorMessage(e));

  /** Runs a job call; the first progress report moves to the run step, an early error does not. */
  async function write(
    start: (cb: (p: RunProgress) => void) => Promise<RunProgress>,
    asUndo: boolean,
  ) {
    setError('');
    setBusy(true);
    const show = (p: RunProgress) => {
      if (!alive.current) return;
      setProgress(p);
      setUndoing(asUndo);
      setStep('run');
    };
    try {
      show(await start(show));
    } catch (e) {
      fail(e);
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  /** Calls that only read: the result goes to `use`; a failure leaves everything as it was. */
  async function read<T>(call: () => Promise<T>, use: (v: T) => void) {
    setError('');
    try {
      const v = await call();
      if (alive.current) use(v);
    } catch (e) {
      fail(e);
    }
  }

  /** pause/cancel/reportCsv are synchronous but may still throw a plain message. */
  function attempt(work: () => void) {
    setError('');
    try {
      work();
    } catch (e) {
      fail(e);
    }
  }

  /** The dry run for these targets; on success the preview step shows it. */
  async function readPreviewOf(keys: string[]) {
    if (!sourceId) return;
    setReading({ done: 0, total: keys.length });
    const onRead = (done: number, total: number) => {
      if (alive.current) setReading({ done, total });
    };
    await read(
      () => actions.preview(sourceId, keys, mode, onRead),
      (p) => {
        setPreview(p);
        setStep('preview');
      },
    );
    if (alive.current) setReading(null);
  }

  return {
    step,
    setStep,
    sourceId,
    selected,
    setSelected,
    mode,
    setMode,
    reading,
    preview,
    undo,
    progress,
    undoing,
    busy,
    error,
    offered,
    /** A write is in flight or the job reports itself running: the dialog must stay open. */
    writing: busy || progress?.status === 'running',

    pickSource(next: string) {
      setSourceId(next);
      // Drop the new source from the selection; `offered` is still the old source's list here.
      setSelected((prev) => new Set([...prev].filter((k) => next !== k && next !== `live:${k}`)));
    },
    readPreview: () => readPreviewOf(offered.filter((t) => selected.has(t.key)).map((t) => t.key)),
    /** After a run: the sets that changed since its preview, read and planned again. */
    canPreviewAgain: sourceId !== null,
    previewAgain(keys: string[]) {
      setSelected(new Set(keys));
      return readPreviewOf(keys);
    },
    copy: (p: Preview) => write((cb) => actions.run(p, cb), false),
    pause: () => attempt(() => actions.pause()),
    cancel: () => attempt(() => actions.cancel()),
    resume: () => write((cb) => actions.resume(cb), undoing),
    retryFailed: () => write((cb) => actions.retryFailed(cb), undoing),
    async showUndo(jobId: string) {
      setBusy(true);
      await read(
        () => actions.undoPreview(jobId),
        (p) => {
          setUndo({ jobId, preview: p });
          setStep('undo');
        },
      );
      if (alive.current) setBusy(false);
    },
    confirmUndo: (jobId: string) => write((cb) => actions.undo(jobId, cb), true),
    exportReport(near: Element, p: RunProgress) {
      attempt(() => {
        const csv = actions.reportCsv(p);
        downloadText(near, reportFileName(p.jobId, undoing), csv, 'text/csv;charset=utf-8');
      });
    },
  };
}
