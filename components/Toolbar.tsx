import type { ReadonlySignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';

export interface ToolbarState {
  app: string;
  sets: number;
  /** Total actions; null while unknown. */
  actions: number | null;
  /** A short status line: "counting 3 of 11", or why a figure is missing. */
  status: string;
  /** A notice the admin should read once (e.g. we opened a blocked pop-up ourselves). */
  notice: string;
}

interface Props {
  state: ReadonlySignal<ToolbarState>;
  onDismissNotice(): void;
  onOpenOptions(): void;
  children?: ComponentChildren;
}

/** The small bar on the Actions page. Renders CRM text through Preact only (escaped). */
export function Toolbar({ state, onDismissNotice, onOpenOptions, children }: Props) {
  const s = state.value;
  return (
    <section class="pat-toolbar" aria-label="Purchase Actions Toolkit">
      <div class="pat-row">
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
        <span class="pat-spacer" />
        {children}
      </div>
      {s.notice && (
        <div class="pat-notice" role="alert" data-testid="pat-notice">
          {s.notice}{' '}
          <button type="button" class="pat-link" onClick={onOpenOptions}>
            Editor options
          </button>
          <button type="button" class="pat-link" aria-label="Dismiss" onClick={onDismissNotice}>
            ×
          </button>
        </div>
      )}
    </section>
  );
}
