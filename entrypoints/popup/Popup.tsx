import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PopupStatus } from '@/entrypoints/background/popup-status';
import { ask } from '@/lib/messaging/send';
import { currentTabId, loadStatus } from './current-tab';

type Crm = Extract<PopupStatus, { kind: 'crm' }>;

const CAUSE: Record<string, string> = {
  manual: 'taken by hand',
  scheduled: 'scheduled',
  import: 'imported',
};
const JOB_KIND: Record<Crm['jobs'][number]['kind'], string> = {
  'bulk-copy': 'Bulk copy',
  restore: 'Restore',
};
const JOB_STATUS: Record<Crm['jobs'][number]['status'], string> = {
  planned: 'planned',
  running: 'running',
  paused: 'paused',
  interrupted: 'interrupted: Resume it from the Actions page',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The toolbar button's pop-up: the current tab's account, its last snapshot and open jobs. */
export function Popup() {
  const [state, setState] = useState<
    { tabId: number | null; status: PopupStatus } | { error: string } | null
  >(null);
  useEffect(() => {
    void (async () => {
      try {
        const tabId = await currentTabId();
        setState({ tabId, status: tabId === null ? { kind: 'other' } : await loadStatus(tabId) });
      } catch (e) {
        setState({ error: e instanceof Error ? e.message : String(e) });
      }
    })();
  }, []);

  const app = state && 'status' in state && state.status.kind === 'crm' ? state.status.app : '';
  const openDashboard = async () => {
    await ask({ type: 'open-dashboard', ...(app && { app }) });
    window.close();
  };
  const openOptions = async () => {
    await browser.runtime.openOptionsPage();
    window.close();
  };

  return (
    <main>
      <h1>
        <img src="/icon/32.png" alt="" width={20} height={20} />
        Purchase Actions Toolkit
      </h1>
      {state === null ? (
        <p role="status">Loading…</p>
      ) : 'error' in state ? (
        <p role="alert">The toolkit could not read this tab: {state.error}</p>
      ) : state.status.kind === 'crm' && state.tabId !== null ? (
        <CrmTab status={state.status} tabId={state.tabId} />
      ) : (
        <p data-testid="pat-popup-other">
          The toolkit works on Keap Max Classic pages (your account on infusionsoft.com or
          keap.app). Open your account's <b>E-Commerce &gt; Actions</b> page to use it there.
        </p>
      )}
      <nav aria-label="Toolkit pages">
        <button type="button" onClick={() => void openDashboard()}>
          Open the dashboard
        </button>
        <button type="button" onClick={() => void openOptions()}>
          Options
        </button>
      </nav>
    </main>
  );
}

function CrmTab({ status, tabId }: { status: Crm; tabId: number }) {
  const goToActions = async (url: string) => {
    await browser.tabs.update(tabId, { url });
    window.close();
  };
  const snap = status.lastSnapshot;
  return (
    <>
      <p>
        Account: <strong data-testid="pat-popup-app">{status.app}</strong>
      </p>
      <section aria-labelledby="pat-popup-snapshot">
        <h2 id="pat-popup-snapshot">Last snapshot</h2>
        <p data-testid="pat-popup-last-snapshot">
          {snap ? (
            <>
              <time dateTime={snap.takenAt}>{new Date(snap.takenAt).toLocaleString()}</time>
              {CAUSE[snap.cause] ? ` (${CAUSE[snap.cause]})` : ''}:{' '}
              {plural(snap.setCount, 'action set')}, {plural(snap.actionCount, 'action')},{' '}
              {plural(snap.productCount, 'product')}
            </>
          ) : (
            'No snapshot of this account yet.'
          )}
        </p>
      </section>
      <section aria-labelledby="pat-popup-jobs">
        <h2 id="pat-popup-jobs">Running jobs</h2>
        {status.jobs.length ? (
          <ul data-testid="pat-popup-jobs">
            {status.jobs.map((j, i) => (
              <li key={i}>
                {JOB_KIND[j.kind]}, {JOB_STATUS[j.status]}: {j.done} of{' '}
                {plural(j.total, 'action set')} done
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="pat-popup-jobs">No bulk copy or restore is running.</p>
        )}
      </section>
      <section aria-labelledby="pat-popup-page">
        <h2 id="pat-popup-page">Actions page</h2>
        {status.onActionsPage ? (
          <TakeSnapshot tabId={tabId} />
        ) : status.actionsPageUrl ? (
          <button
            type="button"
            data-testid="pat-popup-actions"
            onClick={() => void goToActions(status.actionsPageUrl ?? '')}
          >
            Go to the Actions page
          </button>
        ) : (
          <p data-testid="pat-popup-actions">
            In Keap's menu, open <b>E-Commerce &gt; Actions</b>: the toolkit's toolbar appears
            there.
          </p>
        )}
      </section>
    </>
  );
}

/**
 * On the Actions page: the same snapshot as the toolbar's Take snapshot button. The background
 * relays it to this tab's Actions page (the tab this pop-up is about); its progress and result
 * are on the toolbar there.
 */
function TakeSnapshot({ tabId }: { tabId: number }) {
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const take = async () => {
    setSaid({ text: 'Starting the snapshot…', error: false });
    const answer = await ask({ type: 'popup-snapshot', tabId });
    setSaid(
      answer?.ok
        ? {
            text: 'Taking a snapshot: its progress and result are on the toolbar of this page.',
            error: false,
          }
        : {
            text: `The snapshot did not start: ${answer && !answer.ok ? answer.error : 'the extension did not answer.'}`,
            error: true,
          },
    );
  };
  return (
    <div data-testid="pat-popup-actions">
      <p>This tab is the Actions page.</p>
      <button type="button" onClick={() => void take()}>
        Take snapshot
      </button>
      <p role={said?.error ? 'alert' : 'status'} data-testid="pat-popup-snapshot-status">
        {said?.text ?? ''}
      </p>
    </div>
  );
}
