import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { CRM_MATCHES } from './lib/crm/hosts';
import { zodNoEval } from './scripts/zod-no-eval';

const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

export default defineConfig({
  // PAT_OUT_DIR lets two builds live side by side (parallel work on one machine); default .output.
  outDir: process.env.PAT_OUT_DIR ?? '.output',
  // Explicit imports everywhere: easier to read, and .tsx files see the same names as .ts.
  imports: false,
  // Keep the webextension-polyfill: one promise-based `browser` on Chrome and Firefox, and
  // runtime.onMessage listeners may return promises (WXT's own `browser` cannot since 0.20).
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), zodNoEval()] }),
  manifest: ({ browser }) => ({
    name: 'Purchase Actions Toolkit for Keap Max Classic',
    description:
      'Bulk copy, audit snapshots, a trigger explainer and a pop-up-blocker workaround for Max Classic purchase actions.',
    // Drawn from public/icon.svg by scripts/icons.ts.
    icons: ICONS,
    // The toolbar button: its pop-up (entrypoints/popup) shows the current tab's account.
    action: { default_title: 'Purchase Actions Toolkit', default_icon: ICONS },
    // `scripting`: the feature script goes only into the frames the always-on router says need it
    // (background/inject.ts), not into every frame of every CRM page.
    permissions: ['storage', 'unlimitedStorage', 'scripting'],
    host_permissions: CRM_MATCHES,
    // The main-world bridge, loaded by the content script on the Actions page only.
    web_accessible_resources: [
      { resources: ['page-bridge.js'], matches: CRM_MATCHES },
      // The toolkit's frames on the Actions page (toolbar, Bulk copy). A page can frame them too,
      // so they act only for the background's registration (background/frames.ts); Chrome's
      // dynamic URL, new each session, also keeps a page from finding them to frame at all.
      {
        resources: ['toolkit-frame.html'],
        matches: CRM_MATCHES,
        ...(browser !== 'firefox' && { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'purchase-actions-toolkit@keap-tools.dev',
          // 140 (ESR) is the first Firefox that knows data_collection_permissions.
          strict_min_version: '140.0',
          // Nothing is collected or sent anywhere: only requests to the CRM account in use.
          data_collection_permissions: { required: ['none'] },
        },
        // Firefox for Android knows data_collection_permissions from 142.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
