import browser from 'webextension-polyfill';
import { appFromUrl } from '@/lib/crm/app';
import type { FrameCall } from '@/lib/messaging/frame';
import type { SnapshotMeta } from '@/lib/model';
import type { Job, JobStatus } from '@/lib/store';
import { theStore } from './snapshots';

// What the toolbar button's pop-up shows for a tab. The CRM's URLs are not public (pages are
// detected by content), so the Actions page's address is one we have *seen*: only on a page it
// has recognised as the Actions page does the content script ask for open jobs or for one of
// the toolkit's frames (ACTIONS_PAGE_ONLY), and that tab's URL is remembered per account.
// Nothing else is guessed.

export type PopupStatus =
  | { kind: 'other' }
  | {
      kind: 'crm';
      app: string;
      /** The tab shows the Actions page we have seen the toolbar on. */
      onActionsPage: boolean;
      /** The account's Actions page, if the toolbar has been seen on it; else null. */
      actionsPageUrl: string | null;
      lastSnapshot: Pick<
        SnapshotMeta,
        'takenAt' | 'cause' | 'name' | 'setCount' | 'actionCount' | 'productCount'
      > | null;
      jobs: { kind: Job['kind']; status: JobStatus; done: number; total: number }[];
    };

const ACTIONS_PAGE_ONLY: ReadonlySet<unknown> = new Set(['jobs-open', 'frame-open']);
const OPEN: ReadonlySet<JobStatus> = new Set(['running', 'paused', 'interrupted']);
const seenKey = (app: string) => `actions-page:${app}`;
const withoutHash = (href: string) => href.split('#')[0] ?? href;

/** Remembers the Actions page of an account when its toolbar announces itself (top frame). */
export function watchActionsPages(): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || sender.frameId !== 0) return undefined;
    if (!ACTIONS_PAGE_ONLY.has((raw as { type?: unknown } | null)?.type)) return undefined;
    const href = sender.url ?? sender.tab?.url;
    const app = href ? appFromUrl(href) : null;
    if (href && app) void browser.storage.local.set({ [seenKey(app)]: withoutHash(href) });
    // No answer from here: the router answers these messages.
    return undefined;
  });
}

/** Only the extension's own pages (the pop-up) may ask about any tab; never a content script. */
const fromOurPage = (sender: browser.Runtime.MessageSender) =>
  sender.url?.startsWith(browser.runtime.getURL('/')) === true;

/** The CRM account a tab is on, from its own URL, and whether it is the Actions page we saw. */
async function crmTab(tabId: number) {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  // Without the `tabs` permission a tab's URL is visible only on the CRM's hosts: no URL, no CRM.
  const app = tab?.url ? appFromUrl(tab.url) : null;
  if (!tab?.url || !app) return null;
  const seen = (await browser.storage.local.get(seenKey(app)))[seenKey(app)];
  const actionsPageUrl = typeof seen === 'string' && appFromUrl(seen) === app ? seen : null;
  const onActionsPage = actionsPageUrl !== null && withoutHash(tab.url) === actionsPageUrl;
  return { app, actionsPageUrl, onActionsPage };
}

export async function popupStatus(
  tabId: number,
  sender: browser.Runtime.MessageSender,
): Promise<PopupStatus | undefined> {
  if (!fromOurPage(sender)) return undefined;
  const crm = await crmTab(tabId);
  if (!crm) return { kind: 'other' };
  const { app, actionsPageUrl, onActionsPage } = crm;
  const store = await theStore();
  // The newest whole snapshot: those taken before a write hold only the sets it touched.
  const meta = (await store.listSnapshots(app)).items.find(
    (m) => m.cause !== 'before-bulk-copy' && m.cause !== 'before-restore',
  );
  const jobs = (await store.listJobs(app)).items.filter((j) => OPEN.has(j.status));
  return {
    kind: 'crm',
    app,
    onActionsPage,
    actionsPageUrl,
    lastSnapshot: meta
      ? {
          takenAt: meta.takenAt,
          cause: meta.cause,
          name: meta.name,
          setCount: meta.setCount,
          actionCount: meta.actionCount,
          productCount: meta.productCount,
        }
      : null,
    jobs: jobs.map((j) => ({
      kind: j.kind,
      status: j.status,
      done: j.targets.filter((t) => t.state === 'done' || t.state === 'skipped').length,
      total: j.targets.length,
    })),
  };
}

/**
 * The pop-up's "Take snapshot": the tab is the one the pop-up found active (its own query, never
 * a page's word), and it must be the Actions page we saw; the toolbar's feature script there
 * starts the same snapshot as its own button, with its progress on the toolbar.
 */
export async function popupSnapshot(
  tabId: number,
  sender: browser.Runtime.MessageSender,
): Promise<{ ok: true } | { ok: false; error: string } | undefined> {
  if (!fromOurPage(sender)) return undefined;
  const crm = await crmTab(tabId);
  if (!crm?.onActionsPage) return { ok: false, error: 'This tab is not the Actions page.' };
  const call: FrameCall = {
    type: 'frame-call',
    kind: 'toolbar',
    op: 'snapshot-take',
    args: { resume: false },
  };
  const answer = (await browser.tabs.sendMessage(tabId, call, { frameId: 0 }).catch(() => null)) as
    | { ok: true }
    | { ok: false; error: string }
    | null;
  if (!answer)
    return { ok: false, error: 'The Actions page did not answer: reload it and try again.' };
  return answer.ok ? { ok: true } : { ok: false, error: answer.error };
}
