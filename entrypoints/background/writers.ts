import browser from 'webextension-polyfill';
import { refuse } from './refusals';

// One writer per account. A bulk copy, restore or undo holds its account's
// lock for as long as it writes, across every tab and window of this browser; the journal takes
// writes only from the holder. The holder beats every few seconds: a lock whose tab is gone, or
// whose beat stopped (a frozen or crashed tab), is free again, and only then is its unfinished
// job offered for Resume. Kept in storage.session: the service worker may stop between beats,
// and a browser restart (which kills every writer) clears it.

export const BEAT_MS = 4000;
/** A writer that missed this many beats is dead. */
const DEAD_AFTER_MS = BEAT_MS * 4;
/**
 * A writer whose tab closed mid-job still holds the account this long: a write it sent just
 * before may still be on its way to the CRM and land after a Resume's fresh read (the soak saw
 * exactly that: a slow request from a closed tab arriving after the new tab had read the set).
 */
const SETTLE_MS = 10_000;

interface Lock {
  app: string;
  tabId: number;
  beatAt: number;
  /** When the writer's tab closed; its lock lapses SETTLE_MS later. */
  closedAt?: number;
}

const KEY = 'writerLocks';
let chain: Promise<unknown> = Promise.resolve();

/** Every read-modify-write of the locks runs alone: two tabs asking at once get one answer each. */
function serial<T>(work: (locks: Lock[]) => Promise<{ locks: Lock[]; value: T }>): Promise<T> {
  const next = chain.then(async () => {
    const locks = ((await browser.storage.session.get(KEY))[KEY] ?? []) as Lock[];
    const out = await work(locks);
    if (out.locks !== locks) await browser.storage.session.set({ [KEY]: out.locks });
    return out.value;
  });
  chain = next.catch(() => {});
  return next;
}

async function alive(lock: Lock): Promise<boolean> {
  if (lock.closedAt !== undefined) return Date.now() - lock.closedAt < SETTLE_MS;
  if (Date.now() - lock.beatAt > DEAD_AFTER_MS) return false;
  return browser.tabs.get(lock.tabId).then(
    () => true,
    () => false,
  );
}

export type Acquired = { ok: true } | { ok: false; tabId: number };

export function acquire(app: string, tabId: number): Promise<Acquired> {
  return serial<Acquired>(async (locks) => {
    const held = locks.find((l) => l.app === app);
    if (held && held.tabId !== tabId && (await alive(held))) {
      await refuse('writer-acquire', `${app} is being written by another tab`);
      return { locks, value: { ok: false, tabId: held.tabId } };
    }
    const mine = { app, tabId, beatAt: Date.now() };
    return { locks: [...locks.filter((l) => l.app !== app), mine], value: { ok: true } };
  });
}

export function beat(app: string, tabId: number): Promise<boolean> {
  return serial(async (locks) => {
    const held = locks.find((l) => l.app === app && l.tabId === tabId);
    if (!held) return { locks, value: false };
    return {
      locks: locks.map((l) => (l === held ? { ...l, beatAt: Date.now() } : l)),
      value: true,
    };
  });
}

export function release(app: string, tabId: number): Promise<void> {
  return serial(async (locks) => ({
    locks: locks.filter((l) => !(l.app === app && l.tabId === tabId)),
    value: undefined,
  }));
}

/** The writer's tab closed: its lock lapses after the settle time, not at once. */
export function releaseTab(tabId: number): Promise<void> {
  return serial(async (locks) =>
    locks.some((l) => l.tabId === tabId && l.closedAt === undefined)
      ? {
          locks: locks.map((l) => (l.tabId === tabId ? { ...l, closedAt: Date.now() } : l)),
          value: undefined,
        }
      : { locks, value: undefined },
  );
}

/** The live writer of `app`, if it is another tab than `tabId`. */
export function writerElsewhere(app: string, tabId: number): Promise<number | null> {
  return serial(async (locks) => {
    const held = locks.find((l) => l.app === app);
    return {
      locks,
      value: held && held.tabId !== tabId && (await alive(held)) ? held.tabId : null,
    };
  });
}

/** True when `tabId` holds `app`'s lock now: the journal accepts writes only from it. */
export function holds(app: string, tabId: number): Promise<boolean> {
  return serial(async (locks) => ({
    locks,
    value: locks.some((l) => l.app === app && l.tabId === tabId),
  }));
}

/** Brings the tab that is writing `app` to the front (same account as the asking tab only). */
export async function focusWriter(app: string, askingTab: number): Promise<boolean> {
  const tabId = await writerElsewhere(app, askingTab);
  if (tabId === null) return false;
  // Its tab may have just closed (the lock is settling): nothing to go to.
  const tab = await browser.tabs.update(tabId, { active: true }).catch(() => null);
  if (!tab) return false;
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  return true;
}
