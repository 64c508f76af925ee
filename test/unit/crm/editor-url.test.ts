// The onclick / window.open parser reads strings the page chooses (issue 9, point 4): it must keep
// what it read before for real calls and take linear time on anything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editorOpenFromMarkup,
  type Meter,
  parseOpenCall,
  windowFeatures,
  windowSize,
} from '@/lib/crm/editor-url';

const BASE = 'https://demo.infusionsoft.com/Ecommerce/purchaseActions.jsp';

const button = (onclick: string) => {
  const b = document.createElement('input');
  b.setAttribute('onclick', onclick);
  return b;
};

describe('parseOpenCall', () => {
  it.each([
    [
      `window.open('/editor?set=3', 'editor', 'width=900,height=700'); return false;`,
      { url: '/editor?set=3', name: 'editor', features: 'width=900,height=700' },
    ],
    [`window.open( "/e?a=1&b=2" )`, { url: '/e?a=1&b=2', name: '', features: '' }],
    [`x(); window.open('/e', "n")`, { url: '/e', name: 'n', features: '' }],
    [`self.window.open('/e')`, { url: '/e', name: '', features: '' }],
    // JavaScript escapes: quotes, backslashes, \x and \u (both forms), \n.
    [
      String.raw`window.open('/e?q=it\'s\\\x41\u0042\u{43}', 'a"b\n')`,
      { url: `/e?q=it's\\ABC`, name: 'a"b\n', features: '' },
    ],
    // A failed call is passed over; the next literal one is read.
    [`window.open(u, 'n'); window.open('/ok')`, { url: '/ok', name: '', features: '' }],
    [`window.open('/a', n); window.open('/ok')`, { url: '/ok', name: '', features: '' }],
    [`window.open('/a', window.open('/ok'))`, { url: '/ok', name: '', features: '' }],
  ])('%s', (onclick, expected) => {
    expect(parseOpenCall(onclick)).toEqual(expected);
  });

  it.each([
    [''],
    [`open('/e')`],
    [`mywindow.open('/e')`],
    [`window.open(url)`],
    [`window.open('/e' + id)`],
    [`window.open('/e', 'n', 'f', extra)`],
    [`window.open('/e`],
    [`window.open('/e\n')`],
    [String.raw`window.open('/e\x4')`],
    [String.raw`window.open('/e\u{110000}')`],
    // A call spelled inside a string literal is no call.
    [`alert("window.open('/e')")`],
  ])('reads no call in %j', (onclick) => {
    expect(parseOpenCall(onclick)).toBeNull();
  });

  // The regex it replaces, as the oracle for calls it could read: arguments free of line breaks,
  // quoted with only \\, \' and \" escaped, agree exactly.
  const OLD =
    /window\.open\(\s*(['"])((?:\\.|(?!\1).)*)\1\s*(?:,\s*(['"])((?:\\.|(?!\3).)*)\3\s*(?:,\s*(['"])((?:\\.|(?!\5).)*)\5)?)?\s*\)/;
  const oldUnescape = (s: string) =>
    s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : e,
    );
  const quote = (s: string, q: string) =>
    q + s.replaceAll('\\', '\\\\').replaceAll(q, `\\${q}`) + q;

  it('reads every literal call as the old regex did, and round-trips its arguments', () => {
    const arg = fc.string({ unit: fc.constantFrom('a', '/', '?', '=', ' ', "'", '"', '\\', 'é') });
    fc.assert(
      fc.property(
        fc.array(arg, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("'", '"'),
        fc.constantFrom('', ' ', '  '),
        (args, q, sp) => {
          const script = `window.open(${sp}${args.map((a) => quote(a, q)).join(`${sp},${sp}`)}${sp})`;
          const got = parseOpenCall(script);
          expect(got).toEqual({ url: args[0], name: args[1] ?? '', features: args[2] ?? '' });
          const m = OLD.exec(script);
          expect(m).not.toBeNull();
          expect(got).toEqual({
            url: oldUnescape(m?.[2] ?? ''),
            name: oldUnescape(m?.[4] ?? ''),
            features: oldUnescape(m?.[6] ?? ''),
          });
        },
      ),
    );
  });
});

describe('linear time on pathological page strings', () => {
  const N = 10_000;
  // Shapes that made the old regex, or would make a naive scanner, go back over the input.
  const nasty: [string, string][] = [
    ['unclosed literal of backslashes', `window.open('${'\\'.repeat(N)}`],
    ['odd backslashes escaping the quote', `window.open('${'\\'.repeat(N - 1)}'`],
    ['alternating backslash-quote', `window.open('${"\\'".repeat(N / 2)}`],
    ['repeated call openings', 'window.open('.repeat(N / 12)],
    ['repeated unclosed literal calls', "window.open('".repeat(N / 13)],
    ['repeated first-argument calls', "window.open('a',".repeat(N / 16)],
    ['repeated escapes cut short', "window.open('\\u{".repeat(N / 16)],
    ['quotes only', '\'"'.repeat(N / 2)],
    ['spaces after the call', `window.open(${' '.repeat(N)}`],
    ['spaces inside the arguments', `window.open('a'${' ,'.repeat(N / 2)}`],
  ];

  it.each(nasty)('%s: no call, in linear steps', (_, script) => {
    const meter: Meter = { steps: 0 };
    expect(script.length).toBeGreaterThanOrEqual(N - 16);
    expect(parseOpenCall(script, meter)).toBeNull();
    expect(meter.steps).toBeLessThanOrEqual(4 * script.length + 16);
    expect(editorOpenFromMarkup(button(script), BASE)).toBeNull();
  });

  it('a valid call after 10,000 pathological characters is still found', () => {
    const meter: Meter = { steps: 0 };
    const script = `"${'\\'.repeat(N)}"; window.open('/e?set=1')`;
    expect(parseOpenCall(script, meter)).toEqual({ url: '/e?set=1', name: '', features: '' });
    expect(meter.steps).toBeLessThanOrEqual(4 * script.length);
  });

  it.each([
    ['names', 'width'.repeat(N / 5)],
    ['separators', '= ,'.repeat(N / 3)],
    ['pairs', ' width = 1'.repeat(N / 10)],
  ])('features of repeated %s: linear steps', (_, features) => {
    const meter: Meter = { steps: 0 };
    windowFeatures(features, meter);
    expect(meter.steps).toBeLessThanOrEqual(3 * features.length + 8);
  });
});

describe('windowSize', () => {
  it.each([
    ['width=1000,height=800,scrollbars=yes', { width: 1000, height: 800 }],
    [' WIDTH = 640 height=480', { width: 640, height: 480 }],
    ['innerWidth=700,innerHeight=500', { width: 700, height: 500 }],
    ['width=99999,height=10', { width: 2000, height: 320 }],
    ['width=abc', { width: 900, height: 700 }],
    ['', { width: 900, height: 700 }],
  ])('%j', (features, size) => {
    expect(windowSize(features)).toEqual(size);
  });
});

describe('editorOpenFromMarkup', () => {
  it('resolves the literal URL against the page', () => {
    expect(editorOpenFromMarkup(button(`window.open('/e?set=3','ed','width=900')`), BASE)).toEqual({
      url: 'https://demo.infusionsoft.com/e?set=3',
      name: 'ed',
      features: 'width=900',
    });
  });
  it('reads nothing from an empty URL or a control without onclick', () => {
    expect(editorOpenFromMarkup(button(`window.open('')`), BASE)).toBeNull();
    expect(editorOpenFromMarkup(document.createElement('button'), BASE)).toBeNull();
  });
});
