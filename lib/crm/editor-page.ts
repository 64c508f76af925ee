import type { Action } from '../model';
import { controlsWithCaption } from './controls';
import { visibleText } from './text';

export interface EditorRow {
  action: Action;
  edit: Element;
  remove: Element;
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
    while (row && !deletes.some((d) => row?.contains(d))) row = row.parentElement;
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
    });
  }
  return rows;
}
