// Pages that exist for negative tests: the extension must not act on any of them.
import type { Ctx } from '../http.ts';
import { esc } from './html.ts';
import { page } from './layout.ts';

export function notFoundPage(ctx: Ctx): string {
  return page(ctx, {
    title: 'Page Not Found',
    menu: 'none',
    body: '<h1>Page not found</h1><p>The page you requested does not exist or has moved.</p>',
  });
}

/** No account context at all, so no chrome. */
export function accountNotFoundPage(app: string): string {
  return `<!DOCTYPE html><html><head><title>Account not found</title></head><body><h1>Account not found</h1><p>There is no Keap account named "${esc(app)}".</p></body></html>`;
}

export function homePage(ctx: Ctx): string {
  const s = ctx.account.state;
  const body = `<h1>Welcome back</h1>
<div class="dashboard"><div class="widget"><h3>Quick stats</h3><ul><li>${s.products.length} products</li><li>${s.tags.length} tags</li><li>${s.emailTemplates.length} email templates</li></ul></div>
<div class="widget"><h3>Getting started</h3><p>Set up purchase actions under E-Commerce &gt; Actions.</p></div></div>`;
  return page(ctx, { title: 'Home', menu: 'home', body });
}

const CONTACTS = [
  ['Alex Morgan', 'alex@example.com'],
  ['Jamie Lee', 'jamie@example.com'],
  ['Chris Patel', 'chris.patel@example.com'],
  ['Dana Smith', 'dana@example.org'],
];

export function contactsPage(ctx: Ctx): string {
  const rows = CONTACTS.map(
    ([name, email], i) =>
      `<tr class="${i % 2 ? 'alt-data-td' : 'data-td'}"><td class="dt">${1000 + i}</td><td class="dt-wrap">${esc(name ?? '')}</td><td class="dt">${esc(email ?? '')}</td><td class="dt"><input type="button" value="Actions" class="inf-button" onclick="return false;"/></td></tr>`,
  ).join('\n');
  const body = `<h1>Contacts</h1><div class="toolbar"><button type="button" class="inf-button">Actions</button> <button type="button">Add a Contact</button></div>
<table width="100%" cellpadding="0px" cellspacing="0px" border="0px" class="zebra-striped tabular data-table">
<tr class="tr-noborder"><th>Id</th><th>Name</th><th>Email</th><th></th></tr>
${rows}</table>
<input type="hidden" id="numberOfRecords" value="${CONTACTS.length}"/>`;
  return page(ctx, { title: 'Contacts', menu: 'contacts', body });
}
