import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { MatrixTable } from '@/components/explainer/MatrixTable';
import { getSource, orderPaths } from '@/lib/matrix';
import { choose, mount, pick, text } from './helpers';

const SETTING = 'Run Purchase Actions On All Orders';
const rows = (root: HTMLElement) =>
  [...root.querySelectorAll('tbody tr')].map((tr) => Number(tr.getAttribute('data-row')));
/** What the cell itself shows, without its (hidden) tooltip. */
const shown = (td: HTMLElement) =>
  td.querySelector('.ex-cell-focus > .ex-cell-value')?.parentElement;
const cell = (root: HTMLElement, row: number, automation: string) => {
  const td = root.querySelector<HTMLElement>(
    `td[data-row="${row}"][data-automation="${automation}"]`,
  );
  if (!td) throw new Error(`no cell ${row}/${automation}`);
  return td;
};

describe('MatrixTable', () => {
  it('shows all 20 order paths with plain column names first', async () => {
    const root = await mount(<MatrixTable />);
    expect(rows(root)).toEqual(orderPaths.map((p) => p.number));
    expect(rows(root)).toHaveLength(20);
    const heads = [...root.querySelectorAll('thead th')].map(text);
    expect(heads).toContain("The product's own actions Product-specific purchase actions");
    expect(text(root.querySelector('caption'))).toContain('20 of 20');
  });

  it('filters by what was bought and by how the order was placed', async () => {
    const root = await mount(<MatrixTable />);
    await pick(root, 'What was bought', 'subscription');
    const subs = orderPaths.filter((p) => p.kind === 'subscription').map((p) => p.number);
    expect(rows(root)).toEqual(subs);
    expect(rows(root)).toContain(8);
    expect(rows(root)).not.toContain(1);

    await pick(root, 'What was bought', 'all');
    await pick(root, 'How the order was placed or paid', 'api');
    expect(rows(root)).toEqual([16, 17, 18, 19, 20]);
    await pick(root, 'How the order was placed or paid', 'recurring');
    expect(rows(root)).toEqual([8, 12, 13]);
  });

  it('switching the setting to No changes the highlighted cells, in text too', async () => {
    const root = await mount(<MatrixTable />);
    const row14 = () => cell(root, 14, 'productSpecific');
    expect(row14().dataset.value).toBe('yes');
    expect(row14().classList.contains('ex-cell-changed')).toBe(true);
    expect(text(shown(row14()))).toContain('changes when the setting is No (Does not run)');
    // A cell the setting does not touch is neither highlighted nor annotated.
    expect(cell(root, 14, 'billingAutocharge').classList.contains('ex-cell-changed')).toBe(false);
    expect(text(shown(cell(root, 1, 'billingAutocharge')))).toBe('Runs');

    await choose(root, SETTING, 'No');
    expect(row14().dataset.value).toBe('no');
    expect(text(shown(row14()))).toBe('Does not run changed by the setting No (Yes: Runs)');
    // API rows are undocumented with No: unknown, never yes or no.
    expect(cell(root, 18, 'productSpecific').dataset.value).toBe('unknown');
    expect(text(shown(cell(root, 18, 'productSpecific')))).toBe(
      'Unknown inferred changed by the setting No (Yes: Runs)',
    );
    expect(text(root.querySelector('caption'))).toContain(`"${SETTING}" = No`);
  });

  it("starts at the account's setting when it is known, else at Yes", async () => {
    const no = await mount(<MatrixTable accountSetting="no" />);
    expect(cell(no, 14, 'productSpecific').dataset.value).toBe('no');
    const unknown = await mount(<MatrixTable accountSetting="unknown" />);
    expect(cell(unknown, 14, 'productSpecific').dataset.value).toBe('yes');
    expect(text(unknown)).toContain("This account's value is not known");
  });

  it('tells confidence and source on keyboard focus, and Escape closes it', async () => {
    const root = await mount(<MatrixTable />);
    const focusable = cell(root, 14, 'productSpecific').querySelector<HTMLElement>(
      '.ex-cell-focus[tabindex]',
    );
    if (!focusable) throw new Error('cell is not focusable');
    const tip = root.querySelector<HTMLElement>(
      `#${CSS.escape(focusable.getAttribute('aria-describedby') ?? '')}`,
    );
    expect(tip?.getAttribute('role')).toBe('tooltip');
    expect(tip?.hidden).toBe(true);

    await act(() => focusable.focus());
    expect(tip?.hidden).toBe(false);
    expect(text(tip)).toContain('Confidence: documented');
    expect(text(tip)).toContain(getSource('keap-ecommerce-actions-run').title);
    expect(text(tip)).toContain('Setting Yes: Runs. Setting No: Does not run.');

    await act(() => {
      focusable.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(tip?.hidden).toBe(true);
  });

  it('labels an inferred cell as inferred in its tooltip', async () => {
    const root = await mount(<MatrixTable accountSetting="no" />);
    const focusable = cell(root, 6, 'productSpecific').querySelector<HTMLElement>(
      '.ex-cell-focus[tabindex]',
    );
    await act(() => {
      focusable?.dispatchEvent(new MouseEvent('mouseenter'));
    });
    const tip = root.querySelector(
      `#${CSS.escape(focusable?.getAttribute('aria-describedby') ?? '')}`,
    );
    expect(text(tip)).toContain('Confidence: inferred');
    expect(text(tip)).toContain(getSource('keap-purchase-actions').title);
  });
});
