import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../replica';
import { diffSummary, openDashboard, snapshotThroughToolbar } from './dashboard';
import { secondProfile, startWorld, type World } from './harness';

// Issue 5, "Done when", in the production build against the replica, on both dialects: a diff
// after three actions are changed by hand, an export re-imported on a clean profile that equals
// a fresh snapshot there, and hostile import files refused with their own message, storing nothing.
const FIXTURES = resolve(import.meta.dirname, '../fixtures/snapshots');
let world: World;
let downloads: string;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'inl', dialect: 'inline', seed: 'demo' },
      { app: 'scr', dialect: 'scripted', seed: 'demo' },
    ],
  });
  downloads = mkdtempSync(join(tmpdir(), 'pat-exports-'));
});
afterAll(async () => {
  await world?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/** Ticks Compare on every listed snapshot (two) and opens the comparison. */
async function compareBoth(page: Page): Promise<void> {
  const rows = page.locator('li.snap-row');
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
  for (const box of await page.getByRole('checkbox', { name: /^Compare/ }).all()) await box.check();
  await page.getByRole('button', { name: 'Compare selected (2 of 2)' }).click();
  await page.getByRole('heading', { name: 'Compare snapshots' }).waitFor();
}

const ZERO = [
  '0 sets changed',
  '0 sets added',
  '0 sets removed',
  '0 actions added',
  '0 actions removed',
  '0 actions changed',
  '0 actions moved (order only)',
];

const tagId = (account: Account, name: string) => {
  const tag = account.state.tags.find((t) => t.name === name);
  if (!tag) throw new Error(`no tag ${name}`);
  return String(tag.id);
};

/**
 * Three actions edited in the replica, as an admin would in the CRM's editor: their summaries
 * change, and each keeps most of its form (so each reads as one changed action, not a swap).
 * Returns the names of the sets touched.
 */
function changeThreeActions(account: Account): string[] {
  const product = account.state.products.find((p) => p.name === 'Weekly Pool Checkup');
  if (!product) throw new Error('no Weekly Pool Checkup');
  const edits = [
    {
      owner: { kind: 'trigger', trigger: 'successfulPurchase' } as const,
      type: 'applyRemoveTag',
      to: (c: Record<string, unknown>) => ({ ...c, tagId: tagId(account, 'Chemicals Buyer') }),
    },
    {
      owner: { kind: 'product', productId: product.id } as const,
      type: 'applyRemoveTag',
      to: (c: Record<string, unknown>) => ({ ...c, mode: 'remove' }),
    },
    {
      owner: { kind: 'trigger', trigger: 'errorPurchase' } as const,
      type: 'createTask',
      to: (c: Record<string, unknown>) => ({ ...c, title: 'Order error: email the customer' }),
    },
  ];
  for (const e of edits) {
    const action = account.actionsOf(e.owner).find((a) => a.type === e.type);
    if (!action) throw new Error(`no ${e.type} in ${account.ownerName(e.owner)}`);
    const saved = account.saveAction(
      e.owner,
      action.id,
      action.type,
      e.to(action.config) as typeof action.config,
      action.rules,
    );
    if (!saved) throw new Error('the replica refused the edit');
  }
  return [...new Set(edits.map((e) => account.ownerName(e.owner)))];
}

describe.each(['inl', 'scr'])('snapshots in the dashboard (%s)', (app) => {
  const storedOf = async () => (await world.storedSnapshots()).filter((s) => s.app === app);

  it('an exported snapshot, imported on a clean profile, equals a new snapshot taken there', async () => {
    await snapshotThroughToolbar(world, app);
    const page = await openDashboard(world, `#/snapshots?app=${app}`);
    const row = page.locator('li.snap-row');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.getByText(/^More/).click();
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export JSON' }).click();
    const file = await download;
    const exported = join(downloads, `${app}-${file.suggestedFilename()}`);
    await file.saveAs(exported);
    await page.getByText(`Saved ${file.suggestedFilename()}.`).waitFor();
    const parsed = JSON.parse(readFileSync(exported, 'utf8'));
    expect(parsed.snapshots.map((s: { app: string }) => s.app)).toEqual([app]);
    await page.close();

    const other = await secondProfile(world.replica);
    try {
      const dash = await openDashboard(other, '#/snapshots');
      // A clean profile: nothing stored yet.
      await dash.getByText('No accounts yet').waitFor();
      await dash.getByLabel('Import snapshots from a JSON export').setInputFiles(exported);
      await dash.getByText(`Imported 1 snapshot: 1 for "${app}".`).waitFor();

      // Same account, same state, another browser: a fresh snapshot through the CRM page.
      await snapshotThroughToolbar(other, app);
      await dash.close();
      const diff = await openDashboard(other, `#/snapshots?app=${app}`);
      await compareBoth(diff);
      expect(await diffSummary(diff)).toEqual(ZERO);
      await diff.getByText('No differences: every set has the same actions.').waitFor();
      expect(await diff.locator('[data-diff-set]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('after three actions are changed by hand, the diff shows exactly those three', async () => {
    const account = world.replica.accounts.get(app);
    if (!account) throw new Error(`no account ${app}`);
    // The snapshot before the edits (taken by the test above; again here if it did not run).
    if ((await storedOf()).length === 0) await snapshotThroughToolbar(world, app);
    expect(await storedOf()).toHaveLength(1);
    const touched = changeThreeActions(account);
    await snapshotThroughToolbar(world, app);
    expect(await storedOf()).toHaveLength(2);

    const page = await openDashboard(world, `#/snapshots?app=${app}`);
    await compareBoth(page);
    expect(await diffSummary(page)).toEqual([
      `${touched.length} sets changed`,
      '0 sets added',
      '0 sets removed',
      '0 actions added',
      '0 actions removed',
      '3 actions changed',
      '0 actions moved (order only)',
    ]);
    // Each touched set is listed as changed, with the new summary of its edited action.
    const sets = page.locator('[data-diff-set]');
    expect(
      (await sets.getByRole('heading', { level: 4 }).allTextContents()).map((t) => t.trim()).sort(),
    ).toEqual(touched.map((n) => `${n} Changed`).sort());
    const text = (await page.locator('.snap-diff').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Apply tag: Chemicals Buyer');
    expect(text).toContain('Remove tag: Pool Club Member');
    expect(text).toContain('Create task: Order error: email the customer');
    await page.close();
  });
});

/** What each refused file's message must say, in the user's terms. */
const REFUSALS: Record<string, RegExp> = {
  'hostile-truncated.txt': /truncated/,
  'hostile-not-json.txt': /not a JSON file/,
  'hostile-newer-version.json': /newer version of the extension/,
  'hostile-proto.json': /"__proto__" is not allowed/,
  'hostile-wrong-types.json': /label: expected a string, got a number/,
  'hostile-wrong-format.json': /format: expected "purchase-actions-toolkit\/snapshots"/,
  'hostile-bad-date.json': /takenAt: .*date/,
};

describe('importing hostile files', () => {
  it('refuses each bad file with its own message and stores nothing', async () => {
    const files = readdirSync(FIXTURES).filter(
      (f) => f.startsWith('hostile-') && f !== 'hostile-html-name.json',
    );
    // Every hostile fixture has an expected message here (a new one cannot slip through).
    expect(files.sort()).toEqual(Object.keys(REFUSALS).sort());
    const before = (await world.storedSnapshots()).length;
    const page = await openDashboard(world, '#/snapshots');
    const input = page.getByLabel('Import snapshots from a JSON export');
    const panel = page.locator('section.snap-panel', { has: input });
    for (const name of files) {
      await input.setInputFiles(join(FIXTURES, name));
      const alert = panel.getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain(name);
      const message = (await alert.textContent()) ?? '';
      expect(message, name).toContain(`${name} was not imported, nothing was stored:`);
      expect(message, name).toMatch(REFUSALS[name] as RegExp);
      expect(await panel.getByRole('status').textContent()).toBe('');
    }
    expect((await world.storedSnapshots()).length).toBe(before);
    await page.close();
  });

  it('imports a product named like HTML and shows the name as text', async () => {
    const dialogs: string[] = [];
    const before = (await world.storedSnapshots()).length;
    const watch = (page: Page) => {
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      return page;
    };
    const importing = watch(await openDashboard(world, '#/snapshots'));
    await importing
      .getByLabel('Import snapshots from a JSON export')
      .setInputFiles(join(FIXTURES, 'hostile-html-name.json'));
    await importing.getByText('Imported 1 snapshot: 1 for "pooldemo".').waitFor();
    expect((await world.storedSnapshots()).length).toBe(before + 1);
    await importing.close();

    const page = watch(await openDashboard(world, '#/snapshots?app=pooldemo'));
    await page.getByRole('button', { name: /^Open/ }).click();
    const name = '<img src=x onerror=alert(1)>';
    const heading = page.getByRole('heading', { level: 3, name });
    await heading.waitFor();
    expect(await heading.textContent()).toBe(`${name} Product`);
    expect(await page.locator('img').count()).toBe(0);

    // The same name as a product to pick in "What will run?": text again.
    const what = watch(await openDashboard(world, '#/what?app=pooldemo'));
    await what.getByRole('checkbox', { name }).waitFor();
    expect(await what.locator('img').count()).toBe(0);
    await what.close();
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
