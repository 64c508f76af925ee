import browser from 'webextension-polyfill';
import { sameAccount } from '@/lib/crm/app';
import { editorKey, windowSize } from '@/lib/crm/editor-url';
import type { OpenerCall } from '@/lib/messaging/bridge';
import type { ToContent } from '@/lib/messaging/runtime';
import { refuse } from './refusals';

// Which action-set editors are open, wherever they came from (the page's own pop-up, a window or
// tab we opened, a frame). An editor is "open" only once its content script announced it, so a
// window a blocker closed at once never counts. Kept in storage.session: the service worker may
// be stopped between two clicks.

interface Editor {
  key: string;
  tabId: number;
  windowId: number;
  /** The Actions tab this editor's saves are relayed to: only for windows the extension opened. */
  openerTabId?: number;
}

const STORE_KEY = 'openEditors';
const OWNED_KEY = 'ownedEditorTabs';

interface Owned {
  tabId: number;
  /** The editor address it was opened for, and the Actions tab that asked. */
  key: string;
  openerTabId: number;
}

/** Tabs the extension opened for editors (not subject to blockers). */
async function ownedList(): Promise<Owned[]> {
  const raw = (await browser.storage.session.get(OWNED_KEY))[OWNED_KEY];
  return Array.isArray(raw) ? (raw as Owned[]).filter((o) => typeof o === 'object') : [];
}
async function ownedTabs(): Promise<Set<number>> {
  return new Set((await ownedList()).map((o) => o.tabId));
}

async function remember(o: Owned): Promise<void> {
  const owned = [...(await ownedList()), o].slice(-50);
  await browser.storage.session.set({ [OWNED_KEY]: owned });
}

/**
 * Whether a key a tab sends is its own: the same origin and account as the tab's own URL. A page
 * script can write any key into sessionStorage; it cannot change the URL its tab is on.
 */
export async function ownKey(
  rawKey: string,
  tab: browser.Tabs.Tab,
  what: string,
): Promise<string | null> {
  const key = editorKey(rawKey);
  if (key && tab.url && sameAccount(key, tab.url)) return key;
  await refuse(what, 'an editor key of another origin or account than the sending tab');
  return null;
}

/** A list kept in storage.session (the worker may stop between two messages), cached here. */
function sessionList<T>(storeKey: string) {
  let cached: T[] | null = null;
  return {
    async all(): Promise<T[]> {
      if (!cached) {
        const raw = (await browser.storage.session.get(storeKey))[storeKey];
        cached = Array.isArray(raw) ? (raw as T[]) : [];
      }
      return cached;
    },
    async save(next: T[]): Promise<void> {
      cached = next;
      await browser.storage.session.set({ [storeKey]: next });
    },
  };
}

const { all, save } = sessionList<Editor>(STORE_KEY);

/**
 * The in-page editor panel of each tab ("Open inside the page"): the key its Actions page opened
 * it for, and the frame that first announced that key (bound then, as frames.ts binds a token).
 * Only that frame's opener calls are relayed to its tab.
 */
interface Panel {
  tabId: number;
  key: string;
  frameId: number | null;
}

const { all: allPanels, save: savePanels } = sessionList<Panel>('editorPanels');

/** The Actions page (its top frame) shows an editor of its own account in its panel. */
export async function panelOpened(
  rawKey: string,
  tab: browser.Tabs.Tab,
  frameId: number | undefined,
): Promise<boolean> {
  const key = await ownKey(rawKey, tab, 'editor-panel');
  if (!key || tab.id === undefined) return false;
  if (frameId !== 0) {
    await refuse('editor-panel', 'only the top frame of a tab opens its editor panel');
    return false;
  }
  const others = (await allPanels()).filter((p) => p.tabId !== tab.id);
  await savePanels([...others, { tabId: tab.id, key, frameId: null }]);
  return true;
}

/**
 * An editor page loaded in a subframe: the panel's frame binds to its tab's panel registration
 * with the first page it shows (the very address the Actions page opened), and every later page
 * it shows must come from that same frame.
 */
async function panelLoaded(
  rawKey: string,
  tab: browser.Tabs.Tab,
  sender: { frameId?: number; url?: string },
): Promise<void> {
  const key = await ownKey(rawKey, tab, 'editor-loaded');
  if (!key || tab.id === undefined || sender.frameId === undefined) return;
  if (!sender.url || !sameAccount(key, sender.url)) {
    await refuse('editor-loaded', 'an editor key of another origin or account than the frame');
    return;
  }
  const list = await allPanels();
  const panel = list.find((p) => p.tabId === tab.id);
  if (panel?.frameId === sender.frameId) return;
  if (!panel || panel.frameId !== null || panel.key !== key) {
    await refuse('editor-loaded', 'a frame that is not the editor panel this tab opened');
    return;
  }
  await savePanels(list.map((p) => (p === panel ? { ...p, frameId: sender.frameId ?? null } : p)));
}

/** Tells the top frame of every tab of the editor's account that it opened or closed. */
async function announce(key: string, message: ToContent): Promise<void> {
  const origin = new URL(key).origin;
  for (const tab of await browser.tabs.query({ url: `${origin}/*` })) {
    if (tab.id !== undefined && tab.url && sameAccount(key, tab.url)) {
      browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => {});
    }
  }
}

export async function editorLoaded(
  rawKey: string,
  tab: browser.Tabs.Tab,
  sender: { frameId?: number; url?: string } = { frameId: 0 },
): Promise<{ duplicate: boolean }> {
  if (sender.frameId !== 0) {
    await panelLoaded(rawKey, tab, sender);
    return { duplicate: false };
  }
  const key = await ownKey(rawKey, tab, 'editor-loaded');
  if (!key || tab.id === undefined || tab.windowId === undefined) return { duplicate: false };
  // A window we are opening right now may load before we have noted it as ours (and which
  // Actions tab asked for it): wait for those notes first.
  await Promise.all(opening);
  const list = (await live()).filter((e) => e.tabId !== tab.id);
  const existing = list.find((e) => e.key === key);
  const mine = (await ownedList()).find((o) => o.tabId === tab.id && o.key === key);
  if (existing) {
    // Two editors for one set (the page's pop-up arrived late, or a blocker is about to close
    // it): keep the one the extension opened, which no blocker will close. Only a window the
    // extension opened may take the place of another; anything else claiming an open editor's
    // key is ignored, so no page can close an editor with unsaved edits by pretending to be it.
    const owned = await ownedTabs();
    if (owned.has(existing.tabId) && !mine) {
      if (owned.has(tab.id)) return { duplicate: false };
      await browser.tabs.remove(tab.id).catch(() => {});
      await focus(existing);
      return { duplicate: true };
    }
    if (!mine) {
      await refuse('editor-loaded', 'a second editor claimed the key of an open editor');
      return { duplicate: false };
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
  await save([
    ...list,
    { key, tabId: tab.id, windowId: tab.windowId, openerTabId: mine?.openerTabId },
  ]);
  await announce(key, { type: 'editor-changed', key, open: true });
  return { duplicate: false };
}

export async function tabClosed(tabId: number): Promise<void> {
  const open = await allPanels();
  if (open.some((p) => p.tabId === tabId)) await savePanels(open.filter((p) => p.tabId !== tabId));
  const list = await all();
  const gone = list.filter((e) => e.tabId === tabId);
  if (gone.length === 0) return;
  await save(list.filter((e) => e.tabId !== tabId));
  for (const e of gone) await announce(e.key, { type: 'editor-changed', key: e.key, open: false });
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

async function isOpenKey(key: string): Promise<boolean> {
  return (await live()).some((e) => e.key === key);
}

export async function isOpen(rawKey: string, tab: browser.Tabs.Tab): Promise<boolean> {
  const key = await ownKey(rawKey, tab, 'editor-status');
  return key ? isOpenKey(key) : false;
}

async function focus(e: Editor): Promise<void> {
  await browser.windows.update(e.windowId, { focused: true }).catch(() => {});
  await browser.tabs.update(e.tabId, { active: true }).catch(() => {});
}

export async function focusEditor(rawKey: string, tab: browser.Tabs.Tab): Promise<boolean> {
  const key = await ownKey(rawKey, tab, 'focus-editor');
  return key ? focusKey(key) : false;
}

async function focusKey(key: string): Promise<boolean> {
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
  const key = sender.url && sameAccount(url, sender.url) ? editorKey(url, sender.url) : null;
  if (!key) {
    await refuse('open-editor', 'an address of another origin or account than the asking tab');
    return 'refused';
  }
  if (await focusKey(key)) return 'focused';
  const done = createOwned(key, features, how, sender);
  opening.add(done);
  try {
    await done;
  } finally {
    opening.delete(done);
  }
  return 'opened';
}

/** Editor windows and tabs being opened, until each is noted as ours (see editorLoaded). */
const opening = new Set<Promise<void>>();

async function createOwned(
  key: string,
  features: string,
  how: 'window' | 'tab',
  sender: browser.Tabs.Tab,
): Promise<void> {
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
  if (created !== undefined && sender.id !== undefined) {
    await remember({ tabId: created, key, openerTabId: sender.id });
  }
}

/**
 * Relays what an editor without an opener did to its opener, to the one tab it belongs to: an
 * editor in the in-page panel to its own tab's top frame; an editor window the extension opened
 * to the Actions tab that asked for it. Nothing else is relayed: not from a tab that is no
 * registered editor, not to a tab of another account, never to every tab.
 */
export async function forwardOpenerCall(
  rawKey: string,
  call: OpenerCall,
  tab: browser.Tabs.Tab,
  sender: { frameId?: number; url?: string },
): Promise<{ relayed: boolean }> {
  const key = await ownKey(rawKey, tab, 'editor-opener-call');
  if (!key || tab.id === undefined) return { relayed: false };
  const { frameId } = sender;
  let to: number | undefined;
  if (frameId !== undefined && frameId !== 0) {
    // The in-page panel: its opener is the page it is in. The same checks as for a window: the
    // key is the frame's own (its URL, not only its tab's, is on the key's account), and the
    // frame is the panel its tab opened, not any frame a page made and named like it.
    if (!sender.url || !sameAccount(key, sender.url)) {
      await refuse(
        'editor-opener-call',
        'an editor key of another origin or account than the frame',
      );
      return { relayed: false };
    }
    const panel = (await allPanels()).find((p) => p.tabId === tab.id && p.frameId === frameId);
    if (panel) to = tab.id;
  } else {
    // The sender's own tab sent this, so it is registered even if it is closing right now.
    const e = (await all()).find((x) => x.tabId === tab.id && x.key === key);
    to = e?.openerTabId;
  }
  const target = to === undefined ? null : await browser.tabs.get(to).catch(() => null);
  if (!target?.url || !sameAccount(key, target.url) || target.id === undefined) {
    await refuse('editor-opener-call', 'not a registered editor of a tab of its own account');
    return { relayed: false };
  }
  await browser.tabs
    .sendMessage(target.id, { type: 'opener-call', key, call }, { frameId: 0 })
    .catch(() => {});
  return { relayed: true };
}

/** Closes an editor tab on its own page's request, if it really is a registered editor. */
export async function closeEditorTab(rawKey: string, tab: browser.Tabs.Tab): Promise<void> {
  const key = await ownKey(rawKey, tab, 'editor-close');
  if (key && (await all()).some((e) => e.key === key && e.tabId === tab.id)) {
    await browser.tabs.remove(tab.id as number).catch(() => {});
  } else if (key) {
    await refuse('editor-close', 'not a registered editor');
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
  if (!key || !sender.url || !sameAccount(url, sender.url) || sender.id === undefined) {
    await refuse('expect-editor', 'an address of another origin or account than the asking tab');
    return;
  }
  const waitKey = `${sender.id} ${key}`;
  const tabId = sender.id;
  clearTimeout(waits.get(waitKey)?.timer);
  const run = async () => {
    waits.delete(waitKey);
    if (await isOpenKey(key)) return;
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
  if (!wait) {
    // Not an editor this tab is waiting for (a page can forge "blocked" for any address).
    await refuse('editor-blocked', 'no editor this tab is waiting for at that address');
    return;
  }
  clearTimeout(wait.timer);
  await wait.run();
}
