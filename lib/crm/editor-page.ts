import type { Action } from '../model';
import { controlsWithCaption } from './controls';
import { queryPairs } from './editor-url';
import { factsOf } from './facts';
import { norm, visibleText } from './text';

export interface EditorRow {
  action: Action;
  edit: Element;
  remove: Element;
  /** The element holding the whole row (for ids the row carries). */
  row: Element;
}

/**
 * The rows of an action-set editor: each action is a row with an Edit and a Delete control, the
 * type label first and the summary after it. We pair each Edit with the Delete in its own row
 * and refuse a row holding more than one of either.
 */
export function readEditorRows(doc: Document): EditorRow[] {
  const edits = controlsWithCaption(doc, 'Edit');
  const deletes = controlsWithCaption(doc, 'Delete');
  const rows: EditorRow[] = [];
  for (const edit of edits) {
    let row: Element | null = edit.parentElement;
    // The row is the first ancestor holding the Delete *and* some text of its own: a wrapper
    // around just the two controls (a tools cell or span) is not the row yet.
    const ownText = (r: Element) =>
      Array.from(r.children).some(
        (c) => !c.contains(edit) && !deletes.some((d) => c.contains(d)) && visibleText(c) !== '',
      );
    while (row && !(deletes.some((d) => row?.contains(d)) && ownText(row))) {
      row = row.parentElement;
    }
    if (!row || row.tagName === 'BODY') continue;
    const rowDeletes = deletes.filter((d) => row.contains(d));
    if (rowDeletes.length !== 1 || edits.filter((e) => row.contains(e)).length !== 1) continue;
    const remove = rowDeletes[0] as Element;
    const blocks = Array.from(row.children)
      .filter((c) => !c.contains(edit) && !c.contains(remove))
      .map((c) => visibleText(c))
      .filter((t) => t !== '');
    rows.push({
      action: { label: blocks[0] ?? '', summary: blocks.slice(1).join(' ') },
      edit,
      remove,
      row,
    });
  }
  return rows;
}

/** The CRM's id of a row's action: a number the Edit link adds to the editor's own URL. */
export function crmIdOf(row: EditorRow, pageUrl: string, editorUrl: string): string | undefined {
  const href = row.edit.getAttribute('href');
  if (href && !/^\s*javascript:/i.test(href)) {
    try {
      const own = new URL(editorUrl).searchParams;
      const fresh = queryPairs(new URL(href, pageUrl)).filter(
        ([k, v]) => /^\d+$/.test(v) && own.get(k) !== v,
      );
      if (fresh.length === 1) return fresh[0]?.[1];
    } catch {
      // An odd href: fall through to the row's id.
    }
  }
  return lastNumber(row.row.getAttribute('id') ?? '');
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * The last run of digits in `s` ("action_12" -> "12"). Scanned from the end: the regex
 * /(\d+)\D*$/ takes quadratic time on a long run of digits followed by another number, and the
 * id is the page's to choose.
 */
function lastNumber(s: string): string | undefined {
  let end = s.length;
  while (end > 0 && !isDigit(s[end - 1])) end--;
  let start = end;
  while (start > 0 && isDigit(s[start - 1])) start--;
  return start < end ? s.slice(start, end) : undefined;
}

/**
 * The list as Actions (label, summary, crmId when visible, facts from the summary) beside the rows
 * they came from. `pageUrl` resolves the Edit links; `editorUrl` tells the set's own parameters
 * apart from the action's id.
 */
export function listActions(
  doc: Document,
  pageUrl: string,
  editorUrl: string,
): { rows: EditorRow[]; actions: Action[] } {
  const rows = readEditorRows(doc);
  const actions = rows.map((r) => {
    const crmId = crmIdOf(r, pageUrl, editorUrl);
    const a: Action = {
      ...(crmId ? { crmId } : {}),
      label: r.action.label,
      summary: r.action.summary,
    };
    return { ...a, facts: factsOf(a) };
  });
  return { rows, actions };
}

/**
 * What the editor calls itself: its <title>, and its top headings (h1, h2) outside any form. The
 * replica's editors, in both dialects, say "Actions: <set name>" in both.
 */
export function editorTitles(doc: Document): string[] {
  const title = norm(doc.querySelector('title')?.textContent);
  const headings = Array.from(doc.querySelectorAll('h1, h2'))
    .filter((h) => !h.closest('form'))
    .map((h) => visibleText(h));
  return [title, ...headings].filter((t) => t !== '');
}

/**
 * Whether the editor is the one for the set `name`: its title or a top heading names exactly that
 * set, either alone or after a label ("Actions: Pool scrubbing Mitt"). Never any text on the page:
 * the "Copy an existing action set" list names every other set, and a set's name can be the start
 * of another's ("Mitt" and "Mitt XL"). Where a heading has a label, only what follows its first
 * ": " counts, so the editor of "Mitt" is not taken for that of a product called "Actions: Mitt". A heading in
 * another shape refuses: a wrong editor costs a write to the wrong set, a refusal only a message.
 */
export function namesSet(doc: Document, name: string): boolean {
  const want = norm(name);
  return editorTitles(doc).some((t) => {
    const colon = t.indexOf(': ');
    return (colon < 0 ? t : t.slice(colon + 2)) === want;
  });
}
