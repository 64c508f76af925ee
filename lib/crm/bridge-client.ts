import {
  BRIDGE_READY,
  BRIDGE_REQUEST,
  BRIDGE_RESPONSE,
  BridgeResponse,
  type EditorOpen,
  MARK_ATTRIBUTE,
  parseJson,
} from '../messaging/bridge';
import { sameAccount } from './app';
import { editorOpenFromMarkup } from './editor-url';

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
  const result = new Map<Element, EditorOpen>();
  const base = doc.location.href;
  const unread: Element[] = [];
  for (const b of buttons) {
    const literal = editorOpenFromMarkup(b, base);
    if (literal && sameAccount(literal.url, base)) result.set(b, literal);
    else unread.push(b);
  }
  if (unread.length === 0) return result;
  for (const [b, open] of askBridge(doc, unread)) result.set(b, open);
  return result;
}

/** Marks Actions controls so the bridge (and the click watcher) can recognise them. */
export function markControls(buttons: readonly Element[]): string[] {
  return buttons.map((b) => {
    const existing = b.getAttribute(MARK_ATTRIBUTE);
    if (existing) return existing;
    const mark = `m${++nextId}`;
    b.setAttribute(MARK_ATTRIBUTE, mark);
    return mark;
  });
}

function askBridge(doc: Document, buttons: readonly Element[]): Map<Element, EditorOpen> {
  const marks = markControls(buttons);
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
