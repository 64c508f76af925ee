import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
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
import { getJobFrom, openJobsOf, putJobFrom, updateJobFrom } from './jobs';
import {
  latestSnapshotOf,
  putSnapshotFrom,
  snapshotDueFor,
  snapshotOf,
  snapshotSources,
} from './snapshots';

// The background owns what must outlive a CRM tab: the snapshot store and job journals
// (extension IndexedDB) and the windows it opens itself. Every message is parsed here; what does
// not parse, or comes from outside a tab or extension page, is ignored.
export default defineBackground(() => {
  browser.tabs.onRemoved.addListener((tabId) => void tabClosed(tabId));

  browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = ToBackground.safeParse(raw);
    if (!parsed.success) return undefined;
    const msg = parsed.data;
    const tab = sender.tab;
    switch (msg.type) {
      case 'editor-loaded':
        return tab ? editorLoaded(msg.key, tab) : undefined;
      case 'editor-opener-call':
        return forwardOpenerCall(msg.key, msg.call);
      case 'editor-status':
        return isOpen(msg.key).then((open) => ({ open }));
      case 'open-editor':
        return tab ? openEditor(msg.url, msg.features, msg.how, tab) : undefined;
      case 'expect-editor':
        return tab ? expectEditor(msg.url, msg.features, msg.waitMs, tab) : undefined;
      case 'editor-blocked':
        return tab ? editorBlocked(msg.url, tab) : undefined;
      case 'focus-editor':
        return focusEditor(msg.key).then((focused) => ({ focused }));
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
      case 'snapshot-sources':
        return tab?.url ? snapshotSources() : undefined;
      case 'job-put':
        return tab?.url ? putJobFrom(tab.url, msg.job) : undefined;
      case 'job-update':
        return tab?.url ? updateJobFrom(tab.url, msg.id, msg.status, msg.target) : undefined;
      case 'job-get':
        return tab?.url ? getJobFrom(tab.url, msg.id) : undefined;
      case 'jobs-open':
        return tab?.url ? openJobsOf(tab.url) : undefined;
      case 'editor-close':
        return tab?.id !== undefined ? closeEditorTab(msg.key, tab.id) : undefined;
    }
  });
});
