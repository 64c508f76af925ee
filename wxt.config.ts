import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The CRM hosts we run on (crm-facts.md, "Hosts and accounts"). Nothing else: no <all_urls>.
export const CRM_MATCHES = ['https://*.infusionsoft.com/*', 'https://keap.app/*'];

export default defineConfig({
  // PAT_OUT_DIR lets two builds live side by side (parallel work on one machine); default .output.
  outDir: process.env.PAT_OUT_DIR ?? '.output',
  // Explicit imports everywhere: easier to read, and .tsx files see the same names as .ts.
  imports: false,
  // Keep the webextension-polyfill: one promise-based `browser` on Chrome and Firefox, and
  // runtime.onMessage listeners may return promises (WXT's own `browser` cannot since 0.20).
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Purchase Actions Toolkit for Keap Max Classic',
    description:
      'Bulk copy, audit snapshots, a trigger explainer and a pop-up-blocker workaround for Max Classic purchase actions.',
    permissions: ['storage', 'unlimitedStorage'],
    host_permissions: CRM_MATCHES,
    // The main-world bridge, loaded by the content script on the Actions page only.
    web_accessible_resources: [{ resources: ['page-bridge.js'], matches: CRM_MATCHES }],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'purchase-actions-toolkit@example.org', strict_min_version: '128.0' },
      },
    }),
  }),
});
