import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { EditorPanel } from '@/components/EditorPanel';
import {
  mountToolbarHost,
  openToolbarFrame,
  takeToolbarHost,
} from '@/entrypoints/pat-router/toolbar-host';
import { type ActionsPage, readActionsPage } from '@/lib/crm/actions-page';
import { markControls, resolveEditorOpens } from '@/lib/crm/bridge-client';
import { DEFAULT_SETTINGS_HEADING } from '@/lib/crm/labels';
import { SessionExpiredError } from '@/lib/crm/polite';
import { productTotal } from '@/lib/crm/products-report';
import { readSetActions } from '@/lib/crm/read-set';
import { elementsWithText } from '@/lib/crm/text';
import type { FrameCall } from '@/lib/messaging/frame';
import { ask } from '@/lib/messaging/send';
import type { ActionsPageContext } from '../page';

/** Above this many sets without printed counts we do not read every editor just to count. */
const AUTO_COUNT_LIMIT = 60;

// The toolbar above Default Settings: its frame (extension origin, out of the page's reach)
// renders the model this page pushes and sends back the admin's clicks as frame calls, which
// the feature that owns each op answers (page.handle). The toolbar itself owns the page's
// figures (sets, actions) and follows the page when it refreshes its own lists.
export async function init(ctx: ContentScriptContext, page: ActionsPageContext): Promise<void> {
  // The router mounted the frame as soon as it knew the page (its load is the slowest part of
  // the toolbar); mount it here only if it did not.
  const handed = takeToolbarHost();
  const mounted =
    handed ?? mountToolbarHost(elementsWithText(document, DEFAULT_SETTINGS_HEADING)[0]);
  const panelRoot = document.createElement('div');
  mounted.container.append(panelRoot);
  ctx.onInvalidated(() => {
    render(null, panelRoot);
    mounted.host.remove();
  });
  // The panel's styles (the toolbar itself is styled inside its frame).
  void fetch(browser.runtime.getURL(`/content-scripts/${import.meta.env.ENTRYPOINT}.css`))
    .then((r) => r.text())
    .then((css) => mounted.style.append(css.replaceAll(':root', ':host')))
    .catch(() => undefined);

  page.handle('toolbar-state', () => page.model);
  page.handle('notice-dismiss', () => {
    page.patch({ notice: '' });
    return null;
  });
  page.handle('frame-height', (req, call) => {
    if (call.kind === 'toolbar')
      mounted.frame.style.setProperty(
        'height',
        `${Math.min(Math.max(Number(req.px) || 0, 24), 400)}px`,
      );
    return null;
  });

  // Only the background sends frame calls (it checked the frame); a message from a tab is not one.
  const onFrameCall = (raw: unknown, sender: browser.Runtime.MessageSender) => {
    const call = raw as FrameCall;
    if (call?.type !== 'frame-call' || sender.tab || sender.id !== browser.runtime.id)
      return undefined;
    return page.answer(call).then(
      (value) => ({ ok: true, value }),
      (e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  browser.runtime.onMessage.addListener(onFrameCall);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onFrameCall));

  function Panel() {
    const panel = page.panel.value;
    return panel ? (
      <EditorPanel
        url={panel.url}
        title={panel.title}
        onFrameLoad={() => void ask({ type: 'route-panel' })}
        onClose={() => {
          page.panel.value = null;
          void page.refresh();
        }}
      />
    ) : null;
  }

  render(<Panel />, panelRoot);
  page.focusToolbar = () => mounted.frame.focus();
  if (handed) {
    // The frame may have asked for the model before this script listened: give it now.
    page.push();
  } else {
    const frameUrl = await ask({ type: 'frame-open', kind: 'toolbar' });
    if (frameUrl && 'url' in frameUrl) openToolbarFrame(mounted, frameUrl.url);
  }

  // How many products the account has, from the products report (one request per page load;
  // tried again on the next refresh if it failed): a product the page does not list has an
  // empty set, which a snapshot counts, and so must the toolbar.
  let products: Promise<number | null> | null = null;
  const productsOnce = () => {
    products ??= productTotal(document, page.queue).catch(() => {
      products = null;
      return null;
    });
    return products;
  };

  let counting: AbortController | null = null;
  /** Each set's action count, read from its editor where the page prints none. */
  async function countFromEditors(
    read: ActionsPage,
    signal: AbortSignal,
  ): Promise<number[] | null> {
    const rows = [...read.defaults, ...read.products];
    if (!page.bridge) return null;
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
        const n = (await readSetActions(open.url, page.queue, signal)).length;
        done++;
        if (!signal.aborted) page.patch({ status: `counting ${done} of ${rows.length}` });
        return n;
      }),
    );
    return counts;
  }

  const figures = (counts: readonly number[]) => ({
    actions: counts.reduce((a, b) => a + b, 0),
    withActions: counts.filter((n) => n > 0).length,
  });

  page.refresh = async () => {
    counting?.abort();
    const controller = new AbortController();
    counting = controller;
    const read = readActionsPage(document);
    if (!read) return;
    const rows = [...read.defaults, ...read.products];
    markControls(rows.map((r) => r.button));
    for (const hook of page.afterRefresh) hook(read);
    const listed = rows.length;
    void productsOnce().then((total) => {
      if (controller.signal.aborted) return;
      // Every listed product is one of the report's (a snapshot stops otherwise).
      const sets =
        total === null ? null : read.defaults.length + Math.max(total, read.products.length);
      page.patch({ sets });
    });
    const printed = rows.map((r) => r.count);
    if (printed.every((c) => c !== null)) {
      page.patch({ listed, ...figures(printed as number[]), status: '' });
      return;
    }
    if (listed > AUTO_COUNT_LIMIT) {
      page.patch({
        listed,
        actions: null,
        withActions: null,
        status: 'this page shows no action counts',
      });
      return;
    }
    page.patch({ listed, actions: null, withActions: null, status: 'counting…' });
    try {
      const counts = await countFromEditors(read, controller.signal);
      if (!controller.signal.aborted) {
        page.patch(
          counts === null
            ? { actions: null, withActions: null, status: 'counts unavailable' }
            : { ...figures(counts), status: '' },
        );
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      const status =
        e instanceof SessionExpiredError
          ? 'session ended: log in again'
          : 'could not count actions';
      page.patch({ actions: null, withActions: null, status });
    }
  };

  // The page refreshes its own lists (after an editor saves): follow it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ourTag = (n: Node) => n.nodeName === 'PAT-WHEN' || n.nodeName === 'PAT-DIALOG';
  const ours = (n: Node) => ourTag(n) || mounted.host.contains(n);
  const observer = new MutationObserver((mutations) => {
    const theirs = mutations.some(
      (m) =>
        !ours(m.target) &&
        (m.type === 'characterData' || ![...m.addedNodes, ...m.removedNodes].every(ourTag)),
    );
    if (!theirs) return;
    clearTimeout(timer);
    timer = setTimeout(() => void page.refresh(), 250);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    clearTimeout(timer);
    counting?.abort();
  });
}
