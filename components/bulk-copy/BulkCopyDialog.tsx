import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { trusted } from '@/components/ui/trusted';
import { deepActiveElement, useFocusTrap } from './focus';
import { ModeStep } from './ModeStep';
import { PreviewView } from './PreviewView';
import { RunView } from './RunView';
import { SourceStep } from './SourceStep';
import { TargetStep } from './TargetStep';
import type { BulkCopyActions, RunProgress, SourceOption, TargetOption } from './types';
import { type Step, useBulkCopy } from './useBulkCopy';
import { isFinished, plural, statusText } from './words';

export interface BulkCopyDialogProps {
  sources: readonly SourceOption[];
  targets: readonly TargetOption[];
  actions: BulkCopyActions;
  /** A job left paused or interrupted (e.g. the tab closed): open at its progress, with Resume. */
  resumeJob?: RunProgress;
  onClose(): void;
}

const STEPS = ['Source', 'Targets', 'Mode', 'Preview', 'Copy', 'Report'] as const;
const HEADINGS: Record<Step, string> = {
  source: 'Choose the set to copy from',
  targets: 'Choose the sets to copy into',
  mode: 'Choose how to copy',
  preview: 'Preview',
  run: 'Copy',
  undo: 'Undo: preview',
};

/** The bulk-copy wizard. Knows nothing of the CRM: every read and write goes through `actions`. */
export function BulkCopyDialog({
  sources,
  targets,
  actions,
  resumeJob,
  onClose,
}: BulkCopyDialogProps) {
  const bc = useBulkCopy(actions, sources, targets, resumeJob);
  const { step, setStep, progress, preview, undo, reading, busy, undoing, error, writing } = bc;
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const trapTab = useFocusTrap(dialogRef);

  // Each step replaces the buttons; focus the new heading so keyboard users are not dropped
  // onto the page behind, and screen readers announce where they are. A layout effect, so focus
  // moves in the same task as the new step appears: a plain effect waits for the next frame, and
  // a quick Tab to the new step's button could then have its focus taken back by the heading
  // (Enter then lands on the heading and nothing starts).
  useLayoutEffect(() => headingRef.current?.focus(), [step]);
  // The same when a job's state removes the focused button (Pause, Retry failed only, ...).
  useLayoutEffect(() => {
    const box = dialogRef.current;
    if (box && !box.contains(deepActiveElement(box.getRootNode() as Document | ShadowRoot))) {
      headingRef.current?.focus();
    }
  }, [progress?.status, busy]);

  const source = sources.find((s) => s.id === bc.sourceId) ?? null;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !writing) {
      e.stopPropagation();
      onClose();
    } else trapTab(e);
  };

  const stepIndex =
    step === 'source'
      ? 0
      : step === 'targets'
        ? 1
        : step === 'mode'
          ? 2
          : step === 'preview'
            ? 3
            : step === 'undo' || (progress && isFinished(progress))
              ? 5
              : 4;
  const live = reading
    ? `Reading targets: ${reading.done} of ${reading.total}`
    : step === 'run' && progress
      ? statusText(progress, undoing)
      : busy
        ? 'Working…'
        : '';

  return (
    <div class="pat-bc-backdrop">
      <div
        ref={dialogRef}
        class="pat-bc-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={onKeyDown}
      >
        <header class="pat-bc-head">
          {/* The dialog is the whole of its frame's document: its title is the page's h1 and each
              step's heading an h2 under it (axe heading-order). */}
          <h1 id={`${id}-title`} class="pat-bc-title">
            Bulk copy purchase actions
          </h1>
          <ol class="pat-bc-steps" aria-label="Steps">
            {STEPS.map((s, i) => (
              <li
                key={s}
                class={i === stepIndex ? 'pat-bc-current' : ''}
                aria-current={i === stepIndex ? 'step' : undefined}
              >
                {s}
              </li>
            ))}
          </ol>
          <button
            type="button"
            class="pat-bc-btn"
            disabled={writing}
            title={writing ? 'Pause or cancel the copy first' : undefined}
            onClick={onClose}
          >
            Close
          </button>
        </header>
        <div class="pat-bc-body">
          <h2 ref={headingRef} tabIndex={-1} class="pat-bc-heading">
            {step === 'run' && undoing ? 'Undo' : HEADINGS[step]}
          </h2>
          {source && step !== 'source' && step !== 'run' && step !== 'undo' && (
            <p class="pat-bc-muted">
              From: <span class="pat-bc-name">{source.name}</span>
              {source.origin !== 'live' && ` (${source.origin})`}
            </p>
          )}
          {step === 'source' && (
            <SourceStep sources={sources} value={bc.sourceId} onChange={bc.pickSource} />
          )}
          {step === 'targets' && (
            <TargetStep targets={bc.offered} selected={bc.selected} onChange={bc.setSelected} />
          )}
          {step === 'mode' && <ModeStep value={bc.mode} onChange={bc.setMode} />}
          {step === 'preview' && preview && <PreviewView preview={preview} />}
          {step === 'undo' && undo && <PreviewView preview={undo.preview} />}
          {step === 'run' && progress && (
            <RunView
              progress={progress}
              undoing={undoing}
              busy={busy}
              onPause={bc.pause}
              onCancel={bc.cancel}
              onResume={bc.resume}
              onRetryFailed={bc.retryFailed}
              onUndo={() => bc.showUndo(progress.jobId)}
              onPreviewAgain={bc.canPreviewAgain ? (keys) => void bc.previewAgain(keys) : undefined}
              onExport={() => bc.exportReport(dialogRef.current ?? document.body, progress)}
            />
          )}
        </div>
        {error && (
          <p class="pat-bc-alert" role="alert">
            {error}
          </p>
        )}
        <footer class="pat-bc-foot">
          <p class="pat-bc-live" role="status" aria-live="polite">
            {live}
          </p>
          {step === 'source' && (
            <button
              type="button"
              class="pat-bc-btn pat-bc-primary"
              disabled={!bc.sourceId}
              onClick={() => setStep('targets')}
            >
              Next
            </button>
          )}
          {step === 'targets' && (
            <>
              <button type="button" class="pat-bc-btn" onClick={() => setStep('source')}>
                Back
              </button>
              <button
                type="button"
                class="pat-bc-btn pat-bc-primary"
                disabled={bc.selected.size === 0}
                onClick={() => setStep('mode')}
              >
                Next
              </button>
            </>
          )}
          {step === 'mode' && (
            <>
              <button
                type="button"
                class="pat-bc-btn"
                disabled={reading !== null}
                onClick={() => setStep('targets')}
              >
                Back
              </button>
              <button
                type="button"
                class="pat-bc-btn pat-bc-primary"
                disabled={reading !== null}
                onClick={bc.readPreview}
              >
                Preview
              </button>
            </>
          )}
          {step === 'preview' && preview && (
            <>
              <button
                type="button"
                class="pat-bc-btn"
                disabled={busy}
                onClick={() => setStep('mode')}
              >
                Back
              </button>
              <button
                type="button"
                class="pat-bc-btn pat-bc-primary"
                disabled={busy || preview.summary.changing === 0}
                onClick={trusted(() => bc.copy(preview))}
              >
                Copy to {plural(preview.summary.changing, 'set')}
              </button>
            </>
          )}
          {step === 'undo' && undo && (
            <>
              <button
                type="button"
                class="pat-bc-btn"
                disabled={busy}
                onClick={() => setStep('run')}
              >
                Back to the report
              </button>
              <button
                type="button"
                class="pat-bc-btn pat-bc-danger"
                disabled={busy || undo.preview.summary.changing === 0}
                onClick={trusted(() => bc.confirmUndo(undo.jobId))}
              >
                Undo changes to {plural(undo.preview.summary.changing, 'set')}
              </button>
            </>
          )}
        </footer>
      </div>
    </div>
  );
}
