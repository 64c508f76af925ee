import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportPage } from '@/lib/crm/products-report';

const PAGES = resolve(import.meta.dirname, '../../fixtures/pages');
const REFERENCE = resolve(
  import.meta.dirname,
  '../../../../shared/reference/max-classic-report-page.html',
);
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('readReportPage', () => {
  it.each(['inline', 'scripted'])('reads the %s products report by its column names', (dialect) => {
    const page = readReportPage(
      parse(readFileSync(resolve(PAGES, dialect, 'other-products-report.html'), 'utf8')),
      'https://x.infusionsoft.com/report',
    );
    expect(page.products.length).toBe(Math.min(page.total, 50));
    expect(page.products.length).toBeGreaterThan(3);
    for (const p of page.products) {
      expect(p.id).toMatch(/^\d+$/);
      expect(p.name.length).toBeGreaterThan(0);
      expect(['product', 'subscription']).toContain(p.kind);
    }
    expect(page.perPageName).toBe('perPage');
  });

  it('keeps hostile names as text', () => {
    const page = readReportPage(
      parse(readFileSync(resolve(PAGES, 'scripted', 'other-products-report.html'), 'utf8')),
      'https://acme.infusionsoft.com/report',
    );
    expect(page.products.map((p) => p.name)).toContain('<img src=x onerror=alert(1)>');
  });

  it.skipIf(!existsSync(REFERENCE))(
    'on the real saved page: six rows read, 170 stated, so a reader can tell it is short (skipped where ../shared/reference is absent)',
    () => {
      const page = readReportPage(
        parse(readFileSync(REFERENCE, 'utf8')),
        'https://jordan.infusionsoft.com/r',
      );
      expect(page.total).toBe(170);
      expect(page.products.map((p) => p.id)).toEqual(['999', '987', '953', '745', '676', '592']);
      expect(page.products[4]?.name).toBe('Bundle Offer – Convert Leads (Shopify)');
    },
  );
});
