import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';

// The background owns everything that must outlive a CRM tab: the snapshot store and job
// journals (extension IndexedDB), and windows it opens itself. Messages are parsed where they
// enter (lib/messaging.ts); anything unrecognised is ignored.
export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(() => {
    // Nothing to migrate yet; the store upgrades itself on first open.
  });
});
