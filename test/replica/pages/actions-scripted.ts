// Scripted dialect of E-Commerce > Actions: div markup, no counts, and buttons that carry only
// opaque data attributes. The editor URL is assembled at click time from a table in the script,
// so it never appears in the markup; the page refreshes its product list in place when an editor
// posts a message, or when the tab regains focus.
import { scriptedTriggerCode } from '../dialects.ts';
import type { Ctx } from '../http.ts';
import { TRIGGERS } from '../state/types.ts';
import { defaultRows, HINT, POPUP_FEATURES, productRows, type SetRow } from './actions-common.ts';
import { esc, jsString, scriptJson } from './html.ts';
import { page } from './layout.ts';

const LETTERS = 'abcde';
export const SAVED_MESSAGE = 'kmc:sequence-saved';

function opaque(row: SetRow): { k: string; v: string } {
  if (row.owner.kind === 'product') return { k: '2', v: row.owner.productId.toString(36) };
  const key = row.owner.trigger;
  return { k: '1', v: LETTERS[TRIGGERS.findIndex((t) => t.key === key)] ?? '' };
}

function row(r: SetRow, tag: 'a' | 'button'): string {
  const { k, v } = opaque(r);
  const btn =
    tag === 'a'
      ? `<a href="javascript:void(0)" class="kmc-btn kmc-btn--link" data-k="${k}" data-v="${esc(v)}">Actions</a>`
      : `<button type="button" class="kmc-btn" data-k="${k}" data-v="${esc(v)}">Actions</button>`;
  return `<div class="kmc-row"><span class="kmc-row__name">${esc(r.name)}</span>${btn}</div>`;
}

/** The fragment the page re-fetches after a save; also its initial content. */
export function scriptedProductFragment(ctx: Ctx): string {
  return `<div class="kmc-list" data-fragment="product-sequences">${productRows(ctx)
    .map((r) => row(r, 'button'))
    .join('\n')}</div>`;
}

export function scriptedActionsPage(ctx: Ctx): string {
  const triggers: Record<string, string> = {};
  TRIGGERS.forEach((t, i) => {
    triggers[LETTERS[i] ?? ''] = scriptedTriggerCode(t.key);
  });
  // Path split into segments so the editor URL is not a literal anywhere on the page.
  const config = {
    s: ctx.d.paths.editor.split('/').filter(Boolean),
    m: { '1': { t: 'TRIGGER', r: triggers }, '2': { t: 'PRODUCT' } },
    f: POPUP_FEATURES,
    x: SAVED_MESSAGE,
  };
  const body = `<div class="kmc-page" data-module="ecommerceSettings">
<header class="kmc-page__header"><h1 class="kmc-page__title">Actions</h1><p class="kmc-muted">E-Commerce</p></header>
<section class="kmc-card" aria-labelledby="kmc-defaults-h"><h2 id="kmc-defaults-h" class="kmc-card__title">Default Settings</h2>
<div class="kmc-list">${defaultRows(ctx)
    .map((r) => row(r, 'a'))
    .join('\n')}</div></section>
<section class="kmc-card" aria-labelledby="kmc-products-h"><h2 id="kmc-products-h" class="kmc-card__title">Products</h2>
<p class="kmc-help">${HINT}</p>
<div class="kmc-typeahead"><input type="search" class="kmc-input" autocomplete="off" aria-label="Product name"/><div class="kmc-typeahead__menu suggestions" role="listbox"></div></div>
<div class="kmc-products">${scriptedProductFragment(ctx)}</div>
<p class="kmc-muted" hidden>Session timeout: 60 minutes</p></section></div>`;
  const scripts = `<script>
(function () {
  var C = ${scriptJson(config)};
  var APP = new URLSearchParams(location.search).get('app_id');
  var LOOKUP = ${jsString(ctx.link(ctx.d.paths.typeahead))};
  var FRAGMENT = ${jsString(ctx.link(ctx.d.paths.productFragment))};
  function target(el) {
    var m = C.m[el.getAttribute('data-k')];
    if (!m) return null;
    var v = el.getAttribute('data-v');
    var ref = m.r ? m.r[v] : String(parseInt(v, 36));
    var q = new URLSearchParams();
    q.set('sequence' + 'Type', m.t);
    q.set('sequence' + 'Ref', ref);
    if (APP) q.set('app_id', APP);
    return '/' + C.s.join('/') + '?' + q.toString();
  }
  document.addEventListener('click', function (e) {
    var el = e.target && e.target.closest ? e.target.closest('[data-k][data-v]') : null;
    if (!el) return;
    e.preventDefault();
    var url = target(el);
    if (url) window.open(url, 'seq' + el.getAttribute('data-k') + el.getAttribute('data-v'), C.f);
  });
  var products = document.querySelector('.kmc-products');
  function refresh() {
    fetch(FRAGMENT, { credentials: 'same-origin' }).then(function (r) { return r.text(); }).then(function (t) {
      if (t.indexOf('data-fragment="product-sequences"') < 0) return;
      products.innerHTML = t;
    }).catch(function () {});
  }
  window.addEventListener('message', function (e) {
    if (e.origin === location.origin && e.data && e.data.type === C.x) refresh();
  });
  window.addEventListener('focus', refresh);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') refresh(); });
  var input = document.querySelector('.kmc-typeahead input');
  var menu = document.querySelector('.kmc-typeahead__menu');
  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var term = input.value;
    if (!term) { menu.textContent = ''; return; }
    timer = setTimeout(function () {
      fetch(LOOKUP + (LOOKUP.indexOf('?') < 0 ? '?' : '&') + 'term=' + encodeURIComponent(term), { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          menu.textContent = '';
          (data.items || []).forEach(function (it) {
            var opt = document.createElement('div');
            opt.className = 'kmc-typeahead__option';
            opt.setAttribute('role', 'option');
            opt.textContent = it.text;
            opt.addEventListener('click', function () { add(it.value, it.text); menu.textContent = ''; input.value = ''; });
            menu.appendChild(opt);
          });
        }).catch(function () {});
    }, 150);
  });
  function add(id, name) {
    var v = Number(id).toString(36);
    var list = products.querySelector('.kmc-list');
    if (list.querySelector('[data-k="2"][data-v="' + v + '"]')) return;
    var row = document.createElement('div'); row.className = 'kmc-row';
    var n = document.createElement('span'); n.className = 'kmc-row__name'; n.textContent = name;
    var b = document.createElement('button'); b.type = 'button'; b.className = 'kmc-btn';
    b.setAttribute('data-k', '2'); b.setAttribute('data-v', v); b.textContent = 'Actions';
    row.appendChild(n); row.appendChild(b); list.appendChild(row);
  }
})();
</script>`;
  return page(ctx, { title: 'Actions | E-Commerce', menu: 'actions', body, scripts });
}
