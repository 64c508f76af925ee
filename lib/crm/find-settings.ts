import type { RunOnAllOrders } from '../model';
import { sameAccount } from './app';
import { detectPage } from './detect';
import { fetchCrmHtml, type PoliteQueue, SessionExpiredError } from './polite';
import { readRunOnAllOrders } from './settings-page';
import { norm } from './text';

// Where "Run Purchase Actions On All Orders" lives is not settled: Keap's own articles disagree
// (E-Commerce > Settings > Order, or > Products > Product and Subscription Plans). So we look
// for it the way an admin would: follow the page's own Settings links, then the settings pages'
// links that mention orders or products, and read the first page that shows the setting.

const FIRST = /settings/i;
const SECOND = /order|product|subscription/i;
const MAX_PAGES = 8;

function links(doc: Document, base: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (/^\s*javascript:/i.test(href) || href.startsWith('#')) continue;
    if (!pattern.test(norm(a.textContent))) continue;
    try {
      const url = new URL(href, base).href;
      if (sameAccount(url, base) && !out.includes(url)) out.push(url);
    } catch {
      // Not a URL.
    }
  }
  return out;
}

export interface SettingRead {
  value: RunOnAllOrders;
  /** The page it was read from; null when it was not found. */
  url: string | null;
  note?: string;
}

async function readAt(
  url: string,
  queue: PoliteQueue,
): Promise<{ doc: Document; value: SettingRead | null }> {
  const doc = new DOMParser().parseFromString(await fetchCrmHtml(url, queue), 'text/html');
  if (detectPage(doc) === 'login') throw new SessionExpiredError();
  const control = readRunOnAllOrders(doc);
  return { doc, value: control?.value ? { value: control.value, url } : null };
}

/**
 * Reads the setting, trying `known` (where it was found last time) first. Never throws for a
 * missing page: an unreadable setting is 'unknown' with a note saying why.
 */
export async function findRunOnAllOrders(
  from: Document,
  queue: PoliteQueue,
  known?: string | null,
): Promise<SettingRead> {
  const base = from.location.href;
  const tried = new Set<string>();
  try {
    if (known && sameAccount(known, base)) {
      tried.add(known);
      const hit = await readAt(known, queue);
      if (hit.value) return hit.value;
    }
    const queue1 = links(from, base, FIRST);
    const queue2: string[] = [];
    for (const url of queue1) {
      if (tried.size >= MAX_PAGES || tried.has(url)) continue;
      tried.add(url);
      const hit = await readAt(url, queue);
      if (hit.value) return hit.value;
      queue2.push(...links(hit.doc, url, SECOND));
    }
    for (const url of queue2) {
      if (tried.size >= MAX_PAGES || tried.has(url)) continue;
      tried.add(url);
      const hit = await readAt(url, queue);
      if (hit.value) return hit.value;
    }
  } catch (e) {
    const why =
      e instanceof SessionExpiredError
        ? 'your session has ended'
        : String((e as Error).message ?? e);
    return { value: 'unknown', url: null, note: `The setting could not be read: ${why}.` };
  }
  return {
    value: 'unknown',
    url: null,
    note: 'The "Run Purchase Actions On All Orders" setting was not found on the settings pages.',
  };
}
