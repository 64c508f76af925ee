import type { ReadonlySignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';

export interface ToolbarState {
  app: string;
  /**
   * Every action set, counted as a snapshot counts them: the Default Settings sets and one per
   * product, a product's empty set too (the page lists only the products that have actions).
   * 'reading' until the products report said how many products there are; null when it could
   * not be read (then only the page's rows are counted, and the toolbar says so).
   */
  sets: number | 'reading' | null;
  /** The rows the page lists: the Default Settings sets and the products that have actions. */
  listed: number;
  /** Sets with at least one action; null while the actions are not counted. */
  withActions: number | null;
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
          <SetCount state={s} />
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

/** What a toolbar shows before the page is read. */
export const emptyBar = (app: string): ToolbarState => ({
  app,
  sets: 'reading',
  listed: 0,
  withActions: null,
  actions: null,
  status: '',
  notice: '',
});

/**
 * "13 action sets (9 with actions)": the same count as the snapshot and the dashboard, and how
 * many of them hold anything.
 */
function SetCount({ state: s }: { state: ToolbarState }) {
  if (s.sets === null)
    return (
      <>
        <b>{s.listed}</b> action sets listed (the products report could not be read, so products
        without actions are not counted)
      </>
    );
  return (
    <>
      <b>{s.sets === 'reading' ? '…' : s.sets}</b> action sets
      {s.withActions !== null && (
        <>
          {' '}
          (<b>{s.withActions}</b> with actions)
        </>
      )}
    </>
  );
}
