// The admin chrome around every signed-in page: menu, account switcher, inert analytics and the
// build footer (crm-facts "Hosts and accounts", "Real markup of Max Classic legacy pages").
import type { Ctx } from '../http.ts';
import { esc } from './html.ts';

export type MenuKey = 'home' | 'contacts' | 'actions' | 'settings' | 'products' | 'none';

export interface PageOpts {
  title: string;
  menu: MenuKey;
  body: string;
  scripts?: string;
  /** Pop-ups have no chrome. */
  bare?: boolean;
}

const FAKE_APPS = ['jordan', 'bluewave', 'ab123', 'poolpros'];

// Inert look-alikes of Pendo, FullStory and Intercom: same globals, no network at all.
function analytics(ctx: Ctx): string {
  const app = JSON.stringify(ctx.account.app);
  return `<script type="text/javascript">
window.pendo={_q:[],initialize:function(o){this._q.push(['initialize',o]);},identify:function(){},track:function(){}};
pendo.initialize({visitor:{id:'user-1'},account:{id:${app}}});
window['_fs_host']='fullstory.invalid';window['_fs_org']='O-REPL1CA';window['_fs_namespace']='FS';
(function(m,n){var g=m[n]=function(a,b,s){g.q?g.q.push([a,b,s]):g._api(a,b,s);};g.q=[];g._api=function(){};g.identify=function(i,v){g('user',{uid:i},v);};})(window,'FS');
window.intercomSettings={app_id:'replica',hide_default_launcher:true};window.Intercom=function(){};
</script>`;
}

function menu(ctx: Ctx, active: MenuKey): string {
  const p = ctx.d.paths;
  const items: [MenuKey | 'reports', string, string][] = [
    ['home', 'Home', ctx.link(p.home)],
    ['contacts', 'CRM', ctx.link(p.contacts)],
    ['reports', 'Marketing', 'javascript:void(0)'],
  ];
  const ecommerce: [MenuKey, string, string][] = [
    ['products', 'Products', ctx.link(p.report, reportParams(ctx))],
    ['actions', 'Actions', ctx.link(p.actions)],
    ['settings', 'Settings', ctx.link(p.settings)],
  ];
  const ecomActive = ecommerce.some(([k]) => k === active);
  const li = ([k, label, href]: [string, string, string]) =>
    `<li class="${k === active ? 'selected active' : ''}"><a href="${esc(href)}" target="_top">${label}</a></li>`;
  const mk = ctx.d.markup;
  if (mk) {
    const x = mk.prefix;
    const link = ([k, label, href]: [string, string, string]) =>
      `<a href="${esc(href)}" class="${x}nav-link${k === active ? ` ${x}current` : ''}" target="_top">${label}</a>`;
    if (mk.nav === 'table')
      return `<table class="${x}menu" cellpadding="0" cellspacing="0"><tr>${items.map((i) => `<td>${link(i)}</td>`).join('')}<td><b>E-Commerce</b> ${ecommerce.map(link).join(' | ')}</td></tr></table>`;
    if (mk.nav === 'list')
      return `<div class="${x}menu"><ul>${items.map((i) => `<li>${link(i)}</li>`).join('')}<li>E-Commerce<ul>${ecommerce.map((i) => `<li>${link(i)}</li>`).join('')}</ul></li></ul></div>`;
    return `<div class="${x}menu">${[...items, ...ecommerce].map(link).join(' &middot; ')}</div>`;
  }
  if (ctx.d.name === 'inline') {
    return `<table class="nav-bar" cellpadding="0" cellspacing="0" width="100%"><tr><td><ul class="mainMenu">${items.map(li).join('')}<li class="menu-parent${ecomActive ? ' selected' : ''}"><a href="javascript:void(0)">E-Commerce</a><ul class="subMenu">${ecommerce.map(li).join('')}</ul></li><li><a href="javascript:void(0)">Admin</a></li></ul></td></tr></table>`;
  }
  return `<nav class="kmc-nav" role="navigation"><ul class="kmc-nav__list">${items.map(li).join('')}<li class="kmc-nav__group${ecomActive ? ' is-open' : ''}"><span class="kmc-nav__label">E-Commerce</span><ul class="kmc-nav__sub">${ecommerce.map(li).join('')}</ul></li></ul></nav>`;
}

function reportParams(ctx: Ctx): Record<string, string> {
  return ctx.d.name === 'inline' ? { reportClass: 'ProductSearch', view: 'resultsPage' } : {};
}

function switcher(ctx: Ctx): string {
  const apps = [...new Set([...ctx.otherApps, ...FAKE_APPS])].filter((a) => a !== ctx.account.app);
  const links = apps
    .slice(0, 6)
    .map(
      (a) => `<li><a href="https://${esc(a)}.infusionsoft.com/" target="_top">${esc(a)}</a></li>`,
    )
    .join('');
  return `<div class="account-switcher"><span class="current-account" title="Current account">${esc(ctx.account.app)}</span><ul class="account-list">${links}</ul></div>`;
}

const STYLE = `<style>
body{font-family:Helvetica,Arial,sans-serif;font-size:13px;margin:0;color:#333}
.mainMenu,.kmc-nav__list{list-style:none;margin:0;padding:0 8px;background:#2d3e50}
.mainMenu>li,.kmc-nav__list>li{display:inline-block;position:relative;padding:8px}
.mainMenu a,.kmc-nav a,.kmc-nav__label{color:#fff;text-decoration:none}
.selected>a,.active>a{font-weight:bold;border-bottom:2px solid #6ac}
.subMenu,.kmc-nav__sub{display:inline;list-style:none;padding:0}.subMenu li,.kmc-nav__sub li{display:inline;margin-left:6px}
.account-switcher{float:right;padding:6px;background:#eee}.account-list{display:none}
.zebra-striped tr.alt-data-td{background:#f4f6f8}td.dt,td.dt-wrap{padding:4px 6px}
.suggestions{border:1px solid #ccc;max-width:360px;background:#fff}.suggestions div{padding:3px;cursor:pointer}
.footer{color:#999;font-size:11px;padding:12px;border-top:1px solid #ddd;margin-top:24px}
</style>`;

/**
 * Pop-up behaviours that make Chromium's own blocker stop the editor (Faults.popupMode). Installed
 * before the page's other scripts, as a legacy page's own helper would be.
 */
function popupQuirk(ctx: Ctx, menu: PageOpts['menu']): string {
  const mode = ctx.account.faults.popupMode;
  if (menu !== 'actions' || !mode || mode === 'normal') return '';
  const body =
    mode === 'open-other-first'
      ? "o.call(window, 'about:blank', 'kmc_tips', 'width=200,height=120'); return o.call(window, u, n, f);"
      : 'setTimeout(function () { o.call(window, u, n, f); }, 5500); return null;';
  return `<script>(function(){var o=window.open;window.open=function(u,n,f){${body}};})();</script>`;
}

function bodyClass(ctx: Ctx): string {
  if (ctx.d.markup) return `${ctx.d.markup.prefix}app`;
  return ctx.d.name === 'inline' ? 'legacy' : 'kmc-app';
}

/** A generated dialect's wrappers around the content (layout divs and tables). */
function wrapped(ctx: Ctx, body: string): string {
  const mk = ctx.d.markup;
  if (!mk) return body;
  let out = body;
  for (let i = 0; i < mk.wrappers; i++)
    out =
      i % 2
        ? `<table class="${mk.prefix}frame${i}" width="100%"><tr><td>${out}</td></tr></table>`
        : `<div class="${mk.prefix}wrap${i}">${out}</div>`;
  return out;
}

export function page(ctx: Ctx, o: PageOpts): string {
  const chrome = o.bare
    ? ''
    : `<div id="header" class="header">${switcher(ctx)}<a class="logo" href="${esc(ctx.link(ctx.d.paths.home))}" target="_top">Keap</a></div>${menu(ctx, o.menu)}`;
  const footer = `<div class="footer" id="footer">&copy; 2026 Keap &middot; <span class="build">${esc(ctx.d.build)}</span></div>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"/><title>${esc(o.title)}</title>${STYLE}${analytics(ctx)}${popupQuirk(ctx, o.menu)}</head>
<body class="${bodyClass(ctx)}">${chrome}
<div id="content" class="content">${wrapped(ctx, o.body)}</div>
${footer}${o.scripts ?? ''}
</body></html>`;
}

/** The "could not be processed" page the CRM answers for a bad anti-forgery token (HTTP 200). */
export function errorPage(ctx: Ctx, detail: string): string {
  return page(ctx, {
    title: 'Error',
    menu: 'none',
    bare: true,
    body: `<div class="error-box"><h2>Your request could not be processed</h2><p>${esc(detail)}</p></div>`,
  });
}
