import { signal } from '@preact/signals';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { BulkCopyDialog, bulkCopyCss, type RunProgress } from '@/components/bulk-copy';
import { EditorPanel } from '@/components/EditorPanel';
import { SnapshotControl, type SnapshotPhase } from '@/components/SnapshotControl';
import { Toolbar, type ToolbarState } from '@/components/Toolbar';
import { loadSetting, type SeenSetting, saveSetting, watchSetting } from '@/lib/account-setting';
import { type ActionsPage, readActionsPage } from '@/lib/crm/actions-page';
import { appFromUrl } from '@/lib/crm/app';
import { markControls, resolveEditorOpens } from '@/lib/crm/bridge-client';
import { findRunOnAllOrders } from '@/lib/crm/find-settings';
import { DEFAULT_SETTINGS_HEADING } from '@/lib/crm/labels';
import { DEFAULT_POLITENESS, PoliteQueue, SessionExpiredError } from '@/lib/crm/polite';
import { readSetActions } from '@/lib/crm/read-set';
import { elementsWithText } from '@/lib/crm/text';
import { loadOptions } from '@/lib/options';
import type { Job } from '@/lib/store';
import { type BulkCopySetup, prepareBulkCopy, progressOf } from './bulk-run';
import { installEditorOpening } from './editor-opening';
import { discardCapture, pendingCapture, takeSnapshot } from './snapshot-run';
import { mountWhenControls } from './when-controls';

/** Above this many sets without printed counts we do not read every editor just to count. */
const AUTO_COUNT_LIMIT = 60;

export async function mountToolbar(ctx: ContentScriptContext, bridge: boolean): Promise<void> {
  const app = appFromUrl(location.href) ?? 'unknown';
  const state = signal<ToolbarState>({ app, sets: 0, actions: null, status: '', notice: '' });
  const panel = signal<{ url: string; title: string } | null>(null);
  const setting = signal<SeenSetting | null>(null);
  const snapshot = signal<SnapshotPhase>({ phase: 'idle', resumable: null });
  let capturing: AbortController | null = null;

  async function runSnapshot(resume: boolean, cause: 'manual' | 'scheduled' = 'manual') {
    capturing?.abort();
    const controller = new AbortController();
    capturing = controller;
    snapshot.value = { phase: 'running', done: 0, total: 0, etaMs: null };
    try {
      const s = await takeSnapshot({
        cause,
        queue,
        signal: controller.signal,
        resume,
        onProgress: (p) => {
          if (!controller.signal.aborted) snapshot.value = { phase: 'running', ...p };
        },
      });
      snapshot.value = {
        phase: 'saved',
        sets: s.sets.filter((x) => x.actions.length > 0 || x.ref.kind === 'default').length,
        actions: s.sets.reduce((n, x) => n + x.actions.length, 0),
        products: s.products.length,
      };
    } catch (e) {
      const pending = await pendingCapture(app);
      const message = controller.signal.aborted
        ? 'Snapshot cancelled.'
        : e instanceof SessionExpiredError
          ? 'Your Keap session has ended. Log in again, then Resume: what was read is kept.'
          : `The snapshot stopped: ${e instanceof Error ? e.message : String(e)}`;
      snapshot.value = { phase: 'failed', message, resumable: pending?.sets.length ?? null };
    }
  }
  // A write job the journal shows as unfinished (closed tab, expired session): offer Resume.
  const interrupted = signal<RunProgress | null>(null);
  async function findInterrupted() {
    const jobs = (await browser.runtime
      .sendMessage({ type: 'jobs-open' })
      .catch(() => [])) as Job[];
    const job = jobs[0];
    interrupted.value = job ? progressOf(job) : null;
  }
  const bulk = signal<{ setup: BulkCopySetup; resume?: RunProgress } | null>(null);
  const bulkBusy = signal('');
  async function openBulkCopy(resume?: RunProgress) {
    bulkBusy.value = 'Reading the products…';
    try {
      bulk.value = { setup: await prepareBulkCopy(queue), resume };
      bulkBusy.value = '';
    } catch (e) {
      bulkBusy.value = `Bulk copy cannot start: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const openDashboard = () => void browser.runtime.sendMessage({ type: 'open-dashboard', app });
  const patch = (p: Partial<ToolbarState>) => {
    state.value = { ...state.value, ...p };
  };

  function Root() {
    return (
      <>
        <Toolbar
          state={state}
          onDismissNotice={() => patch({ notice: '' })}
          onOpenOptions={() => void browser.runtime.sendMessage({ type: 'open-options' })}
        >
          <SnapshotControl
            state={snapshot}
            onTake={() => void runSnapshot(false)}
            onResume={() => void runSnapshot(true)}
            onCancel={() => capturing?.abort(new Error('cancelled'))}
            onDiscard={() =>
              void discardCapture(app).then(() => {
                snapshot.value = { phase: 'idle', resumable: null };
              })
            }
            onOpenDashboard={openDashboard}
          />
          <button type="button" class="pat-button" onClick={() => void openBulkCopy()}>
            Bulk copy
          </button>
          {bulkBusy.value && (
            <span role="status" class="pat-status">
              {bulkBusy.value}
            </span>
          )}
          {interrupted.value && (
            <button
              type="button"
              class="pat-button"
              onClick={() => void openBulkCopy(interrupted.value ?? undefined)}
            >
              Resume the interrupted bulk copy
            </button>
          )}
        </Toolbar>
        <style>{bulkCopyCss}</style>
        {bulk.value && (
          <BulkCopyDialog
            sources={bulk.value.setup.sources}
            targets={bulk.value.setup.targets}
            actions={bulk.value.setup.actions}
            resumeJob={bulk.value.resume}
            onClose={() => {
              bulk.value = null;
              void findInterrupted();
              void refresh();
            }}
          />
        )}
        {panel.value && (
          <EditorPanel
            url={panel.value.url}
            title={panel.value.title}
            onClose={() => {
              panel.value = null;
              void refresh();
            }}
          />
        )}
      </>
    );
  }

  const anchor = elementsWithText(document, DEFAULT_SETTINGS_HEADING)[0];
  const ui = await createShadowRootUi(ctx, {
    name: 'pat-toolbar',
    position: 'inline',
    anchor,
    append: 'before',
    onMount(container) {
      render(<Root />, container);
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  ui.mount();

  // One queue for everything this page asks of the CRM, at the admin's politeness settings.
  const options = await loadOptions();
  const queue = new PoliteQueue({
    ...DEFAULT_POLITENESS,
    maxInFlight: options.maxInFlight,
    maxPerSecond: options.maxPerSecond,
  });
  let counting: AbortController | null = null;

  async function countFromEditors(page: ActionsPage, signal: AbortSignal): Promise<number | null> {
    const rows = [...page.defaults, ...page.products];
    if (!bridge) return null;
    const opens = resolveEditorOpens(
      document,
      rows.map((r) => r.button),
    );
    let done = 0;
    const counts = await Promise.all(
      rows.map(async (row) => {
        if (row.count !== null) return row.count;
        const open = opens.get(row.button);
        if (!open) throw new Error(`Could not tell which editor "${row.name}" opens.`);
        const n = (await readSetActions(open.url, queue, signal)).length;
        done++;
        if (!signal.aborted) patch({ status: `counting ${done} of ${rows.length}` });
        return n;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  async function refresh() {
    counting?.abort();
    const page = readActionsPage(document);
    if (!page) return;
    const rows = [...page.defaults, ...page.products];
    markControls(rows.map((r) => r.button));
    mountWhenControls(page, setting);
    const sets = rows.length;
    const printed = rows.map((r) => r.count);
    if (printed.every((c) => c !== null)) {
      patch({ sets, actions: printed.reduce<number>((a, c) => a + (c ?? 0), 0), status: '' });
      return;
    }
    if (sets > AUTO_COUNT_LIMIT) {
      patch({ sets, actions: null, status: 'this page shows no action counts' });
      return;
    }
    const controller = new AbortController();
    counting = controller;
    patch({ sets, actions: null, status: 'counting…' });
    try {
      const actions = await countFromEditors(page, controller.signal);
      if (!controller.signal.aborted) {
        patch({ actions, status: actions === null ? 'counts unavailable' : '' });
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      const status =
        e instanceof SessionExpiredError
          ? 'session ended: log in again'
          : 'could not count actions';
      patch({ actions: null, status });
    }
  }

  // The page refreshes its own lists (after an editor saves): follow it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ours = (n: Node) => n.nodeName === 'PAT-WHEN' || ui.shadowHost.contains(n);
  const observer = new MutationObserver((mutations) => {
    const theirs = mutations.some(
      (m) =>
        !ours(m.target) &&
        (m.type === 'characterData' ||
          ![...m.addedNodes, ...m.removedNodes].every((n) => n.nodeName === 'PAT-WHEN')),
    );
    if (!theirs) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    counting?.abort();
  });

  const defaults = readActionsPage(document)?.defaults.map((r) => r.button) ?? [];
  markControls(defaults);
  await installEditorOpening(
    ctx,
    {
      notify: (notice) => patch({ notice }),
      onEditorSaved: () => void refresh(),
      showPanel: (url, title) => {
        panel.value = { url, title };
      },
    },
    defaults,
  );
  await refresh();
  void findInterrupted();
  const pending = await pendingCapture(app);
  if (pending?.sets.length) snapshot.value = { phase: 'idle', resumable: pending.sets.length };
  else {
    // A scheduled snapshot that is due runs now, with its progress on the toolbar like any other.
    const schedule = (await browser.runtime
      .sendMessage({ type: 'snapshot-due' })
      .catch(() => null)) as {
      due: boolean;
    } | null;
    if (schedule?.due) void runSnapshot(false, 'scheduled');
  }
  void followSetting(ctx, app, setting, queue);
}

/** The account's live "Run Purchase Actions On All Orders", for the "When does this run?" controls. */
async function followSetting(
  ctx: ContentScriptContext,
  app: string,
  setting: { value: SeenSetting | null },
  queue: PoliteQueue,
): Promise<void> {
  const cached = await loadSetting(app);
  if (cached) setting.value = cached;
  ctx.onInvalidated(watchSetting(app, (s) => (setting.value = s)));
  const read = await findRunOnAllOrders(document, queue, cached?.url);
  const seen: SeenSetting = { ...read, readAt: new Date().toISOString() };
  // A failed read keeps what we knew, with the note saying it may be stale.
  if (read.value === 'unknown' && cached && cached.value !== 'unknown') {
    setting.value = {
      ...cached,
      note: `${read.note ?? ''} Showing the value last seen on ${cached.readAt.slice(0, 10)}.`,
    };
    return;
  }
  await saveSetting(app, seen);
  setting.value = seen;
}
