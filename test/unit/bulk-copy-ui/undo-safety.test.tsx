import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import {
  alertText,
  button,
  check,
  click,
  HOSTILE,
  open,
  option,
  press,
  reportRows,
  settle,
  syntheticClick,
  text,
  toPreview,
  toRunning,
} from './helpers';

describe('bulk copy dialog: undo', () => {
  it('shows what Undo will do, then undoes and reports', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish({ status: 'done', done: 2, left: 0, targets: doneTargets() }));
    await settle();
    await click(root, 'Undo…');
    expect(fake.calls.at(-1)).toEqual({ name: 'undoPreview', args: ['job-1'] });
    expect(fake.names()).not.toContain('undo');
    expect(text(root.querySelector('[data-testid="pat-bc-counts"]'))).toContain('Will change2');
    await click(root, 'Undo changes to 2 sets');
    expect(fake.calls.at(-1)).toEqual({ name: 'undo', args: ['job-1'] });
    expect(reportRows(root).map((r) => r[1])).toEqual(['Done', 'Done']);
    expect(text(root.querySelector('h2'))).toBe('Undo');
    // An undo is not itself undone from here.
    expect([...root.querySelectorAll('button')].some((b) => text(b) === 'Undo…')).toBe(false);
  });

  it('ignores synthetic clicks on Undo… and Undo changes (issue 9); real clicks undo', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish({ status: 'done', done: 2, left: 0, targets: doneTargets() }));
    await settle();
    await syntheticClick(root, 'Undo…');
    expect(fake.names()).not.toContain('undoPreview');
    await click(root, 'Undo…');
    await syntheticClick(root, 'Undo changes to');
    expect(fake.names()).not.toContain('undo');
    expect(text(root.querySelector('h2'))).toBe('Undo: preview');
    await click(root, 'Undo changes to');
    expect(fake.calls.at(-1)).toEqual({ name: 'undo', args: ['job-1'] });
  });

  it('keeps the report when the undo preview cannot be read', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish({ status: 'done', done: 2, left: 0, targets: doneTargets() }));
    await settle();
    fake.failNext('undoPreview', 'No snapshot was found for this job.');
    await click(root, 'Undo…');
    expect(alertText(root)).toBe('No snapshot was found for this job.');
    expect(reportRows(root)).toHaveLength(2);
    expect(fake.names()).not.toContain('undo');
  });
});

describe('bulk copy dialog: CRM text is text', () => {
  it('renders a hostile product name as text in every step', async () => {
    const { root, fake } = await open();
    await check(root, 'Chlorine Tabs');
    await click(root, 'Next');
    expect(text(root)).toContain(HOSTILE);
    await click(root, 'All products without actions');
    await click(root, 'Next');
    await click(root, 'Preview');
    expect(text(root.querySelector('[data-target-key="p3"]'))).toContain(HOSTILE);
    await click(root, 'Copy to');
    await act(() =>
      fake.finish({
        status: 'done',
        failed: 1,
        done: 1,
        left: 0,
        targets: [
          { key: 'p3', name: HOSTILE, state: 'failed', reason: HOSTILE },
          { key: 'p2', name: 'Pool Brush', state: 'done' },
        ],
      }),
    );
    await settle();
    expect(reportRows(root)[0]).toEqual([HOSTILE, 'Failed', HOSTILE]);
    expect(root.querySelector('img')).toBeNull();
  });
});

describe('bulk copy dialog: keyboard', () => {
  it('closes with Escape when nothing runs', async () => {
    const { root, closed } = await open();
    await press(root, 'Escape');
    expect(closed()).toBe(1);
  });

  it('moves focus to each step heading and wraps Tab inside the dialog', async () => {
    const { root } = await open();
    expect(text(document.activeElement)).toBe('Choose the set to copy from');
    const close = button(root, 'Close');
    close.focus();
    // Shift+Tab from the first control goes to the last tab stop (Next is still disabled): the
    // source radios, one stop, entered at the first radio while none is chosen.
    await press(root, 'Tab', true);
    expect(document.activeElement).toBe(option(root, 'Successful Purchase'));
    await press(root, 'Tab');
    expect(document.activeElement).toBe(close);
    await toPreview(root);
    expect(document.activeElement?.tagName).toBe('H2');
    expect(text(document.activeElement)).toBe('Preview');
  });
});

function doneTargets() {
  return [
    { key: 'p2', name: 'Pool Brush', state: 'done' as const },
    { key: 'p3', name: HOSTILE, state: 'done' as const },
  ];
}
