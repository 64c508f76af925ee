import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolbar } from './crm-ui';
import { expectSnapshotMatches } from './expect';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 5: a 1,000-product account, on both dialects. 0-2 actions a product keeps the run near a
// minute at the fastest the options allow (8 in flight, 25 a second).
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      {
        app: 'biginl',
        dialect: 'inline',
        seed: { generate: { products: 1000, maxActions: 2, seed: 11 } },
      },
      {
        app: 'bigscr',
        dialect: 'scripted',
        seed: { generate: { products: 1000, maxActions: 2, seed: 12 } },
      },
    ],
  });
  await world.setOptions({ maxInFlight: 8, maxPerSecond: 25 });
});
afterAll(async () => world?.close());

describe.each(['biginl', 'bigscr'])('Take snapshot of 1,000 products (%s)', (app) => {
  it('stores all 1,000 products and every set as the replica has them', {
    timeout: 170_000,
  }, async () => {
    const { page, account } = await openActionsPage(world, app);
    expect(account.state.products).toHaveLength(1000);
    const bar = await toolbar(page);
    await bar.getByRole('button', { name: 'Take snapshot' }).click();
    const status = () => bar.getByTestId('pat-snapshot').textContent();
    await expect
      .poll(status, { timeout: 150_000, interval: 1000 })
      .toMatch(/Snapshot saved|stopped|session/);
    expect(await status()).toContain('Snapshot saved');
    const snap = (await world.storedSnapshots()).find((s) => s.app === app);
    if (!snap) throw new Error('no snapshot');
    expectSnapshotMatches(snap, account);
    await page.close();
  });
});
