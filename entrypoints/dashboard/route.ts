// Hash routes: "#/what?app=demo", "#/matrix", or just "#app=demo" (a link from the CRM page that
// only knows the account). Pure, so parsing is tested without a window.

export const SECTIONS = ['snapshots', 'matrix', 'why', 'what'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<Section, string> = {
  snapshots: 'Snapshots',
  matrix: 'Trigger matrix',
  why: "Why didn't it run?",
  what: 'What will run?',
};

export interface Route {
  section: Section;
  app: string | null;
}

function isSection(s: string): s is Section {
  return (SECTIONS as readonly string[]).includes(s);
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const [pathPart, query] = q >= 0 ? [raw.slice(0, q), raw.slice(q + 1)] : [raw, ''];
  const path = pathPart.replace(/^\/+/, '');
  // "#app=x" has no path: the whole hash is the query.
  const params = new URLSearchParams(path.includes('=') ? path : query);
  const app = params.get('app')?.trim() || null;
  const section = !path.includes('=') && isSection(path) ? path : 'snapshots';
  return { section, app };
}

export function formatHash(route: Route): string {
  return route.app
    ? `#/${route.section}?app=${encodeURIComponent(route.app)}`
    : `#/${route.section}`;
}
