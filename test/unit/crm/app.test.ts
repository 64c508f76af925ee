import { describe, expect, it } from 'vitest';
import { appFromUrl, ForeignTargetError, sameAccount, sameAccountUrl } from '@/lib/crm/app';

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

describe('sameAccountUrl', () => {
  const home = 'https://demo.infusionsoft.com/app/editor?set=3';
  const shared = 'https://app.infusionsoft.com/app/editor?set=3&app_id=demo';
  it.each([
    ['https://evil.example/steal', home, 'https://evil.example/steal'],
    ['https://acme.infusionsoft.com/save', home, 'https://acme.infusionsoft.com/save'],
    [
      'https://app.infusionsoft.com/save?app_id=acme',
      shared,
      'https://app.infusionsoft.com/save?app_id=acme',
    ],
    ['/save', shared, 'https://app.infusionsoft.com/save'],
    ['//evil.example/x', home, 'https://evil.example/x'],
    ['javascript:alert(1)', home, 'javascript:alert(1)'],
    ['http://demo.infusionsoft.com/save', home, 'http://demo.infusionsoft.com/save'],
    ['data:text/html,x', home, 'data:text/html,x'],
    ['https://[::1', home, 'https://[::1'],
  ])('refuses %s from %s, naming it', (href, from, named) => {
    let err: unknown;
    try {
      sameAccountUrl(href, from, from);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ForeignTargetError);
    expect((err as ForeignTargetError).url).toBe(named);
    expect((err as Error).message).toContain(named);
  });

  it('resolves same-account URLs, relative or absolute', () => {
    expect(sameAccountUrl('save?x=1', home, home)).toBe(
      'https://demo.infusionsoft.com/app/save?x=1',
    );
    expect(sameAccountUrl('https://demo.infusionsoft.com/s', home, home)).toBe(
      'https://demo.infusionsoft.com/s',
    );
    expect(sameAccountUrl('/save?app_id=demo', shared, shared)).toBe(
      'https://app.infusionsoft.com/save?app_id=demo',
    );
  });

  it('refuses everything when the page it came from is no account', () => {
    const stranger = 'https://evil.example/page';
    expect(() => sameAccountUrl('/x', stranger, stranger)).toThrow(ForeignTargetError);
    expect(() => sameAccountUrl('/x', undefined, '')).toThrow(/no Keap account page/);
  });
});
