import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialog, finishRun } from './bulk';
import { toolbar, toolkitFrame } from './crm-ui';
import { openDashboard } from './dashboard';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 12, keyboard only: the Bulk copy dialog from source to report without a mouse, focus
// never leaving it; and the dashboard's trigger matrix as one tab stop with arrow keys inside.

const APP = 'demo';
let world: World;
beforeAll(async () => {
  world = await startWorld({ accounts: [{ app: APP, dialect: 'inline', seed: 'demo' }] });
});
afterAll(async () => world?.close());

/** What has focus in the dialog's frame, and whether the frame (and only it) has it. */
async function focusIn(page: Page, frame: Frame) {
  const host = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
  const inside = await frame.evaluate(() => {
    const d = document.querySelector('[role="dialog"]');
    const a = document.activeElement as HTMLElement | null;
    return {
      focused: document.hasFocus(),
      inDialog: !!d && !!a && d.contains(a),
      what:
        a instanceof HTMLInputElement
          ? `${a.type}:${a.labels?.[0]?.textContent?.trim() ?? a.value}`
          : `${a?.tagName.toLowerCase()}:${a?.textContent?.trim().slice(0, 60)}`,
    };
  });
  return { host, ...inside };
}

/** Presses Tab until `want` has focus; every stop on the way must be inside the dialog. */
async function tabTo(page: Page, frame: Frame, want: RegExp, max = 40) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusIn(page, frame);
    seen.push(f.what);
    expect(f, `focus left the dialog after: ${seen.join(' > ')}`).toMatchObject({
      host: 'pat-dialog',
      focused: true,
      inDialog: true,
    });
    if (want.test(f.what)) return seen;
  }
  throw new Error(`never reached ${want}: ${seen.join(' > ')}`);
}

/**
 * Waits for a step's heading, and for focus to be on it: each step moves focus to its heading, and
 * a Tab pressed before that would race the move.
 */
async function stepShown(page: Page, frame: Frame, d: Locator, heading: string) {
  await d.getByRole('heading', { name: heading }).waitFor();
  await expect
    .poll(async () => (await focusIn(page, frame)).what, { timeout: 10_000 })
    .toBe(`h2:${heading}`);
}

/** The children of the page's body, and whether each is inert. */
const behind = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.body.children, (el) => ({
      el: el.tagName.toLowerCase(),
      inert: el.hasAttribute('inert'),
    })),
  );

describe('keyboard only', () => {
  it('walks the Bulk copy dialog from source to report; Escape closes it', async () => {
    const { page, account } = await openActionsPage(world, APP);
    const bar = await toolbar(page);
    const open = bar.getByRole('button', { name: 'Bulk copy', exact: true });
    await open.focus();
    await page.keyboard.press('Enter');
    const frame = await toolkitFrame(page, 'bulk-copy');
    const d = await dialog(page);
    await stepShown(page, frame, d, 'Choose the set to copy from');
    // The page behind is inert while the dialog is open: every other child of the body.
    const open1 = await behind(page);
    expect(open1.filter((c) => c.el === 'pat-dialog')).toEqual([
      { el: 'pat-dialog', inert: false },
    ]);
    const others = open1.filter((c) => c.el !== 'pat-dialog');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((c) => !c.inert)).toEqual([]);

    // With no source chosen, Tab goes round the dialog: Close, search, the radios (one stop).
    const round = await tabTo(page, frame, /^button:Close$/);
    const again = await tabTo(page, frame, /^button:Close$/);
    expect(again.filter((w) => w.startsWith('radio:'))).toHaveLength(1);
    expect(round.length + again.length).toBeLessThan(10);

    await tabTo(page, frame, /^search:/);
    await page.keyboard.type('Successful Purchase Action');
    await tabTo(page, frame, /^radio:Successful Purchase Action/);
    await page.keyboard.press('Space');
    await tabTo(page, frame, /^button:Next$/);
    await page.keyboard.press('Enter');

    await stepShown(page, frame, d, 'Choose the sets to copy into');
    const target = account.state.products[0]?.name ?? '';
    await tabTo(page, frame, /^search:/);
    await page.keyboard.type(target);
    await tabTo(
      page,
      frame,
      new RegExp(`^checkbox:${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    await page.keyboard.press('Space');
    await expect.poll(() => d.getByTestId('pat-bc-selected').textContent()).toContain('1 selected');
    await tabTo(page, frame, /^button:Next$/);
    await page.keyboard.press('Enter');

    await stepShown(page, frame, d, 'Choose how to copy');
    await tabTo(page, frame, /^radio:Add the source/);
    await tabTo(page, frame, /^button:Preview$/);
    await page.keyboard.press('Enter');
    await d.getByTestId('pat-bc-counts').waitFor({ timeout: 60_000 });
    await stepShown(page, frame, d, 'Preview');
    await tabTo(page, frame, /^button:Copy to 1 set$/);
    await page.keyboard.press('Enter');
    // The run has started: its counts show. (A bounded wait, so a Copy that did not start fails
    // here, with what the dialog showed, instead of in finishRun's two-minute wait.)
    await d
      .getByTestId('pat-bc-run-counts')
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        const f = await focusIn(page, frame);
        throw new Error(
          `Copy did not start (focus: ${f.what}); the dialog showed: ${await d.textContent()}`,
          {
            cause: e,
          },
        );
      });
    expect(await finishRun(d)).toBe(0);
    // The report: its controls are still inside the dialog, and Tab still goes round.
    await tabTo(page, frame, /^button:Export report/);
    await tabTo(page, frame, /^button:Close$/);

    await page.keyboard.press('Escape');
    await expect
      .poll(() =>
        page
          .frames()
          .some((f) => f.url().includes('toolkit-frame.html#bulk-copy.') && !f.isDetached()),
      )
      .toBe(false);
    // Nothing is left inert once it has closed.
    expect((await behind(page)).filter((c) => c.inert)).toEqual([]);
    // Focus is back on the toolbar's Bulk copy button, where the admin opened the dialog.
    await expect
      .poll(() =>
        bar.evaluate(() => {
          const el = document.activeElement;
          return document.hasFocus() && el instanceof HTMLButtonElement ? el.textContent : null;
        }),
      )
      .toBe('Bulk copy');
    await page.close();
  });

  it('the trigger matrix is one tab stop, with arrow keys inside', async () => {
    const page = await openDashboard(world, '#/matrix');
    const grid = page.getByRole('grid');
    await grid.waitFor();
    expect(await grid.locator('[tabindex="0"]').count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Only rows the setting changes' }).focus();
    const where = () =>
      page.evaluate(() => {
        const td = document.activeElement?.closest('td');
        return td ? `${td.dataset.row}/${td.dataset.automation}` : document.activeElement?.tagName;
      });
    await page.keyboard.press('Tab');
    const first = await where();
    expect(first).toMatch(/^1\//);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const moved = await where();
    expect(moved).toMatch(/^2\//);
    expect(moved).not.toBe(first);
    // Its tooltip comes with the focus.
    await expect.poll(() => page.getByRole('tooltip').filter({ visible: true }).count()).toBe(1);
    // One Tab leaves the grid; Shift+Tab comes back to the answer last visited.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('table'))).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await where()).toBe(moved);
    await page.close();
  });
});
