import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { appFromUrl } from '@/lib/crm/app';
import { FRAME_PORT, type FrameEvent } from '@/lib/messaging/frame';
import { ToBackground } from '@/lib/messaging/runtime';
import {
  closeEditorTab,
  editorBlocked,
  editorLoaded,
  expectEditor,
  focusEditor,
  forwardOpenerCall,
  isOpen,
  openEditor,
  tabClosed,
} from './editors';
import { acceptFramePort, closeFrame, forgetTab, openFrame, sendToFrame } from './frames';
import { loadFeatures } from './inject';
import { getJobFrom, openJobsOf, putJobFrom, updateJobFrom } from './jobs';
import { popupStatus, watchActionsPages } from './popup-status';
import { latestSnapshotOf, putSnapshotFrom, snapshotDueFor, snapshotOf } from './snapshots';
import { acquire, beat, focusWriter, release, releaseTab } from './writers';

// The background owns what must outlive a CRM tab: the snapshot store and job journals
// (extension IndexedDB) and the windows it opens itself. Every message is parsed here; what does
// not parse, or comes from outside a tab or extension page, is ignored.
export default defineBackground(() => {
  browser.tabs.onRemoved.addListener((tabId) => {
    void tabClosed(tabId);
    void forgetTab(tabId);
    void releaseTab(tabId);
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === FRAME_PORT) acceptFramePort(port);
    else port.disconnect();
  });

  watchActionsPages();
  browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = ToBackground.safeParse(raw);
    if (!parsed.success) return undefined;
    const msg = parsed.data;
    const tab = sender.tab;
    // The account is the sender tab's own, from its URL: never taken from a message.
    const app = tab?.url ? appFromUrl(tab.url) : null;
    switch (msg.type) {
      case 'editor-loaded':
        return tab ? editorLoaded(msg.key, tab) : undefined;
      case 'editor-opener-call':
        return tab ? forwardOpenerCall(msg.key, msg.call, tab, sender.frameId) : undefined;
      case 'editor-status':
        return tab ? isOpen(msg.key, tab).then((open) => ({ open })) : undefined;
      case 'open-editor':
        return tab ? openEditor(msg.url, msg.features, msg.how, tab) : undefined;
      case 'expect-editor':
        return tab ? expectEditor(msg.url, msg.features, msg.waitMs, tab) : undefined;
      case 'editor-blocked':
        return tab ? editorBlocked(msg.url, tab) : undefined;
      case 'focus-editor':
        return tab ? focusEditor(msg.key, tab).then((focused) => ({ focused })) : undefined;
      case 'open-dashboard':
        return browser.tabs
          .create({
            url: browser.runtime.getURL(
              `/dashboard.html${msg.app ? `#app=${encodeURIComponent(msg.app)}` : ''}`,
            ),
          })
          .then(() => ({ ok: true }));
      case 'open-options':
        return browser.runtime.openOptionsPage();
      case 'snapshot-put':
        return tab?.url ? putSnapshotFrom(tab.url, msg.snapshot) : undefined;
      case 'snapshot-latest':
        return tab?.url ? latestSnapshotOf(tab.url) : undefined;
      case 'snapshot-due':
        return tab?.url ? snapshotDueFor(tab.url) : undefined;
      case 'snapshot-get':
        return tab?.url ? snapshotOf(tab.url, msg.id) : undefined;
      case 'job-put':
        return tab?.url && tab.id !== undefined ? putJobFrom(tab.url, tab.id, msg.job) : undefined;
      case 'job-update':
        return tab?.url && tab.id !== undefined
          ? updateJobFrom(tab.url, tab.id, msg.id, msg.status, msg.target)
          : undefined;
      case 'job-get':
        return tab?.url ? getJobFrom(tab.url, msg.id) : undefined;
      case 'jobs-open':
        return tab?.url && tab.id !== undefined ? openJobsOf(tab.url, tab.id) : undefined;
      case 'editor-close':
        return tab ? closeEditorTab(msg.key, tab) : undefined;
      case 'frame-open':
        return tab ? openFrame(msg.kind, tab, sender.frameId) : undefined;
      case 'frame-close':
        return tab?.id !== undefined && sender.frameId === 0
          ? closeFrame(msg.kind, tab.id)
          : undefined;
      case 'frame-event':
        return tab?.id !== undefined && sender.frameId === 0
          ? sendToFrame(tab.id, msg.kind, msg.event as FrameEvent)
          : undefined;
      case 'writer-acquire':
        return tab?.id !== undefined && app ? acquire(app, tab.id) : undefined;
      case 'writer-beat':
        return tab?.id !== undefined && app ? beat(app, tab.id) : undefined;
      case 'writer-release':
        return tab?.id !== undefined && app ? release(app, tab.id) : undefined;
      case 'writer-focus':
        return tab?.id !== undefined && app ? focusWriter(app, tab.id) : undefined;
      case 'load-features':
        return loadFeatures(sender);
      case 'popup-status':
        return popupStatus(msg.tabId, sender);
    }
  });
});
