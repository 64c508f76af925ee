import { RULES_TOGGLE } from '../crm/action-form';
import { findBuild } from '../crm/actions-page';
import { appFromUrl } from '../crm/app';
import { COPY_EXISTING_SET, RUN_ANOTHER_ACTION_SET } from '../crm/editor-ops';
import {
  ACTIONS_BUTTON_TEXT,
  ADD_NEW_ACTION,
  CONFIRMED_ACTION_TYPES,
  DEFAULT_SETTINGS_HEADING,
  DEFAULT_TRIGGER_LABELS,
  PRODUCTS_HEADING,
  RUN_ON_ALL_ORDERS,
} from '../crm/labels';
import { REFUSAL_TEXT } from '../crm/read-set';
import { norm } from '../crm/text';
import { codeValue, ident, reduced, type ScrubContext, script, text, url, wordsOf } from './scrub';

// The page-shape report (issue 13): the structure of the pages the toolkit needed, for a bug
// report from an account whose markup we have never seen. Pure: Documents in, JSON out. Kept:
// element names, ids, classes, form field names and types, link and form targets, and the texts
// the toolkit knows as labels. Replaced: the account name ({app}), numeric ids ({n}), every other
// text ({text:<length>}). Dropped: hidden and typed input values (tokens, customer data), cookies
// (never read), comments, script and style bodies (length only). Identifiers that hold a word of
// the page's own texts (a slug of a product name) are reduced too.

/** Labels and words the detectors read (lib/crm): the only page texts the report keeps. */
const KNOWN_TEXTS: readonly string[] = [
  ...Object.values(DEFAULT_TRIGGER_LABELS),
  ACTIONS_BUTTON_TEXT,
  DEFAULT_SETTINGS_HEADING,
  PRODUCTS_HEADING,
  ADD_NEW_ACTION,
  RUN_ON_ALL_ORDERS,
  ...CONFIRMED_ACTION_TYPES,
  RULES_TOGGLE,
  COPY_EXISTING_SET,
  RUN_ANOTHER_ACTION_SET,
  REFUSAL_TEXT,
  // Controls and words the readers look for: editor rows, report columns and paging, the setting.
  ...['Edit', 'Delete', 'Save', 'Go', 'Copy', 'Cancel', 'Close', 'Next', 'Previous', 'Back'],
  ...['ID', 'Name', 'Product Name', 'Category', 'Type', 'Price', 'Product', 'Subscription'],
  ...['Yes', 'No', 'True', 'False', 'On', 'Off', 'all', 'any', 'none', 'Rules', 'Action'],
  ...['Settings', 'E-Commerce', 'Order', 'Orders', 'Actions', 'Action Set', 'Action Sets'],
  ...['Product and Subscription Plans', 'Products Report', 'Purchase Actions'],
];

export const PAGE_SHAPE_FORMAT = 'purchase-actions-toolkit/page-shape';

export type ShapeNode =
  | { tag: string; attrs?: Record<string, string | null>; children?: ShapeNode[] }
  | { text: string }
  | { omitted: number };

export interface PageShape {
  role: string;
  url: string;
  title: string | null;
  tree: ShapeNode;
}

export interface PageShapeReport {
  format: typeof PAGE_SHAPE_FORMAT;
  version: 1;
  createdAt: string;
  /** The CRM's build string from the Actions page footer, when it shows one. */
  build: string | null;
  /** Which checks passed (ids and states only: the details name the account's sets). */
  checks: { id: string; state: string }[];
  pages: PageShape[];
}

export interface ShapeInput {
  role: string;
  url: string;
  doc: Document;
}

const MAX_CHILDREN = 40;
const MAX_NODES = 6000;
const SKIP = new Set(['#comment', 'BASE', 'META', 'LINK', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);
const BODY_ONLY_LENGTH = new Set(['SCRIPT', 'STYLE', 'TEXTAREA']);
const TEXT_ATTRS = new Set(['title', 'aria-label', 'alt', 'placeholder', 'label']);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction']);
const IDENT_ATTRS = new Set([
  'id',
  'name',
  'for',
  'type',
  'method',
  'target',
  'role',
  'form',
  'list',
]);
const FLAG_ATTRS = new Set([
  'checked',
  'selected',
  'disabled',
  'multiple',
  'hidden',
  'readonly',
  'required',
]);
const SAFE_VALUES = /^(yes|no|true|false|on|off|y|n|0|1|-1)$/i;

/** The texts a page shows that are not labels: their words mark identifiers as data. */
function dataWordsOf(
  doc: Document,
  known: ReadonlySet<string>,
  knownWords: ReadonlySet<string>,
): Set<string> {
  const words = new Set<string>();
  const add = (s: string | null | undefined) => {
    const t = norm(s);
    if (!t || known.has(t.toLowerCase())) return;
    for (const w of wordsOf(t)) if (!knownWords.has(w)) words.add(w);
  };
  // The drop-down of action types lists the CRM's own labels, not the account's data.
  const typeLists = Array.from(doc.querySelectorAll('select')).filter(
    (sel) =>
      Array.from(sel.querySelectorAll('option')).filter((o) =>
        known.has(norm(o.textContent).toLowerCase()),
      ).length >= 3,
  );
  const walker = doc.createTreeWalker(doc.documentElement ?? doc, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent?.tagName === 'SCRIPT' || parent?.tagName === 'STYLE') continue;
    if (parent?.tagName === 'OPTION' && typeLists.some((sel) => sel.contains(parent))) continue;
    add(n.nodeValue);
  }
  for (const el of Array.from(
    doc.querySelectorAll('[title], [alt], [placeholder], [aria-label], input[value]'),
  )) {
    for (const a of ['title', 'alt', 'placeholder', 'aria-label']) add(el.getAttribute(a));
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (el.tagName === 'INPUT' && type !== 'hidden') add(el.getAttribute('value'));
  }
  return words;
}

function attrsOf(el: Element, ctx: ScrubContext): Record<string, string | null> | undefined {
  const out: Record<string, string | null> = {};
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  for (const { name, value } of Array.from(el.attributes)) {
    const n = name.toLowerCase();
    if (n === 'class')
      out.class = value
        .split(/\s+/)
        .filter(Boolean)
        .map((c) => ident(c, ctx))
        .join(' ');
    else if (IDENT_ATTRS.has(n))
      out[n] = n === 'type' || n === 'method' ? value.toLowerCase() : ident(value, ctx);
    else if (URL_ATTRS.has(n)) out[n] = url(value, ctx);
    else if (n.startsWith('on')) out[n] = script(value, ctx);
    else if (TEXT_ATTRS.has(n)) out[n] = text(value, ctx);
    else if (FLAG_ATTRS.has(n)) out[n] = '';
    else if (n === 'value') out.value = inputValue(el, type, value, ctx);
    else if (n === 'style')
      out.style = /display\s*:\s*none|visibility\s*:\s*hidden/i.test(value) ? 'hidden' : null;
    else if (n.startsWith('data-') || n.startsWith('aria-'))
      out[n] = value === '' ? '' : codeValue(value, ctx);
    else out[n] = null; // present, value dropped
  }
  return Object.keys(out).length ? out : undefined;
}

/** An input's value: captions of buttons as texts, yes/no-like choices kept, the rest dropped. */
function inputValue(el: Element, type: string, value: string, ctx: ScrubContext): string | null {
  if (el.tagName === 'INPUT' && (type === 'button' || type === 'submit' || type === 'reset'))
    return text(value, ctx);
  if (
    el.tagName === 'INPUT' &&
    (type === 'hidden' || type === 'text' || type === '' || type === 'password' || type === 'email')
  )
    return null;
  if (SAFE_VALUES.test(value)) return value;
  if (/^\d+$/.test(value)) return '{n}';
  if (el.tagName === 'OPTION' || type === 'radio' || type === 'checkbox')
    return codeValue(value, ctx);
  return null;
}

function shape(node: Node, ctx: ScrubContext, budget: { left: number }): ShapeNode | null {
  if (node.nodeType === 3) {
    const t = text(node.nodeValue ?? '', ctx);
    return t === null ? null : { text: t };
  }
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  if (SKIP.has(el.tagName) || budget.left <= 0) return null;
  budget.left--;
  const tag = el.tagName.toLowerCase();
  const attrs = attrsOf(el, ctx);
  if (BODY_ONLY_LENGTH.has(el.tagName)) {
    const len = (el.textContent ?? '').length;
    return {
      tag,
      ...(attrs ? { attrs } : {}),
      ...(len ? { children: [{ text: `{text:${len}}` }] } : {}),
    };
  }
  const children: ShapeNode[] = [];
  let omitted = 0;
  for (const child of Array.from(el.childNodes)) {
    const s = shape(child, ctx, budget);
    if (!s) continue;
    if (children.length < MAX_CHILDREN) children.push(s);
    else omitted++;
  }
  if (omitted) children.push({ omitted });
  return { tag, ...(attrs ? { attrs } : {}), ...(children.length ? { children } : {}) };
}

/** One page's shape. */
function pageShape(page: ShapeInput): PageShape {
  const known = new Set(KNOWN_TEXTS.map((t) => t.toLowerCase()));
  const knownWords = new Set(KNOWN_TEXTS.flatMap(wordsOf));
  const ctx: ScrubContext = {
    app: appFromUrl(page.url),
    base: page.url,
    known,
    dataWords: dataWordsOf(page.doc, known, knownWords),
  };
  const title = page.doc.querySelector('title')?.textContent ?? null;
  const root = page.doc.documentElement;
  return {
    role: page.role,
    url: url(page.url, { ...ctx, base: page.url }),
    title: title === null ? null : text(title, ctx),
    tree: (root && shape(root, ctx, { left: MAX_NODES })) ?? { text: reduced('') },
  };
}

/** The report for the pages the toolkit needed (and the check's states, without details). */
export function pageShapeReport(
  pages: readonly ShapeInput[],
  o: { checks?: readonly { id: string; state: string }[]; now?: Date } = {},
): PageShapeReport {
  const actions = pages.find((p) => p.role === 'actions-page');
  return {
    format: PAGE_SHAPE_FORMAT,
    version: 1,
    createdAt: (o.now ?? new Date()).toISOString(),
    build: actions ? findBuild(actions.doc) : null,
    checks: (o.checks ?? []).map((c) => ({ id: c.id, state: c.state })),
    pages: pages.map(pageShape),
  };
}

export { pageShapeFileName } from './file';
