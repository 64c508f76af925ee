import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { injectScript } from 'wxt/utils/inject-script';
import * as z from 'zod/mini';
import { BRIDGE_OPENER_CALL, OpenerCall, parseJson } from '@/lib/messaging/bridge';
import type { ToBackground } from '@/lib/messaging/runtime';

const KEY = 'pat-editor-key';
const CloseCall = z.object({ kind: z.literal('close') });

const send = (msg: ToBackground) => browser.runtime.sendMessage(msg).catch(() => undefined);

/**
 * Runs in an action-set editor (a pop-up, a window or tab we opened, or a frame). Announces the
 * editor under the URL its window first loaded, so the Actions page knows it really opened, and
 * stands in for a missing opener so saves still reach the Actions page.
 */
export async function runEditorSide(ctx: ContentScriptContext): Promise<void> {
  // The editor navigates within its window (list -> action form -> list); sessionStorage keeps
  // the first URL for the window's whole life, which is the identity the opener asked for.
  const key = sessionStorage.getItem(KEY) ?? location.href;
  sessionStorage.setItem(KEY, key);
  const inFrame = window !== window.top;
  const hasOpener = Boolean(window.opener);
  if (!inFrame) await send({ type: 'editor-loaded', key, hasOpener });
  if (hasOpener) return;

  const onCall = (e: Event) => {
    const raw = parseJson(z.union([OpenerCall, CloseCall]), (e as CustomEvent).detail);
    if (!raw) return;
    if (raw.kind === 'close') {
      if (!inFrame) void send({ type: 'editor-close', key });
      return;
    }
    void send({ type: 'editor-opener-call', key, call: raw });
  };
  document.addEventListener(BRIDGE_OPENER_CALL, onCall);
  ctx.onInvalidated(() => document.removeEventListener(BRIDGE_OPENER_CALL, onCall));
  await injectScript('/editor-bridge.js', { keepInDom: true });
}
