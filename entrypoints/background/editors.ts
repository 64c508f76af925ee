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
  const list = (await all()).filter((e) => e.tabId !== tab.id);
  const existing = list.find((e) => e.key === key);
  if (existing) {
    // A second editor for the same set (a late pop-up after our fallback): keep the first.
    await browser.tabs.remove(tab.id).catch(() => {});
    await focus(existing);
    return { duplicate: true };
  }
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

export async function isOpen(rawKey: string): Promise<boolean> {
  const key = editorKey(rawKey);
  return (await all()).some((e) => e.key === key);
}

async function focus(e: Editor): Promise<void> {
  await browser.windows.update(e.windowId, { focused: true }).catch(() => {});
  await browser.tabs.update(e.tabId, { active: true }).catch(() => {});
}

export async function focusEditor(rawKey: string): Promise<boolean> {
  const key = editorKey(rawKey);
  const e = (await all()).find((x) => x.key === key);
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
  if (how === 'tab') {
    await browser.tabs.create({
      url: key,
      openerTabId: sender.id,
      index: sender.index + 1,
    });
  } else {
    await browser.windows.create({
      url: key,
      type: 'popup',
      focused: true,
      ...windowSize(features),
    });
  }
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
