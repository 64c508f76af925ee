// The CRM's hosts (Max Classic accounts live at <app>.infusionsoft.com; some open at keap.app).
// One list for the manifest's host permissions, every content script's matches and the
// background's checks: nothing else is ever matched (no <all_urls>).
export const CRM_MATCHES: string[] = ['https://*.infusionsoft.com/*', 'https://keap.app/*'];

/** Whether `href` is on a CRM_MATCHES host over HTTPS (a "*." also matches the bare domain). */
export function isCrmUrl(href: string | undefined): boolean {
  if (!href) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === 'https:' &&
    CRM_MATCHES.some((pattern) => {
      const m = /^https:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
      if (!m?.[2]) return false;
      return host === m[2] || (m[1] !== undefined && host.endsWith(`.${m[2]}`));
    })
  );
}
