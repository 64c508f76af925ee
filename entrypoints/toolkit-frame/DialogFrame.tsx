import { useEffect, useState } from 'preact/hooks';
import {
  type BulkCopyActions,
  BulkCopyDialog,
  bulkCopyCss,
  type Preview,
  type RunProgress,
  type SourceOption,
  type TargetOption,
} from '@/components/bulk-copy';
import { csvText } from '@/lib/snapshot/export';
import type { FrameClient } from './client';

interface Setup {
  sources: SourceOption[];
  targets: TargetOption[];
  resume: RunProgress | null;
}

/**
 * The Bulk copy dialog, in the extension's frame over the Actions page. Every read and write is
 * a call to the page's content script through the background; stored sets of every account come
 * from the background and stay in this frame.
 */
export function DialogFrame({ client }: { client: FrameClient }) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [error, setError] = useState('');
  const [actions] = useState(() => bulkActions(client));
  useEffect(() => {
    client
      .call('bulk-setup', {})
      .then(setSetup, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [client]);
  const close = () => void client.call('bulk-close', {}).catch(() => {});
  if (error)
    return (
      <div class="pat-bc-backdrop">
        <div class="pat-bc-dialog" role="alertdialog" aria-label="Bulk copy">
          <p role="alert">Bulk copy cannot start: {error}</p>
          <button type="button" class="pat-bc-btn" onClick={close}>
            Close
          </button>
        </div>
      </div>
    );
  if (!setup) return <p class="pat-bc-loading">Reading the products…</p>;
  return (
    <>
      <style>{bulkCopyCss}</style>
      <BulkCopyDialog
        sources={setup.sources}
        targets={setup.targets}
        actions={actions(setup.targets)}
        resumeJob={setup.resume ?? undefined}
        onClose={close}
      />
    </>
  );
}

/** The dialog's contract, as calls through the frame's port; progress arrives as events. */
function bulkActions(client: FrameClient) {
  let onRead: (done: number, total: number) => void = () => {};
  let onProgress: (p: RunProgress) => void = () => {};
  client.onEvent((e) => {
    if (e.type === 'bulk-read') onRead(e.done, e.total);
    if (e.type === 'bulk-progress') onProgress(e.progress);
  });
  const following =
    <A extends unknown[]>(start: (...a: A) => Promise<RunProgress>) =>
    (cb: (p: RunProgress) => void, ...a: A) => {
      onProgress = cb;
      return start(...a);
    };
  const run = following((id: string) => client.call('bulk-run', { previewId: id }));
  const resume = following(() => client.call('bulk-resume', {}));
  const retry = following(() => client.call('bulk-retry', {}));
  const undo = following((jobId: string) => client.call('bulk-undo', { jobId }));
  return (targets: readonly TargetOption[]): BulkCopyActions => ({
    preview: (sourceId, keys, mode, read) => {
      onRead = read;
      const names = Object.fromEntries(
        keys.map((k) => [k, targets.find((t) => t.key === k)?.name ?? k]),
      );
      return client.call('bulk-preview', { sourceId, keys, mode, names });
    },
    run: (preview, cb) => run(cb, (preview as Preview & { id: string }).id),
    pause: () => void client.call('bulk-pause', {}),
    resume: (cb) => resume(cb),
    cancel: () => void client.call('bulk-cancel', {}),
    retryFailed: (cb) => retry(cb),
    reportCsv: (p) =>
      csvText(
        ['set', 'state', 'reason'],
        p.targets.map((t) => [t.name, t.state, t.reason ?? '']),
      ),
    undoPreview: (jobId) => client.call('bulk-undo-preview', { jobId }),
    undo: (jobId, cb) => undo(cb, jobId),
  });
}
