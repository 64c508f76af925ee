// A dialect as plain JSON (a "recipe"): every path, parameter, field name, code and markup choice
// of the same pages. Generated dialects (dialect-gen.ts) and dialects derived from a user's
// page-shape report (from-report.ts) are both recipes; `fromRecipe` turns one into the
// DialectSpec the routes and pages use. The two hand-written dialects stay in dialects.ts.
import type { DialectSpec } from './dialects.ts';
import { ACTION_TYPES } from './state/action-types.ts';
import { type SetOwner, TRIGGERS, type TriggerKey } from './state/types.ts';

/** How the generated pages are laid out; only dialects made from a recipe have one. */
export interface Markup {
  /** Rows of the Actions page and of the editor's list. */
  layout: 'table' | 'div' | 'list';
  /** Extra wrapper elements around the page content (0..3). */
  wrappers: number;
  nav: 'table' | 'list' | 'links';
  /** Prefix of every id and class the generated pages use. */
  prefix: string;
  /** How the CRM's labels are cased ("Default Settings", "Default settings"). */
  labelCase: 'as-is' | 'sentence' | 'title';
  /** White space between the words of labels. */
  spacing: 'single' | 'double' | 'nbsp';
  actionsButton: 'input' | 'button' | 'a';
  /**
   * How an Actions control opens its editor: a literal window.open in onclick, a page function
   * called from onclick, a delegated click listener reading data attributes, or a `javascript:`
   * href calling a page function (only with actionsButton 'a').
   */
  actionsOpen: 'onclick' | 'function' | 'delegated' | 'js-href';
  counts: 'paren' | 'words' | 'none';
  /** Product rows read "Product: <name>". */
  productPrefix: boolean;
  reportHeaders: { id: string; name: string; category: string; price: string; type: string };
  /** Edit: a link, a GET form's submit button, or a `javascript:` call to a page function. */
  edit: 'link' | 'get-form' | 'js';
  /** Delete: a POST form's submit button, or a `javascript:` call that posts. */
  del: 'post-form' | 'js';
  /** Add New Action: a GET form with a Go button, or a select that navigates on change. */
  addNew: 'get-form' | 'onchange';
  /** Captions of form fields: `<label>` elements, or text in the neighbouring table cell. */
  labels: 'label' | 'cell';
  /** An empty set in the editor: a placeholder row, a sentence, or nothing. */
  emptySet: 'row' | 'text' | 'none';
  submit: 'input' | 'button';
  setting: { control: 'select' | 'radio'; yes: string; no: string };
}

export interface DialectRecipe {
  /** 'generated:<seed>' or 'custom:<name>'. */
  name: string;
  build: string;
  tokenField: string;
  returnParam: string;
  paths: DialectSpec['paths'];
  p: DialectSpec['p'];
  cmds: DialectSpec['cmds'];
  /**
   * Which set an editor address names. 'split': one parameter for a trigger's code, another for a
   * product's id. 'typed': a kind parameter (`trigger`/`product` values) and a reference.
   */
  owner:
    | { style: 'split'; trigger: string; product: string }
    | { style: 'typed'; kind: string; ref: string; triggerKind: string; productKind: string };
  /** Codes of the five triggers, in page order. */
  triggerCodes: string[];
  /** Values of the copy drop-down: `${trigger}${sep}${code}` / `${product}${sep}${id}`. */
  copyValue: { trigger: string; product: string; sep: string };
  /** Action type codes: 1-based index plus offset, or a pattern over the type's key. */
  typeCodes: { style: 'index'; offset: number } | { style: 'pattern'; pattern: string };
  /** A config field's form name: `{name}` stands for the replica's own field name. */
  fieldPattern: string;
  /** Rule field names: `{i}` stands for the row number. */
  rules: { enabled: string; match: string; field: string; op: string; value: string };
  markup: Markup;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Forms of a type key a pattern may use: {key} camel, {KEY} upper snake, {kebab}, {snake}. */
export function typeCodeOf(pattern: string, key: string): string {
  return pattern
    .replaceAll('{key}', key)
    .replaceAll('{KEY}', snake(key).toUpperCase())
    .replaceAll('{kebab}', kebab(key))
    .replaceAll('{snake}', snake(key));
}

const num = (v: string | null): number | null => (v && /^\d+$/.test(v) ? Number(v) : null);

/** The DialectSpec functions of a recipe. */
export function recipeFunctions(r: DialectRecipe) {
  const triggerCode = (k: TriggerKey) =>
    r.triggerCodes[TRIGGERS.findIndex((t) => t.key === k)] ?? '';
  const triggerOf = (code: string): TriggerKey | undefined =>
    TRIGGERS.find((_, i) => r.triggerCodes[i] === code)?.key;
  const ownerParams = (o: SetOwner): Record<string, string> => {
    const ref = o.kind === 'trigger' ? triggerCode(o.trigger) : String(o.productId);
    if (r.owner.style === 'split')
      return { [o.kind === 'trigger' ? r.owner.trigger : r.owner.product]: ref };
    const kind = o.kind === 'trigger' ? r.owner.triggerKind : r.owner.productKind;
    return { [r.owner.kind]: kind, [r.owner.ref]: ref };
  };
  const ownerFromQuery = (q: URLSearchParams): SetOwner | null => {
    let t: string | null = null;
    let p: string | null = null;
    if (r.owner.style === 'split') {
      t = q.get(r.owner.trigger);
      p = q.get(r.owner.product);
    } else {
      const kind = q.get(r.owner.kind);
      if (kind === r.owner.triggerKind) t = q.get(r.owner.ref);
      if (kind === r.owner.productKind) p = q.get(r.owner.ref);
    }
    const trigger = t === null ? undefined : triggerOf(t);
    if (trigger) return { kind: 'trigger', trigger };
    const id = num(p);
    return id === null ? null : { kind: 'product', productId: id };
  };
  const cv = r.copyValue;
  const setValue = (o: SetOwner) =>
    o.kind === 'trigger'
      ? `${cv.trigger}${cv.sep}${triggerCode(o.trigger)}`
      : `${cv.product}${cv.sep}${o.productId}`;
  const setFromValue = (v: string): SetOwner | null => {
    const tp = `${cv.trigger}${cv.sep}`;
    const pp = `${cv.product}${cv.sep}`;
    // The longer prefix first: one may begin with the other.
    const order: [string, 'trigger' | 'product'][] = [
      [tp, 'trigger'],
      [pp, 'product'],
    ];
    order.sort((a, b) => b[0].length - a[0].length);
    for (const [prefix, kind] of order) {
      if (!v.startsWith(prefix)) continue;
      const rest = v.slice(prefix.length);
      if (kind === 'trigger') {
        const trigger = triggerOf(rest);
        if (trigger) return { kind: 'trigger', trigger };
        continue;
      }
      const id = num(rest);
      if (id !== null) return { kind: 'product', productId: id };
    }
    return null;
  };
  const tc = r.typeCodes;
  const typeCode = (key: string) =>
    tc.style === 'index'
      ? String(ACTION_TYPES.findIndex((t) => t.key === key) + 1 + tc.offset)
      : typeCodeOf(tc.pattern, key);
  const typeFromCode = (code: string) => ACTION_TYPES.find((t) => typeCode(t.key) === code)?.key;
  const i = (pattern: string) => (n: number) => pattern.replaceAll('{i}', String(n));
  return {
    ownerParams,
    ownerFromQuery,
    setValue,
    setFromValue,
    typeCode,
    typeFromCode,
    fieldName: (name: string) => r.fieldPattern.replaceAll('{name}', name),
    rules: {
      enabled: r.rules.enabled,
      match: r.rules.match,
      field: i(r.rules.field),
      op: i(r.rules.op),
      value: i(r.rules.value),
    },
  };
}
