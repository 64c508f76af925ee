import './style.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { injectScript } from 'wxt/utils/inject-script';
import { routedKind } from '@/entrypoints/pat-router.content/route';
import { bridgeReady } from '@/lib/crm/bridge-client';
import { detectPage } from '@/lib/crm/detect';
import { CRM_MATCHES } from '@/lib/crm/hosts';
import { isEditorWindow, runEditorSide } from './editor-side';
import { rememberSetting } from './settings-side';
import { mountToolbar } from './toolbar';

// Not in the manifest: the always-on router (entrypoints/pat-router.content) decides what the
// frame is, and the background injects this script into that one frame (background/inject.ts),
// once per document. WXT still builds it with its context and its shadow-root CSS. The router
// leaves the page kind it found in this isolated world: no second walk over the page.
export default defineContentScript({
  // The CRM's hosts only (crm-facts.md): host permissions, and where our UI's CSS may load.
  matches: CRM_MATCHES,
  registration: 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const kind = routedKind() ?? detectPage(document);
    if (kind === 'editor' || isEditorWindow()) return runEditorSide(ctx, kind === 'editor');
    if (kind === 'settings' && window === window.top) return rememberSetting();
    // On any other page that is not one of ours: nothing at all (no bridge, no listeners).
    if (kind !== 'actions' || window !== window.top) return;
    const ready = bridgeReady(document);
    await injectScript('/page-bridge.js', { keepInDom: true });
    await mountToolbar(ctx, await ready);
  },
});
