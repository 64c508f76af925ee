import { describe, expect, it } from 'vitest';
import { appFromUrl, sameAccount } from '@/lib/crm/app';

describe('appFromUrl', () => {
  it.each([
    ['https://demo.infusionsoft.com/app/x', 'demo'],
    ['https://ab123.infusionsoft.com/', 'ab123'],
    ['https://app.infusionsoft.com/x?app_id=zz99', 'zz99'],
    ['https://keap.app/contacts?app_id=Acme', 'acme'],
    ['https://keap.app/contacts', null],
    ['http://demo.infusionsoft.com/', null],
    ['https://demo.infusionsoft.com.evil.test/', null],
    ['https://evil.test/?app_id=demo', null],
    ['not a url', null],
  ])('%s -> %s', (url, app) => {
    expect(appFromUrl(url)).toBe(app);
  });
});

describe('sameAccount', () => {
  const base = 'https://demo.infusionsoft.com/app/purchaseActions';
  it('accepts relative and same-origin URLs', () => {
    expect(sameAccount('/editor?id=1', base)).toBe(true);
    expect(sameAccount('https://demo.infusionsoft.com/e', base)).toBe(true);
  });
  it('refuses other accounts and origins', () => {
    expect(sameAccount('https://acme.infusionsoft.com/e', base)).toBe(false);
    expect(sameAccount('https://evil.test/e', base)).toBe(false);
    expect(sameAccount('javascript:alert(1)', base)).toBe(false);
  });
});
