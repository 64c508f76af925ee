import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicaSets } from './expect';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 5: Take snapshot reads the whole account through the admin's session, on both dialects,
// and what is stored matches the replica's own state.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'inl', dialect: 'inline', seed: 'demo' },
      { app: 'scr', dialect: 'scripted', seed: 'acme' },
    ],
  });
});
afterAll(async () => world?.close());

describe.each(['inl', 'scr'])('Take snapshot (%s)', (app) => {
  it('stores every set, product and the setting as the replica has them', async () => {
    const { page, account } = await openActionsPage(world, app);
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    await expect
      .poll(() => page.getByTestId('pat-snapshot').textContent(), { timeout: 60_000 })
      .toMatch(/Snapshot saved|stopped/);
    expect(await page.getByTestId('pat-snapshot').textContent()).toContain('Snapshot saved');

    const stored = (await world.storedSnapshots()).filter((s) => s.app === app);
    expect(stored).toHaveLength(1);
    const snap = stored[0];
    if (!snap) throw new Error('no snapshot');
    expect(snap.host).toBe(`${app}.infusionsoft.com`);
    expect(snap.cause).toBe('manual');
    expect(snap.products.map((p) => p.name).sort()).toEqual(account.state.products.map((p) => p.name).sort());
    expect(snap.runOnAllOrders).toBe(account.state.setting.runPurchaseActionsOnAllOrders ? 'yes' : 'no');

    const truth = replicaSets(account);
    for (const set of snap.sets) {
      const want = truth.get(set.name) ?? [];
      expect([set.name, set.actions.map((a) => [a.label, a.summary])]).toEqual([set.name, want]);
      for (const a of set.actions) expect(a.config, `${set.name}: ${a.label}`).toBeDefined();
    }
    // Five Default Settings sets and one set per product, however many the page lists.
    expect(snap.sets.length).toBe(5 + account.state.products.length);
    await page.close();
  });
});
