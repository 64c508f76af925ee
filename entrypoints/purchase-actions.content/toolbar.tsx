import { signal } from '@preact/signals';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Toolbar, type ToolbarState } from '@/components/Toolbar';
import { type ActionsPage, readActionsPage } from '@/lib/crm/actions-page';
import { elementsWithText } from '@/lib/crm/text';
import { appFromUrl } from '@/lib/crm/app';
import { resolveEditorOpens } from '@/lib/crm/bridge-client';
import { DEFAULT_SETTINGS_HEADING } from '@/lib/crm/labels';
import { PoliteQueue, SessionExpiredError } from '@/lib/crm/polite';
import { readSetActions } from '@/lib/crm/read-set';

/** Above this many sets without printed counts we do not read every editor just to count. */
const AUTO_COUNT_LIMIT = 60;

export async function mountToolbar(ctx: ContentScriptContext, bridge: boolean): Promise<void> {
  const app = appFromUrl(location.href) ?? 'unknown';
  const state = signal<ToolbarState>({ app, sets: 0, actions: null, status: '' });
  const anchor = elementsWithText(document, DEFAULT_SETTINGS_HEADING)[0];
  const ui = await createShadowRootUi(ctx, {
    name: 'pat-toolbar',
    position: 'inline',
    anchor,
    append: 'before',
    onMount(container) {
      render(<Toolbar state={state} />, container);
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  ui.mount();

  const queue = new PoliteQueue();
  let counting: AbortController | null = null;

  async function countFromEditors(page: ActionsPage, signal: AbortSignal): Promise<number | null> {
    const rows = [...page.defaults, ...page.products];
    if (!bridge) return null;
    const opens = resolveEditorOpens(document, rows.map((r) => r.button));
    let total = 0;
    let done = 0;
    const reads = rows.map(async (row) => {
      if (row.count !== null) return row.count;
      const open = opens.get(row.button);
      if (!open) throw new Error(`Could not tell which editor "${row.name}" opens.`);
      const n = (await readSetActions(open.url, queue, signal)).length;
      done++;
      if (!signal.aborted) state.value = { ...state.value, status: `counting ${done} of ${rows.length}` };
      return n;
    });
    for (const n of await Promise.all(reads)) total += n;
    return total;
  }

  async function refresh() {
    counting?.abort();
    const page = readActionsPage(document);
    if (!page) return;
    const sets = page.defaults.length + page.products.length;
    const printed = [...page.defaults, ...page.products].map((r) => r.count);
    if (printed.every((c) => c !== null)) {
      state.value = { app, sets, actions: printed.reduce<number>((a, c) => a + (c ?? 0), 0), status: '' };
      return;
    }
    if (sets > AUTO_COUNT_LIMIT) {
      state.value = { app, sets, actions: null, status: 'this page shows no action counts' };
      return;
    }
    const controller = new AbortController();
    counting = controller;
    state.value = { app, sets, actions: null, status: 'counting…' };
    try {
      const actions = await countFromEditors(page, controller.signal);
      if (!controller.signal.aborted) {
        state.value = { app, sets, actions, status: actions === null ? 'counts unavailable' : '' };
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      const status =
        e instanceof SessionExpiredError ? 'session ended: log in again' : 'could not count actions';
      state.value = { app, sets, actions: null, status };
    }
  }

  // The page refreshes its own lists (after an editor saves): follow it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((mutations) => {
    if (mutations.every((m) => ui.shadowHost.contains(m.target))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    counting?.abort();
  });
  await refresh();
}
