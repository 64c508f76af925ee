import { detectPage } from '@/lib/crm/detect';
import { mayBeOurs } from '@/lib/crm/precheck';
import { EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY } from '@/lib/messaging/events';
import type { PageKind } from '@/lib/model';

// What a frame needs from the toolkit, decided by the router (index.ts) once the background's
// pre-check (lib/crm/precheck.ts) found the frame may be ours.

/**
 * Where the router leaves the page kind for the feature script: the extension's isolated world of
 * this frame, which both share and the page cannot see. Set once per document, before asking for
 * the script, so the script is asked for (and runs) once: a second copy would invalidate the
 * first one's context.
 */
export const ROUTED_KIND_KEY = '__patRoutedKind';
const KINDS: readonly PageKind[] = ['actions', 'editor', 'settings', 'login', 'other'];

/** Whether this document was handed over already (the router may be injected twice). */
export function handedOver(): boolean {
  return (globalThis as unknown as Record<string, unknown>)[ROUTED_KIND_KEY] !== undefined;
}

/** Leaves `kind` for the feature script; false when this document already has one. */
export function handOver(kind: PageKind): boolean {
  if (handedOver()) return false;
  (globalThis as unknown as Record<string, unknown>)[ROUTED_KIND_KEY] = kind;
  return true;
}

/** What the router left for the feature script, if it ran. */
export function routedKind(): PageKind | null {
  const kind = (globalThis as unknown as Record<string, unknown>)[ROUTED_KIND_KEY];
  return KINDS.find((k) => k === kind) ?? null;
}

/** A window or frame the toolkit opened as an editor (as editor-opener.content.ts decides). */
export function isKnownEditorWindow(win: Window): boolean {
  try {
    if (win !== win.top) return win.name === EDITOR_FRAME_NAME;
    return win.sessionStorage.getItem(EDITOR_WINDOW_KEY) !== null;
  } catch {
    return false; // sandboxed frames may not read their storage
  }
}

/**
 * The page kind to hand to the feature script, or null when this frame needs nothing. Top frames
 * only, except our editor panels; an editor window needs the script on every page it shows (the
 * answer to a Save is not an editor page, and still tells the opener).
 */
export function pageToLoad(win: Window): PageKind | null {
  const editorWindow = isKnownEditorWindow(win);
  if (win !== win.top && !editorWindow) return null;
  const kind = mayBeOurs(win.document) ? detectPage(win.document) : 'other';
  if (editorWindow || kind === 'actions' || kind === 'editor' || kind === 'settings') return kind;
  return null;
}
