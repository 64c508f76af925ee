import { signal } from '@preact/signals';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Preview, RunProgress } from '@/components/bulk-copy/types';
import { EditorPanel } from '@/components/EditorPanel';
import type { SnapshotPhase } from '@/components/SnapshotControl';
import type { ToolbarState } from '@/components/Toolbar';
import { loadSetting, type SeenSetting, saveSetting, watchSetting } from '@/lib/account-setting';
import { type AccountCheckRun, checkAccount, type Feature } from '@/lib/crm/account-check';
import { type ActionsPage, readActionsPage } from '@/lib/crm/actions-page';
import { appFromUrl } from '@/lib/crm/app';
import { markControls, resolveEditorOpens } from '@/lib/crm/bridge-client';
import { findRunOnAllOrders } from '@/lib/crm/find-settings';
import { DEFAULT_SETTINGS_HEADING } from '@/lib/crm/labels';
import { DEFAULT_POLITENESS, PoliteQueue, SessionExpiredError } from '@/lib/crm/polite';
import { readSetActions, stopsReading } from '@/lib/crm/read-set';
import { elementsWithText } from '@/lib/crm/text';
import type { FrameCall, FrameEvent, SourceSpec, ToolbarModel } from '@/lib/messaging/frame';
import { ask } from '@/lib/messaging/send';
import { notReadParts } from '@/lib/model';
import { loadOptions } from '@/lib/options';
import { pageShapeReport } from '@/lib/page-shape';
import { type BulkCopySetup, prepareBulkCopy, progressOf } from './bulk-run';
import { installEditorOpening } from './editor-opening';
import { discardCapture, pendingCapture, takeSnapshot } from './snapshot-run';
import { mountWhenControls } from './when-controls';

/** How often a writing tab tells the background it is alive (background/writers.ts). */
const WRITER_BEAT_MS = 4000;

/** Above this many sets without printed counts we do not read every editor just to count. */
const AUTO_COUNT_LIMIT = 60;

export async function mountToolbar(ctx: ContentScriptContext, bridge: boolean): Promise<void> {
  const app = appFromUrl(location.href) ?? 'unknown';
  // What the toolbar frame shows. It lives here, where the page is read; the frame (extension
  // origin, out of the page's reach) renders it and sends back the admin's clicks.
  const model: ToolbarModel = {
    bar: { app, sets: 0, actions: null, status: '', notice: '' },
    snapshot: { phase: 'idle', resumable: null },
    bulkBusy: '',
    job: null,
  };
  const push = () =>
    void ask({
      type: 'frame-event',
      kind: 'toolbar',
      event: { type: 'toolbar-state', model },
    });
  const patch = (p: Partial<ToolbarState>) => {
    model.bar = { ...model.bar, ...p };
    push();
  };
  const setSnapshot = (s: SnapshotPhase) => {
    model.snapshot = s;
    push();
  };
  const panel = signal<{ url: string; title: string } | null>(null);
  const setting = signal<SeenSetting | null>(null);
  let capturing: AbortController | null = null;

  async function runSnapshot(resume: boolean, cause: 'manual' | 'scheduled' = 'manual') {
    capturing?.abort();
    const controller = new AbortController();
    capturing = controller;
    setSnapshot({ phase: 'running', done: 0, total: 0, etaMs: null });
    try {
      const s = await takeSnapshot({
        cause,
        queue,
        signal: controller.signal,
        resume,
        onProgress: (p) => {
          if (!controller.signal.aborted) setSnapshot({ phase: 'running', ...p });
        },
      });
      setSnapshot({
        phase: 'saved',
        sets: s.sets.length,
        actions: s.sets.reduce((n, x) => n + x.actions.length, 0),
        products: s.products.length,
        notRead: notReadParts(s).length,
      });
    } catch (e) {
      // Resume only where it could do better: after a cancel, an ended session or a network
      // failure. A page the toolkit cannot read would fail the same way again.
      const resumable = controller.signal.aborted || stopsReading(e);
      if (!resumable) await discardCapture(app);
      const pending = resumable ? await pendingCapture(app) : null;
      const message = controller.signal.aborted
        ? 'Snapshot cancelled.'
        : e instanceof SessionExpiredError
          ? 'Your Keap session has ended. Log in again, then Resume: what was read is kept.'
          : `The snapshot stopped: ${e instanceof Error ? e.message : String(e)}`;
      setSnapshot({ phase: 'failed', message, resumable: pending?.sets.length ?? null });
    }
  }

  // One writer per account (background/writers.ts): held while this tab writes, beaten so a
  // closed or frozen tab frees it, and released when the job call settles.
  let writing = 0;
  let beat: ReturnType<typeof setInterval> | undefined;
  async function asWriter<T>(work: () => Promise<T>): Promise<T> {
    const got = await ask({ type: 'writer-acquire' });
    if (!got?.ok)
      throw new Error(
        'Another tab is writing to this account right now. Wait for it to finish, or go to that tab.',
      );
    writing++;
    beat ??= setInterval(() => void ask({ type: 'writer-beat' }), WRITER_BEAT_MS);
    try {
      return await work();
    } finally {
      if (--writing === 0) {
        clearInterval(beat);
        beat = undefined;
        await ask({ type: 'writer-release' });
      }
    }
  }

  // A write job the journal shows as unfinished: Resume, or "running in another tab".
  let resumeJob: RunProgress | null = null;
  let watchingElsewhere: ReturnType<typeof setTimeout> | undefined;
  async function findInterrupted() {
    const jobs = (await ask({ type: 'jobs-open' })) ?? [];
    const job = writing > 0 ? undefined : jobs[0];
    resumeJob = job && !job.runningInOtherTab ? progressOf(job) : null;
    model.job = job
      ? {
          jobId: job.id,
          left: job.targets.filter((t) => t.state === 'queued' || t.state === 'writing').length,
          runningInOtherTab: job.runningInOtherTab,
        }
      : null;
    push();
    // Until the other tab finishes or dies (its beat stops), look again now and then.
    clearTimeout(watchingElsewhere);
    if (job?.runningInOtherTab) watchingElsewhere = setTimeout(() => void findInterrupted(), 3000);
  }

  // The Bulk copy dialog: its own frame over the page, its engine here (the page's session).
  let bulk: { setup: BulkCopySetup; resume: RunProgress | null } | null = null;
  const previews = new Map<string, Preview>();
  const dialog = createDialogHost(ctx);
  const toFrame = (event: FrameEvent) =>
    void ask({ type: 'frame-event', kind: 'bulk-copy', event });
  const onProgress = (progress: RunProgress) => toFrame({ type: 'bulk-progress', progress });
  const withId = (p: Preview) => {
    const id = crypto.randomUUID();
    previews.clear();
    previews.set(id, p);
    return { ...p, id };
  };
  // The account check (issue 13): read-only, kept for this page's session. Writing features are
  // offered only when every check they need passed; before the first write it runs if it has not.
  let checked: AccountCheckRun | null = null;
  let checking: Promise<AccountCheckRun> | null = null;
  const showCheck = (view: NonNullable<ToolbarModel['accountCheck']>) => {
    model.accountCheck = view;
    push();
  };
  function runCheck(): Promise<AccountCheckRun> {
    checking ??= (async () => {
      showCheck({ running: true, result: checked?.result ?? null, error: '' });
      try {
        checked = await checkAccount({
          doc: document,
          queue,
          editorUrls: (rows) =>
            new Map(
              [
                ...resolveEditorOpens(
                  document,
                  rows.map((r) => r.button),
                ),
              ].map(([b, o]) => [b, o.url]),
            ),
          settingUrl: (await loadSetting(app))?.url,
        });
        showCheck({ running: false, result: checked.result, error: '' });
        return checked;
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        showCheck({
          running: false,
          result: checked?.result ?? null,
          error: `The check stopped: ${why}`,
        });
        throw e;
      } finally {
        checking = null;
      }
    })();
    return checking;
  }
  /** Why `feature` may not run on this account ("Not available because …"), or null. */
  async function refusalOf(feature: Feature): Promise<string | null> {
    const capOf = (run: AccountCheckRun) =>
      run.result.capabilities.find((c) => c.feature === feature);
    let run = checked ?? (await runCheck());
    // "Not tested" (no action to try Delete on) may have changed since: a copy adds actions.
    const untested = (r: AccountCheckRun) =>
      capOf(r)?.missing.some(
        (id) => r.result.checks.find((c) => c.id === id)?.state === 'not tested',
      );
    if (capOf(run)?.status !== 'ready' && untested(run)) run = await runCheck();
    const cap = capOf(run);
    return cap && cap.status !== 'ready' ? cap.text : null;
  }

  async function openBulkCopy(resume: boolean) {
    model.bulkBusy = checked ? 'Reading the products…' : 'Checking this account first (read-only)…';
    push();
    try {
      const refused = await refusalOf('bulk-copy');
      if (refused) {
        model.bulkBusy = `Bulk copy is not offered on this account. ${refused}`;
        push();
        return;
      }
      model.bulkBusy = 'Reading the products…';
      push();
      bulk = { setup: await prepareBulkCopy(queue), resume: resume ? resumeJob : null };
      model.bulkBusy = '';
      push();
      await dialog.open();
    } catch (e) {
      model.bulkBusy = `Bulk copy cannot start: ${e instanceof Error ? e.message : String(e)}`;
      push();
    }
  }
  const engine = () => {
    if (!bulk) throw new Error('Open Bulk copy again.');
    return bulk.setup;
  };

  async function answer(call: FrameCall): Promise<unknown> {
    const a = (call.args ?? {}) as Record<string, unknown>;
    switch (call.op) {
      case 'toolbar-state':
        return model;
      case 'snapshot-take':
        void runSnapshot(a.resume === true);
        return null;
      case 'snapshot-cancel':
        capturing?.abort(new Error('cancelled'));
        return null;
      case 'snapshot-discard':
        await discardCapture(app);
        setSnapshot({ phase: 'idle', resumable: null });
        return null;
      case 'notice-dismiss':
        patch({ notice: '' });
        return null;
      case 'bulk-open':
        void openBulkCopy(a.resume === true);
        return null;
      case 'frame-height':
        (call.kind === 'toolbar' ? toolbarFrame : null)?.style.setProperty(
          'height',
          `${Math.min(Math.max(Number(a.px) || 0, 24), 400)}px`,
        );
        return null;
      case 'bulk-setup': {
        const s = engine();
        return { sources: s.sources, targets: s.targets, resume: bulk?.resume ?? null };
      }
      case 'bulk-preview': {
        const p = await engine().previewWith(
          String(a.sourceId),
          (a.keys ?? []) as string[],
          a.mode === 'replace' ? 'replace' : 'add',
          (done, total) => toFrame({ type: 'bulk-read', done, total }),
          (a.source ?? { kind: 'live' }) as SourceSpec,
        );
        return withId(p);
      }
      case 'bulk-run': {
        const p = previews.get(String(a.previewId));
        if (!p) throw new Error('Preview again: the plan is not the one shown.');
        return asWriter(() => engine().actions.run(p, onProgress));
      }
      case 'bulk-pause':
        engine().actions.pause();
        return null;
      case 'bulk-cancel':
        engine().actions.cancel();
        return null;
      case 'bulk-resume':
        return asWriter(() => engine().actions.resume(onProgress));
      case 'bulk-retry':
        return asWriter(() => engine().actions.retryFailed(onProgress));
      case 'bulk-undo-preview':
        return withId(await engine().actions.undoPreview(String(a.jobId)));
      case 'bulk-undo': {
        const refused = await refusalOf('undo');
        if (refused) throw new Error(`Undo is not offered on this account. ${refused}`);
        return asWriter(() => engine().actions.undo(String(a.jobId), onProgress));
      }
      case 'account-check':
        return (await runCheck()).result;
      case 'page-shape': {
        const run = checked ?? (await runCheck());
        return pageShapeReport(run.pages, { checks: run.result.checks });
      }
      case 'bulk-close':
        bulk = null;
        previews.clear();
        dialog.close();
        // Focus goes back where the admin opened the dialog (keyboard users are not dropped on
        // the page's body): the toolbar's frame, which focuses its own Bulk copy button.
        toolbarFrame?.focus();
        void ask({ type: 'frame-event', kind: 'toolbar', event: { type: 'focus-bulk-copy' } });
        void findInterrupted();
        void refresh();
        return null;
      default:
        throw new Error('Unknown request.');
    }
  }
  // Only the background sends frame calls (it checked the frame); a message from any tab is not one.
  const onFrameCall = (raw: unknown, sender: browser.Runtime.MessageSender) => {
    const call = raw as FrameCall;
    if (call?.type !== 'frame-call' || sender.tab || sender.id !== browser.runtime.id)
      return undefined;
    return answer(call).then(
      (value) => ({ ok: true, value }),
      (e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  browser.runtime.onMessage.addListener(onFrameCall);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onFrameCall));

  function Panel() {
    return panel.value ? (
      <EditorPanel
        url={panel.value.url}
        title={panel.value.title}
        onClose={() => {
          panel.value = null;
          void refresh();
        }}
      />
    ) : null;
  }

  const anchor = elementsWithText(document, DEFAULT_SETTINGS_HEADING)[0];
  let toolbarFrame: HTMLIFrameElement | null = null;
  const ui = await createShadowRootUi(ctx, {
    name: 'pat-toolbar',
    position: 'inline',
    anchor,
    append: 'before',
    // Closed: a page script cannot reach into it; the controls themselves are in the frame.
    mode: 'closed',
    onMount(container) {
      toolbarFrame = document.createElement('iframe');
      toolbarFrame.title = 'Purchase Actions Toolkit';
      toolbarFrame.className = 'pat-frame';
      // As wide as the page's content column, no frame border; height follows its content.
      toolbarFrame.setAttribute(
        'style',
        'display:block;width:100%;height:56px;border:0;margin:0;background:transparent;color-scheme:normal',
      );
      container.append(toolbarFrame);
      const panelRoot = document.createElement('div');
      container.append(panelRoot);
      render(<Panel />, panelRoot);
      return panelRoot;
    },
    onRemove(panelRoot) {
      if (panelRoot) render(null, panelRoot);
    },
  });
  ui.mount();
  const frameUrl = await ask({ type: 'frame-open', kind: 'toolbar' });
  if (toolbarFrame && frameUrl && 'url' in frameUrl)
    (toolbarFrame as HTMLIFrameElement).src = frameUrl.url;

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
  const ours = (n: Node) =>
    n.nodeName === 'PAT-WHEN' || n.nodeName === 'PAT-DIALOG' || ui.shadowHost.contains(n);
  const observer = new MutationObserver((mutations) => {
    const theirs = mutations.some(
      (m) =>
        !ours(m.target) &&
        (m.type === 'characterData' ||
          ![...m.addedNodes, ...m.removedNodes].every(
            (n) => n.nodeName === 'PAT-WHEN' || n.nodeName === 'PAT-DIALOG',
          )),
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
  if (pending?.sets.length) setSnapshot({ phase: 'idle', resumable: pending.sets.length });
  else {
    // A scheduled snapshot that is due runs now, with its progress on the toolbar like any other.
    const schedule = await ask({ type: 'snapshot-due' });
    if (schedule?.due) void runSnapshot(false, 'scheduled');
  }
  void followSetting(ctx, app, setting, queue);
}

/**
 * The dialog's frame: full-window, in its own closed shadow root at the end of the body, with
 * the rest of the page inert while it is open (keyboard focus cannot wander behind it).
 */
function createDialogHost(ctx: ContentScriptContext) {
  let host: HTMLElement | null = null;
  let madeInert: Element[] = [];
  const close = () => {
    host?.remove();
    host = null;
    for (const el of madeInert) el.removeAttribute('inert');
    madeInert = [];
    void ask({ type: 'frame-close', kind: 'bulk-copy' });
  };
  ctx.onInvalidated(close);
  return {
    async open() {
      close();
      const answer = await ask({ type: 'frame-open', kind: 'bulk-copy' });
      if (!answer || !('url' in answer)) throw new Error('The toolkit could not open its dialog.');
      host = document.createElement('pat-dialog');
      const root = host.attachShadow({ mode: 'closed' });
      const frame = document.createElement('iframe');
      frame.title = 'Bulk copy purchase actions';
      frame.src = answer.url;
      frame.setAttribute(
        'style',
        'position:fixed;inset:0;width:100vw;height:100vh;border:0;margin:0;z-index:2147483647;background:transparent;color-scheme:normal',
      );
      root.append(frame);
      for (const el of document.body.children) {
        if (!el.hasAttribute('inert')) {
          el.setAttribute('inert', '');
          madeInert.push(el);
        }
      }
      document.body.append(host);
      frame.focus();
    },
    close,
  };
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
