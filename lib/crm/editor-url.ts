// Editor URLs as identities: the same editor may be asked for with its parameters in another
// order, or with a fragment. Two URLs name the same editor when origin, path and the sorted
// query agree.
export function editorKey(href: string, base?: string): string | null {
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'https:') return null;
    const params = [...u.searchParams.entries()].sort(([a, x], [b, y]) =>
      a === b ? x.localeCompare(y) : a.localeCompare(b),
    );
    const query = new URLSearchParams(params).toString();
    return `${u.origin}${u.pathname}${query ? `?${query}` : ''}`;
  } catch {
    return null;
  }
}

/** width/height from a window.open features string, clamped to something a screen can show. */
export function windowSize(features: string): { width: number; height: number } {
  const get = (name: string, fallback: number) => {
    const m = new RegExp(`(?:^|[,\\s])${name}\\s*=\\s*(\\d+)`, 'i').exec(features);
    const n = m?.[1] ? Number(m[1]) : fallback;
    return Math.min(Math.max(n, 320), 2000);
  };
  return { width: get('width', 900), height: get('height', 700) };
}

/** Undoes JavaScript string-literal escapes that appear in onclick attributes. */
function unescapeJs(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : e,
  );
}

const OPEN_CALL =
  /window\.open\(\s*(['"])((?:\\.|(?!\1).)*)\1\s*(?:,\s*(['"])((?:\\.|(?!\3).)*)\3\s*(?:,\s*(['"])((?:\\.|(?!\5).)*)\5)?)?\s*\)/;

/**
 * The editor a control opens, when its markup says so literally (an `onclick` with a
 * window.open('url', ...) call). Reading it costs nothing and runs none of the page's code; where
 * the page builds the URL in script, the bridge has to ask the page instead.
 */
export function editorOpenFromMarkup(
  el: Element,
  base: string,
): { url: string; name: string; features: string } | null {
  const m = OPEN_CALL.exec(el.getAttribute('onclick') ?? '');
  if (!m?.[2]) return null;
  try {
    return {
      url: new URL(unescapeJs(m[2]), base).href,
      name: unescapeJs(m[4] ?? ''),
      features: unescapeJs(m[6] ?? ''),
    };
  } catch {
    return null;
  }
}
