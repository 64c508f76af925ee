import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  BRIDGE_READY,
  BRIDGE_REQUEST,
  BRIDGE_RESPONSE,
  BridgeRequest,
  type EditorOpen,
  MARK_ATTRIBUTE,
  parseJson,
} from '@/lib/messaging';

// Runs in the page's own world: the only place that sees which URL a page script builds when an
// Actions button is clicked (one dialect has the URL nowhere in the markup). It answers only
// questions about elements the content script marked, and only with what the page itself would
// have opened.
export default defineUnlistedScript(() => {
  const respond = (detail: unknown) =>
    document.dispatchEvent(new CustomEvent(BRIDGE_RESPONSE, { detail: JSON.stringify(detail) }));

  /** Runs the page's own click handling for `el` with window.open captured, not performed. */
  function captureOpen(el: HTMLElement): EditorOpen | null {
    const realOpen = window.open;
    let captured: EditorOpen | null = null;
    const stub = { closed: false, focus() {}, close() {}, blur() {}, document: null, location: {} };
    window.open = ((url?: string | URL, name?: string, features?: string) => {
      captured ??= { url: String(url ?? ''), name: String(name ?? ''), features: String(features ?? '') };
      return stub as unknown as Window;
    }) as typeof window.open;
    // Whatever the page's handlers do, the click must not navigate: stop the default action last.
    const stopDefault = (e: Event) => e.preventDefault();
    window.addEventListener('click', stopDefault);
    try {
      el.click();
    } catch {
      // A page handler that throws tells us nothing.
    } finally {
      window.open = realOpen;
      window.removeEventListener('click', stopDefault);
    }
    if (captured) return captured;
    const href = el instanceof HTMLAnchorElement ? el.getAttribute('href') : null;
    if (href && !/^\s*javascript:/i.test(href) && href !== '#') {
      return { url: new URL(href, location.href).href, name: el.getAttribute('target') ?? '', features: '' };
    }
    return null;
  }

  document.addEventListener(BRIDGE_REQUEST, (event) => {
    const msg = parseJson(BridgeRequest, (event as CustomEvent).detail);
    if (!msg) return;
    const opens: Record<string, EditorOpen | null> = {};
    for (const mark of msg.marks) {
      const el = document.querySelector(`[${MARK_ATTRIBUTE}="${CSS.escape(mark)}"]`);
      const open = el instanceof HTMLElement ? captureOpen(el) : null;
      opens[mark] = open ? { ...open, url: new URL(open.url, location.href).href } : null;
    }
    respond({ id: msg.id, type: 'editor-urls', opens });
  });
  document.dispatchEvent(new CustomEvent(BRIDGE_READY));
});
