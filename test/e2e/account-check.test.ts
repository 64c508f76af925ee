import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolbar } from './crm-ui';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 13: "Check this account" in the shipped build, on both dialects: the capability table is a
// real table with a caption in the toolbar frame, every feature is ready on the replica, and the
// check wrote nothing (the replica logged no POST while it ran).
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'chkinl', dialect: 'inline', seed: 'demo' },
      { app: 'chkscr', dialect: 'scripted', seed: 'acme' },
    ],
  });
});
afterAll(async () => world?.close());

describe.each(['chkinl', 'chkscr'])('Check this account (%s)', (app) => {
  it('shows every feature ready in a captioned table, sends no POST, and saves a page-shape report', async () => {
    const { page, account } = await openActionsPage(world, app);
    const bar = await toolbar(page);
    const before = account.requestLog.length;
    await bar.getByRole('button', { name: 'Check this account' }).click();
    const table = bar.getByRole('table', { name: /What the toolkit can do on/ });
    await table.waitFor({ timeout: 30_000 });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await table.locator('tbody td').allTextContents()).toEqual(Array(5).fill('Ready.'));
    const during = account.requestLog.slice(before);
    expect(during.length).toBeGreaterThan(5); // control: the check's reads are logged
    expect(during.filter((e) => e.method !== 'GET')).toEqual([]);
    // The page-shape report downloads from the frame: the page's structure, not the account's name.
    const download = page.waitForEvent('download');
    await bar.getByRole('button', { name: 'Save a page-shape report' }).click();
    const file = await (await download).path();
    const json = readFileSync(file, 'utf8');
    const report = JSON.parse(json) as { format: string; pages: { role: string }[] };
    expect(report.format).toBe('purchase-actions-toolkit/page-shape');
    expect(report.pages.map((p) => p.role)).toContain('products-report');
    expect(json).toContain('Successful Purchase Action');
    expect(json.toLowerCase()).not.toContain(app);
  });
});
