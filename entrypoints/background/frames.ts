import browser from 'webextension-polyfill';
import { appFromUrl } from '@/lib/crm/app';
import {
  FRAME_KINDS,
  FRAME_PAGE,
  type FrameCall,
  type FrameEvent,
  type FrameKind,
  type FrameOp,
  type FramePortIn,
  type FramePortOut,
  OPS_OF,
} from '@/lib/messaging/frame';
import { refuse } from './refusals';
import { resolveSource, storedSources } from './sources';
import { focusWriter } from './writers';

// The toolkit's frames on CRM pages (lib/messaging/frame.ts). A frame acts only when the
// background registered it: the content script of the tab asked for it (after a trusted click),
// got a one-time token, and the frame that presents that token is in that same tab, is not the
// top frame, and is our own page. A CRM page that frames our page itself has no token: its frame
// is refused and stays inert. Every call then names its tab by the port it came on, never by
// anything in the message, and goes to that tab's top frame only.

interface Registration {
  token: string;
  tabId: number;
  kind: FrameKind;
  app: string;
  /** Bound when the frame first says hello; a later hello must come from the same frame. */
  frameId: number | null;
}

const STORE_KEY = 'frameRegistrations';
let registrations: Registration[] | null = null;
const ports = new Map<string, browser.Runtime.Port>();

async function all(): Promise<Registration[]> {
  registrations ??= ((await browser.storage.session.get(STORE_KEY))[STORE_KEY] ??
    []) as Registration[];
  return registrations;
}
async function save(next: Registration[]): Promise<void> {
  registrations = next;
  await browser.storage.session.set({ [STORE_KEY]: next });
}

/** The content script of `tab` asks for a frame of `kind`: a fresh token replaces any older one. */
export async function openFrame(
  kind: FrameKind,
  tab: browser.Tabs.Tab,
  frameId: number | undefined,
): Promise<{ url: string } | { error: string }> {
  const app = tab.url ? appFromUrl(tab.url) : null;
  if (tab.id === undefined || frameId !== 0 || !app || !FRAME_KINDS.includes(kind)) {
    await refuse('frame-open', 'not the top frame of a CRM account tab');
    return { error: 'refused' };
  }
  const token = crypto.randomUUID();
  const list = (await all()).filter((r) => !(r.tabId === tab.id && r.kind === kind));
  for (const r of await all()) {
    if (r.tabId === tab.id && r.kind === kind) ports.get(r.token)?.disconnect();
  }
  await save([...list, { token, tabId: tab.id, kind, app, frameId: null }]);
  return { url: `${browser.runtime.getURL(FRAME_PAGE)}#${kind}.${token}` };
}

export async function closeFrame(kind: FrameKind, tabId: number): Promise<void> {
  const list = await all();
  for (const r of list) if (r.tabId === tabId && r.kind === kind) ports.get(r.token)?.disconnect();
  await save(list.filter((r) => !(r.tabId === tabId && r.kind === kind)));
}

export async function forgetTab(tabId: number): Promise<void> {
  const list = await all();
  if (list.some((r) => r.tabId === tabId)) await save(list.filter((r) => r.tabId !== tabId));
}

/** The content script pushes an event to its own frame of `kind`: through that port only. */
export async function sendToFrame(tabId: number, kind: FrameKind, event: FrameEvent) {
  const reg = (await all()).find((r) => r.tabId === tabId && r.kind === kind);
  const port = reg && ports.get(reg.token);
  port?.postMessage({ type: 'event', event } satisfies FramePortOut);
}

/** A port from one of our frames: hello first, then calls. */
export function acceptFramePort(port: browser.Runtime.Port): void {
  const sender = port.sender;
  const post = (m: FramePortOut) => port.postMessage(m);
  let reg: Registration | null = null;
  // Chrome names the frame by its dynamic URL (a per-session id): check the path and extension.
  const ourPage = (url: string | undefined) => {
    try {
      return new URL(url ?? '').pathname === FRAME_PAGE;
    } catch {
      return false;
    }
  };

  port.onMessage.addListener(async (raw: unknown) => {
    const msg = raw as FramePortIn;
    if (!reg) {
      const tabId = sender?.tab?.id;
      const frameId = sender?.frameId;
      const found =
        msg?.type === 'hello' && typeof msg.token === 'string'
          ? (await all()).find((r) => r.token === msg.token)
          : undefined;
      const why = !found
        ? 'no registration for this frame (a page framed the toolkit itself?)'
        : sender?.id !== browser.runtime.id || !ourPage(sender?.url)
          ? 'not the toolkit page'
          : tabId !== found.tabId || frameId === undefined || frameId === 0
            ? 'a token of another tab or frame'
            : found.frameId !== null && found.frameId !== frameId
              ? 'the token is bound to another frame'
              : !sender.tab?.url || appFromUrl(sender.tab.url) !== found.app
                ? 'the tab is no longer on the account it was opened for'
                : null;
      if (why || !found || frameId === undefined) {
        await refuse('frame-hello', why ?? 'refused');
        post({ type: 'refused', reason: 'This panel was not opened by the toolkit in this tab.' });
        port.disconnect();
        return;
      }
      if (found.frameId === null) {
        await save((await all()).map((r) => (r === found ? { ...r, frameId } : r)));
      }
      reg = { ...found, frameId };
      ports.set(found.token, port);
      post({ type: 'welcome', kind: found.kind, app: found.app });
      return;
    }
    if (msg?.type !== 'call' || typeof msg.id !== 'number') return;
    const op = msg.op as FrameOp;
    if (!OPS_OF[reg.kind].includes(op)) {
      await refuse('frame-call', `a ${reg.kind} frame may not ask for ${String(op)}`);
      post({ type: 'answer', id: msg.id, ok: false, error: 'Not allowed here.' });
      return;
    }
    try {
      post({ type: 'answer', id: msg.id, ok: true, value: await handle(reg, op, msg.args) });
    } catch (e) {
      post({
        type: 'answer',
        id: msg.id,
        ok: false,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  });
  port.onDisconnect.addListener(() => {
    for (const [token, p] of ports) if (p === port) ports.delete(token);
  });
}

async function relay(reg: Registration, op: FrameOp, args: unknown): Promise<unknown> {
  const call: FrameCall = { type: 'frame-call', kind: reg.kind, op, args };
  const answer = (await browser.tabs.sendMessage(reg.tabId, call, { frameId: 0 })) as
    | { ok: true; value: unknown }
    | { ok: false; error: string }
    | undefined;
  if (!answer) throw new Error('The Actions page did not answer: reload it and try again.');
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

async function handle(reg: Registration, op: FrameOp, args: unknown): Promise<unknown> {
  // The tab may have navigated to another account since the frame was registered.
  const tab = await browser.tabs.get(reg.tabId);
  if (!tab.url || appFromUrl(tab.url) !== reg.app) {
    await refuse('frame-call', 'the tab is no longer on the account the frame was opened for');
    throw new Error('This tab is now on another account.');
  }
  if (op === 'writer-focus') return focusWriter(reg.app, reg.tabId);
  if (op === 'bulk-setup') {
    const live = (await relay(reg, op, args)) as { sources: unknown[] };
    return { ...live, sources: [...live.sources, ...(await storedSources())] };
  }
  if (op === 'bulk-preview') {
    const a = (args ?? {}) as { sourceId?: unknown; names?: unknown };
    const { source, ...rest } = a as { source?: unknown };
    void source; // a frame never chooses what the background resolves
    const resolved = await resolveSource(
      String(a.sourceId ?? ''),
      reg.app,
      (a.names ?? {}) as Record<string, string>,
    );
    return relay(reg, op, { ...rest, source: resolved });
  }
  return relay(reg, op, args);
}
