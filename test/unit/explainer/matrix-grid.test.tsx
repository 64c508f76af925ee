import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { MatrixTable } from '@/components/explainer/MatrixTable';
import { automationKeys, orderPaths } from '@/lib/matrix';
import { mount, pick } from './helpers';

// The matrix's answers are one tab stop (roving tabindex) with arrow keys inside: an ARIA grid.

const stops = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('table [tabindex="0"]')].map((el) => {
    const td = el.closest('td');
    return `${td?.getAttribute('data-row')}/${td?.getAttribute('data-automation')}`;
  });
const focused = () => {
  const td = document.activeElement?.closest('td');
  return `${td?.getAttribute('data-row')}/${td?.getAttribute('data-automation')}`;
};
async function key(key: string, ctrlKey = false) {
  await act(() => {
    document.activeElement?.dispatchEvent(
      new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, cancelable: true }),
    );
  });
}

const [first, second] = orderPaths;
const [a0, a1] = automationKeys;
const lastAutomation = automationKeys[automationKeys.length - 1];

describe('MatrixTable as a grid', () => {
  it('is a grid with one tab stop, the first answer', async () => {
    const root = await mount(<MatrixTable />);
    expect(root.querySelector('table')?.getAttribute('role')).toBe('grid');
    expect(root.querySelectorAll('.ex-cell-focus').length).toBe(
      orderPaths.length * automationKeys.length,
    );
    expect(stops(root)).toEqual([`${first?.number}/${a0}`]);
  });

  it('moves with the arrow keys, Home and End, and the tab stop follows', async () => {
    const root = await mount(<MatrixTable />);
    await act(() => root.querySelector<HTMLElement>('table [tabindex="0"]')?.focus());
    await key('ArrowRight');
    expect(focused()).toBe(`${first?.number}/${a1}`);
    await key('ArrowDown');
    expect(focused()).toBe(`${second?.number}/${a1}`);
    expect(stops(root)).toEqual([`${second?.number}/${a1}`]);
    await key('End');
    expect(focused()).toBe(`${second?.number}/${lastAutomation}`);
    await key('ArrowRight');
    expect(focused()).toBe(`${second?.number}/${lastAutomation}`);
    await key('Home');
    expect(focused()).toBe(`${second?.number}/${a0}`);
    await key('ArrowUp');
    await key('ArrowUp');
    expect(focused()).toBe(`${first?.number}/${a0}`);
    await key('End', true);
    expect(focused()).toBe(`${orderPaths.at(-1)?.number}/${lastAutomation}`);
    expect(stops(root)).toHaveLength(1);
  });

  it('keeps one tab stop when a filter removes the row it was on', async () => {
    const root = await mount(<MatrixTable />);
    await act(() => root.querySelector<HTMLElement>('table [tabindex="0"]')?.focus());
    await key('End', true);
    await pick(root, 'How the order was placed or paid', 'recurring');
    expect(stops(root)).toHaveLength(1);
  });
});
