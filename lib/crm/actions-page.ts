import type { DefaultTrigger, SetRef } from '../model';
import { controlsWithCaption } from './controls';
import {
  ACTIONS_BUTTON_TEXT,
  DEFAULT_SETTINGS_HEADING,
  DEFAULT_TRIGGER_LABELS,
  PRODUCTS_HEADING,
} from './labels';
import { elementsWithText, norm, visibleText } from './text';

/** One row of the Actions page: a set, the control that opens its editor, and its count if shown. */
export interface SetRow {
  ref: SetRef;
  name: string;
  button: Element;
  /** Action count printed beside the button; null where the page shows none. */
  count: number | null;
}

export interface ActionsPage {
  defaults: SetRow[];
  products: SetRow[];
  /** Build string from the footer, e.g. 1.70.0.989251-sysarch-202608031100. */
  build: string | null;
  /** The type-ahead box of the Products section, if found. */
  productSearch: HTMLInputElement | null;
}

const BUILD = /\b\d+\.\d+\.\d+\.\d+(?:-[\w.-]+)?\b/;
// "(3)", "3 actions", "1 action": a count printed beside the button.
const COUNT = /(?:^|\s)\((\d{1,4})\)(?:\s|$)|(?:^|\s)(\d{1,4}) actions?\b/i;

/**
 * The row that belongs to one Actions control: the largest ancestor holding that control and no
 * other. A row that would need two controls is ambiguous, and we refuse to guess.
 */
function rowOf(button: Element, all: readonly Element[]): Element {
  let row = button;
  for (let p = button.parentElement; p && p.tagName !== 'BODY'; p = p.parentElement) {
    if (all.some((c) => c !== button && p.contains(c))) break;
    if (p.querySelector('input[type="text" i], input:not([type])')) break;
    row = p;
  }
  return row;
}

/**
 * A product row's name is the first cell-like block that is not the button (a product called
 * "Kit (2)" must keep its "(2)"); the rest of the row is where a count may stand.
 */
function splitRow(row: Element, button: Element): { name: string; rest: string } {
  let box: Element = row;
  while (box.children.length === 1 && box.firstElementChild?.contains(button)) {
    if (box.firstElementChild === button) break;
    box = box.firstElementChild;
  }
  const blocks = Array.from(box.children).filter((c) => visibleText(c) !== '');
  const nameBlock = blocks.find((c) => !c.contains(button) && c !== button);
  if (!nameBlock) {
    const text = visibleText(row);
    return { name: norm(text.replace(/\bActions\b/g, ' ').replace(COUNT, ' ')), rest: text };
  }
  const rest = blocks
    .filter((c) => c !== nameBlock)
    .map((c) => visibleText(c))
    .join(' ');
  return { name: visibleText(nameBlock), rest };
}

function countIn(rowText: string, name: string): number | null {
  const rest = norm((name ? rowText.replace(name, ' ') : rowText).replace(/\bActions\b/g, ' '));
  const m = COUNT.exec(rest);
  const n = m?.[1] ?? m?.[2];
  return n === undefined ? null : Number(n);
}

/** Reads the Actions page. Returns null when the page is not one (see detect.ts). */
export function readActionsPage(doc: Document): ActionsPage | null {
  const buttons = controlsWithCaption(doc, ACTIONS_BUTTON_TEXT);
  if (buttons.length === 0) return null;
  const used = new Set<Element>();
  const defaults: SetRow[] = [];
  for (const [trigger, label] of Object.entries(DEFAULT_TRIGGER_LABELS) as [
    DefaultTrigger,
    string,
  ][]) {
    const labels = elementsWithText(doc, label);
    const row = labels
      .map((l) => ({ l, b: buttons.find((b) => !used.has(b) && rowOf(b, buttons).contains(l)) }))
      .find((x) => x.b);
    if (!row?.b) continue;
    used.add(row.b);
    defaults.push({
      ref: { kind: 'default', trigger },
      name: label,
      button: row.b,
      count: countIn(visibleText(rowOf(row.b, buttons)), label),
    });
  }
  if (defaults.length < 4) return null;

  const productsHeading = elementsWithText(doc, PRODUCTS_HEADING).find(
    (h) => defaults[0] && defaults[0].button.compareDocumentPosition(h) & 4,
  );
  const products: SetRow[] = [];
  for (const b of buttons) {
    if (used.has(b)) continue;
    if (!productsHeading || !(productsHeading.compareDocumentPosition(b) & 4)) continue;
    const { name, rest } = splitRow(rowOf(b, buttons), b);
    if (!name) continue;
    products.push({ ref: { kind: 'product', name }, name, button: b, count: countIn(rest, '') });
  }
  const section = productsHeading?.parentElement ?? null;
  const productSearch =
    (section?.querySelector(
      'input[type="text" i], input:not([type])',
    ) as HTMLInputElement | null) ?? null;
  return { defaults, products, build: findBuild(doc), productSearch };
}

export function findBuild(doc: Document): string | null {
  // The footer is the last place a build string stands; read from the end.
  const candidates = Array.from(
    doc.querySelectorAll('footer, [id*="footer" i], [class*="footer" i]'),
  );
  for (const el of [...candidates.reverse(), doc.body]) {
    const m = el ? BUILD.exec(visibleText(el)) : null;
    if (m) return m[0];
  }
  return null;
}

export const HAS_DEFAULT_SETTINGS_HEADING = (doc: Document) =>
  elementsWithText(doc, DEFAULT_SETTINGS_HEADING).length > 0;
