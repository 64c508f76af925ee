// Route table per dialect: the same pages at different paths (see dialects.ts).
import type { DialectSpec } from '../dialects.ts';
import { type Ctx, html, json, type Reply, redirect } from '../http.ts';
import { inlineActionsPage } from '../pages/actions-inline.ts';
import { scriptedActionsPage, scriptedProductFragment } from '../pages/actions-scripted.ts';
import { generatedActionsPage, generatedSettings } from '../pages/generated.ts';
import { errorPage } from '../pages/layout.ts';
import { contactsPage, homePage } from '../pages/misc.ts';
import { reportPage } from '../pages/report.ts';
import { settingsPage } from '../pages/settings.ts';
import { loginGet, loginPost } from './auth.ts';
import { editorGet, editorPost } from './editor.ts';

export interface Route {
  get?: (ctx: Ctx) => Reply;
  post?: (ctx: Ctx) => Reply;
  /** Served without a session (the login page itself). */
  public?: boolean;
  /** The Actions page: gets faults.slowPageMs on top of everything else. */
  slow?: boolean;
}

export const KEEP_ALIVE_PATH = '/app/session/keepAlive';

function typeahead(ctx: Ctx): Reply {
  const term = (ctx.query.get(ctx.d.p.query) ?? '').trim().toLowerCase();
  const hits = term
    ? ctx.account.state.products.filter((p) => p.name.toLowerCase().includes(term)).slice(0, 10)
    : [];
  if (ctx.d.name !== 'scripted') return json(hits.map((p) => ({ id: p.id, name: p.name })));
  return json({ items: hits.map((p) => ({ value: String(p.id), text: p.name })), term });
}

function settingsPost(ctx: Ctx): Reply {
  const d = ctx.d;
  const token = ctx.form.get(d.tokenField);
  if (!ctx.session || !token || token !== ctx.session.token) {
    return html(errorPage(ctx, 'The form has expired or was submitted twice. Please try again.'));
  }
  const value = ctx.form.get(d.p.setting);
  const yes = d.markup?.setting.yes ?? (d.name === 'inline' ? 'true' : '1');
  const no = d.markup?.setting.no ?? (d.name === 'inline' ? 'false' : '0');
  if (value !== yes && value !== no) return html(errorPage(ctx, 'Invalid value.'));
  ctx.account.state.setting.runPurchaseActionsOnAllOrders = value === yes;
  return redirect(ctx.link(d.paths.settings, { saved: '1' }));
}

export function routesFor(d: DialectSpec): Map<string, Route> {
  const routes = new Map<string, Route>();
  routes.set('/', { get: (ctx) => redirect(ctx.link(d.paths.home)) });
  routes.set(d.paths.home, { get: (ctx) => html(homePage(ctx)) });
  routes.set(d.paths.contacts, { get: (ctx) => html(contactsPage(ctx)) });
  routes.set(d.paths.actions, {
    slow: true,
    get: (ctx) =>
      html(
        d.markup
          ? generatedActionsPage(ctx)
          : d.name === 'inline'
            ? inlineActionsPage(ctx)
            : scriptedActionsPage(ctx),
      ),
  });
  if (d.name === 'scripted') {
    routes.set(d.paths.productFragment, { get: (ctx) => html(scriptedProductFragment(ctx)) });
  }
  routes.set(d.paths.editor, {
    get: editorGet,
    ...(d.paths.editorPost === d.paths.editor ? { post: editorPost } : {}),
  });
  if (d.paths.editorPost !== d.paths.editor) routes.set(d.paths.editorPost, { post: editorPost });
  routes.set(d.paths.typeahead, { get: typeahead });
  routes.set(d.paths.settings, {
    get: (ctx) =>
      html((d.markup ? generatedSettings : settingsPage)(ctx, ctx.query.get('saved') === '1')),
    post: settingsPost,
  });
  routes.set(d.paths.report, { get: (ctx) => html(reportPage(ctx)) });
  routes.set(d.paths.login, { public: true, get: loginGet, post: loginPost });
  // crm-facts "Sessions": `GET /app/session/keepAlive` exists (same path in both dialects).
  routes.set(KEEP_ALIVE_PATH, {
    get: (ctx) => json({ status: 'ok', expiresInSeconds: Math.round(ctx.account.ttlMs / 1000) }),
  });
  return routes;
}
