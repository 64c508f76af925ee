import type { ReadonlySignal } from '@preact/signals';

export type SnapshotPhase =
  | { phase: 'idle'; resumable: number | null }
  | { phase: 'running'; done: number; total: number; etaMs: number | null }
  | {
      phase: 'saved';
      sets: number;
      actions: number;
      products: number;
      /** Parts the capture could not read (it went on without them); 0: complete. */
      notRead: number;
    }
  | { phase: 'failed'; message: string; resumable: number | null };

interface Props {
  state: ReadonlySignal<SnapshotPhase>;
  onTake(): void;
  onResume(): void;
  onCancel(): void;
  onDiscard(): void;
  onOpenDashboard(): void;
}

const seconds = (ms: number) =>
  ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.round(ms / 60_000)} min`;

/** Take snapshot / progress / result, as one compact cluster on the toolbar. */
export function SnapshotControl({
  state,
  onTake,
  onResume,
  onCancel,
  onDiscard,
  onOpenDashboard,
}: Props) {
  const s = state.value;
  const resumable = s.phase === 'idle' || s.phase === 'failed' ? s.resumable : null;
  return (
    <span class="pat-snapshot" data-testid="pat-snapshot">
      {s.phase === 'running' ? (
        <>
          <label class="pat-progress">
            Reading action sets: {s.done} of {s.total}
            {s.etaMs !== null && `, about ${seconds(s.etaMs)} left`}
            <progress max={s.total} value={s.done} />
          </label>
          <button type="button" class="pat-button" onClick={onCancel}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" class="pat-button" onClick={onTake}>
          Take snapshot
        </button>
      )}
      {resumable !== null && (
        <>
          <button type="button" class="pat-button" onClick={onResume}>
            Resume snapshot ({resumable} sets read)
          </button>
          <button type="button" class="pat-link" onClick={onDiscard}>
            Discard
          </button>
        </>
      )}
      {s.phase === 'saved' && (
        <span role="status" class="pat-status">
          Snapshot saved: {s.sets} sets, {s.actions} actions, {s.products} products.{' '}
          {s.notRead > 0 &&
            `Partial: ${s.notRead} ${s.notRead === 1 ? 'part' : 'parts'} not read (the dashboard says which and why). `}
          <button type="button" class="pat-link" onClick={onOpenDashboard}>
            Open in dashboard
          </button>
        </span>
      )}
      {s.phase === 'failed' && (
        <span role="alert" class="pat-error">
          {s.message}
        </span>
      )}
      <button type="button" class="pat-link" onClick={onOpenDashboard}>
        Dashboard
      </button>
    </span>
  );
}
