import { defineContentScript } from 'wxt/utils/define-content-script';
import { CRM_MATCHES } from '@/lib/crm/hosts';
import { ask } from '@/lib/messaging/send';
import { handOver, pageToLoad } from './route';

// The toolkit's only always-on script in CRM pages: detectors and labels, nothing else (no UI,
// no schemas, no matrix data; test/unit/bundle-size.test.ts holds it to its budget). When this
// frame is one of ours, the background injects the feature script (purchase-actions.content)
// into this one frame (background/inject.ts).
export default defineContentScript({
  matches: CRM_MATCHES,
  runAt: 'document_idle',
  // Every frame, to find our editor panels; any other frame returns at its first line.
  allFrames: true,
  main() {
    const kind = pageToLoad(window);
    if (!kind || !handOver(kind)) return;
    void ask({ type: 'load-features' });
  },
});
