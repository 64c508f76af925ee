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

/**
 * A form action or link in a fetched CRM page that leads off the account the work is for. Sending
 * the admin's anti-forgery token or a write there would hand them to someone else, so the
 * operation stops before any request goes out and says which address it refused.
 */
export class ForeignTargetError extends Error {
  constructor(
    readonly url: string,
    readonly home: string,
  ) {
    const app = appFromUrl(home);
    super(
      app
        ? `Stopped before sending anything to ${clip(url)}: it is not on the Keap account "${app}" (${new URL(home).origin}).`
        : `Stopped before sending anything to ${clip(url)}: there is no Keap account page to check it against.`,
    );
    this.name = 'ForeignTargetError';
  }
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/**
 * `href` resolved against `base`, when it stays on `home`'s origin and account; otherwise
 * ForeignTargetError. `home` must itself be an account's URL: "same account" as an unknown
 * account would accept anything on a stranger's host.
 */
export function sameAccountUrl(href: string, base: string | undefined, home: string): string {
  let url: string;
  try {
    url = new URL(href, base).href;
  } catch {
    throw new ForeignTargetError(href, home);
  }
  if (appFromUrl(home) === null || !sameAccount(url, home)) throw new ForeignTargetError(url, home);
  return url;
}
