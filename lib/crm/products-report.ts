import type { Product } from '../model';
import { sameAccount, sameAccountUrl } from './app';
import { detectPage } from './detect';
import { fetchCrmHtml, type PoliteQueue, SessionExpiredError } from './polite';
import { norm } from './text';
import type { Transport } from './transport';

// Every product of the account, from the legacy products report (E-Commerce > Products). The
// house style (crm-facts.md, "Real markup"): a table.data-table whose rows sit one level inside,
// hidden #numberOfRecords with the true total, perPage/currentPage honoured as GET parameters.
// We check the count both ways: a short read and an over-count are both failures.

export class ProductCountError extends Error {
  constructor(
    readonly read: number,
    readonly total: number,
  ) {
    super(
      read < total
        ? `Read ${read} products but the products report says there are ${total}: stopped rather than miss some.`
        : `Read ${read} products but the products report says there are ${total}: stopped rather than count some twice.`,
    );
    this.name = 'ProductCountError';
  }
}

export class NoProductsReportError extends Error {
  constructor() {
    super('Could not find the E-Commerce > Products report from this page.');
    this.name = 'NoProductsReportError';
  }
}

const WANTED_PER_PAGE = 500;

/** The report's own link from the page's menu: a same-account link labelled "Products". */
export function productsReportUrl(doc: Document): string | null {
  const base = doc.location.href;
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    if (norm(a.textContent) !== 'Products') continue;
    const href = a.getAttribute('href') ?? '';
    if (sameAccount(href, base)) return new URL(href, base).href;
  }
  return null;
}

interface ReportPage {
  products: Product[];
  total: number;
  perPageName: string | null;
  pageName: string | null;
  next: string | null;
}

const checkboxOnly = (td: Element) =>
  td.querySelector('input[type="checkbox" i]') !== null && norm(td.textContent) === '';

const HEADERS = {
  id: ['id', 'product id', 'product #'],
  name: ['name', 'product name', 'product'],
  category: ['category', 'product category'],
  type: ['type', 'product type'],
} as const satisfies Record<string, readonly string[]>;

/** Parses one page of the report. Pure: a Document in, rows and the stated total out. */
export function readReportPage(doc: Document, base: string = doc.location?.href ?? ''): ReportPage {
  const totalInput = doc.querySelector('#numberOfRecords, input[name="numberOfRecords"]');
  const total = Number(totalInput?.getAttribute('value'));
  const table = doc.querySelector('table.data-table');
  if (!table || !Number.isInteger(total))
    throw new Error('This does not look like the products report.');
  const rows = Array.from(table.querySelectorAll(':scope > tbody > tr, :scope > tr'));
  const header = rows.find((r) => r.querySelector(':scope > th'));
  const heads = Array.from(header?.querySelectorAll(':scope > th') ?? [])
    .filter((th) => !checkboxOnly(th) && th.querySelector('input') === null)
    .map((th) => norm(th.textContent).toLowerCase());
  // Headers are worded differently from account to account ("Name", "Product Name"): each
  // column is found by any of its known wordings.
  const col = (name: keyof typeof HEADERS) =>
    heads.findIndex((h) => (HEADERS[name] as readonly string[]).includes(h));
  const products: Product[] = [];
  for (const tr of rows) {
    if (tr === header) continue;
    const cells = Array.from(tr.querySelectorAll(':scope > td'));
    while (cells[0] && checkboxOnly(cells[0])) cells.shift();
    if (cells.length < heads.length) continue;
    const text = (i: number) => (i >= 0 ? norm(cells[i]?.textContent) : '');
    const type = text(col('type')).toLowerCase();
    products.push({
      id: text(col('id')) || undefined,
      name: text(col('name')),
      category: text(col('category')) || undefined,
      kind: type.startsWith('sub') ? 'subscription' : type ? 'product' : undefined,
    });
  }
  const named = (n: string) => doc.querySelector(`input[type="hidden" i][name="${n}"], #${n}`);
  const nextLink = Array.from(doc.querySelectorAll('a[href]')).find((a) =>
    /^next\b/i.test(norm(a.textContent)),
  );
  return {
    products: products.filter((p) => p.name),
    total,
    perPageName: named('perPage')?.getAttribute('name') ?? null,
    pageName: named('currentPage')?.getAttribute('name') ?? null,
    next: nextLink ? resolve(nextLink.getAttribute('href') ?? '', base) : null,
  };
}

/** A link the page gives, or null when it is no URL (the count check then reports the gap). */
function resolve(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/** How to reach the CRM: the page's own session by default; node callers pass their own. */
export interface CrmIo {
  transport?: Transport;
  parseHtml?: (html: string) => Document;
}

const domParse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

async function fetchReport(
  url: string,
  queue: PoliteQueue,
  signal?: AbortSignal,
  io: CrmIo = {},
): Promise<ReportPage> {
  const html = await fetchCrmHtml(url, queue, signal, io.transport);
  const doc = (io.parseHtml ?? domParse)(html);
  if (detectPage(doc) === 'login') throw new SessionExpiredError();
  // DOMParser documents have no location: resolve links against the URL we asked for.
  return readReportPage(doc, url);
}

/** The report's first page, found from the page's own menu link. */
async function firstReportPage(
  from: Document,
  queue: PoliteQueue,
  signal?: AbortSignal,
  io: CrmIo = {},
): Promise<{ start: string; first: ReportPage }> {
  const start = productsReportUrl(from);
  if (!start) throw new NoProductsReportError();
  return { start, first: await fetchReport(start, queue, signal, io) };
}

/**
 * How many products the account has, as the report states it on its first page (one request).
 * Each product has an action set, listed on the Actions page or not: the toolbar counts them.
 */
export async function productTotal(
  from: Document,
  queue: PoliteQueue,
  signal?: AbortSignal,
  io: CrmIo = {},
): Promise<number> {
  return (await firstReportPage(from, queue, signal, io)).first.total;
}

/** Reads every product: asks for big pages, follows the report's own Next links, checks totals. */
export async function readAllProducts(
  from: Document,
  queue: PoliteQueue,
  signal?: AbortSignal,
  io: CrmIo = {},
): Promise<Product[]> {
  const { start, first } = await firstReportPage(from, queue, signal, io);
  let page = first;
  if (first.perPageName && first.products.length < first.total) {
    const big = new URL(start);
    big.searchParams.set(first.perPageName, String(WANTED_PER_PAGE));
    if (first.pageName) big.searchParams.set(first.pageName, '1');
    page = await fetchReport(big.href, queue, signal, io);
  }
  const products = [...page.products];
  const seen = new Set<string>();
  while (page.next && products.length < page.total) {
    if (seen.has(page.next)) break;
    seen.add(page.next);
    // The Next link comes from fetched markup: it must stay on the report's account.
    page = await fetchReport(sameAccountUrl(page.next, start, start), queue, signal, io);
    products.push(...page.products);
  }
  if (products.length !== first.total) throw new ProductCountError(products.length, first.total);
  return products;
}
