import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  BRIDGE_OPEN_BLOCKED,
  BRIDGE_OPENER_CALL,
  BRIDGE_READY,
  BRIDGE_REQUEST,
  BRIDGE_RESPONSE,
  BridgeRequest,
  type EditorOpen,
  MARK_ATTRIBUTE,
  OpenerCall,
  parseJson,
} from '@/lib/messaging/bridge';

// Runs in the page's own world: the only place that sees which URL a page script builds when an
// Actions button is clicked (one dialect has the URL nowhere in the markup). It answers only
// questions about elements the content script marked, and only with what the page itself would
// have opened.
export default defineUnlistedScript(() => {
  const respondOn = (type: string, detail: unknown) =>
    document.dispatchEvent(new CustomEvent(type, { detail: JSON.stringify(detail) }));
  const respond = (detail: unknown) => respondOn(BRIDGE_RESPONSE, detail);

  /** Runs the page's own click handling for `el` with window.open captured, not performed. */
  function captureOpen(el: HTMLElement): EditorOpen | null {
    const realOpen = window.open;
    let captured: EditorOpen | null = null;
    const stub = { closed: false, focus() {}, close() {}, blur() {}, document: null, location: {} };
    window.open = ((url?: string | URL, name?: string, features?: string) => {
      captured ??= {
        url: String(url ?? ''),
        name: String(name ?? ''),
        features: String(features ?? ''),
      };
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
      return {
        url: new URL(href, location.href).href,
        name: el.getAttribute('target') ?? '',
        features: '',
      };
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
  // A page's window.open right after a real click on an Actions control is an editor opening.
  // When it comes back null (a blocker said no), say so at once so the content script need not
  // wait. Every other window.open passes through untouched.
  let lastClick = 0;
  document.addEventListener(
    'click',
    (e) => {
      if (e.isTrusted && (e.target as Element | null)?.closest?.(`[${MARK_ATTRIBUTE}]`)) {
        lastClick = Date.now();
      }
    },
    true,
  );
  const pageOpen = window.open;
  window.open = function open(this: Window, ...args: Parameters<typeof window.open>) {
    const win = pageOpen.apply(this, args);
    if (!win && Date.now() - lastClick < 5000) {
      try {
        const url = new URL(String(args[0] ?? ''), location.href);
        if (url.origin === location.origin) respondOn(BRIDGE_OPEN_BLOCKED, { url: url.href });
      } catch {
        // Not a URL: not an editor.
      }
    }
    return win;
  } as typeof window.open;

  // Replays what an editor opened without an opener asked of its opener: the editor's stand-in
  // opener (editor-opener.content.ts) queues it, its content script (popup-workaround/
  // editor-side.ts) sends it through the background, and editor-opening.ts dispatches it here.
  document.addEventListener(BRIDGE_OPENER_CALL, (event) => {
    const call = parseJson(OpenerCall, (event as CustomEvent).detail);
    if (!call) return;
    try {
      // Only these two, and the message goes to this page's own origin: the same as the editor's
      // own `opener.postMessage(data, location.origin)` would have done.
      if (call.kind === 'reload') location.reload();
      else window.postMessage(JSON.parse(call.data), location.origin);
    } catch {
      // The page's own handler failed; nothing of ours to recover.
    }
  });

  document.dispatchEvent(new CustomEvent(BRIDGE_READY));
});
