import { norm, visibleText } from './text';

// Forms as a person and a browser see them. The CRM's field names, ids and codes differ between
// pages we have seen (and are unknown for the real CRM), so everything here works from visible
// labels and option texts; names and codes are only ever copied back from the form itself.

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const isInput = (e: Element): e is HTMLInputElement => e.tagName === 'INPUT';
const isSelect = (e: Element): e is HTMLSelectElement => e.tagName === 'SELECT';
const isTextArea = (e: Element): e is HTMLTextAreaElement => e.tagName === 'TEXTAREA';
const typeOf = (e: Element) => (e.getAttribute('type') ?? 'text').toLowerCase();
const SUBMIT_TYPES = new Set(['submit', 'image']);
const NON_FIELD_TYPES = new Set(['button', 'reset', 'file', 'image', 'submit']);

function controlsOf(form: Element): Control[] {
  return Array.from(form.querySelectorAll('input, select, textarea')).filter(
    (e): e is Control => isInput(e) || isSelect(e) || isTextArea(e),
  );
}

/**
 * The options a select submits: the selected ones, or the first for a single select. Read from
 * the `selected` attributes, which our setters keep in step: the pages we read are fetched
 * markup, and happy-dom (tests, benchmark) mis-reports selectedness in parsed documents.
 */
export function chosenOptions(select: HTMLSelectElement): HTMLOptionElement[] {
  const options = Array.from(select.querySelectorAll('option'));
  const selected = options.filter((o) => o.hasAttribute('selected'));
  if (select.multiple) return selected;
  const last = selected.at(-1);
  if (last) return [last];
  const first = options.find((o) => !o.hasAttribute('disabled'));
  return first ? [first] : [];
}

/** Selects exactly `chosen` among a select's options (attribute and property). */
export function selectOptions(
  select: HTMLSelectElement,
  chosen: readonly HTMLOptionElement[],
): void {
  for (const o of Array.from(select.querySelectorAll('option'))) {
    const on = chosen.includes(o);
    if (on) o.setAttribute('selected', 'selected');
    else o.removeAttribute('selected');
    o.selected = on;
  }
}

/**
 * The fields a browser would submit for `form`: hidden inputs (the anti-forgery token among them),
 * checked boxes and radios, chosen options, text and text areas, and the clicked submit button.
 */
export function formFields(form: Element, submitter?: Element | null): URLSearchParams {
  const out = new URLSearchParams();
  for (const el of controlsOf(form)) {
    const name = el.getAttribute('name');
    if (!name || el.disabled || el.closest('fieldset[disabled]')) continue;
    if (isSelect(el)) {
      for (const o of chosenOptions(el)) out.append(name, o.value);
    } else if (isTextArea(el)) {
      out.append(name, el.value);
    } else {
      const type = typeOf(el);
      if (NON_FIELD_TYPES.has(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !el.checked) continue;
      out.append(name, el.getAttribute('value') === null && type === 'checkbox' ? 'on' : el.value);
    }
  }
  const sName = submitter?.getAttribute('name');
  if (submitter && sName && form.contains(submitter)) {
    out.append(sName, submitter.getAttribute('value') ?? '');
  }
  return out;
}

/** The submit buttons of a form, by their caption. */
export function submitButtons(form: Element): Element[] {
  return Array.from(form.querySelectorAll('input, button')).filter((e) =>
    e.tagName === 'BUTTON' ? typeOf(e) === 'submit' : SUBMIT_TYPES.has(typeOf(e)),
  );
}

export function submitCaption(e: Element): string {
  return e.tagName === 'INPUT' ? norm(e.getAttribute('value')) : visibleText(e);
}

export type FieldKind = 'select' | 'multiselect' | 'checkbox' | 'radio' | 'text' | 'textarea';
export type FieldValue = string | string[] | boolean;

export interface LabelledField {
  label: string;
  kind: FieldKind;
  /** As the user sees it: option texts (not codes), checkbox state, typed text. */
  value: FieldValue;
  /** Visible choices of a select or radio group, without the empty "please select" choice. */
  choices?: string[];
  controls: Control[];
  /** Changes the field by visible text; returns the texts that matched no choice (nothing set). */
  set(value: FieldValue): string[];
}

/** Label text without the required marker or a trailing colon. */
export function cleanLabel(text: string): string {
  return norm(text)
    .replace(/\s*\*$/, '')
    .replace(/\s*:$/, '');
}

/** A control's own caption: label[for], a wrapping label, aria-label, or the cell before it. */
export function labelFor(el: Element): string {
  const doc = el.ownerDocument;
  const id = el.getAttribute('id');
  if (id) {
    const byFor = Array.from(doc.querySelectorAll('label')).find((l) => l.htmlFor === id);
    if (byFor) return cleanLabel(visibleText(byFor));
  }
  const wrapping = el.closest('label');
  if (wrapping) return cleanLabel(visibleText(wrapping));
  const aria = el.getAttribute('aria-label');
  if (aria) return cleanLabel(aria);
  // Legacy table forms: the caption sits in the cell before the control's cell.
  const cell = el.closest('td, th');
  const before = cell?.previousElementSibling;
  if (before && !before.querySelector('input, select, textarea')) {
    return cleanLabel(visibleText(before));
  }
  return '';
}

/** Matching by visible text: exact (white space collapsed) first, then one case-blind match. */
export function pickByText<T>(items: T[], textOf: (t: T) => string, want: string): T | undefined {
  const target = norm(want);
  const exact = items.filter((i) => norm(textOf(i)) === target);
  if (exact.length) return exact[0];
  const loose = items.filter((i) => norm(textOf(i)).toLowerCase() === target.toLowerCase());
  return loose.length === 1 ? loose[0] : undefined;
}

const optionText = (o: HTMLOptionElement) => norm(o.textContent);
const isPlaceholder = (o: HTMLOptionElement) => o.value === '';

function selectField(label: string, s: HTMLSelectElement): LabelledField {
  const options = Array.from(s.querySelectorAll('option'));
  const chosen = chosenOptions(s).filter((o) => !isPlaceholder(o));
  const choices = options.filter((o) => !isPlaceholder(o)).map(optionText);
  if (s.multiple) {
    return {
      label,
      kind: 'multiselect',
      value: chosen.map(optionText),
      choices,
      controls: [s],
      set(value) {
        const wanted = Array.isArray(value)
          ? value
          : typeof value === 'string' && value
            ? [value]
            : [];
        const picks = wanted.map((w) => ({ w, o: pickByText(options, optionText, w) }));
        const missing = picks.filter((p) => !p.o).map((p) => p.w);
        if (missing.length) return missing;
        selectOptions(
          s,
          options.filter((o) => picks.some((p) => p.o === o)),
        );
        return [];
      },
    };
  }
  return {
    label,
    kind: 'select',
    value: chosen[0] ? optionText(chosen[0]) : '',
    choices,
    controls: [s],
    set(value) {
      const want = Array.isArray(value) ? (value[0] ?? '') : String(value);
      const o =
        want === ''
          ? options.find(isPlaceholder)
          : pickByText(
              options.filter((x) => !isPlaceholder(x)),
              optionText,
              want,
            );
      if (!o) return [want];
      selectOptions(s, [o]);
      return [];
    },
  };
}

function radioField(group: HTMLInputElement[]): LabelledField {
  const first = group[0] as HTMLInputElement;
  const legend = first.closest('fieldset')?.querySelector(':scope > legend');
  const label = legend ? cleanLabel(visibleText(legend)) : '';
  const texts = group.map((r) => labelFor(r) || r.value);
  const checked = group.findIndex((r) => r.checked);
  return {
    label,
    kind: 'radio',
    value: checked >= 0 ? (texts[checked] ?? '') : '',
    choices: texts,
    controls: group,
    set(value) {
      const want = String(Array.isArray(value) ? value[0] : value);
      const i = texts.indexOf(pickByText(texts, (t) => t, want) ?? '\u0000');
      if (i < 0) return [want];
      group.forEach((r, j) => {
        r.checked = i === j;
      });
      return [];
    },
  };
}

/**
 * Every user-visible control of a form with its visible label, in document order. Radio buttons
 * of one name are one field labelled by their fieldset's legend. Unlabelled controls are left out.
 */
export function fieldsByLabel(form: Element): LabelledField[] {
  const out: LabelledField[] = [];
  const radios = new Map<string, HTMLInputElement[]>();
  for (const el of controlsOf(form)) {
    if (isSelect(el)) {
      const label = labelFor(el);
      if (label) out.push(selectField(label, el));
      continue;
    }
    if (isTextArea(el)) {
      const label = labelFor(el);
      if (label) out.push(textField(label, 'textarea', el));
      continue;
    }
    const type = typeOf(el);
    if (type === 'hidden' || NON_FIELD_TYPES.has(type)) continue;
    if (type === 'radio') {
      const name = el.getAttribute('name') ?? '';
      const group = radios.get(name);
      if (group) {
        group.push(el);
        continue;
      }
      radios.set(name, [el]);
      out.push(radioField(radios.get(name) as HTMLInputElement[]));
      continue;
    }
    const label = labelFor(el);
    if (!label) continue;
    if (type === 'checkbox') {
      out.push({
        label,
        kind: 'checkbox',
        value: el.checked,
        controls: [el],
        set(value) {
          el.checked = value === true || value === 'true';
          return [];
        },
      });
    } else out.push(textField(label, 'text', el));
  }
  // A radio group is registered at its first button; rebuild it now that all buttons are known.
  return out
    .map((f) => (f.kind === 'radio' ? radioField(f.controls as HTMLInputElement[]) : f))
    .filter((f) => f.label !== '');
}

function textField(
  label: string,
  kind: 'text' | 'textarea',
  el: HTMLInputElement | HTMLTextAreaElement,
): LabelledField {
  return {
    label,
    kind,
    value: el.value,
    controls: [el],
    set(value) {
      el.value = Array.isArray(value) ? value.join(', ') : String(value);
      return [];
    },
  };
}
