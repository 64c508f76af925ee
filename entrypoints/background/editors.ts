import browser from 'webextension-polyfill';
import { sameAccount } from '@/lib/crm/app';
import { editorKey, windowSize } from '@/lib/crm/editor-url';
import type { OpenerCall } from '@/lib/messaging/bridge';
import type { ToContent } from '@/lib/messaging/runtime';

// Which action-set editors are open, wherever they came from (the page's own pop-up, a window or
// tab we opened, a frame). An editor is "open" only once its content script announced it, so a
// window a blocker closed at once never counts. Kept in storage.session: the service worker may
// be stopped between two clicks.

interface Editor {
  key: string;
  tabId: number;
  windowId: number;
}

const STORE_KEY = 'openEditors';
const OWNED_KEY = 'ownedEditorTabs';

/** Tabs the extension opened for editors (not subject to blockers). */
async function ownedTabs(): Promise<Set<number>> {
  const raw = (await browser.storage.session.get(OWNED_KEY))[OWNED_KEY];
  return new Set(Array.isArray(raw) ? (raw as number[]) : []);
}

async function remember(tabId: number): Promise<void> {
  const owned = [...(await ownedTabs()), tabId].slice(-50);
  await browser.storage.session.set({ [OWNED_KEY]: owned });
}
let editors: Editor[] | null = null;

async function all(): Promise<Editor[]> {
  if (!editors) {
    const raw = (await browser.storage.session.get(STORE_KEY))[STORE_KEY];
    editors = Array.isArray(raw) ? (raw as Editor[]) : [];
  }
  return editors;
}

async function save(next: Editor[]): Promise<void> {
  editors = next;
  await browser.storage.session.set({ [STORE_KEY]: next });
}

/** Tells every CRM tab of the editor's origin; content scripts on other pages ignore it. */
async function broadcast(key: string, message: ToContent): Promise<void> {
  const origin = new URL(key).origin;
  for (const tab of await browser.tabs.query({ url: `${origin}/*` })) {
    if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
  }
}

export async function editorLoaded(
  rawKey: string,
  tab: browser.Tabs.Tab,
): Promise<{ duplicate: boolean }> {
  const key = editorKey(rawKey);
  if (!key || tab.id === undefined || tab.windowId === undefined) return { duplicate: false };
  const list = (await live()).filter((e) => e.tabId !== tab.id);
  const existing = list.find((e) => e.key === key);
  if (existing) {
    // Two editors for one set (the page's pop-up arrived late, or a blocker is about to close
    // it): keep the one the extension opened, which no blocker will close; else the newer one.
    const owned = await ownedTabs();
    const keepExisting = owned.has(existing.tabId) && !owned.has(tab.id);
    if (keepExisting) {
      await browser.tabs.remove(tab.id).catch(() => {});
      await focus(existing);
      return { duplicate: true };
    }
    await browser.tabs.remove(existing.tabId).catch(() => {});
    list.splice(list.indexOf(existing), 1);
  }
  // Closed while this message was on its way (a blocker closing the pop-up at once)?
  if (
    !(await browser.tabs.get(tab.id).then(
      () => true,
      () => false,
    ))
  )
    return { duplicate: false };
  await save([...list, { key, tabId: tab.id, windowId: tab.windowId }]);
  await broadcast(key, { type: 'editor-changed', key, open: true });
  return { duplicate: false };
}

export async function tabClosed(tabId: number): Promise<void> {
  const list = await all();
  const gone = list.filter((e) => e.tabId === tabId);
  if (gone.length === 0) return;
  await save(list.filter((e) => e.tabId !== tabId));
  for (const e of gone) await broadcast(e.key, { type: 'editor-changed', key: e.key, open: false });
}

/**
 * The editors whose tabs still exist. A tab can close before its "loaded" message is handled
 * (a blocker closing a pop-up at once), so every answer checks the tab is really there.
 */
async function live(): Promise<Editor[]> {
  const list = await all();
  const alive: Editor[] = [];
  for (const e of list) {
    if (
      await browser.tabs.get(e.tabId).then(
        () => true,
        () => false,
      )
    )
      alive.push(e);
  }
  if (alive.length !== list.length) await save(alive);
  return alive;
}

export async function isOpen(rawKey: string): Promise<boolean> {
  const key = editorKey(rawKey);
  return (await live()).some((e) => e.key === key);
}

async function focus(e: Editor): Promise<void> {
  await browser.windows.update(e.windowId, { focused: true }).catch(() => {});
  await browser.tabs.update(e.tabId, { active: true }).catch(() => {});
}

export async function focusEditor(rawKey: string): Promise<boolean> {
  const key = editorKey(rawKey);
  const e = (await live()).find((x) => x.key === key);
  if (e) await focus(e);
  return Boolean(e);
}

/**
 * Opens an editor the page asked for, in a window or tab the extension creates (not subject to
 * pop-up blockers). Only same-origin, same-account URLs of the asking CRM tab are opened.
 */
export async function openEditor(
  url: string,
  features: string,
  how: 'window' | 'tab',
  sender: browser.Tabs.Tab,
): Promise<'opened' | 'focused' | 'refused'> {
  if (!sender.url || !sameAccount(url, sender.url)) return 'refused';
  const key = editorKey(url, sender.url);
  if (!key) return 'refused';
  if (await focusEditor(key)) return 'focused';
  let created: number | undefined;
  if (how === 'tab') {
    const tab = await browser.tabs.create({
      url: key,
      openerTabId: sender.id,
      index: sender.index + 1,
    });
    created = tab.id;
  } else {
    const win = await browser.windows.create({
      url: key,
      type: 'popup',
      focused: true,
      ...windowSize(features),
    });
    created = win.tabs?.[0]?.id;
  }
  if (created !== undefined) await remember(created);
  return 'opened';
}

export async function forwardOpenerCall(rawKey: string, call: OpenerCall): Promise<void> {
  const key = editorKey(rawKey);
  if (key) await broadcast(key, { type: 'opener-call', key, call });
}

/** Closes an editor tab on its own page's request, if it really is a registered editor. */
export async function closeEditorTab(rawKey: string, tabId: number): Promise<void> {
  const key = editorKey(rawKey);
  if ((await all()).some((e) => e.key === key && e.tabId === tabId)) {
    await browser.tabs.remove(tabId).catch(() => {});
  }
}

const BLOCKED_NOTICE =
  'The browser blocked the editor pop-up, so the toolkit opened it in its own window.';
const waits = new Map<string, { timer: ReturnType<typeof setTimeout>; run(): Promise<void> }>();

/** Waits for an editor the page should have opened; opens it when none is there in time. */
export async function expectEditor(
  url: string,
  features: string,
  waitMs: number,
  sender: browser.Tabs.Tab,
): Promise<void> {
  const key = editorKey(url, sender.url);
  if (!key || !sender.url || !sameAccount(url, sender.url) || sender.id === undefined) return;
  const waitKey = `${sender.id} ${key}`;
  const tabId = sender.id;
  clearTimeout(waits.get(waitKey)?.timer);
  const run = async () => {
    waits.delete(waitKey);
    if (await isOpen(key)) return;
    if ((await openEditor(url, features, 'window', sender)) === 'opened') {
      await browser.tabs
        .sendMessage(tabId, { type: 'editor-notice', text: BLOCKED_NOTICE })
        .catch(() => {});
    }
  };
  waits.set(waitKey, { timer: setTimeout(() => void run(), waitMs), run });
}

/** The page's own window.open returned null: open the awaited editor now. */
export async function editorBlocked(url: string, sender: browser.Tabs.Tab): Promise<void> {
  const key = editorKey(url, sender.url);
  const wait = key && sender.id !== undefined ? waits.get(`${sender.id} ${key}`) : undefined;
  if (!wait) return; // not an editor this tab is waiting for
  clearTimeout(wait.timer);
  await wait.run();
}
