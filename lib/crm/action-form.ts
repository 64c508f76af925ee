import type { Action, Rules } from '../model';
import {
  chosenOptions,
  fieldsByLabel,
  formFields,
  type LabelledField,
  labelFor,
  pickByText,
  selectOptions,
  submitButtons,
  submitCaption,
} from './forms';
import { norm, same, visibleText } from './text';

// One action's edit form, read and filled by visible labels only (see forms.ts for why).

/** The checkbox that turns rules on (Keap help, "How to create action sets and rules"). */
export const RULES_TOGGLE = 'Only run this action when certain rules are met';
const MATCHES = ['all', 'any', 'none'] as const;
type Match = (typeof MATCHES)[number];

export type Config = NonNullable<Action['config']>;

export interface ActionForm {
  form: HTMLFormElement;
  /** The heading naming the action type, when the page shows one. */
  label: string;
  fields: LabelledField[];
  rules: RulesPart | null;
}

interface RulesPart {
  toggle: HTMLInputElement;
  match: HTMLSelectElement | null;
  rows: RuleRow[];
  container: Element;
}

interface RuleRow {
  field: HTMLSelectElement;
  operator: HTMLSelectElement;
  value: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
}

const controlsIn = (e: Element) => Array.from(e.querySelectorAll('input, select, textarea'));
const selectsIn = (e: Element) => Array.from(e.querySelectorAll('select'));
const isMatchSelect = (s: HTMLSelectElement) => {
  const texts = Array.from(s.options).map((o) => norm(o.textContent).toLowerCase());
  return MATCHES.every((m) => texts.includes(m));
};

function findRules(form: HTMLFormElement): RulesPart | null {
  const toggle = Array.from(form.querySelectorAll('input')).find(
    (i) => i.type === 'checkbox' && same(labelFor(i), RULES_TOGGLE),
  );
  if (!toggle) return null;
  // The rules part: the smallest ancestor of the toggle that also holds the rule drop-downs.
  let container: Element | null = toggle.parentElement;
  while (container && container !== form && selectsIn(container).length < 2) {
    container = container.parentElement;
  }
  if (!container) return null;
  const match = selectsIn(container).find(isMatchSelect) ?? null;
  const rows: RuleRow[] = [];
  const seen = new Set<Element>();
  for (const s of selectsIn(container)) {
    if (s === match || rows.some((r) => r.operator === s)) continue;
    // A criterion row: the smallest ancestor holding two drop-downs and a value box.
    let row: Element | null = s.parentElement;
    while (row && row !== container && !(selectsIn(row).length >= 2 && controlsIn(row).length >= 3))
      row = row.parentElement;
    if (!row || row === container || seen.has(row)) continue;
    seen.add(row);
    const [field, operator, third] = selectsIn(row);
    const value =
      row.querySelector<HTMLInputElement>('input[type="text" i], input:not([type])') ??
      row.querySelector('textarea') ??
      third;
    if (field && operator && value) rows.push({ field, operator, value });
  }
  return { toggle, match, rows, container };
}

/** The action's form: the one holding the rules toggle, else the one with a Save button. */
export function findActionForm(doc: Document): ActionForm | null {
  const forms = Array.from(doc.querySelectorAll('form'));
  const form =
    forms.find((f) => findRules(f) !== null) ??
    forms.find(
      (f) =>
        submitButtons(f).some((b) => same(submitCaption(b), 'Save')) && fieldsByLabel(f).length > 0,
    );
  if (!form) return null;
  const rules = findRules(form);
  const fields = fieldsByLabel(form).filter(
    (f) => !rules || !f.controls.some((c) => rules.container.contains(c)),
  );
  return { form, label: headingBefore(form), fields, rules };
}

/** The nearest heading before the form: where the editor names the action type. */
function headingBefore(form: Element): string {
  const headings = Array.from(form.ownerDocument.querySelectorAll('h1, h2, h3, h4, legend'));
  const before = headings.filter(
    (h) => !form.contains(h) && h.compareDocumentPosition(form) & 4 /* FOLLOWING */,
  );
  const last = before.at(-1);
  return last ? visibleText(last).slice(0, 200) : '';
}

const optText = (s: HTMLSelectElement) => {
  const o = chosenOptions(s)[0];
  return o && o.value !== '' ? norm(o.textContent) : '';
};
const valueText = (c: RuleRow['value']) =>
  c.tagName === 'SELECT' ? optText(c as HTMLSelectElement) : c.value;

function readRules(part: RulesPart | null): Rules | null {
  if (!part?.toggle.checked) return null;
  const m = part.match ? optText(part.match).toLowerCase() : 'all';
  const match: Match = (MATCHES as readonly string[]).includes(m) ? (m as Match) : 'all';
  const criteria = part.rows
    .filter((r) => optText(r.field) !== '')
    .map((r) => ({
      field: optText(r.field),
      operator: optText(r.operator),
      value: valueText(r.value),
    }));
  return { match, criteria };
}

/** An action's edit form as the user sees it: type label, config by field label, and rules. */
export function readActionForm(
  doc: Document,
): { label: string; config: Config; rules: Rules | null } | null {
  const f = findActionForm(doc);
  if (!f) return null;
  const config: Config = {};
  for (const field of f.fields) {
    let key = field.label;
    // Two fields with one caption must not overwrite each other.
    for (let n = 2; key in config; n++) key = `${field.label} (${n})`;
    config[key] = field.value;
  }
  return { label: f.label, config, rules: readRules(f.rules) };
}

/**
 * Sets an action's config and rules on a fresh form by visible text and returns what to submit.
 * A value with no matching choice (a tag the account lacks) is reported, never guessed.
 */
export function fillActionForm(
  doc: Document,
  action: Pick<Action, 'config' | 'rules'>,
): URLSearchParams | { missing: string[] } {
  const f = findActionForm(doc);
  if (!f) return { missing: ['(the page has no action form)'] };
  const missing: string[] = [];
  const byLabel = new Map<string, LabelledField>();
  for (const field of f.fields) {
    let key = field.label;
    for (let n = 2; byLabel.has(key); n++) key = `${field.label} (${n})`;
    byLabel.set(key, field);
  }
  for (const [label, value] of Object.entries(action.config ?? {})) {
    const field = byLabel.get(label);
    if (!field) {
      missing.push(`${label} (no such field)`);
      continue;
    }
    for (const m of field.set(value)) missing.push(`${label}: ${m}`);
  }
  missing.push(...fillRules(f, action.rules ?? null));
  if (missing.length) return { missing };
  const save = submitButtons(f.form).find((b) => same(submitCaption(b), 'Save')) ?? null;
  return formFields(f.form, save);
}

function setSelect(s: HTMLSelectElement, text: string): boolean {
  const options = Array.from(s.options);
  const o = pickByText(
    options.filter((x) => x.value !== ''),
    (x) => norm(x.textContent),
    text,
  );
  if (!o) return false;
  selectOptions(s, [o]);
  return true;
}

function fillRules(f: ActionForm, rules: Rules | null): string[] {
  const part = f.rules;
  if (!rules) {
    if (part) part.toggle.checked = false;
    return [];
  }
  if (!part) return ['Rules (the form offers no rules)'];
  part.toggle.checked = true;
  const missing: string[] = [];
  if (part.match && !setSelect(part.match, rules.match))
    missing.push(`Rules: match ${rules.match}`);
  const rows = ensureRows(part, rules.criteria.length);
  if (!rows) return [...missing, `Rules: the form has room for only ${part.rows.length} rules`];
  rules.criteria.forEach((c, i) => {
    const row = rows[i] as RuleRow;
    if (!setSelect(row.field, c.field)) missing.push(`Rules: field ${c.field}`);
    if (!setSelect(row.operator, c.operator)) missing.push(`Rules: operator ${c.operator}`);
    if (row.value.tagName === 'SELECT') {
      if (!setSelect(row.value as HTMLSelectElement, c.value))
        missing.push(`Rules: value ${c.value}`);
    } else row.value.value = c.value;
  });
  // Rows beyond the criteria are cleared so a reused form does not keep stale rules.
  for (const row of rows.slice(rules.criteria.length)) {
    const blank = Array.from(row.field.options).find((o) => o.value === '');
    if (blank) selectOptions(row.field, [blank]);
    if (row.value.tagName !== 'SELECT') row.value.value = '';
  }
  return missing;
}

/**
 * The form shows a fixed number of empty rule rows (a script adds more in the browser). Extra rows
 * are cloned from the last one, renumbering the one number in each name that differs between the
 * last two rows; when the names show no such pattern, we refuse rather than guess.
 */
function ensureRows(part: RulesPart, n: number): RuleRow[] | null {
  const rows = [...part.rows];
  if (rows.length >= n) return rows;
  const last = rows.at(-1);
  const prev = rows.at(-2);
  if (!last || !prev) return null;
  const lastRow = rowElement(last);
  if (!lastRow) return null;
  const step = (a: string | null, b: string | null) => renumberer(a ?? '', b ?? '');
  const renames = (['field', 'operator', 'value'] as const).map((k) =>
    step(prev[k].getAttribute('name'), last[k].getAttribute('name')),
  );
  if (renames.some((r) => r === null)) return null;
  let anchor = lastRow;
  for (let k = 1; rows.length < n; k++) {
    const clone = lastRow.cloneNode(true) as Element;
    const fresh = (['field', 'operator', 'value'] as const).map((key) => {
      const orig = last[key];
      const idx = controlsIn(lastRow).indexOf(orig);
      const c = controlsIn(clone)[idx] as HTMLElement;
      c.setAttribute(
        'name',
        (renames[['field', 'operator', 'value'].indexOf(key)] as (k: number) => string)(k),
      );
      c.removeAttribute('id');
      return c;
    });
    anchor.after(clone);
    anchor = clone;
    rows.push({
      field: fresh[0] as HTMLSelectElement,
      operator: fresh[1] as HTMLSelectElement,
      value: fresh[2] as RuleRow['value'],
    });
  }
  return rows;
}

function rowElement(row: RuleRow): Element | null {
  let e: Element | null = row.field.parentElement;
  while (e && !(e.contains(row.operator) && e.contains(row.value))) e = e.parentElement;
  return e;
}

/** From two consecutive names (rule_0, rule_1), a function naming the k-th row after the second. */
function renumberer(a: string, b: string): ((k: number) => string) | null {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  if (pa.length !== pb.length) return null;
  const diffs = pb.map((p, i) => (p !== pa[i] ? i : -1)).filter((i) => i >= 0);
  const i = diffs[0];
  if (diffs.length !== 1 || i === undefined || Number(pb[i]) !== Number(pa[i]) + 1) return null;
  return (k) => pb.map((p, j) => (j === i ? String(Number(p) + k) : p)).join('');
}
