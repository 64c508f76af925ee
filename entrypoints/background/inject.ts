import browser from 'webextension-polyfill';
import { CRM_MATCHES, isCrmUrl } from '@/lib/crm/hosts';
import { refuse } from './refusals';

// The feature script (Actions-page toolbar, editor side, settings side) is not in the manifest:
// the router (entrypoints/pat-router, injected by route.ts) asks for it when its frame is one of
// ours, and it goes into exactly that frame.
export const FEATURE_SCRIPT = '/content-scripts/purchase-actions.js';

const STAND_IN = 'content-scripts/editor-opener.js';
const STAND_IN_ID = 'pat-editor-opener';
let standIn: Promise<void> | null = null;

/**
 * The opener stand-in (entrypoints/editor-opener.content.ts) must be in place, from document
 * start, in any editor window the toolkit may open. Registered the first time one of our pages is
 * routed in this browser session, long before its first editor opens, and not before: a CRM page
 * in a session that never showed one of ours loads nothing of ours. Where the manifest declares
 * it (Firefox), nothing to do.
 */
export function ensureOpenerStandIn(): Promise<void> {
  standIn ??= (async () => {
    const declared = (browser.runtime.getManifest().content_scripts ?? []).some((c) =>
      c.js?.includes(STAND_IN),
    );
    if (declared) return;
    // A restarted background forgets; the browser remembers for the session.
    const have = await browser.scripting.getRegisteredContentScripts({ ids: [STAND_IN_ID] });
    if (have.length) return;
    await browser.scripting.registerContentScripts([
      {
        id: STAND_IN_ID,
        matches: CRM_MATCHES,
        js: [STAND_IN],
        runAt: 'document_start',
        allFrames: true,
        persistAcrossSessions: false,
        world: 'MAIN',
      } as browser.Scripting.RegisteredContentScript,
    ]);
  })().catch(() => {
    standIn = null; // tried again at the next page of ours
  });
  return standIn;
}

const injected = new Set<string>();

/** The router of `sender`'s frame asks, once per document (it leaves the page kind itself). */
export async function loadFeatures(
  sender: browser.Runtime.MessageSender,
): Promise<{ loaded: boolean } | undefined> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (
    tabId === undefined ||
    frameId === undefined ||
    !isCrmUrl(sender.tab?.url) ||
    !isCrmUrl(sender.url)
  ) {
    await refuse('load-features', 'not a frame of a CRM tab');
    return undefined;
  }
  void ensureOpenerStandIn();
  // Once per document, even if asked twice (the router asks once; this is the second lock).
  if (sender.documentId) {
    if (injected.has(sender.documentId)) return { loaded: false };
    injected.add(sender.documentId);
    if (injected.size > 1000) injected.delete(injected.values().next().value as string);
  }
  // The very document that asked (Chrome); a frame that navigated since gets nothing.
  const target = sender.documentId
    ? { tabId, documentIds: [sender.documentId] }
    : { tabId, frameIds: [frameId] };
  // Not awaited: the script's result is its main(), which lasts as long as the page. At once: the
  // router asked after DOMContentLoaded, so the page's markup is all there (Chrome's default
  // would wait for the page's load, or 200 ms).
  browser.scripting
    .executeScript({ target, files: [FEATURE_SCRIPT], injectImmediately: true })
    .catch(() => undefined);
  return { loaded: true };
}
