import './style.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { injectScript } from 'wxt/utils/inject-script';
import { bridgeReady } from '@/lib/crm/bridge-client';
import { detectPage } from '@/lib/crm/detect';
import { mountToolbar } from './toolbar';

export default defineContentScript({
  // The CRM's hosts only (crm-facts.md). Which page this is gets decided by content, below.
  matches: ['https://*.infusionsoft.com/*', 'https://keap.app/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // On any page that is not one of ours: do nothing at all (no bridge, no listeners).
    if (detectPage(document) !== 'actions') return;
    const ready = bridgeReady(document);
    await injectScript('/page-bridge.js', { keepInDom: true });
    await mountToolbar(ctx, await ready);
  },
});
