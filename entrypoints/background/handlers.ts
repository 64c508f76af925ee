import browser from 'webextension-polyfill';
import { appFromUrl } from '@/lib/crm/app';
import type { FrameEvent } from '@/lib/messaging/frame';
import type { ToBackground } from '@/lib/messaging/runtime';
import { storeCall } from './dashboard';
import {
  closeEditorTab,
  editorBlocked,
  editorLoaded,
  expectEditor,
  focusEditor,
  forwardOpenerCall,
  isOpen,
  openEditor,
  panelOpened,
} from './editors';
import { closeFrame, openFrame, sendToFrame } from './frames';
import { loadFeatures } from './inject';
import { getJobFrom, openJobsOf, putJobFrom, updateJobFrom } from './jobs';
import { popupSnapshot, popupStatus } from './popup-status';
import { routePanel } from './route';
import { latestSnapshotOf, putSnapshotFrom, snapshotDueFor, snapshotOf } from './snapshots';
import { acquire, beat, focusWriter, release } from './writers';

// The one message map: every runtime message the background takes (lib/messaging/runtime.ts,
// parsed before it gets here), and what it answers. The answers' types are read off this table
// (BackgroundReplies), so `ask` (lib/messaging/send.ts) is typed per message without a cast at
// any call site. A handler answers undefined when the sender may not ask it.

type Type = ToBackground['type'];
type Msg<K extends Type> = Extract<ToBackground, { type: K }>;

interface From {
  sender: browser.Runtime.MessageSender;
  tab: browser.Tabs.Tab | undefined;
  /** The sender tab's own account, from its URL: never taken from a message. */
  app: string | null;
}

const HANDLERS = {
  'editor-loaded': (m: Msg<'editor-loaded'>, { tab, sender }: From) =>
    tab ? editorLoaded(m.key, tab, sender) : undefined,
  'editor-panel': (m: Msg<'editor-panel'>, { tab, sender }: From) =>
    tab ? panelOpened(m.key, tab, sender.frameId) : undefined,
  'editor-opener-call': (m: Msg<'editor-opener-call'>, { tab, sender }: From) =>
    tab ? forwardOpenerCall(m.key, m.call, tab, sender) : undefined,
  'editor-status': (m: Msg<'editor-status'>, { tab }: From) =>
    tab ? isOpen(m.key, tab).then((open) => ({ open })) : undefined,
  'open-editor': (m: Msg<'open-editor'>, { tab }: From) =>
    tab ? openEditor(m.url, m.features, m.how, tab) : undefined,
  'expect-editor': (m: Msg<'expect-editor'>, { tab }: From) =>
    tab ? expectEditor(m.url, m.features, m.waitMs, tab) : undefined,
  'editor-blocked': (m: Msg<'editor-blocked'>, { tab }: From) =>
    tab ? editorBlocked(m.url, tab) : undefined,
  'focus-editor': (m: Msg<'focus-editor'>, { tab }: From) =>
    tab ? focusEditor(m.key, tab).then((focused) => ({ focused })) : undefined,
  'editor-close': (m: Msg<'editor-close'>, { tab }: From) =>
    tab ? closeEditorTab(m.key, tab) : undefined,
  'open-dashboard': (m: Msg<'open-dashboard'>) =>
    browser.tabs
      .create({
        url: browser.runtime.getURL(
          `/dashboard.html${m.app ? `#app=${encodeURIComponent(m.app)}` : ''}`,
        ),
      })
      .then(() => ({ ok: true as const })),
  'open-options': () => browser.runtime.openOptionsPage(),
  'snapshot-put': (m: Msg<'snapshot-put'>, { tab }: From) =>
    tab?.url ? putSnapshotFrom(tab.url, m.snapshot) : undefined,
  'snapshot-latest': (_m: Msg<'snapshot-latest'>, { tab }: From) =>
    tab?.url ? latestSnapshotOf(tab.url) : undefined,
  'snapshot-due': (_m: Msg<'snapshot-due'>, { tab }: From) =>
    tab?.url ? snapshotDueFor(tab.url) : undefined,
  'snapshot-get': (m: Msg<'snapshot-get'>, { tab }: From) =>
    tab?.url ? snapshotOf(tab.url, m.id) : undefined,
  'job-put': (m: Msg<'job-put'>, { tab }: From) =>
    tab?.url && tab.id !== undefined ? putJobFrom(tab.url, tab.id, m.job) : undefined,
  'job-update': (m: Msg<'job-update'>, { tab }: From) =>
    tab?.url && tab.id !== undefined
      ? updateJobFrom(tab.url, tab.id, m.id, m.status, m.target)
      : undefined,
  'job-get': (m: Msg<'job-get'>, { tab }: From) =>
    tab?.url ? getJobFrom(tab.url, m.id) : undefined,
  'jobs-open': (_m: Msg<'jobs-open'>, { tab }: From) =>
    tab?.url && tab.id !== undefined ? openJobsOf(tab.url, tab.id) : undefined,
  'frame-open': (m: Msg<'frame-open'>, { tab, sender }: From) =>
    tab ? openFrame(m.kind, tab, sender.frameId) : undefined,
  'frame-close': (m: Msg<'frame-close'>, { tab, sender }: From) =>
    tab?.id !== undefined && sender.frameId === 0 ? closeFrame(m.kind, tab.id) : undefined,
  'frame-event': (m: Msg<'frame-event'>, { tab, sender }: From) =>
    tab?.id !== undefined && sender.frameId === 0
      ? sendToFrame(tab.id, m.kind, m.event as FrameEvent)
      : undefined,
  'writer-acquire': (_m: Msg<'writer-acquire'>, { tab, app }: From) =>
    tab?.id !== undefined && app ? acquire(app, tab.id) : undefined,
  'writer-beat': (_m: Msg<'writer-beat'>, { tab, app }: From) =>
    tab?.id !== undefined && app ? beat(app, tab.id) : undefined,
  'writer-release': (_m: Msg<'writer-release'>, { tab, app }: From) =>
    tab?.id !== undefined && app ? release(app, tab.id) : undefined,
  'writer-focus': (_m: Msg<'writer-focus'>, { tab, app }: From) =>
    tab?.id !== undefined && app ? focusWriter(app, tab.id) : undefined,
  'load-features': (_m: Msg<'load-features'>, { sender }: From) => loadFeatures(sender),
  'route-panel': (_m: Msg<'route-panel'>, { sender }: From) => routePanel(sender),
  'store-call': (m: Msg<'store-call'>, { sender }: From) => storeCall(m.op, m.args, sender),
  'popup-status': (m: Msg<'popup-status'>, { sender }: From) => popupStatus(m.tabId, sender),
  'popup-snapshot': (m: Msg<'popup-snapshot'>, { sender }: From) => popupSnapshot(m.tabId, sender),
} satisfies { [K in Type]: (m: Msg<K>, from: From) => unknown };

/** What the background answers to each message: `undefined` when the sender may not ask it. */
export type BackgroundReplies = {
  [K in Type]: Awaited<ReturnType<(typeof HANDLERS)[K]>>;
};

export function answer(msg: ToBackground, sender: browser.Runtime.MessageSender): unknown {
  const tab = sender.tab;
  const from: From = { sender, tab, app: tab?.url ? appFromUrl(tab.url) : null };
  // The table is keyed by the message's own type, so this handler takes exactly this message.
  const handler = HANDLERS[msg.type] as (m: ToBackground, from: From) => unknown;
  return handler(msg, from);
}
