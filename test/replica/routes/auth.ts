// Login: any email with password "demo". Failing sessions land here via a same-host 302, and
// this page answers 200 (crm-facts "Sessions": never a 401).
import { type Ctx, html, type Reply, redirect } from '../http.ts';
import { loginPage } from '../pages/login.ts';

export const DEMO_PASSWORD = 'demo';

export function safeReturn(ctx: Ctx, value: string | null): string {
  // Same-host paths only: no scheme, no protocol-relative URL, no backslash tricks.
  const ok = value?.startsWith('/') && !value.startsWith('//') && !value.includes('\\');
  return ok && value ? value : ctx.link(ctx.d.paths.home);
}

export function sessionCookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; HttpOnly; Secure; SameSite=Lax`;
}

export function loginGet(ctx: Ctx): Reply {
  return html(loginPage(ctx, safeReturn(ctx, ctx.query.get(ctx.d.returnParam))));
}

export function loginPost(ctx: Ctx): Reply {
  const returnTo = safeReturn(ctx, ctx.form.get(ctx.d.returnParam));
  const email = (ctx.form.get('email') ?? '').trim();
  if (!email || ctx.form.get('password') !== DEMO_PASSWORD) {
    return html(loginPage(ctx, returnTo, 'The email or password you entered is incorrect.'));
  }
  const { name, value } = ctx.account.createSession(email);
  return redirect(returnTo, { 'Set-Cookie': sessionCookie(name, value) });
}
