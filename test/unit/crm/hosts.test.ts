import { describe, expect, it } from 'vitest';
import { CRM_MATCHES, isCrmUrl } from '@/lib/crm/hosts';

describe('the CRM hosts (one list for the manifest, content scripts and background)', () => {
  it.each([
    ['https://ab123.infusionsoft.com/Ecommerce/purchaseActions.jsp', true],
    ['https://infusionsoft.com/', true],
    ['https://keap.app/app/x', true],
    ['http://ab123.infusionsoft.com/', false],
    ['https://ab123.infusionsoft.com.evil.example/', false],
    ['https://evilinfusionsoft.com/', false],
    ['https://x.keap.app/', false],
    ['not a url', false],
  ])('%s -> %s', (url, ok) => {
    expect(isCrmUrl(url)).toBe(ok);
  });
  it('matches nothing but the CRM (no <all_urls>)', () => {
    expect(CRM_MATCHES).toEqual(['https://*.infusionsoft.com/*', 'https://keap.app/*']);
  });
});
