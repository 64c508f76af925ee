import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Account } from '../replica';
import type { SetOwner } from '../replica/state/types';
import { dialog, finishRun, type Lines, setsOf } from './bulk';
import { toolbar, toolkitFrame } from './crm-ui';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 5, Restore: chosen sets of a snapshot back into the live account, or into another
// account (a consultant moving a setup), through the bulk-copy engine: preview, snapshot first,
// read-back. Checked against the replica's own state.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'rea', dialect: 'inline', seed: 'demo' },
      { app: 'reb', dialect: 'scripted', seed: 'demo' },
    ],
  });
});
afterAll(async () => world?.close());

const owner = (account: Account, name: string): SetOwner => {
  const p = account.state.products.find((x) => x.name === name);
  if (!p) throw new Error(`no product ${name}`);
  return { kind: 'product', productId: p.id };
};

async function restore(app: string, targets: string[]) {
  const { page } = await openActionsPage(world, app);
  await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
  const f = await toolkitFrame(page, 'bulk-copy');
  const d = await dialog(page);
  await d.getByRole('radio', { name: /^Restore: each chosen set/ }).check();
  await d.getByRole('button', { name: 'Next' }).click();
  for (const name of targets) {
    await d
      .locator('label.pat-bc-option')
      .filter({ has: f.getByText(name, { exact: true }) })
      .locator('input')
      .check();
  }
  await d.getByRole('button', { name: 'Next' }).click();
  await d.getByRole('radio', { name: "Replace the target's actions" }).check();
  await d.getByRole('button', { name: 'Preview' }).click();
  await d.getByTestId('pat-bc-counts').waitFor({ timeout: 30_000 });
  return { page, d };
}

it('restores chosen sets of a snapshot, in the same account and into another', {
  timeout: 180_000,
}, async () => {
  const a = world.replica.accounts.get('rea') as Account;
  const b = world.replica.accounts.get('reb') as Account;
  const names = ['Super Sock It Pool Shock', 'Test Product', 'Calcium Hardness Kit'];
  const original = setsOf(a, names);

  const first = await openActionsPage(world, 'rea');
  const bar = await toolbar(first.page);
  await bar.getByRole('button', { name: 'Take snapshot' }).click();
  await expect
    .poll(() => bar.getByTestId('pat-snapshot').textContent(), { timeout: 30_000 })
    .toContain('Snapshot saved');
  await first.page.close();

  // Changes made by hand after the snapshot.
  const shock = owner(a, 'Super Sock It Pool Shock');
  const firstAction = a.actionsOf(shock)[0];
  if (!firstAction) throw new Error('no action');
  a.deleteAction(shock, firstAction.id);
  a.copySet({ kind: 'trigger', trigger: 'successfulPurchase' }, owner(a, 'Test Product'));
  expect(setsOf(a, names)).not.toEqual(original);

  const same = await restore('rea', names);
  await expect.poll(() => same.d.getByTestId('pat-bc-counts').textContent()).toMatch(/2/);
  await same.d.getByRole('button', { name: /^Copy to / }).click();
  expect(await finishRun(same.d)).toBe(0);
  expect(setsOf(a, names)).toEqual(original);
  await same.page.close();

  // Into another account: its own sets differ, and become the snapshot's. Calcium Hardness Kit
  // runs an action set the account no longer has: it cannot be recreated, and says so.
  const shockB = owner(b, 'Super Sock It Pool Shock');
  for (const x of b.actionsOf(shockB)) b.deleteAction(shockB, x.id);
  b.copySet({ kind: 'trigger', trigger: 'errorPurchase' }, shockB);
  const kit = owner(b, 'Calcium Hardness Kit');
  for (const x of b.actionsOf(kit)) b.deleteAction(kit, x.id);
  const other = await restore('reb', ['Super Sock It Pool Shock', 'Calcium Hardness Kit']);
  await other.d.getByRole('button', { name: /^Copy to / }).click();
  expect(await finishRun(other.d)).toBe(1);
  expect(setsOf(b, ['Super Sock It Pool Shock']).get('Super Sock It Pool Shock')).toEqual(
    original.get('Super Sock It Pool Shock') as Lines,
  );
  const failedRow = other.d
    .getByTestId('pat-bc-report')
    .locator('tr', { hasText: 'Calcium Hardness Kit' });
  expect(await failedRow.textContent()).toMatch(/Failed.*This account has no/);
  // Undo puts the other account back exactly as it was before the restore.
  await other.d.getByRole('button', { name: 'Undo…' }).click();
  await other.d.getByRole('button', { name: /^Undo changes to / }).click();
  await other.d.getByRole('button', { name: /^Undo changes to / }).waitFor({ state: 'detached' });
  expect(await finishRun(other.d, { undo: true })).toBe(0);
  expect(setsOf(b, ['Calcium Hardness Kit']).get('Calcium Hardness Kit')).toEqual([]);
  // A snapshot was taken before every write: the two restores and the undo.
  const snaps = (await world.storedSnapshots()).filter((s) => s.cause === 'before-restore');
  expect(snaps.map((s) => s.app).sort()).toEqual(['rea', 'reb', 'reb']);
  await other.page.close();
});
