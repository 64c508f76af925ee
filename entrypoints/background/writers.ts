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

interface Lock {
  app: string;
  tabId: number;
  beatAt: number;
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

export function releaseTab(tabId: number): Promise<void> {
  return serial(async (locks) =>
    locks.some((l) => l.tabId === tabId)
      ? { locks: locks.filter((l) => l.tabId !== tabId), value: undefined }
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
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  return true;
}
