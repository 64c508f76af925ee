// The login page: HTTP 200 and ~55 KB of markup, because that is what an expired session looks
// like in the field (crm-facts "Sessions": "requests answer HTTP 200 with ~55 KB of login markup").
import type { Ctx } from '../http.ts';
import { esc, hidden } from './html.ts';

const TARGET_BYTES = 55 * 1024;

// Deterministic filler that looks like a bundled design system: CSS rules, i18n strings, icons.
function filler(bytes: number): string {
  const parts: string[] = ['<style id="ds-bundle">'];
  let size = 0;
  const colors = ['#2d3e50', '#16a085', '#e67e22', '#7f8c8d', '#2980b9', '#c0392b'];
  for (let i = 0; size < bytes * 0.6; i++) {
    const rule = `.ds-c${i.toString(36)}{color:${colors[i % colors.length]};margin:${i % 7}px ${i % 5}px;padding:${i % 3}px}.ds-c${i.toString(36)}:hover{opacity:.${(i % 9) + 1}}\n`;
    parts.push(rule);
    size += rule.length;
  }
  parts.push('</style><script type="application/json" id="i18n-bundle">{');
  const words = ['account', 'password', 'security', 'help', 'privacy', 'terms', 'support', 'login'];
  for (let i = 0; size < bytes * 0.9; i++) {
    const entry = `"auth.${words[i % words.length]}.${i}":"${words[(i * 3) % words.length]} message ${i}",`;
    parts.push(entry);
    size += entry.length;
  }
  parts.push('"end":""}</script><svg style="display:none" xmlns="http://www.w3.org/2000/svg">');
  for (let i = 0; size < bytes; i++) {
    const icon = `<symbol id="icon-${i}" viewBox="0 0 24 24"><path d="M${i % 24} 2L${(i * 7) % 24} 22H${(i * 5) % 24}z"/></symbol>`;
    parts.push(icon);
    size += icon.length;
  }
  parts.push('</svg>');
  return parts.join('');
}

export function loginPage(ctx: Ctx, returnTo: string, error?: string): string {
  const action = ctx.link(ctx.d.paths.login);
  const head = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"/><title>Sign In - Keap</title>`;
  const form = `<div class="login-container"><h1>Sign in to Keap</h1>
${error ? `<div class="alert alert-danger" role="alert">${esc(error)}</div>` : ''}
<form id="loginForm" method="post" action="${esc(action)}">
${hidden(ctx.d.returnParam, returnTo)}
<label for="email">Email</label><input type="email" id="email" name="email" autocomplete="username"/>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password"/>
<button type="submit" id="login-button">Log In</button>
<a href="javascript:void(0)">Forgot your password?</a>
</form></div>`;
  const tail = `<div class="login-footer">&copy; 2026 Keap &middot; Privacy &middot; Terms</div></body></html>`;
  const base = `${head}</head><body class="login">${form}${tail}`;
  const pad = filler(Math.max(0, TARGET_BYTES - base.length - 200));
  return `${head}${pad}</head><body class="login">${form}${tail}`;
}
