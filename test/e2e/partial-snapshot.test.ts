import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolbar } from './crm-ui';
import { openDashboard } from './dashboard';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 13, "Snapshots read what can be read": an account whose products report heads its name
// column in words we do not know. The snapshot no longer refuses: it reads every set, records
// the report as "not read" with why, and the dashboard says the snapshot is partial. The
// control: the same account with a header we know ("Product Name", the wording the issue met)
// gives a complete snapshot.

const ACCOUNTS = [
  { app: 'partinl', dialect: 'inline' as const, seed: 'demo' as const },
  { app: 'partscr', dialect: 'scripted' as const, seed: 'demo' as const },
];

let world: World;
beforeAll(async () => {
  world = await startWorld({ accounts: ACCOUNTS });
});
afterAll(async () => world?.close());

/** Every products report page of the account heads its name column `header`. */
function headNameColumn(app: string, header: string) {
  const account = world.replica.accounts.get(app);
  if (!account) throw new Error(`no account ${app}`);
  account.rewritePage = (_path, html) =>
    html.replace(
      /<span class="header-sort-name">Name<\/span>/g,
      `<span class="header-sort-name">${header}</span>`,
    );
  return account;
}

async function takeSnapshot(app: string): Promise<string> {
  const { page } = await openActionsPage(world, app);
  const bar = await toolbar(page);
  await bar.getByRole('button', { name: 'Take snapshot' }).click();
  const status = bar.getByTestId('pat-snapshot');
  await expect
    .poll(() => status.textContent(), { timeout: 60_000, interval: 250 })
    .toMatch(/Snapshot saved|stopped|session|could not/i);
  const text = (await status.textContent()) ?? '';
  // Nothing to resume: the capture finished (a refusal used to offer "Resume snapshot").
  expect(await bar.getByRole('button', { name: /^Resume snapshot/ }).count()).toBe(0);
  await page.close();
  return text;
}

describe.each(ACCOUNTS.map((a) => a.app))(
  'a products report in words we do not know (%s)',
  (app) => {
    it('the control: headed "Product Name", the snapshot is complete', {
      timeout: 120_000,
    }, async () => {
      const account = headNameColumn(app, 'Product Name');
      const text = await takeSnapshot(app);
      expect(text).toContain(`Snapshot saved: `);
      expect(text).toContain(`${account.state.products.length} products`);
      expect(text).not.toContain('Partial');
    });

    it('headed "Offering": every set is read, the report is "not read", the dashboard says partial', {
      timeout: 120_000,
    }, async () => {
      const account = headNameColumn(app, 'Offering');
      const text = await takeSnapshot(app);
      expect(text).toContain('Snapshot saved: ');
      expect(text).toContain('0 products');
      expect(text).toContain('Partial: 1 part not read');

      const dash = await openDashboard(world, `#/snapshots?app=${app}`);
      const newest = dash.locator('.snap-row').first();
      await expect.poll(() => newest.textContent()).toContain('Partial: 1 part not read');
      await newest.getByRole('button', { name: /^Open/ }).click();
      const completeness = dash.getByTestId('snap-completeness');
      await completeness.waitFor();
      expect(await completeness.textContent()).toMatch(
        /Partial: 1 part not read\.The products report: not read: .*products/,
      );
      // Every set of the account was still read: the snapshot's sets are the replica's sets.
      const sets = account.state.actionSets.filter((s) => s.actionIds.length > 0).length;
      expect(await dash.locator('.snap-set').count()).toBeGreaterThanOrEqual(sets);
      await dash.close();
      account.rewritePage = null;
    });
  },
);
