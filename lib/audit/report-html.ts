import type { Snapshot } from '../model';
import { type AuditResult, type Finding, SEVERITIES, type Severity } from './types';

// A standalone, printable page. Every CRM string (product names, app, tags) goes through
// escapeHtml: a product may be named `<img src=x onerror=...>` and must print as those characters.
// No scripts at all, and a CSP that forbids them in case a string ever slips through.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const HEADINGS: Record<Severity, string> = {
  high: 'High: fix these first',
  medium: 'Medium',
  low: 'Low',
};

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .25rem}
.meta{color:#555;margin:0 0 1.5rem}
h2{font-size:1.1rem;border-bottom:2px solid #999;padding-bottom:.2rem;margin-top:2rem}
.high h2{border-color:#b00020}.medium h2{border-color:#b26a00}.low h2{border-color:#557}
article{border:1px solid #ccc;border-radius:4px;padding:.6rem .8rem;margin:.6rem 0;break-inside:avoid}
article h3{font-size:1rem;margin:0 0 .3rem}
.set{font-weight:600}.why{color:#333;margin:.3rem 0 0}.detail{margin:.3rem 0 0}
.none{color:#060}
@media print{body{margin:0;max-width:none}a{color:inherit}article{border-color:#888}}
`;

function findingHtml(f: Finding): string {
  const where = f.setName === null ? 'Account setting' : `Set: ${f.setName}`;
  return `<article>
<h3>${escapeHtml(f.title)}</h3>
<p class="set">${escapeHtml(where)}</p>
<p class="detail">${escapeHtml(f.detail)}</p>
<p class="why"><strong>Why it matters:</strong> ${escapeHtml(f.why)}</p>
</article>`;
}

export function auditReportHtml(
  snapshot: Snapshot,
  result: AuditResult,
  opts: { generatedAt?: Date } = {},
): string {
  const generated = (opts.generatedAt ?? new Date()).toISOString();
  const sections = SEVERITIES.map((severity) => {
    const list = result.findings.filter((f) => f.severity === severity);
    if (list.length === 0) return '';
    return `<section class="${severity}">
<h2>${escapeHtml(HEADINGS[severity])} (${list.length})</h2>
${list.map(findingHtml).join('\n')}
</section>`;
  }).join('\n');
  const c = result.counts;
  const summary =
    c.total === 0
      ? '<p class="none">No findings.</p>'
      : `<p>${c.high} high, ${c.medium} medium, ${c.low} low.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Purchase actions audit: ${escapeHtml(snapshot.app)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>Purchase actions audit: ${escapeHtml(snapshot.app)}</h1>
<p class="meta">Snapshot taken ${escapeHtml(snapshot.takenAt)} on ${escapeHtml(snapshot.host)};
Run Purchase Actions On All Orders: ${escapeHtml(snapshot.runOnAllOrders)}; report made ${escapeHtml(generated)}.</p>
${summary}
${sections}
</body>
</html>
`;
}
