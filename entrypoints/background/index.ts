import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { FRAME_PORT } from '@/lib/messaging/frame';
import { ToBackground } from '@/lib/messaging/runtime';
import { tabClosed } from './editors';
import { acceptFramePort, forgetTab } from './frames';
import { answer } from './handlers';
import { watchActionsPages } from './popup-status';
import { watchCrmTabs } from './route';
import { releaseTab } from './writers';

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
  watchCrmTabs();
  browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = ToBackground.safeParse(raw);
    if (!parsed.success) return undefined;
    return answer(parsed.data, sender);
  });
});
