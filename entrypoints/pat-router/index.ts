import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ask } from '@/lib/messaging/send';
import { handedOver, handOver, pageToLoad } from './route';

// Not in the manifest: the background injects this into a frame of a CRM tab that passed its
// pre-check (background/route.ts), in the extension's isolated world. It runs the full detectors
// (no UI, no schemas, no matrix data; test/unit/bundle-size.test.ts holds it to its budget), and
// when the frame is one of ours the background injects the feature script (purchase-actions.content)
// into this one frame (background/inject.ts).
export default defineUnlistedScript(() => {
  // Routed already (the background pre-checks a tab's document early and again once it loaded,
  // when it cannot tell which document answered first): no second walk.
  if (handedOver()) return;
  const kind = pageToLoad(window);
  if (!kind || !handOver(kind)) return;
  void ask({ type: 'load-features' });
});
