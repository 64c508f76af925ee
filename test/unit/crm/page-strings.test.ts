// Issue 9, point 4, beyond onclick: every other pattern lib/crm runs on page-controlled strings
// (ids, texts, style attributes, labels, summaries) given 10,000 hostile characters must finish
// with the right answer. Each shape is one that makes a backtracking pattern go quadratic or worse.
import { describe, expect, it } from 'vitest';
import { findBuild } from '@/lib/crm/actions-page';
import { crmIdOf, type EditorRow } from '@/lib/crm/editor-page';
import { factsOf } from '@/lib/crm/facts';
import { cleanLabel } from '@/lib/crm/forms';
import { visibleText } from '@/lib/crm/text';

const N = 10_000;
const EDITOR = 'https://demo.infusionsoft.com/app/editor?set=3';
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

function row(id: string): EditorRow {
  const el = document.createElement('tr');
  el.setAttribute('id', id);
  const edit = document.createElement('a');
  return { action: { label: '', summary: '' }, edit, remove: edit, row: el };
}

describe('crmIdOf reads the last number of a row id', () => {
  it.each([
    ['action_12', '12'],
    ['a12b', '12'],
    ['7-of-9x', '9'],
    ['no digits', undefined],
    // (\d+)\D*$ tried every start in the long run: quadratic (0.4 s here, 1.5 s at twice this).
    [`${'1'.repeat(N)}x2a`, '2'],
    [`${'1'.repeat(N)}`, '1'.repeat(N)],
    ['1a'.repeat(N / 2), '1'],
  ])('%s', (id, want) => {
    expect(crmIdOf(row(id), EDITOR, EDITOR)).toBe(want);
  });
});

describe('other page strings finish with the right answer', () => {
  it('findBuild', () => {
    const build = '1.70.0.989251-sysarch-202608031100';
    const noise = `${'1.'.repeat(N / 2)} ${'1'.repeat(N)}.1.1 1.1.1.1-${'-.'.repeat(N / 2)}!`;
    const doc = parse(`<p>${noise}</p><div class="footer">${build}</div>`);
    expect(findBuild(doc)).toBe(build);
  });

  it('visibleText with long style attributes', () => {
    const doc = parse(
      `<div><span style="display${' '.repeat(N)}x">shown</span><span style="${'display:'.repeat(N / 8)}none">gone</span></div>`,
    );
    expect(visibleText(doc.body)).toBe('shown');
  });

  it('cleanLabel', () => {
    expect(cleanLabel(`Tag${' '.repeat(N)}*`)).toBe('Tag');
    expect(cleanLabel(`${' '.repeat(N)}x`)).toBe('x');
  });

  it('factsOf summaries', () => {
    const long = 'x '.repeat(N / 2);
    expect(
      factsOf({ label: 'Apply/Remove Tag', summary: `Apply tag :${long}\n` }).appliesTags?.[0],
    ).toBe(long.trim());
    expect(
      factsOf({ label: 'Send an HTTP post to another server', summary: 'http://'.repeat(N / 7) })
        .urls?.length,
    ).toBe(1);
  });
});
