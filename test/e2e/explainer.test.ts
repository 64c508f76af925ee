import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathsThatRun, type RunSetKind, type Setting } from '@/lib/matrix';
import { dialectOf } from './expect';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 3 on the CRM page: "When does this run?" beside each row follows the account's live
// "Run Purchase Actions On All Orders", read from its settings page, and follows changes to it.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'inl', dialect: 'inline', seed: 'demo', settingRunOnAllOrders: false },
      { app: 'scr', dialect: 'scripted', seed: 'demo', settingRunOnAllOrders: false },
    ],
  });
});
afterAll(async () => world?.close());

function rowControl(page: Page, label: string) {
  return page
    .locator('tr, li, div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .filter({ has: page.locator('pat-when') })
    .last()
    .locator('pat-when');
}

/** The path numbers the control lists under a group, as the user sees them. */
async function listed(control: ReturnType<typeof rowControl>, group: string): Promise<number[]> {
  const items = control.locator(`[data-group="${group}"] li`);
  return (
    await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-path'))))
  ).sort((a, b) => a - b);
}

const expected = (kind: RunSetKind, setting: Setting, value: 'yes' | 'no' | 'unknown') =>
  pathsThatRun(kind, setting)
    .filter((r) => r.value === value)
    .map((r) => r.path.number)
    .sort((a, b) => a - b);

async function open(control: ReturnType<typeof rowControl>) {
  const button = control.getByRole('button', { name: 'When does this run?' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

describe.each(['inl', 'scr'])('"When does this run?" on the Actions page (%s)', (app) => {
  it('shows the right paths for the account setting, and follows the settings page', async () => {
    const { page, account } = await openActionsPage(world, app);
    const failed = rowControl(page, 'Failed Purchase Action');
    const product = rowControl(page, 'Pool scrubbing Mitt');
    // The answer floats below its button: open the lower one first, so neither covers the other.
    await open(product);
    await open(failed);
    // The setting is No in this account: read from its settings page, not assumed.
    await expect.poll(() => failed.getByText('set to No').count(), { timeout: 15_000 }).toBe(1);
    expect(await listed(failed, 'Runs')).toEqual(expected('failed', 'no', 'yes'));
    expect(await listed(product, 'Runs')).toEqual(expected('product', 'no', 'yes'));
    expect(await listed(product, 'Does not run')).toContain(14);
    expect(await listed(product, 'Unknown')).toEqual(expected('product', 'no', 'unknown'));

    // The admin turns the setting on in the settings page (another tab), as they would.
    const settings = await world.open(app, dialectOf(account).paths.settings);
    const yes = settings.getByLabel('Run Purchase Actions On All Orders');
    if ((await yes.count()) === 1 && (await yes.evaluate((e) => e.tagName)) === 'SELECT') {
      await yes.selectOption({ label: 'Yes' });
    } else {
      await settings
        .locator('div, tr')
        .filter({ hasText: 'Run Purchase Actions On All Orders' })
        .last()
        .getByLabel('Yes')
        .check();
    }
    await settings
      .getByRole('button', { name: 'Save' })
      .or(settings.locator('input[type=submit][value=Save]'))
      .click();
    await expect.poll(() => account.state.setting.runPurchaseActionsOnAllOrders).toBe(true);

    // Without reloading the Actions page, its controls follow.
    await expect.poll(() => product.getByText('set to Yes').count(), { timeout: 15_000 }).toBe(1);
    expect(await listed(product, 'Runs')).toEqual(expected('product', 'yes', 'yes'));
    expect(await listed(product, 'Runs')).toContain(14);
    expect(await listed(failed, 'Runs')).toEqual(expected('failed', 'yes', 'yes'));
    await settings.close();
    await page.close();
  });
});
