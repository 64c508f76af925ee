import browser from 'webextension-polyfill';
import { isCrmUrl } from '@/lib/crm/hosts';
import { refuse } from './refusals';

// The feature script (Actions-page toolbar, editor side, settings side) is not in the manifest:
// the router (entrypoints/pat-router, injected by route.ts) asks for it when its frame is one of
// ours, and it goes into exactly that frame.
export const FEATURE_SCRIPT = '/content-scripts/purchase-actions.js';

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
  // Not awaited: the script's result is its main(), which lasts as long as the page.
  browser.scripting.executeScript({ target, files: [FEATURE_SCRIPT] }).catch(() => undefined);
  return { loaded: true };
}
