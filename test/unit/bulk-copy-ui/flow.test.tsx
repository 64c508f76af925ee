import { describe, expect, it } from 'vitest';
import {
  alertText,
  button,
  check,
  click,
  field,
  liveText,
  open,
  option,
  settle,
  text,
  toPreview,
  typeIn,
} from './helpers';

describe('bulk copy dialog: choosing', () => {
  it('is a labelled modal dialog', async () => {
    const { root } = await open();
    const dialog = root.querySelector('[role="dialog"]');
    expect(dialog?.getAttribute('aria-modal')).toBe('true');
    const title = root.querySelector(
      `#${CSS.escape(dialog?.getAttribute('aria-labelledby') ?? '')}`,
    );
    expect(text(title)).toBe('Bulk copy purchase actions');
  });

  it('groups sources and shows the origin of snapshot ones and known counts', async () => {
    const { root } = await open();
    const legends = [...root.querySelectorAll('legend')].map((l) => text(l));
    expect(legends).toEqual(['Default Settings', 'Products', 'From snapshots']);
    const snap = option(root, 'Old Pump')?.closest('label');
    expect(text(snap)).toContain('acme, 2026-11-20 14:03');
    expect(text(option(root, 'Chlorine Tabs')?.closest('label'))).toContain('3 actions');
    // Unknown counts are left out rather than shown as 0.
    expect(text(option(root, 'Test Kit')?.closest('label'))).toBe('Test Kit');
    await typeIn(root, 'Search sources', 'pump');
    expect(option(root, 'Chlorine Tabs')).toBeNull();
    expect(option(root, 'Old Pump')).not.toBeNull();
  });

  it('needs a source before going on', async () => {
    const { root } = await open();
    expect(button(root, 'Next').disabled).toBe(true);
    await check(root, 'Successful Purchase');
    expect(button(root, 'Next').disabled).toBe(false);
  });

  it('quick-picks products without actions and counts the selection', async () => {
    const { root } = await open();
    await check(root, 'Successful Purchase');
    await click(root, 'Next');
    expect(liveSelected(root)).toBe('0 selected');
    await click(root, 'All products without actions');
    expect(liveSelected(root)).toBe('3 selected');
    expect(option(root, 'Pool Brush')?.checked).toBe(true);
    expect(option(root, 'Skimmer')?.checked).toBe(false);
    await click(root, 'Default Settings sets');
    // The source (Successful Purchase) is not among them: only Failed Purchase is added.
    expect(liveSelected(root)).toBe('4 selected');
    await check(root, 'Pool Brush');
    expect(liveSelected(root)).toBe('3 selected');
  });

  it('never offers the source itself as a target', async () => {
    const { root } = await open();
    await check(root, 'Test Kit');
    await click(root, 'Next');
    expect(option(root, 'Test Kit')).toBeNull();
    await click(root, 'All products');
    expect(liveSelected(root)).toBe('4 selected');
    // Picking a different source keeps a selection; picking a selected target drops it from it.
    await click(root, 'Back');
    await check(root, 'Chlorine Tabs');
    await click(root, 'Next');
    expect(option(root, 'Chlorine Tabs')).toBeNull();
    expect(liveSelected(root)).toBe('3 selected');
  });

  it("matches a live source to its target by the content script's `live:` id", async () => {
    const sources = [
      {
        id: 'live:p5',
        name: 'Skimmer',
        kind: 'product' as const,
        actionCount: null,
        origin: 'live',
      },
      {
        id: 'snap:s1:p2',
        name: 'Pool Brush',
        kind: 'product' as const,
        actionCount: 2,
        origin: 'acme, 2026-11-20 14:03',
      },
    ];
    const { root } = await open({ sources });
    await check(root, 'Skimmer');
    await click(root, 'Next');
    expect(option(root, 'Skimmer')).toBeNull();
    await click(root, 'All products');
    expect(liveSelected(root)).toBe('4 selected');
    // A snapshot of a set may be restored onto that very set: it stays a target.
    await click(root, 'Back');
    await check(root, 'Pool Brush');
    await click(root, 'Next');
    expect(option(root, 'Pool Brush')).not.toBeNull();
    expect(option(root, 'Skimmer')).not.toBeNull();
  });

  it('filters targets by name and category', async () => {
    const { root } = await open();
    await check(root, 'Successful Purchase');
    await click(root, 'Next');
    const category = field<HTMLSelectElement>(root, 'Category');
    expect([...category.options].map((o) => o.text)).toEqual([
      'All categories',
      'Chemicals',
      'Tools',
    ]);
    category.value = 'Tools';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(option(root, 'Pool Brush')).not.toBeNull();
    expect(option(root, 'Chlorine Tabs')).toBeNull();
    await typeIn(root, 'Search targets', 'skim');
    expect(option(root, 'Pool Brush')).toBeNull();
    await click(root, 'Select all shown');
    expect(liveSelected(root)).toContain('1 selected');
  });

  it('warns before a replace', async () => {
    const { root } = await open();
    await check(root, 'Chlorine Tabs');
    await click(root, 'Next');
    await click(root, 'All products without actions');
    await click(root, 'Next');
    expect(root.querySelector('[data-testid="pat-bc-replace-warning"]')).toBeNull();
    await check(root, "Replace the target's actions");
    expect(text(root.querySelector('[data-testid="pat-bc-replace-warning"]'))).toContain('removes');
  });

  it('previews with counts, reports reading progress, and collapses unchanged sets', async () => {
    const { root, fake } = await open();
    fake.holdPreview();
    await toPreview(root);
    expect(liveText(root)).toBe('Reading targets: 1 of 3');
    expect(button(root, 'Preview').disabled).toBe(true);
    fake.releasePreview();
    await settle();
    expect(fake.calls[0]).toEqual({ name: 'preview', args: ['p1', ['p2', 'p3', 'p4'], 'add'] });
    const counts = [...root.querySelectorAll('[data-testid="pat-bc-counts"] div')].map(
      (d) => `${text(d.querySelector('dt'))}: ${text(d.querySelector('dd'))}`,
    );
    expect(counts).toEqual([
      'Targets: 3',
      'Will change: 2',
      'No change: 1',
      'Actions added: 4',
      'Actions removed: 0',
    ]);
    const unchanged = root.querySelector('[data-target-key="p4"]');
    expect(text(unchanged)).toContain('No change');
    expect(unchanged?.closest('details')?.open).toBe(false);
    expect(root.querySelector('[data-target-key="p2"]')?.closest('details')).toBeNull();
    expect(text(root.querySelector('[data-target-key="p2"] details'))).toContain(
      'Send email: Welcome',
    );
    expect(button(root, 'Copy to').textContent).toBe('Copy to 2 sets');
  });

  it('disables Copy when no target would change', async () => {
    const { root } = await open({ unchanged: ['p2', 'p3', 'p4'] });
    await toPreview(root);
    expect(button(root, 'Copy to').disabled).toBe(true);
  });

  it('shows a failed preview as an alert and stays on the step', async () => {
    const { root, fake } = await open();
    fake.failNext('preview', 'The session ended: log in again.');
    await toPreview(root);
    expect(alertText(root)).toBe('The session ended: log in again.');
    expect(root.querySelector('[data-testid="pat-bc-counts"]')).toBeNull();
    expect(button(root, 'Preview').disabled).toBe(false);
  });
});

function liveSelected(root: Element): string {
  return text(root.querySelector('[data-testid="pat-bc-selected"]'));
}
