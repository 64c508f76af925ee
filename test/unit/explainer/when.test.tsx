import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { WhenDoesThisRun } from '@/components/explainer/WhenDoesThisRun';
import { mount, text } from './helpers';

async function open(root: HTMLElement) {
  const button = root.querySelector('button');
  if (!button) throw new Error('no button');
  await act(() => button.click());
  return button;
}
const group = (root: HTMLElement, title: string) =>
  [...root.querySelectorAll(`[data-group="${title}"] li`)].map((li) =>
    Number(li.getAttribute('data-path')),
  );

describe('WhenDoesThisRun', () => {
  it('is a disclosure button that says whether it is expanded', async () => {
    const root = await mount(<WhenDoesThisRun kind="product" setting="yes" />);
    const button = root.querySelector('button');
    expect(text(button)).toBe('When does this run?');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    const panel = root.querySelector<HTMLElement>(
      `#${CSS.escape(button?.getAttribute('aria-controls') ?? '')}`,
    );
    expect(panel?.hidden).toBe(true);
    await open(root);
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    expect(panel?.hidden).toBe(false);
    await act(() => button?.click());
    expect(panel?.hidden).toBe(true);
  });

  it('product set, setting Yes: path 14 runs', async () => {
    const root = await mount(<WhenDoesThisRun kind="product" setting="yes" />);
    await open(root);
    expect(group(root, 'Runs')).toContain(14);
    expect(group(root, 'Does not run')).not.toContain(14);
    const row14 = root.querySelector('li[data-path="14"]');
    // A bullet list: the number is the matrix row, said as such, not a list position.
    expect(text(row14)).toBe(
      'Manual order paid without processing a card (manual card entry, cash, check...) (matrix row 14, documented)',
    );
    expect(root.querySelector('[data-group="Runs"] ol')).toBeNull();
  });

  it('product set, setting No: path 14 does not run, API paths are unknown', async () => {
    const root = await mount(<WhenDoesThisRun kind="product" setting="no" />);
    await open(root);
    expect(group(root, 'Does not run')).toContain(14);
    expect(group(root, 'Runs')).toEqual([1, 2, 9]);
    expect(group(root, 'Unknown')).toEqual([16, 17, 18, 19, 20]);
  });

  it('says what the printed count beside the Actions button counts, and opens in the row', async () => {
    const root = await mount(<WhenDoesThisRun kind="product" setting="yes" actionCount={3} />);
    expect(text(root.querySelector('[data-testid="pat-when-count"]'))).toBe('actions in this set');
    const one = await mount(<WhenDoesThisRun kind="product" setting="yes" actionCount={1} />);
    expect(text(one.querySelector('[data-testid="pat-when-count"]'))).toBe('action in this set');
    const none = await mount(<WhenDoesThisRun kind="product" setting="yes" />);
    expect(none.querySelector('[data-testid="pat-when-count"]')).toBeNull();
    await open(root);
    const panel = root.querySelector<HTMLElement>('section');
    // Not a floating box over the next rows: it takes its place in the row.
    expect(panel?.style.position).toBe('');
    expect(text(root.querySelector('[data-group="Runs"] p'))).toMatch(/^Runs: \d+ order paths?$/);
  });

  it('shows the setting note when the setting could not be read', async () => {
    const note = 'The setting could not be read: the Order settings page did not load.';
    const root = await mount(
      <WhenDoesThisRun kind="successful" setting="unknown" settingNote={note} />,
    );
    await open(root);
    expect(text(root)).toContain(note);
    expect(text(root)).toContain('"Run Purchase Actions On All Orders" not known');
    expect(group(root, 'Runs')).toEqual([1, 2, 9, 18, 19]);
  });

  it('uses inline px styles only (it lives in a shadow root on the CRM page)', async () => {
    const root = await mount(<WhenDoesThisRun kind="failed" setting="yes" />);
    await open(root);
    expect(root.querySelector('link, style')).toBeNull();
    const styles = [...root.querySelectorAll<HTMLElement>('[style]')].map(
      (e) => e.getAttribute('style') ?? '',
    );
    expect(styles.join(';')).not.toMatch(/\d(r?em)\b/);
    expect(root.querySelector('button')?.getAttribute('style')).toContain('px');
  });
});
