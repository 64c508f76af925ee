import {
  BRIDGE_READY,
  BRIDGE_REQUEST,
  BRIDGE_RESPONSE,
  BridgeResponse,
  type EditorOpen,
  MARK_ATTRIBUTE,
  parseJson,
} from '../messaging';
import { sameAccount } from './app';

let nextId = 0;

/** Resolves once the main-world bridge has announced itself (or after `timeoutMs`). */
export function bridgeReady(doc: Document, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      doc.removeEventListener(BRIDGE_READY, onReady);
      clearTimeout(timer);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    doc.addEventListener(BRIDGE_READY, onReady);
  });
}

/**
 * Asks the bridge which editor each Actions control opens. Answers that are not same-origin,
 * same-account URLs are dropped: the page can forge bridge events, so nothing is trusted here.
 */
export function resolveEditorOpens(
  doc: Document,
  buttons: readonly Element[],
): Map<Element, EditorOpen> {
  const marks = buttons.map((b) => {
    const existing = b.getAttribute(MARK_ATTRIBUTE);
    if (existing) return existing;
    const mark = `m${++nextId}`;
    b.setAttribute(MARK_ATTRIBUTE, mark);
    return mark;
  });
  const id = `r${++nextId}`;
  let answer: BridgeResponse | null = null;
  const onResponse = (e: Event) => {
    const msg = parseJson(BridgeResponse, (e as CustomEvent).detail);
    if (msg?.id === id) answer = msg;
  };
  doc.addEventListener(BRIDGE_RESPONSE, onResponse);
  // Dispatch is synchronous across worlds: the bridge has answered when this returns.
  doc.dispatchEvent(
    new CustomEvent(BRIDGE_REQUEST, {
      detail: JSON.stringify({ id, type: 'resolve-editor-urls', marks }),
    }),
  );
  doc.removeEventListener(BRIDGE_RESPONSE, onResponse);
  const result = new Map<Element, EditorOpen>();
  const opens = (answer as BridgeResponse | null)?.opens ?? {};
  buttons.forEach((b, i) => {
    const open = opens[marks[i] as string];
    if (open && sameAccount(open.url, doc.location.href)) result.set(b, open);
  });
  return result;
}
