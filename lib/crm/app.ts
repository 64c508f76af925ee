// Which Max Classic account ("app") a URL belongs to (crm-facts.md, "Hosts and accounts"):
// https://<app>.infusionsoft.com/..., or app.infusionsoft.com / keap.app with ?app_id=<app>.
const APP_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/i;
const SHARED_HOSTS = new Set(['app.infusionsoft.com', 'keap.app', 'accounts.infusionsoft.com']);

export function appFromUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  if (SHARED_HOSTS.has(host)) {
    const id = url.searchParams.get('app_id');
    return id && APP_NAME.test(id) ? id.toLowerCase() : null;
  }
  const m = /^([a-z0-9-]+)\.infusionsoft\.com$/.exec(host);
  return m?.[1] && APP_NAME.test(m[1]) ? m[1] : null;
}

/** True when `href` is on the same origin as `base` and belongs to the same app. */
export function sameAccount(href: string, base: string): boolean {
  try {
    const a = new URL(href, base);
    const b = new URL(base);
    return a.origin === b.origin && appFromUrl(a.href) === appFromUrl(b.href);
  } catch {
    return false;
  }
}
