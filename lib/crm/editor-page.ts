import type { Action } from '../model';
import { controlsWithCaption } from './controls';
import { factsOf } from './facts';
import { visibleText } from './text';

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
      const fresh = [...new URL(href, pageUrl).searchParams].filter(
        ([k, v]) => /^\d+$/.test(v) && own.get(k) !== v,
      );
      if (fresh.length === 1) return fresh[0]?.[1];
    } catch {
      // An odd href: fall through to the row's id.
    }
  }
  const ids = /(\d+)\D*$/.exec(row.row.getAttribute('id') ?? '');
  return ids?.[1];
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
