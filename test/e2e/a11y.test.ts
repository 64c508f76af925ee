import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialog, finishRun } from './bulk';
import { actionsButtonFor, toolbar, toolkitFrame } from './crm-ui';
import { openDashboard } from './dashboard';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 12: axe-core on every screen of the toolkit (0 violations, best practices included),
// and the rough edges a user saw, each checked as what is on the screen.

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations in `target` (a page or one of the toolkit's frames), under `selector`.
 * `part`: the target is a part of the CRM page (the toolbar's frame), whose level-one heading is
 * the page's own; axe cannot enter that closed, cross-origin frame from the page, so the one
 * page-level rule is left to the page.
 */
async function violations(
  target: Page | Frame,
  selector?: string,
  part = false,
): Promise<string[]> {
  await target.evaluate(AXE);
  return target.evaluate(
    async ([sel, isPart]) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const context = sel ? (document.querySelector(sel) as Element) : document;
      const result = await axe.run(context, {
        resultTypes: ['violations'],
        rules: isPart ? { 'page-has-heading-one': { enabled: false } } : {},
      });
      return result.violations.map(
        (v) =>
          `${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`,
      );
    },
    [selector, part] as const,
  );
}

const SECTIONS = ['snapshots', 'matrix', 'why', 'what'] as const;
const APP = 'demo';
let world: World;

beforeAll(async () => {
  world = await startWorld({ accounts: [{ app: APP, dialect: 'inline', seed: 'demo' }] });
});
afterAll(async () => world?.close());

// The tests run in order: the empty dashboard first, then a snapshot, then the dashboard with it.
describe('axe-core, 0 violations, and what the user sees', () => {
  it('the empty dashboard, each section; "What will run?" says what to do', async () => {
    for (const s of SECTIONS) {
      const page = await openDashboard(world, `#/${s}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await violations(page), `dashboard #/${s}, empty`).toEqual([]);
      // No account to pick, so no picker, and nothing asks the user to pick one.
      expect(await page.getByRole('combobox', { name: 'Account' }).count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toContain('Pick an account');
      if (s === 'snapshots') {
        // "Snapshots" is the section's heading once, not again under it.
        const headings = await page.getByRole('main').getByRole('heading').allTextContents();
        expect(headings.filter((h) => /snapshots/i.test(h))).toEqual(['Snapshots']);
      }
      if (s === 'what') {
        const said = await page.getByRole('main').textContent();
        expect(said).toContain('Take snapshot');
        expect(said).not.toContain('Pick an account first');
      }
      await page.close();
    }
  });

  it('the options page', async () => {
    const page = await world.context.newPage();
    await page.goto(`chrome-extension://${world.extensionId}/options.html`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the toolbar, and "When does this run?": in the window, covering no Actions button, its count labelled', async () => {
    const { page, account } = await openActionsPage(world, APP);
    expect(await violations(await toolbar(page), undefined, true)).toEqual([]);

    const row = page
      .locator('tr')
      .filter({ has: page.getByText('Successful Purchase Action', { exact: true }) })
      .last();
    const host = row.locator('pat-when');
    // The page's "(n)" stays beside its Actions button, and our control says what it counts.
    const cell = await row
      .locator('td')
      .last()
      .evaluate((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    const n = account.actionsOf({ kind: 'trigger', trigger: 'successfulPurchase' }).length;
    expect(cell).toBe(`(${n})`);
    expect(await host.getByTestId('pat-when-count').textContent()).toBe(
      n === 1 ? 'action in this set' : 'actions in this set',
    );

    await host.getByRole('button', { name: 'When does this run?' }).click();
    const panel = host.getByRole('region', { name: /runs$/ });
    await panel.waitFor();
    await expect
      .poll(() => panel.getByText(/set to (Yes|No)/).count(), { timeout: 15_000 })
      .toBe(1);
    await host.evaluate((el) => el.setAttribute('data-axe', ''));
    expect(await violations(page, 'pat-when[data-axe]')).toEqual([]);

    // Runs: a bullet list whose items name their matrix row, not "1. 2. 9.".
    const items = await panel.locator('[data-group="Runs"] li').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    for (const t of items) expect(t).toMatch(/^[^\d].*\(matrix row \d+, (documented|inferred)\)$/);
    expect(await panel.locator('[data-group="Runs"] p').textContent()).toMatch(
      /^Runs: \d+ order paths?$/,
    );

    const box = await panel.boundingBox();
    const viewport = page.viewportSize();
    if (!box || !viewport) throw new Error('no panel box');
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    const others = page.getByRole('button', { name: 'Actions', exact: true });
    const mine = await actionsButtonFor(page, 'Successful Purchase Action').boundingBox();
    let checked = 0;
    for (const b of await others.all()) {
      const o = await b.boundingBox();
      if (!o || (mine && o.y === mine.y)) continue;
      checked++;
      const overlaps =
        o.x < box.x + box.width &&
        box.x < o.x + o.width &&
        o.y < box.y + box.height &&
        box.y < o.y + o.height;
      expect(overlaps, `covers the Actions button at ${o.x},${o.y}`).toBe(false);
    }
    expect(checked).toBeGreaterThan(3);
    await page.close();
  });

  let saved = 0;
  let counted = 0;
  it('the Bulk copy dialog at each step: source, targets, mode, preview, report; it does not move', async () => {
    const { page, account } = await openActionsPage(world, APP);
    const bar = await toolbar(page);
    // The toolbar's own count of the sets, before the snapshot.
    counted = Number(
      /^(\d+) action sets/.exec((await bar.getByTestId('pat-sets').textContent()) ?? '')?.[1],
    );

    // The snapshot first (the copy takes one too): the toolbar's count, for the dashboard later.
    await bar.getByRole('button', { name: 'Take snapshot' }).click();
    const status = () => bar.getByTestId('pat-snapshot').textContent();
    await expect.poll(status, { timeout: 60_000, interval: 250 }).toContain('Snapshot saved');
    saved = Number(/Snapshot saved: (\d+) /.exec((await status()) ?? '')?.[1]);
    expect(saved).toBe(5 + account.state.products.length);
    expect(counted).toBe(saved);

    await bar.getByRole('button', { name: 'Bulk copy', exact: true }).click();
    const frame = await toolkitFrame(page, 'bulk-copy');
    const d = await dialog(page);
    await d.waitFor({ timeout: 30_000 });
    // The dialog keeps its top from step to step (it does not re-centre on a taller step).
    const tops: Record<string, number | undefined> = {};
    const top = async (step: string) => {
      tops[step] = (await d.boundingBox())?.y;
    };
    await top('source');
    expect(await violations(frame), 'source').toEqual([]);
    await d.getByRole('radio', { name: 'Successful Purchase Action', exact: true }).check();
    await d.getByRole('button', { name: 'Next' }).click();
    await d.getByRole('heading', { name: 'Choose the sets to copy into' }).waitFor();
    await top('targets');
    expect(await violations(frame), 'targets').toEqual([]);
    const target = account.state.products[0]?.name ?? '';
    await d
      .locator('label.pat-bc-option')
      .filter({ has: frame.getByText(target, { exact: true }) })
      .locator('input')
      .check();
    await d.getByRole('button', { name: 'Next' }).click();
    await d.getByRole('heading', { name: 'Choose how to copy' }).waitFor();
    await top('mode');
    expect(await violations(frame), 'mode').toEqual([]);
    await d.getByRole('button', { name: 'Preview' }).click();
    await d.getByTestId('pat-bc-counts').waitFor({ timeout: 60_000 });
    await top('preview');
    expect(await violations(frame), 'preview').toEqual([]);
    await d.getByRole('button', { name: /^Copy to/ }).click();
    await top('run');
    expect(await violations(frame), 'run').toEqual([]);
    expect(await finishRun(d)).toBe(0);
    await top('report');
    expect(await violations(frame), 'report').toEqual([]);
    expect(tops.source).toBeGreaterThanOrEqual(0);
    for (const [step, y] of Object.entries(tops)) expect(y, `its top at ${step}`).toBe(tops.source);
    await page.close();
  });

  it("the dashboard with data, each section; its set count is the toolbar's", async () => {
    for (const s of SECTIONS) {
      const page = await openDashboard(world, `#/${s}?app=${APP}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      if (s === 'snapshots') {
        const meta = page.locator('.snap-row-meta').last();
        await meta.waitFor();
        // The snapshot taken through the toolbar is the oldest row (the copy took another); the
        // toolbar said "Snapshot saved: N sets" of the same one, and "N action sets" before it.
        const listed = Number(/ (\d+) sets /.exec((await meta.textContent()) ?? '')?.[1]);
        expect(listed).toBe(saved);
        expect(listed).toBe(counted);
      }
      if (s === 'what') await page.getByRole('combobox', { name: 'Snapshot' }).waitFor();
      if (s === 'matrix') {
        // The checked "Yes" looks checked: the segment is filled and ticked.
        const yes = page.locator('label.ui-radio').filter({ hasText: 'Yes' });
        expect(await yes.locator('input').isChecked()).toBe(true);
        const look = await yes.evaluate((el) => ({
          background: getComputedStyle(el).backgroundColor,
          tick: getComputedStyle(el.querySelector('.ui-radio-text') as Element, '::before').content,
        }));
        expect(look.background).toBe('rgb(9, 105, 218)');
        expect(look.tick).toContain('✓');
        const no = page.locator('label.ui-radio').filter({ hasText: 'No' });
        expect(await no.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(
          'rgb(9, 105, 218)',
        );
      }
      expect(await violations(page), `dashboard #/${s}, with data`).toEqual([]);
      await page.close();
    }
  });
});
