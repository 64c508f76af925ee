import { trusted } from '@/components/ui/trusted';
import { ReportTable } from './ReportTable';
import type { RunProgress } from './types';
import { etaText, handledOf, isFinished, isStopped, statusText } from './words';

export interface RunControls {
  onPause(): void;
  onResume(): void;
  onCancel(): void;
  onRetryFailed(): void;
  onExport(): void;
  onUndo(): void;
  /** Reads the sets changed since the preview again (absent when the dialog has no source). */
  onPreviewAgain?(keys: string[]): void;
}

interface Props extends RunControls {
  progress: RunProgress;
  /** This job is an undo: no "Undo…" of it, and the words say "Undoing". */
  undoing: boolean;
  /** A call (resume, retry, undo preview) is in flight: its button must not be pressed twice. */
  busy: boolean;
}

/**
 * Steps 5 and 6: progress and controls while the job runs, then the report's actions. Resume,
 * Retry and Undo start writes: they answer only a real user's click (the frame already keeps the
 * page's scripts out; this is the second wall).
 */
export function RunView({ progress: p, undoing, busy, ...on }: Props) {
  const handled = handledOf(p);
  const changedKeys = p.targets.filter((t) => t.state === 'changed').map((t) => t.key);
  const total = handled + p.left;
  const running = p.status === 'running';
  const eta = running ? etaText(p.etaMs) : '';
  const alert = p.status === 'interrupted' || (p.status === 'failed' && p.message);
  return (
    <div class="pat-bc-step">
      <div class="pat-bc-progress">
        <progress max={Math.max(total, 1)} value={handled} aria-label="Progress">
          {handled} of {total}
        </progress>
        <span data-testid="pat-bc-run-counts">
          {p.done} done · {p.failed} failed · {p.left} left
          {p.skipped > 0 && ` · ${p.skipped} skipped`}
          {p.changed > 0 &&
            ` · ${p.changed} ${undoing ? 'left alone (changed since the job)' : 'changed since the preview'}`}
        </span>
        {eta && <span class="pat-bc-muted">{eta}</span>}
      </div>
      {alert ? (
        <p class="pat-bc-warning" data-testid="pat-bc-run-message">
          {statusText(p, undoing)}
        </p>
      ) : (
        <p class="pat-bc-status-line" data-testid="pat-bc-run-message">
          {statusText(p, undoing)}
        </p>
      )}
      <div class="pat-bc-buttons">
        {running && (
          <button type="button" class="pat-bc-btn" onClick={on.onPause}>
            Pause
          </button>
        )}
        {isStopped(p) && (
          <button
            type="button"
            class="pat-bc-btn pat-bc-primary"
            // Paused, the run's own call is still open (busy): Resume lets it go on.
            disabled={busy && p.status !== 'paused'}
            onClick={trusted(on.onResume)}
          >
            Resume
          </button>
        )}
        {(running || isStopped(p)) && (
          <button type="button" class="pat-bc-btn" onClick={on.onCancel}>
            Cancel
          </button>
        )}
        {isFinished(p) && p.failed > 0 && (
          <button
            type="button"
            class="pat-bc-btn pat-bc-primary"
            disabled={busy}
            onClick={trusted(on.onRetryFailed)}
          >
            Retry failed only
          </button>
        )}
        {isFinished(p) && !undoing && changedKeys.length > 0 && on.onPreviewAgain && (
          <button
            type="button"
            class="pat-bc-btn pat-bc-primary"
            disabled={busy}
            onClick={() => on.onPreviewAgain?.(changedKeys)}
          >
            Preview the changed sets again
          </button>
        )}
        {!running && (
          <button type="button" class="pat-bc-btn" onClick={on.onExport}>
            Export report (CSV)
          </button>
        )}
        {isFinished(p) && !undoing && (
          <button type="button" class="pat-bc-btn" disabled={busy} onClick={trusted(on.onUndo)}>
            Undo…
          </button>
        )}
      </div>
      {isFinished(p) && !undoing && changedKeys.length > 0 && (
        <p class="pat-bc-warning" data-testid="pat-bc-changed-note">
          Someone changed {changedKeys.length === 1 ? 'one set' : `${changedKeys.length} sets`}{' '}
          after the preview, so nothing was written to {changedKeys.length === 1 ? 'it' : 'them'}.
          Each row below says what changed. Preview again to plan against what is there now.
        </p>
      )}
      <ReportTable progress={p} undoing={undoing} />
    </div>
  );
}
