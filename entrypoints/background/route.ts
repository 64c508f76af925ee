import browser from 'webextension-polyfill';
import { isCrmUrl } from '@/lib/crm/hosts';
import { framePrecheck, OUR_LABELS_SOURCE } from '@/lib/crm/precheck';
import { EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY } from '@/lib/messaging/events';
import { refuse } from './refusals';

// The toolkit declares no isolated content script for CRM pages (an isolated world alone costs
// every page ~300 KB of heap): the background looks at a CRM tab once it has loaded, with a
// self-contained pre-check run in the page's own world (lib/crm/precheck.ts), and only a frame
// that passes gets the router (entrypoints/pat-router), which runs the full detectors and asks
// for the feature script (inject.ts).
const ROUTER = '/pat-router.js';

type Target = { tabId: number; frameIds?: number[]; allFrames?: boolean };

async function route(target: Target, skipTop: boolean): Promise<void> {
  const results = await browser.scripting
    .executeScript({
      target,
      // The page's own world: no isolated world is created for a page that is not ours.
      world: 'MAIN',
      func: framePrecheck,
      args: [OUR_LABELS_SOURCE, EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY],
    } as browser.Scripting.ScriptInjection)
    .catch(() => []);
  for (const r of results) {
    if (r.result !== true || (skipTop && r.frameId === 0)) continue;
    // The very document that answered (Chrome); Firefox has no document ids, and the router
    // decides again where it lands.
    const documentId = (r as { documentId?: string }).documentId;
    const at = documentId
      ? { tabId: target.tabId, documentIds: [documentId] }
      : { tabId: target.tabId, frameIds: [r.frameId] };
    browser.scripting
      .executeScript({ target: at, files: [ROUTER] } as browser.Scripting.ScriptInjection)
      .catch(() => undefined);
  }
}

/** Every CRM tab that finishes loading a page: its top frame, pre-checked. */
export function watchCrmTabs(): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete' || !isCrmUrl(tab.url)) return;
    void route({ tabId, frameIds: [0] }, false);
  });
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
