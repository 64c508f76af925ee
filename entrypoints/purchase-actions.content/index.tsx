export default defineContentScript({
  matches: ['https://*.infusionsoft.com/*', 'https://keap.app/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main() {},
});
