import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import * as z from 'zod/mini';
import {
  BRIDGE_EDITOR_LISTENING,
  BRIDGE_OPENER_CALL,
  EDITOR_FRAME_NAME,
  EDITOR_WINDOW_KEY,
  OpenerCall,
  parseJson,
} from '@/lib/messaging/bridge';
import type { ToBackground } from '@/lib/messaging/runtime';
import { ask } from '@/lib/messaging/send';

const CloseCall = z.object({ kind: z.literal('close') });

/** True in a window or frame we already know as an editor (see editor-opener.content.ts). */
export function isEditorWindow(): boolean {
  return window !== window.top
    ? window.name === EDITOR_FRAME_NAME
    : sessionStorage.getItem(EDITOR_WINDOW_KEY) !== null;
}

/**
 * Runs in an action-set editor (a pop-up, a window or tab we opened, or the panel's frame), and
 * on the pages an editor window navigates to (e.g. the answer to its Save). Announces a detected
 * editor under the URL its window first loaded, so the Actions page knows it really opened, and
 * relays what the opener stand-in queued.
 */
export async function runEditorSide(ctx: ContentScriptContext, detected: boolean): Promise<void> {
  const inFrame = window !== window.top;
  // The editor navigates within its window (list -> form -> list -> saved); sessionStorage keeps
  // the first URL for the window's life: the identity the opener asked for.
  const key = (!inFrame && sessionStorage.getItem(EDITOR_WINDOW_KEY)) || location.href;
  if (!inFrame && detected) sessionStorage.setItem(EDITOR_WINDOW_KEY, key);
  // The in-page panel's frame announces every page it shows: the background relays only from
  // the frame that first showed the address its Actions page opened (background/editors.ts).
  if (inFrame || detected)
    await ask({ type: 'editor-loaded', key, hasOpener: Boolean(window.opener) });

  // One message at a time, in the editor's order: "close" must not overtake the save notice
  // before it (the background relays a notice only from an editor whose tab is still there).
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = (msg: ToBackground) => {
    queue = queue.then(() => ask(msg));
  };
  const onCall = (e: Event) => {
    const call = parseJson(z.union([OpenerCall, CloseCall]), (e as CustomEvent).detail);
    if (!call) return;
    if (call.kind === 'close') {
      if (!inFrame) inOrder({ type: 'editor-close', key });
      return;
    }
    inOrder({ type: 'editor-opener-call', key, call });
  };
  document.addEventListener(BRIDGE_OPENER_CALL, onCall);
  ctx.onInvalidated(() => document.removeEventListener(BRIDGE_OPENER_CALL, onCall));
  document.dispatchEvent(new CustomEvent(BRIDGE_EDITOR_LISTENING));
}
