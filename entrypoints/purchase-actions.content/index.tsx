import './style.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { injectScript } from 'wxt/utils/inject-script';
import { bridgeReady } from '@/lib/crm/bridge-client';
import { detectPage } from '@/lib/crm/detect';
import { isEditorWindow, runEditorSide } from './editor-side';
import { rememberSetting } from './settings-side';
import { mountToolbar } from './toolbar';

export default defineContentScript({
  // The CRM's hosts only (crm-facts.md). Which page this is gets decided by content, below.
  matches: ['https://*.infusionsoft.com/*', 'https://keap.app/*'],
  runAt: 'document_idle',
  // Frames too: "open inside the page" shows the editor in a frame.
  allFrames: true,
  cssInjectionMode: 'ui',
  async main(ctx) {
    const kind = detectPage(document);
    if (kind === 'editor' || isEditorWindow()) return runEditorSide(ctx, kind === 'editor');
    if (kind === 'settings' && window === window.top) return rememberSetting();
    // On any other page that is not one of ours: nothing at all (no bridge, no listeners).
    if (kind !== 'actions' || window !== window.top) return;
    const ready = bridgeReady(document);
    await injectScript('/page-bridge.js', { keepInDom: true });
    await mountToolbar(ctx, await ready);
  },
});
