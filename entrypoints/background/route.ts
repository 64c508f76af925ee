import browser from 'webextension-polyfill';
import { CRM_MATCHES, isCrmUrl } from '@/lib/crm/hosts';
import { framePrecheck, OUR_LABELS_SOURCE } from '@/lib/crm/precheck';
import { EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY } from '@/lib/messaging/events';
import { refuse } from './refusals';

// The toolkit declares no isolated content script for CRM pages (an isolated world alone costs
// every page ~300 KB of heap): the background looks at a CRM tab's new document with a
// self-contained pre-check run in the page's own world (lib/crm/precheck.ts), and only a frame
// that passes gets the router (entrypoints/pat-router), which runs the full detectors and asks
// for the feature script (inject.ts).
const ROUTER = '/pat-router.js';

type Target = { tabId: number; frameIds?: number[]; documentIds?: string[]; allFrames?: boolean };
type Result = { frameId: number; documentId?: string; result?: unknown };

// Chrome names the document each result came from, so a tab is routed as soon as its new document
// starts loading (the pre-check waits for DOMContentLoaded inside the page), not after its last
// image. Firefox has no document ids: it keeps routing on 'complete' alone.
const EARLY = !import.meta.env.FIREFOX;

/** Per tab, the top-frame documents the pre-check has answered for, and the one in flight. */
const seen = new Map<number, { documents: string[]; pending: Promise<unknown> | null }>();

async function route(target: Target, skipTop: boolean, early = false): Promise<Result[]> {
  const results = (await browser.scripting
    .executeScript({
      target,
      // The page's own world: no isolated world is created for a page that is not ours.
      world: 'MAIN',
      func: framePrecheck,
      args: [OUR_LABELS_SOURCE, EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY],
      ...(early && { injectImmediately: true }),
    } as browser.Scripting.ScriptInjection)
    .catch(() => [])) as Result[];
  for (const r of results) {
    if (r.result !== true || (skipTop && r.frameId === 0)) continue;
    // The very document that answered (Chrome); Firefox has no document ids, and the router
    // decides again where it lands.
    const at = r.documentId
      ? { tabId: target.tabId, documentIds: [r.documentId] }
      : { tabId: target.tabId, frameIds: [r.frameId] };
    // At once: the pre-check answered after DOMContentLoaded, and the document may be hundreds of
    // ms from 'idle' (Chrome's default: its load, or 200 ms after DOMContentLoaded).
    browser.scripting
      .executeScript({
        target: at,
        files: [ROUTER],
        injectImmediately: true,
      } as browser.Scripting.ScriptInjection)
      .catch(() => undefined);
  }
  return results;
}

/** A tab's new top-frame document started loading: pre-check it at its DOMContentLoaded. */
function routeEarly(tabId: number): void {
  const tab = seen.get(tabId) ?? { documents: [], pending: null };
  seen.set(tabId, tab);
  const pending = route({ tabId, frameIds: [0] }, false, true).then((results) => {
    for (const r of results) if (r.frameId === 0 && r.documentId) tab.documents.push(r.documentId);
    tab.documents.splice(0, tab.documents.length - 4);
  });
  tab.pending = pending;
  void pending.finally(() => {
    if (tab.pending === pending) tab.pending = null;
  });
}

/**
 * The tab finished loading. The early pre-check may have answered for another document (one
 * that navigated on, or the old one if the event came before the new one replaced it): a no-op in
 * the page's world names the document shown now, and only one not yet answered for is routed.
 */
async function routeLoaded(tabId: number): Promise<void> {
  const tab = seen.get(tabId);
  if (!EARLY || !tab) {
    await route({ tabId, frameIds: [0] }, false);
    return;
  }
  if (tab.pending) await Promise.race([tab.pending, new Promise((r) => setTimeout(r, 2000))]);
  const now = (await browser.scripting
    .executeScript({
      target: { tabId, frameIds: [0] },
      world: 'MAIN',
      func: () => 0,
    } as browser.Scripting.ScriptInjection)
    .catch(() => [])) as Result[];
  const documentId = now[0]?.documentId;
  if (documentId && tab.documents.includes(documentId)) return;
  await route(documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] }, false);
}

/**
 * CRM tabs that loaded while no background listened (the extension just installed or updated, or
 * a browser that restored its tabs before it started the background): routed now, loaded or not
 * (Chrome may never report 'complete' for a tab that was loading as the background started; the
 * pre-check runs once the document is idle). A document routed already is left alone (the
 * router hands over once per document).
 */
async function routeOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: CRM_MATCHES }).catch(() => []);
  for (const tab of tabs) if (tab.id !== undefined && isCrmUrl(tab.url)) void routeLoaded(tab.id);
}

/** Every CRM tab that loads a page: its top frame, pre-checked once per document. */
export function watchCrmTabs(): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (!isCrmUrl(tab.url)) return;
    if (change.status === 'loading' && EARLY) routeEarly(tabId);
    if (change.status === 'complete') void routeLoaded(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void seen.delete(tabId));
  browser.runtime.onInstalled.addListener(() => void routeOpenTabs());
  browser.runtime.onStartup.addListener(() => void routeOpenTabs());
}

/**
 * The Actions page's in-page editor panel (a subframe, which no tab event reports) loaded a page:
 * pre-check the tab's subframes, so the panel's pages get the editor side.
 */
export async function routePanel(sender: browser.Runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId !== 0 || !isCrmUrl(sender.tab?.url)) {
    await refuse('route-panel', 'not the top frame of a CRM tab');
    return false;
  }
  await route({ tabId, allFrames: true }, true);
  return true;
}
