import { literalAt, type Meter } from './editor-url';
import { fieldsByLabel, type LabelledField, labelFor } from './forms';
import { ADD_NEW_ACTION } from './labels';
import { same } from './text';

// "Add New Action" in the editor: a select labelled so, either in a form that a Go button (or the
// page's own onchange) submits, or standing alone with an onchange that navigates to a URL made
// of a literal and the chosen value (`location.href = '/edit?…&type=' + this.value`), a legacy
// Max Classic habit. Choosing a type only opens a form, so following that navigation is a read;
// any other script is left alone.

export type AddNewAction =
  | { kind: 'form'; form: HTMLFormElement; field: LabelledField }
  /** `prefix` is the literal the onchange puts before the value; null: a script we cannot follow. */
  | { kind: 'navigate'; select: HTMLSelectElement; field: LabelledField; prefix: string | null };

/** The "Add New Action" drop-down of an editor page, or null. */
export function findAddNewAction(doc: Document): AddNewAction | null {
  // Only the selects are captioned here: the editor lists every set in its copy drop-down, and
  // this runs once per action a bulk copy adds.
  const select = Array.from(doc.querySelectorAll('select')).find((s) =>
    same(labelFor(s), ADD_NEW_ACTION),
  );
  const field =
    select &&
    fieldsByLabel(select.parentElement ?? select).find(
      (f) => f.kind === 'select' && f.controls[0] === select,
    );
  if (!select || !field) return null;
  const form = select.closest('form');
  if (form) return { kind: 'form', form, field };
  return {
    kind: 'navigate',
    select,
    field,
    prefix: parseValueNavigation(select.getAttribute('onchange') ?? ''),
  };
}

/** Where choosing `label` navigates, for a select that navigates; null when it cannot be told. */
export function navigationFor(add: AddNewAction, label: string, base: string): string | null {
  if (add.kind !== 'navigate' || add.prefix === null) return null;
  if (add.field.set(label).length) return null;
  const value = add.select.querySelector('option[selected]')?.getAttribute('value') ?? '';
  if (!value) return null;
  try {
    return new URL(add.prefix + encodeURIComponent(value), base).href;
  } catch {
    return null;
  }
}

const spaces = (s: string, i: number, meter: Meter) => {
  let j = i;
  while (j < s.length && /\s/.test(s[j] as string)) {
    meter.steps++;
    j++;
  }
  return j;
};

/** Reads `word` at s[i] (after spaces); the index after it, or -1. */
function expect(s: string, i: number, word: string, meter: Meter): number {
  const j = spaces(s, i, meter);
  meter.steps += word.length;
  return s.startsWith(word, j) ? j + word.length : -1;
}

/**
 * The literal URL prefix of an onchange that is exactly a navigation to '<literal>' + the value:
 * `[if (this.value)] [window.]location[.href] = '<literal>' + [encodeURIComponent(]this.value[)];`
 * (or `location.assign(…)`). Anything else, null. One left-to-right pass over the handler.
 */
export function parseValueNavigation(script: string, meter: Meter = { steps: 0 }): string | null {
  let i = 0;
  const guard = expect(script, i, 'if', meter);
  let braced = false;
  if (guard >= 0) {
    let j = expect(script, guard, '(', meter);
    if (j >= 0) j = expect(script, j, 'this.value', meter);
    if (j >= 0) j = expect(script, j, ')', meter);
    if (j < 0) return null;
    i = j;
    const brace = expect(script, i, '{', meter);
    if (brace >= 0) {
      braced = true;
      i = brace;
    }
  }
  const win = expect(script, i, 'window.', meter);
  if (win >= 0) i = win;
  i = expect(script, i, 'location', meter);
  if (i < 0) return null;
  let call = false;
  const assign = expect(script, i, '.assign(', meter);
  if (assign >= 0) {
    call = true;
    i = assign;
  } else {
    const href = expect(script, i, '.href', meter);
    if (href >= 0) i = href;
    i = expect(script, i, '=', meter);
    if (i < 0 || script[i] === '=') return null;
  }
  const lit = literalAt(script, spaces(script, i, meter), meter);
  if (!lit) return null;
  i = expect(script, lit.end, '+', meter);
  if (i < 0) return null;
  const encoded = expect(script, i, 'encodeURIComponent(', meter);
  if (encoded >= 0) i = encoded;
  i = expect(script, i, 'this.value', meter);
  if (i >= 0 && encoded >= 0) i = expect(script, i, ')', meter);
  if (i >= 0 && call) i = expect(script, i, ')', meter);
  if (i < 0) return null;
  const semi = expect(script, i, ';', meter);
  if (semi >= 0) i = semi;
  if (braced) {
    i = expect(script, i, '}', meter);
    if (i < 0) return null;
  }
  return spaces(script, i, meter) === script.length ? lit.value : null;
}
