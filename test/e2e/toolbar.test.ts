import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolbar } from './crm-ui';
import { dialectOf, listedFigures, toolbarSets } from './expect';
import { startWorld, type World } from './harness';

// Foundation: the production build, in Chromium, on both replica dialects.
let world: World;

beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'inl', dialect: 'inline', seed: 'demo' },
      { app: 'scr', dialect: 'scripted', seed: 'demo' },
      { app: 'hostile', dialect: 'scripted', seed: 'acme' },
    ],
  });
});
afterAll(async () => world?.close());

describe.each(['inl', 'scr', 'hostile'])('the toolbar on the Actions page (%s)', (app) => {
  it('shows the account and the right counts', async () => {
    await world.login(app);
    const account = world.replica.accounts.get(app);
    if (!account) throw new Error('no account');
    const expected = listedFigures(account);
    const page = await world.open(app, dialectOf(account).paths.actions);
    const bar = (await toolbar(page)).getByRole('region', { name: 'Purchase Actions Toolkit' });
    await expect.poll(() => bar.getByTestId('pat-app').textContent()).toContain(app);
    await expect
      .poll(() => bar.getByTestId('pat-sets').textContent(), { timeout: 15_000 })
      .toBe(toolbarSets(account));
    await expect
      .poll(() => bar.getByTestId('pat-actions').textContent(), { timeout: 15_000 })
      .toBe(`${expected.actions} actions`);
    await page.close();
  });
});
