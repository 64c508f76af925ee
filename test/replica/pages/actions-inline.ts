// Inline dialect of E-Commerce > Actions: legacy nested tables, and every Actions button carries
// its editor URL as a string literal in an onclick (crm-facts [assumed] "The buttons call
// window.open(url, name, features) from an onclick").
import type { Ctx } from '../http.ts';
import { defaultRows, HINT, POPUP_FEATURES, productRows, type SetRow } from './actions-common.ts';
import { attr, esc, jsString } from './html.ts';
import { page } from './layout.ts';

function button(ctx: Ctx, row: SetRow): string {
  const url = ctx.link(ctx.d.paths.editor, ctx.d.ownerParams(row.owner));
  const name = `actionSet_${ctx.d.setValue(row.owner)}`;
  const onclick = `window.open(${jsString(url)}, ${jsString(name)}, ${jsString(POPUP_FEATURES)}); return false;`;
  return `<input type="button" class="inf-button" value="Actions" onclick="${attr(onclick)}"/>`;
}

function count(n: number): string {
  return `<span class="action-count">(${n})</span>`;
}

function rows(ctx: Ctx, list: SetRow[], idPrefix: string): string {
  return list
    .map((r, i) => {
      const id = r.owner.kind === 'product' ? ` id="${idPrefix}${r.owner.productId}"` : '';
      return `<tr class="${i % 2 ? 'alt-data-td' : 'data-td'}"${id}><td class="dt-wrap" width="60%">${esc(r.name)}</td><td class="dt" nowrap="nowrap">${button(ctx, r)} ${count(r.count)}</td></tr>`;
    })
    .join('\n');
}

export function inlineActionsPage(ctx: Ctx): string {
  const d = ctx.d;
  const lookup = ctx.link(d.paths.typeahead);
  const editorTemplate = ctx.link(d.paths.editor, { productId: '__ID__' });
  const body = `<input type="hidden" id="pageModule" value="ecommerceSettings"/>
<table width="100%" cellpadding="0" cellspacing="0" border="0" class="page-frame"><tr><td>
<h1 class="pageTitle">E-Commerce Actions</h1>
<table width="100%" cellpadding="4" cellspacing="0" border="0" class="section"><tr><td>
<h2 class="sectionHeader">Default Settings</h2>
<table width="100%" cellpadding="0px" cellspacing="0px" border="0px" class="zebra-striped tabular data-table">
<tr class="tr-noborder"><th class="thead-noborder">Trigger</th><th class="thead-noborder">&nbsp;</th></tr>
${rows(ctx, defaultRows(ctx), 'trigger_')}
</table></td></tr>
<tr><td>
<h2 class="sectionHeader">Products</h2>
<p class="hint">${HINT}</p>
<input type="text" id="productLookupText" name="productLookupText" size="40" autocomplete="off" onkeyup="productLookup(this.value)"/>
<div id="productLookupResults" class="suggestions"></div>
<span class="note">Session timeout: 60 minutes</span>
<table width="100%" cellpadding="0px" cellspacing="0px" border="0px" class="zebra-striped tabular data-table" id="productActionsTable">
<tr class="tr-noborder"><th class="thead-noborder">Product</th><th class="thead-noborder">&nbsp;</th></tr>
${rows(ctx, productRows(ctx), 'productRow_')}
</table></td></tr></table>
</td></tr></table>`;
  const scripts = `<script type="text/javascript">
var productLookupUrl = ${jsString(lookup)};
var actionSetUrl = ${jsString(editorTemplate)};
function productLookup(text) {
  var box = document.getElementById('productLookupResults');
  if (!text || text.length < 1) { box.innerHTML = ''; return; }
  var xhr = new XMLHttpRequest();
  xhr.open('GET', productLookupUrl + (productLookupUrl.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(text));
  xhr.onload = function () {
    if (xhr.status !== 200) return;
    var list; try { list = JSON.parse(xhr.responseText); } catch (e) { return; }
    box.innerHTML = '';
    for (var i = 0; i < list.length; i++) {
      var div = document.createElement('div');
      div.className = 'suggestion';
      div.textContent = list[i].name;
      div.setAttribute('data-id', list[i].id);
      div.onclick = (function (p) { return function () { addProductRow(p.id, p.name); box.innerHTML = ''; }; })(list[i]);
      box.appendChild(div);
    }
  };
  xhr.send();
}
function addProductRow(id, name) {
  if (document.getElementById('productRow_' + id)) return;
  var table = document.getElementById('productActionsTable');
  var tr = table.insertRow(-1);
  tr.id = 'productRow_' + id;
  tr.className = table.rows.length % 2 ? 'data-td' : 'alt-data-td';
  var c1 = tr.insertCell(-1); c1.className = 'dt-wrap'; c1.textContent = name;
  var c2 = tr.insertCell(-1); c2.className = 'dt';
  var b = document.createElement('input'); b.type = 'button'; b.className = 'inf-button'; b.value = 'Actions';
  var url = actionSetUrl.replace('__ID__', String(id));
  b.setAttribute('onclick', "window.open('" + url + "', 'actionSet_P" + id + "', '${POPUP_FEATURES}'); return false;");
  c2.appendChild(b);
  var s = document.createElement('span'); s.className = 'action-count'; s.textContent = ' (0)'; c2.appendChild(s);
}
</script>`;
  return page(ctx, { title: 'E-Commerce Actions', menu: 'actions', body, scripts });
}
