import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ForeignTargetError } from '@/lib/crm/app';
import { PoliteQueue } from '@/lib/crm/polite';
import { productTotal, readAllProducts, readReportPage } from '@/lib/crm/products-report';
import type { Transport } from '@/lib/crm/transport';

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

  // Issue 13: an account whose report headed its name column "Product Name" read 0 products.
  it.each([
    ['ID', 'Name', 'Type'],
    ['Product ID', 'Product Name', 'Product Type'],
    ['id', 'PRODUCT', 'type'],
  ])('finds the columns headed %s / %s / %s', (id, name, type) => {
    const page = readReportPage(
      parse(
        `<input type="hidden" id="numberOfRecords" value="2"><table class="data-table"><tr><th>${id}</th><th>${name}</th><th>${type}</th></tr><tr><td>7</td><td>Pool Shock</td><td>Subscription</td></tr><tr><td>9</td><td>Net</td><td>Product</td></tr></table>`,
      ),
      'https://x.infusionsoft.com/report',
    );
    expect(page.products).toEqual([
      { id: '7', name: 'Pool Shock', category: undefined, kind: 'subscription' },
      { id: '9', name: 'Net', category: undefined, kind: 'product' },
    ]);
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

describe('readAllProducts: following the report', () => {
  const HOME = 'https://demo.infusionsoft.com/app/home';
  const report = (rows: [string, string][], next?: string) =>
    `<input type="hidden" id="numberOfRecords" value="3"><table class="data-table"><tr><th>ID</th><th>Name</th></tr>${rows
      .map(([id, name]) => `<tr><td>${id}</td><td>${name}</td></tr>`)
      .join('')}</table>${next ? `<a href="${next}">Next</a>` : ''}`;
  const from = () => {
    const doc = parse('<a href="/report">Products</a>');
    Object.defineProperty(doc, 'location', { value: { href: HOME } });
    return doc;
  };
  const crm = (next: string) => {
    const sent: string[] = [];
    const transport: Transport = async (url) => {
      sent.push(url);
      const page1 = new URL(url).pathname === '/report';
      return new Response(
        page1
          ? report([['1', 'A']], next)
          : report([
              ['2', 'B'],
              ['3', 'C'],
            ]),
      );
    };
    return { sent, io: { transport, parseHtml: parse } };
  };
  const queue = () =>
    new PoliteQueue({ maxInFlight: 1, maxPerSecond: 1000, retries: 0, backoffMs: 1 });

  it.each([
    'https://evil.example/report2',
    'https://acme.infusionsoft.com/report2',
    '//evil.example/r',
  ])('stops at a Next link to %s, without following it', async (next) => {
    const { sent, io } = crm(next);
    await expect(readAllProducts(from(), queue(), undefined, io)).rejects.toBeInstanceOf(
      ForeignTargetError,
    );
    expect(sent).toEqual(['https://demo.infusionsoft.com/report']);
  });

  it("productTotal: the report's stated total, from its first page only", async () => {
    const { sent, io } = crm('/report2');
    expect(await productTotal(from(), queue(), undefined, io)).toBe(3);
    expect(sent).toEqual(['https://demo.infusionsoft.com/report']);
  });

  it('control: a same-account Next link is followed', async () => {
    const { sent, io } = crm('/report2');
    const products = await readAllProducts(from(), queue(), undefined, io);
    expect(products.map((p) => p.name)).toEqual(['A', 'B', 'C']);
    expect(sent).toEqual([
      'https://demo.infusionsoft.com/report',
      'https://demo.infusionsoft.com/report2',
    ]);
  });
});
