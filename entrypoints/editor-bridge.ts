import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { BRIDGE_OPENER_CALL } from '@/lib/messaging/bridge';

// Runs in the main world of an action-set editor that has no opener (the extension opened it, in
// a window, a tab or a frame). The editor's own scripts tell their opener to refresh after a save
// (`window.opener.location.reload()`, `opener.postMessage(...)`, a function call): this stands in
// for the opener and forwards those calls, as data, so the Actions page still learns of saves.
export default defineUnlistedScript(() => {
  if (window.opener) return;
  const send = (call: unknown) =>
    document.dispatchEvent(new CustomEvent(BRIDGE_OPENER_CALL, { detail: JSON.stringify(call) }));
  const json = (value: unknown) => {
    try {
      return JSON.stringify(value) ?? 'null';
    } catch {
      return 'null';
    }
  };
  const location = {
    reload: () => send({ kind: 'reload' }),
    assign: () => send({ kind: 'reload' }),
    replace: () => send({ kind: 'reload' }),
    href: '',
  };
  const opener: Record<string, unknown> = {
    closed: false,
    focus() {},
    blur() {},
    postMessage: (data: unknown) => send({ kind: 'postMessage', data: json(data) }),
  };
  const stand = new Proxy(opener, {
    get(target, prop) {
      if (prop === 'location') return location;
      if (prop in target) return target[prop as string];
      // Any other method the editor calls on its opener, e.g. opener.refreshCounts(3).
      return typeof prop === 'string'
        ? (...args: unknown[]) => send({ kind: 'call', name: prop, args: json(args) })
        : undefined;
    },
    set(_target, prop) {
      if (prop === 'location') send({ kind: 'reload' });
      return true;
    },
  });
  try {
    Object.defineProperty(window, 'opener', { value: stand, configurable: true, writable: true });
  } catch {
    // A page that froze window.opener keeps its own; nothing to forward then.
  }
  // An editor's Save closes its window; a window we opened may have history the browser will not
  // let a script close, so ask the extension (which closes only editors it knows).
  const close = window.close.bind(window);
  window.close = () => {
    send({ kind: 'close' });
    close();
  };
});
