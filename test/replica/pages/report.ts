// Products list as a legacy report, in the house style of the real saved report page
// (crm-facts "Real markup of Max Classic legacy pages"): zebra table, hidden #numberOfRecords with
// the true total, hidden currentPage/perPage, and perPage/currentPage honoured as GET parameters.
import { createHash } from 'node:crypto';
import type { Ctx } from '../http.ts';
import { esc } from './html.ts';
import { page } from './layout.ts';

export const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 1000;

function intParam(v: string | null, fallback: number, max: number): number {
  const n = v && /^\d+$/.test(v) ? Number(v) : fallback;
  return Math.min(Math.max(n, 1), max);
}

export function reportPage(ctx: Ctx): string {
  const products = ctx.account.state.products;
  const perPage = intParam(ctx.query.get('perPage'), DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const pages = Math.max(1, Math.ceil(products.length / perPage));
  const currentPage = intParam(ctx.query.get('currentPage'), 1, 1_000_000);
  const slice = products.slice((currentPage - 1) * perPage, currentPage * perPage);
  const stateId = createHash('sha1').update(`${ctx.account.app}:products`).digest('hex');
  const uuid = `${stateId.slice(0, 8)}-${stateId.slice(8, 12)}-${stateId.slice(12, 16)}-${stateId.slice(16, 20)}-${stateId.slice(20, 32)}`;
  const h = ctx.d.markup?.reportHeaders;
  const head = (
    h ? [h.id, h.name, h.category, h.price, h.type] : ['Id', 'Name', 'Category', 'Price', 'Type']
  )
    .map(
      (h, i) =>
        `<th nowrap="nowrap" align="" class="${i === 0 ? 'thead-noborder-id ' : 'thead-noborder '}"><a class="header-sort" href="javascript:resortLink('${h}','${uuid}')"><span class="header-sort-name">${h}</span></a></th>`,
    )
    .join('\n');
  const rows = slice
    .map(
      (p, i) => `<tr class="${i % 2 ? 'alt-data-td' : 'data-td'}">
<td class="col-chk"><input type="checkbox" name="rowchk" class="check _productsearchname_chk" value="{Id=${p.id}}"/></td><td class='dt' align="" >${p.id}</td>
<td class='dt-wrap' align="" ><span style='min-width: 250px; display: inline-block'><a target="_top" href="${esc(ctx.link('/app/product/edit', { productId: String(p.id) }))}">${esc(p.name)}</a></span></td>
<td class='dt-wrap' align="" ><span style='min-width: 150px; display: inline-block'>${esc(p.category)}</span></td>
<td class='dt' align="" >$${p.price.toFixed(2)}</td>
<td class='dt' align="" >${p.type}</td>
</tr>`,
    )
    .join('');
  const base: Record<string, string> =
    ctx.d.name === 'inline' ? { reportClass: 'ProductSearch', view: 'resultsPage' } : {};
  const pageLink = (n: number, label: string) =>
    `<a href="${esc(ctx.link(ctx.d.paths.report, { ...base, perPage: String(perPage), currentPage: String(n) }))}">${label}</a>`;
  const pager = `<div class="pager">${currentPage > 1 ? pageLink(currentPage - 1, '&laquo; Prev') : ''} Page ${currentPage} of ${pages} ${currentPage < pages ? pageLink(currentPage + 1, 'Next &raquo;') : ''}</div>`;
  const body = `<h1>Products</h1>
<input type="hidden" id="reportStateId" value="${uuid}"/>
<input type=hidden id="numberOfSelectedRecords" value="0"/>
<input type=hidden id="numberOfRecords" value="${products.length}"/>
<table width="100%" cellpadding="0px" cellspacing="0px" border="0px"><tr><td>
<table width="100%" cellpadding="0px" cellspacing="0px" border="0px" class="zebra-striped tabular data-table"><tr class="tr-noborder"><th class="thead-noborder-check" nowrap="nowrap"><div class="checkbox-dropdown-button"><input type="checkbox" id="selectAllCheckbox"/></div></th>${head}
</tr>
${rows}</table>
</td></tr></table>
${pager}
<input name="currentPage" value="${currentPage}" type="hidden" id="currentPage" /><input name="pageSet" value="1" type="hidden" id="pageSet" /><input name="perPage" value="${perPage}" type="hidden" id="perPage" />`;
  return page(ctx, { title: 'Products', menu: 'products', body });
}
