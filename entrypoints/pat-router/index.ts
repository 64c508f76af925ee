import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { DEFAULT_SETTINGS_HEADING } from '@/lib/crm/labels';
import { elementsWithText } from '@/lib/crm/text';
import { ask } from '@/lib/messaging/send';
import { handedOver, handOver, pageToLoad } from './route';
import { leaveToolbarHost, mountToolbarHost, openToolbarFrame } from './toolbar-host';

// Not in the manifest: the background injects this into a frame of a CRM tab that passed its
// pre-check (background/route.ts), in the extension's isolated world. It runs the full detectors
// (no UI library, no schemas, no matrix data; test/unit/bundle-size.test.ts holds it to its
// budget), and when the frame is one of ours the background injects the feature script
// (purchase-actions.content) into this one frame (background/inject.ts). On the Actions page it
// first mounts the toolbar's frame (toolbar-host.ts), which then loads while the feature script
// is being injected.
export default defineUnlistedScript(async () => {
  // Routed already (the background pre-checks a tab's document early and again once it loaded,
  // when it cannot tell which document answered first): no second walk.
  if (handedOver()) return;
  const kind = pageToLoad(window);
  if (!kind || !handOver(kind)) return;
  const anchor =
    kind === 'actions' && window === window.top
      ? elementsWithText(document, DEFAULT_SETTINGS_HEADING)[0]
      : undefined;
  if (anchor?.parentElement) {
    // The background registers the frame for this tab's top frame (background/frames.ts).
    const opening = ask({ type: 'frame-open', kind: 'toolbar' });
    const mounted = mountToolbarHost(anchor);
    leaveToolbarHost(mounted);
    const opened = await opening;
    if (opened && 'url' in opened) {
      // The feature script's first run holds this page's main thread for tens of ms, and the
      // frame cannot be shown while it does: ask for it once the frame has loaded (at most 1 s).
      const loaded = new Promise((done) => {
        mounted.frame.addEventListener('load', done, { once: true });
        setTimeout(done, 1000);
      });
      openToolbarFrame(mounted, opened.url);
      await loaded;
    }
  }
  void ask({ type: 'load-features' });
});
