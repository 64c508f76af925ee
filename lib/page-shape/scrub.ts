// Scrubbing page strings for the page-shape report: what stays is markup and the labels the
// toolkit knows; the account's name, numeric ids and every other text become placeholders.
// Every function here is a single linear pass over a string the page chose.

/** What the scrubbers know about the page being described. */
export interface ScrubContext {
  /** The account name, replaced by {app} wherever it stands (case-blind). */
  app: string | null;
  /** The page's own address, for resolving relative links. */
  base: string;
  /** Words of the page's own texts (names and the like), lower case: identifiers holding one are reduced. */
  dataWords: ReadonlySet<string>;
  /** Texts kept as they are (the labels the toolkit knows), lower case. */
  known: ReadonlySet<string>;
}

export const reduced = (s: string) => `{text:${s.length}}`;

/** Words of an identifier or text: camelCase, _ - . and digits split them. */
export function wordsOf(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z\u00c0-\u024f]+/)
    .filter((w) => w.length >= 3);
}

function withoutApp(s: string, app: string | null): string {
  if (!app) return s;
  const lower = s.toLowerCase();
  const needle = app.toLowerCase();
  let out = '';
  let from = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) {
    out += `${s.slice(from, i)}{app}`;
    from = i + needle.length;
  }
  return out + s.slice(from);
}

const digits = (s: string) => s.replace(/\d+/g, '{n}');
const holdsData = (s: string, ctx: ScrubContext) => wordsOf(s).some((w) => ctx.dataWords.has(w));

/** Markup identifiers (ids, classes, field names, path segments): kept with ids as {n}. */
export function ident(raw: string, ctx: ScrubContext): string {
  const s = digits(withoutApp(raw, ctx.app));
  if (!/^[A-Za-z0-9_{}.:[\]-]{1,64}$/.test(s) || holdsData(s, ctx)) return reduced(raw);
  return s;
}

/**
 * A value that may be data (query values, option and data-* values, script literals): kept only
 * when it looks like code (a lower-case word, a constant, camelCase, or holding _ = . / : { }); a
 * capitalised word could be a name, so it is reduced.
 */
export function codeValue(raw: string, ctx: ScrubContext): string {
  const s = digits(withoutApp(raw, ctx.app));
  if (/^\{n\}$/.test(s)) return s;
  // A lower-case word (view=edit) or a long constant (TRIGGER) reads as code; a capitalised or
  // short upper-case word (Buyer, VIP) may be a name.
  const looksLikeCode =
    /^[a-z]{2,16}$/.test(s) ||
    /^[A-Z]{4,24}$/.test(s) ||
    (/^[A-Za-z0-9_{}=,.:;/[\]-]{1,80}$/.test(s) &&
      (/[_={}./:[\]]/.test(s) || /[a-z][A-Z]/.test(s)));
  if (!looksLikeCode || holdsData(s, ctx)) return reduced(raw);
  // A long run of letters and digits mixed is a token or a key, whatever its name says.
  if (/[A-Za-z0-9+/]{20,}/.test(raw)) return reduced(raw);
  return s;
}

/** A text: kept when the toolkit knows it as a label, "Label: …" keeps the label, else its length. */
export function text(raw: string, ctx: ScrubContext): string | null {
  const t = raw.replace(/[\s\u00a0]+/g, ' ').trim();
  if (t === '') return null;
  const bare = t.replace(/\s*[*:]$/, '');
  if (ctx.known.has(bare.toLowerCase())) return t;
  if (/^[\d\s().,:%#/$-]+$/.test(t)) return digits(t);
  const colon = t.indexOf(': ');
  if (colon > 0 && ctx.known.has(t.slice(0, colon).toLowerCase())) {
    return `${t.slice(0, colon)}: ${reduced(t.slice(colon + 2))}`;
  }
  return reduced(t);
}

const KEAP_HOST = /(^|\.)(infusionsoft\.com|keap\.app|keap\.com|thryv\.com)$/i;
const SHARED = new Set(['app.infusionsoft.com', 'keap.app', 'accounts.infusionsoft.com']);

function host(h: string, ctx: ScrubContext): string {
  const lower = h.toLowerCase();
  if (ctx.app && lower === `${ctx.app.toLowerCase()}.infusionsoft.com`)
    return '{app}.infusionsoft.com';
  if (SHARED.has(lower)) return lower;
  // Another account's subdomain is another customer's name.
  if (/\.infusionsoft\.com$/.test(lower) && lower.split('.').length === 3)
    return '{other-app}.infusionsoft.com';
  if (KEAP_HOST.test(lower)) return digits(withoutApp(lower, ctx.app));
  return '{host}';
}

/** A link or form target: account parts and ids as placeholders, the rest of its shape kept. */
export function url(raw: string, ctx: ScrubContext): string {
  const s = raw.trim();
  if (/^javascript:/i.test(s)) return `javascript:${script(s.slice(s.indexOf(':') + 1), ctx)}`;
  if (s.startsWith('#')) return s.length > 1 ? `#${ident(s.slice(1), ctx)}` : '#';
  if (/^(mailto|tel|sms|data|blob):/i.test(s))
    return `${s.slice(0, s.indexOf(':') + 1)}${reduced(s)}`;
  if (s === '') return '';
  let u: URL;
  try {
    u = new URL(s, ctx.base);
  } catch {
    return reduced(s);
  }
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//');
  const path = u.pathname
    .split('/')
    .map((seg) => (seg === '' ? '' : ident(safeDecode(seg), ctx)))
    .join('/');
  const query = [...u.searchParams]
    .map(([k, v]) => {
      const key = ident(k, ctx);
      const value = k.toLowerCase() === 'app_id' ? '{app}' : v === '' ? '' : codeValue(v, ctx);
      return `${key}=${value}`;
    })
    .join('&');
  const hash = u.hash.length > 1 ? `#${ident(u.hash.slice(1), ctx)}` : '';
  const origin = absolute
    ? `${u.protocol}//${host(u.hostname, ctx)}${u.port ? ':{port}' : ''}`
    : '';
  return `${origin}${path}${query ? `?${query}` : s.includes('?') ? '?' : ''}${hash}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const looksLikeUrl = (s: string) =>
  /^(https?:|\/|\.\.?\/|\?)/i.test(s) || /^[\w./-]+\.(jsp|do|html?)(\?|$)/i.test(s);

/** A string literal in a script: a URL is scrubbed as one, a known label kept, else code or its length. */
function literal(s: string, ctx: ScrubContext): string {
  if (looksLikeUrl(s)) return url(s, ctx);
  if (ctx.known.has(s.trim().toLowerCase())) return s;
  return codeValue(s, ctx);
}

/**
 * A script attribute (onclick, a javascript: href): names and punctuation kept, string literals
 * scrubbed, numbers as {n}, comments dropped. A long script is cut after 2000 characters.
 */
export function script(js: string, ctx: ScrubContext): string {
  let out = '';
  let i = 0;
  const n = Math.min(js.length, 2000);
  while (i < n) {
    const c = js[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let value = '';
      while (j < js.length && js[j] !== c) {
        if (js[j] === '\\' && j + 1 < js.length) j++;
        value += js[j];
        j++;
      }
      out += `${c}${literal(value, ctx)}${c}`;
      i = j + 1;
    } else if (c === '/' && js[i + 1] === '/') {
      while (i < js.length && js[i] !== '\n') i++;
    } else if (c === '/' && js[i + 1] === '*') {
      const end = js.indexOf('*/', i + 2);
      i = end < 0 ? js.length : end + 2;
    } else if (/[0-9]/.test(c)) {
      while (i < js.length && /[0-9.]/.test(js[i] as string)) i++;
      out += '{n}';
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < js.length && /[\w$]/.test(js[j] as string)) j++;
      const word = js.slice(i, j);
      out += holdsData(word, ctx) ? reduced(word) : withoutApp(word, ctx.app);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return js.length > n ? `${out}…{cut:${js.length - n}}` : out;
}
