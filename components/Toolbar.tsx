import type { ReadonlySignal } from '@preact/signals';

export interface ToolbarState {
  app: string;
  sets: number;
  /** Total actions; null while unknown. */
  actions: number | null;
  /** A short status line: "counting 3 of 11", or why a figure is missing. */
  status: string;
}

/** The small bar on the Actions page. Renders CRM text through Preact only (escaped). */
export function Toolbar({ state }: { state: ReadonlySignal<ToolbarState> }) {
  const s = state.value;
  return (
    <section class="pat-toolbar" aria-label="Purchase Actions Toolkit">
      <strong class="pat-brand">Purchase Actions Toolkit</strong>
      <span class="pat-item" data-testid="pat-app">
        Account: <b>{s.app}</b>
      </span>
      <span class="pat-item" data-testid="pat-sets">
        <b>{s.sets}</b> action sets
      </span>
      <span class="pat-item" data-testid="pat-actions">
        <b>{s.actions ?? '…'}</b> actions
      </span>
      {s.status && (
        <span class="pat-status" role="status" data-testid="pat-status">
          {s.status}
        </span>
      )}
    </section>
  );
}
