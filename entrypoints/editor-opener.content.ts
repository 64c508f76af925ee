import { defineContentScript } from 'wxt/utils/define-content-script';
import { CRM_MATCHES } from '@/lib/crm/hosts';
import {
  BRIDGE_EDITOR_LISTENING,
  BRIDGE_OPENER_CALL,
  EDITOR_FRAME_NAME,
  EDITOR_WINDOW_KEY,
} from '@/lib/messaging/events';

// Main world, document start, but acting only in a window the toolkit already knows is an
// action-set editor without an opener (opened by the extension, in a tab, or in the in-page
// panel's frame). The editor's own scripts tell their opener about a save, often in the very page
// that answers the save, before any isolated content script runs. This stands in for the missing
// opener from the first line of script on, queues those calls as data, and hands them over once
// the isolated content script says it is listening.
//
// Chrome: registered by the background only once one of our pages was routed in this browser
// session (background/inject.ts `ensureOpenerStandIn`): until then a CRM page loads nothing of
// ours at all. Firefox keeps it in the manifest (its main-world registration is younger).
export default defineContentScript({
  registration: { chrome: 'runtime', firefox: 'manifest' },
  matches: CRM_MATCHES,
  runAt: 'document_start',
  world: 'MAIN',
  allFrames: true,
  main() {
    if (window.opener || !isKnownEditorWindow()) return;
    const queue: string[] = [];
    let listening = false;
    const send = (call: unknown) => {
      queue.push(JSON.stringify(call));
      if (listening) flush();
    };
    const flush = () => {
      for (const detail of queue.splice(0)) {
        document.dispatchEvent(new CustomEvent(BRIDGE_OPENER_CALL, { detail }));
      }
    };
    document.addEventListener(BRIDGE_EDITOR_LISTENING, () => {
      listening = true;
      flush();
    });
    const json = (value: unknown) => {
      try {
        return JSON.stringify(value) ?? 'null';
      } catch {
        return 'null';
      }
    };
    const reload = () => send({ kind: 'reload' });
    const location = { reload, assign: reload, replace: reload, href: '' };
    const base: Record<string, unknown> = {
      closed: false,
      focus() {},
      blur() {},
      postMessage: (data: unknown) => send({ kind: 'postMessage', data: json(data) }),
    };
    const standIn = new Proxy(base, {
      get(target, prop) {
        if (prop === 'location') return location;
        if (prop in target) return target[prop as string];
        // Any other method an editor calls on its opener: a no-op. Nothing named by a page
        // crosses to another page (lib/messaging/bridge.ts, OpenerCall).
        return typeof prop === 'string' ? () => undefined : undefined;
      },
      set(_target, prop) {
        if (prop === 'location') reload();
        return true;
      },
    });
    try {
      Object.defineProperty(window, 'opener', {
        value: standIn,
        configurable: true,
        writable: true,
      });
    } catch {
      return; // A page that froze window.opener keeps its own.
    }
    // An editor's Save closes its window once its opener has been told. The browser may refuse a
    // script's close of a window we created, and closing before the queue is handed over would
    // lose the save notice: so the extension closes it, after the hand-over.
    window.close = () => send({ kind: 'close' });
  },
});

function isKnownEditorWindow(): boolean {
  try {
    if (window !== window.top) return window.name === EDITOR_FRAME_NAME;
    return sessionStorage.getItem(EDITOR_WINDOW_KEY) !== null;
  } catch {
    return false;
  }
}
