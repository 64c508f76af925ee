import './style.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { injectScript } from 'wxt/utils/inject-script';
import { routedKind } from '@/entrypoints/pat-router/route';
import { bridgeReady } from '@/lib/crm/bridge-client';
import { detectPage } from '@/lib/crm/detect';
import { CRM_MATCHES } from '@/lib/crm/hosts';
import * as accountCheck from './account-check';
import * as bulkCopy from './bulk-copy';
import * as explainer from './explainer';
import { rememberSetting } from './explainer/settings-side';
import { actionsPageContext } from './page';
import * as popupWorkaround from './popup-workaround';
import { isEditorWindow, runEditorSide } from './popup-workaround/editor-side';
import * as snapshot from './snapshot';
import * as toolbar from './toolbar';

// Not in the manifest: the router (entrypoints/pat-router, injected after the background's
// pre-check) decides what the frame is, and the background injects this script into that one
// frame (background/inject.ts), once per document. WXT still builds it with its context and its shadow-root CSS. The router
// leaves the page kind it found in this isolated world: no second walk over the page.
//
// One folder per feature, each with one init(ctx, page) entry; `page` (page.ts) is what they
// share on the Actions page. Nothing runs at a module's top level.
export default defineContentScript({
  // The CRM's hosts only: host permissions, and where our UI's CSS may load.
  matches: CRM_MATCHES,
  registration: 'runtime',
  cssInjectionMode: 'ui',
  // WXT's `window.postMessage` announcing the script is seen by every page script, and costs the
  // page a stack capture (a re-parse of this whole script) on its main thread while the
  // toolbar's frame is being shown; the document event it also sends is enough for WXT.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const kind = routedKind() ?? detectPage(document);
    if (kind === 'editor' || isEditorWindow()) return runEditorSide(ctx, kind === 'editor');
    if (kind === 'settings' && window === window.top) return rememberSetting();
    // On any other page that is not one of ours: nothing at all (no bridge, no listeners).
    if (kind !== 'actions' || window !== window.top) return;
    const ready = bridgeReady(document);
    await injectScript('/page-bridge.js', { keepInDom: true });
    const page = await actionsPageContext(await ready);
    // The toolbar first (it owns the frame-call listener and the page's figures), then the
    // features that register their calls and hooks; the first count once all are in place.
    await toolbar.init(ctx, page);
    accountCheck.init(ctx, page);
    explainer.init(ctx, page);
    await popupWorkaround.init(ctx, page);
    bulkCopy.init(ctx, page);
    await page.refresh();
    await snapshot.init(ctx, page);
  },
});
