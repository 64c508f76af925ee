// Editor URLs as identities: the same editor may be asked for with its parameters in another
// order, or with a fragment. Two URLs name the same editor when origin, path and the sorted
// query agree.
export function editorKey(href: string, base?: string): string | null {
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'https:') return null;
    const params = queryPairs(u).sort(([a, x], [b, y]) =>
      a === b ? x.localeCompare(y) : a.localeCompare(b),
    );
    const query = new URLSearchParams(params).toString();
    return `${u.origin}${u.pathname}${query ? `?${query}` : ''}`;
  } catch {
    return null;
  }
}

/**
 * A URL's query as [name, value] pairs, in order. Not `[...params.entries()]`: in a Firefox content
 * script `URL` is the page's, seen through an Xray wrapper, and the iterator `entries()` returns
 * there is not iterable ("… is not iterable"); forEach is a plain method call and works in both.
 */
export function queryPairs(u: URL): [string, string][] {
  const out: [string, string][] = [];
  u.searchParams.forEach((value, name) => {
    out.push([name, value]);
  });
  return out;
}

// Everything below reads strings the page chooses (onclick attributes, window.open features), so
// it is written as single left-to-right scans: a backtracking regex here took seconds on a few
// dozen backslashes (issue 9). Tests count the scans' steps through `Meter`.

/** Counts characters read, so tests can hold a parser to linear time without timing it. */
export interface Meter {
  steps: number;
}

/** One-character tests: a class regex on a single character cannot backtrack. */
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isLineEnd = (c: string | undefined) =>
  c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
const isIdent = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
const isHex = (c: string | undefined) => c !== undefined && /[0-9a-f]/i.test(c);

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

class Scan {
  constructor(
    readonly s: string,
    readonly meter: Meter,
  ) {}

  at(i: number): string | undefined {
    this.meter.steps++;
    return this.s[i];
  }

  spaces(i: number): number {
    let j = i;
    while (isSpace(this.at(j))) j++;
    return j;
  }

  /** Hex digits s[i, i+n) as a code point, or null. */
  private hex(i: number, n: number): number | null {
    for (let k = i; k < i + n; k++) if (!isHex(this.at(k))) return null;
    return Number.parseInt(this.s.slice(i, i + n), 16);
  }

  /** One escape after a backslash at s[i-1]: the character meant and where the literal goes on. */
  private escape(i: number): { text: string; next: number } | null {
    const e = this.at(i);
    if (e === undefined || isLineEnd(e)) return null;
    if (e === 'x') {
      const code = this.hex(i + 1, 2);
      return code === null ? null : { text: String.fromCharCode(code), next: i + 3 };
    }
    if (e === 'u' && this.at(i + 1) === '{') {
      // \u{1F600}: one to six hex digits. Looked for within those six, never to the end.
      let close = i + 2;
      while (close < i + 9 && isHex(this.at(close))) close++;
      const len = close - (i + 2);
      if (this.at(close) !== '}' || len < 1 || len > 6) return null;
      const code = Number.parseInt(this.s.slice(i + 2, close), 16);
      return code > 0x10ffff ? null : { text: String.fromCodePoint(code), next: close + 1 };
    }
    if (e === 'u') {
      const code = this.hex(i + 1, 4);
      return code === null ? null : { text: String.fromCharCode(code), next: i + 5 };
    }
    return { text: SIMPLE_ESCAPES[e] ?? e, next: i + 1 };
  }

  /**
   * The JavaScript string literal opening at s[i] (' or "), unescaped, and the index after its
   * closing quote; null when s[i] is no quote or the literal is not closed on its line.
   */
  literal(i: number): { value: string; end: number } | null {
    const quote = this.at(i);
    if (quote !== "'" && quote !== '"') return null;
    const parts: string[] = [];
    let from = i + 1;
    let j = from;
    for (;;) {
      const c = this.at(j);
      if (c === undefined || isLineEnd(c)) return null;
      if (c === quote) break;
      if (c !== '\\') {
        j++;
        continue;
      }
      parts.push(this.s.slice(from, j));
      const esc = this.escape(j + 1);
      if (!esc) return null;
      parts.push(esc.text);
      j = esc.next;
      from = j;
    }
    parts.push(this.s.slice(from, j));
    return { value: parts.join(''), end: j + 1 };
  }

  /** Where a string literal opening at s[i] ends: after its quote, or where it breaks off. */
  skipLiteral(i: number): number {
    const quote = this.at(i);
    let j = i + 1;
    for (;;) {
      const c = this.at(j);
      if (c === undefined || isLineEnd(c)) return j;
      if (c === quote) return j + 1;
      j += c === '\\' ? 2 : 1;
    }
  }
}

/** The JavaScript string literal opening at s[i], unescaped; null when there is none. */
export function literalAt(
  s: string,
  i: number,
  meter: Meter = { steps: 0 },
): { value: string; end: number } | null {
  return new Scan(s, meter).literal(i);
}

const OPEN_CALL = 'window.open(';

export interface OpenCall {
  url: string;
  name: string;
  features: string;
}

/** The arguments of a window.open call whose "(" ends just before s[i], when all are literals. */
function openArgs(scan: Scan, i: number): OpenCall | null {
  const args: string[] = [];
  let j = scan.spaces(i);
  for (;;) {
    const lit = scan.literal(j);
    if (!lit) return null;
    args.push(lit.value);
    j = scan.spaces(lit.end);
    if (scan.at(j) !== ',' || args.length === 3) break;
    j = scan.spaces(j + 1);
  }
  if (scan.at(j) !== ')') return null;
  return { url: args[0] ?? '', name: args[1] ?? '', features: args[2] ?? '' };
}

/**
 * The first `window.open('url'[, 'name'[, 'features']])` in a script whose arguments are all
 * string literals, unescaped as JavaScript would. One pass, left to right: string literals are
 * stepped over whole (a call spelled inside a string is no call), and a call with any other
 * argument is passed over. A failed call reads only its own literals and spaces, which the pass
 * then steps over once more, so no character is read more than a few times.
 */
export function parseOpenCall(script: string, meter: Meter = { steps: 0 }): OpenCall | null {
  const scan = new Scan(script, meter);
  let i = 0;
  while (i < script.length) {
    const c = scan.at(i);
    if (c === "'" || c === '"') {
      i = scan.skipLiteral(i);
      continue;
    }
    // `self.window.open(` is the same call; `mywindow.open(` is some other object's.
    if (c === 'w' && script.startsWith(OPEN_CALL, i) && !isIdent(script[i - 1])) {
      const call = openArgs(scan, i + OPEN_CALL.length);
      if (call) return call;
      i += OPEN_CALL.length;
      continue;
    }
    i++;
  }
  return null;
}

/**
 * The editor a control opens, when its markup says so literally (an `onclick` with a
 * window.open('url', ...) call). Reading it costs nothing and runs none of the page's code; where
 * the page builds the URL in script, the bridge has to ask the page instead.
 */
export function editorOpenFromMarkup(
  el: Element,
  base: string,
): { url: string; name: string; features: string } | null {
  const call = parseOpenCall(el.getAttribute('onclick') ?? '');
  if (!call?.url) return null;
  try {
    return { ...call, url: new URL(call.url, base).href };
  } catch {
    return null;
  }
}

/**
 * A window.open features string as name -> value, the way browsers tokenize it (HTML, "tokenize
 * the features argument"): names and values are separated by white space, "," and "="; names are
 * case-blind and a later value wins.
 */
export function windowFeatures(features: string, meter: Meter = { steps: 0 }): Map<string, string> {
  const scan = new Scan(features, meter);
  const isSep = (c: string | undefined) => c === ',' || c === '=' || isSpace(c);
  const out = new Map<string, string>();
  let i = 0;
  while (i < features.length) {
    while (i < features.length && isSep(scan.at(i))) i++;
    const nameStart = i;
    while (i < features.length && !isSep(scan.at(i))) i++;
    const name = features.slice(nameStart, i).toLowerCase();
    i = scan.spaces(i);
    let value = '';
    if (scan.at(i) === '=') {
      i++;
      while (i < features.length && isSep(scan.at(i)) && features[i] !== ',') i++;
      const valueStart = i;
      while (i < features.length && !isSep(scan.at(i))) i++;
      value = features.slice(valueStart, i);
    }
    if (name) out.set(name, value);
  }
  return out;
}

/** width/height from a window.open features string, clamped to something a screen can show. */
export function windowSize(features: string): { width: number; height: number } {
  const values = windowFeatures(features);
  const get = (name: string, fallback: number) => {
    const v = values.get(name) ?? values.get(`inner${name}`) ?? '';
    let digits = 0;
    while (digits < v.length && v.charCodeAt(digits) >= 48 && v.charCodeAt(digits) <= 57) digits++;
    const n = digits ? Number(v.slice(0, digits)) : fallback;
    return Math.min(Math.max(n, 320), 2000);
  };
  return { width: get('width', 900), height: get('height', 700) };
}
