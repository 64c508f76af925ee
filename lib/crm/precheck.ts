import { ADD_NEW_ACTION, DEFAULT_SETTINGS_HEADING, RUN_ON_ALL_ORDERS } from './labels';

// Which frames of a CRM tab might be ours, decided as cheaply as possible: most CRM pages are none
// of ours and must cost them nothing. The background runs `framePrecheck` in the page's own world
// when a CRM tab starts loading a document (background/route.ts): no content script is declared for CRM
// pages but the 1 KB opener stand-in, because an isolated world alone costs a page ~300 KB of
// heap. Only a frame that passes gets the router (entrypoints/pat-router), which runs the full
// detectors.

/** A label as raw page text: its words with any run of white space between them. */
const phrase = (label: string) =>
  label
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[\\s\\u00a0]+');

/**
 * Each page detector needs an element whose text (white space collapsed, any case) is, or
 * contains, one of these labels: the Actions page its "Default Settings" heading, the editor its
 * "Add New Action" control, the settings page "Run Purchase Actions On All Orders". An element's
 * text is a contiguous stretch of the document's text, so a document whose text has none of them
 * is none of those pages. Case-insensitive.
 */
export const OUR_LABELS_SOURCE = [DEFAULT_SETTINGS_HEADING, ADD_NEW_ACTION, RUN_ON_ALL_ORDERS]
  .map(phrase)
  .join('|');

/** The pre-check on a document: false means the full detectors would find nothing here. */
export function mayBeOurs(doc: Document): boolean {
  return new RegExp(OUR_LABELS_SOURCE, 'i').test(doc.documentElement?.textContent ?? '');
}

/**
 * Run by `scripting.executeScript` in a frame's main world, so it is sent as its source text and
 * must stay self-contained (no imports, no helpers). True when the frame may be one of ours: a top
 * frame whose text has one of our labels, or any page of an editor the toolkit opened (a window
 * marked in its session storage, or the in-page panel's named frame: the answer to a Save is not
 * an editor page and still tells the opener). Other subframes: false at once. A document still
 * being parsed (the background routes a tab as soon as its new document starts loading) is looked
 * at once DOMContentLoaded has fired: its whole markup is there, its images may not be.
 *
 * The page's own scripts share this world and could make it lie. The answer only decides whether
 * the router looks at the page from the extension's isolated world, where it decides again with
 * the full detectors; a lying page can at most deny itself the toolkit.
 */
export function framePrecheck(
  labels: string,
  frameName: string,
  editorKey: string,
): boolean | Promise<boolean> {
  const check = (): boolean => {
    let editor = false;
    try {
      editor =
        window !== window.top
          ? window.name === frameName
          : window.sessionStorage.getItem(editorKey) !== null;
    } catch {
      editor = false; // sandboxed frames may not read their storage
    }
    if (editor) return true;
    if (window !== window.top) return false;
    return new RegExp(labels, 'i').test(document.documentElement?.textContent ?? '');
  };
  if (document.readyState !== 'loading') return check();
  return new Promise((done) =>
    document.addEventListener('DOMContentLoaded', () => done(check()), { once: true }),
  );
}
