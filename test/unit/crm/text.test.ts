import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS_BUTTON_TEXT,
  ADD_NEW_ACTION,
  DEFAULT_SETTINGS_HEADING,
  DEFAULT_TRIGGER_LABELS,
  PRODUCTS_HEADING,
} from '@/lib/crm/labels';
import { elementsWithText, norm, same, visibleText } from '@/lib/crm/text';

// elementsWithText finds its matches from the text nodes up (the router runs it on the Actions
// page before the toolbar shows): it must answer exactly what reading every element's text did.
const INVISIBLE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'SELECT', 'TITLE']);
function everyElement(root: ParentNode, label: string): Element[] {
  const found: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (INVISIBLE.has(el.tagName.toUpperCase())) continue;
    if (!same(el.textContent, label)) continue;
    if (visibleText(el) !== label && !same(visibleText(el), label)) continue;
    if (Array.from(el.children).some((c) => same(c.textContent, label))) continue;
    found.push(el);
  }
  return found;
}

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const LABELS = [
  DEFAULT_SETTINGS_HEADING,
  PRODUCTS_HEADING,
  ADD_NEW_ACTION,
  ACTIONS_BUTTON_TEXT,
  ...Object.values(DEFAULT_TRIGGER_LABELS),
];

describe('elementsWithText', () => {
  const PAGES = resolve(import.meta.dirname, '../../fixtures/pages');
  const saved = readdirSync(PAGES).flatMap((dialect) =>
    readdirSync(resolve(PAGES, dialect)).map((file) => [
      `${dialect}/${file}`,
      readFileSync(resolve(PAGES, dialect, file), 'utf8'),
    ]),
  );

  it.each(saved)('on %s finds what a walk over every element finds', (_name, html) => {
    const doc = parse(html);
    for (const label of LABELS) {
      expect(elementsWithText(doc, label)).toEqual(everyElement(doc, label));
    }
  });

  it('agrees with the walk on random markup, in document order, below any root', () => {
    const label = 'Default Settings';
    // Mostly the label, whole or in parts, so that most runs have matches to agree on.
    const words = ['Default Settings', 'default  SETTINGS', 'Default', 'Settings', 'x', ''];
    const spaces = [' ', '  ', '\n', '\u00a0', '\t', ''];
    const tags = ['div', 'span', 'h2', 'b', 'div', 'span', 'p', 'option', 'script'];
    const attrs = ['', '', '', '', ' hidden', ' aria-hidden="true"', ' style="display:none"'];
    type Tree = { tag: string; attr: string; kids: (Tree | string)[] };
    const text = fc
      .tuple(fc.constantFrom(...spaces), fc.constantFrom(...words), fc.constantFrom(...spaces))
      .map(([a, w, b]) => `${a}${w}${b}`);
    const { tree } = fc.letrec<{ tree: Tree; kid: Tree | string }>((rec) => ({
      tree: fc.record({
        tag: fc.constantFrom(...tags),
        attr: fc.constantFrom(...attrs),
        kids: fc.array(rec('kid'), { maxLength: 4 }),
      }),
      kid: fc.oneof({ depthSize: 'small' }, text, rec('tree')),
    }));
    const html = (t: Tree | string): string =>
      typeof t === 'string'
        ? t.replace(/&/g, '&amp;').replace(/</g, '&lt;')
        : t.tag === 'script'
          ? `<script>${t.kids.filter((k) => typeof k === 'string').join('')}</script>`
          : `<${t.tag}${t.attr}>${t.kids.map(html).join('')}</${t.tag}>`;
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (trees) => {
        const doc = parse(`<body>${trees.map(html).join('')}</body>`);
        expect(elementsWithText(doc, label)).toEqual(everyElement(doc, label));
        const first = doc.body.firstElementChild;
        if (first) expect(elementsWithText(first, label)).toEqual(everyElement(first, label));
      }),
      { numRuns: 400 },
    );
  });

  it('walks every element for a label with odd white space, or none', () => {
    const doc = parse('<p><b></b></p><h2>Default  Settings</h2>');
    expect(elementsWithText(doc, 'Default  Settings')).toEqual([]);
    expect(elementsWithText(doc, '')).toEqual(everyElement(doc, ''));
    expect(norm(' a ')).toBe('a');
  });
});
