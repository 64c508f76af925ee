import { describe, expect, it } from 'vitest';
import { audit, auditReportHtml, escapeHtml } from '@/lib/audit';
import { def, prod, snap, tag, withSets } from '../snapshot/helpers';

// "Pool" makes it a sibling of the pool products, so the low finding names it.
const evil = 'Pool <img src=x onerror=alert(1)>';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('auditReportHtml', () => {
  const s = withSets(
    snap({ app: 'pool<demo>' }),
    def('failed'),
    prod(evil),
    prod('Pool Shock', [tag('a')]),
    prod('Pool Net', [tag('b')]),
  );
  const html = auditReportHtml(s, audit(s), { generatedAt: new Date('2026-08-03T12:00:00Z') });

  it('prints CRM strings as text, never markup', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('Pool &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('pool&lt;demo&gt;');
  });

  it('has no scripts and a CSP forbidding them', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
  });

  it('groups by severity with the why and the set name', () => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const sections = [...doc.querySelectorAll('section')].map((el) => el.className);
    expect(sections).toEqual(['high', 'low']);
    expect(doc.querySelector('section.high')?.textContent).toContain('Set: Failed Purchase Action');
    expect(doc.querySelector('section.high .why')?.textContent).toContain('Why it matters');
    expect(doc.querySelector('section.low .set')?.textContent).toBe(`Set: ${evil}`);
  });

  it('says so when nothing was found', () => {
    const clean = snap();
    expect(auditReportHtml(clean, audit(clean))).toContain('No findings.');
  });
});
