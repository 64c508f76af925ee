import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolbar } from './crm-ui';
import { expectSnapshotMatches } from './expect';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// Issue 5: Take snapshot reads the whole account through the admin's session, on both dialects,
// and what is stored matches the replica's own state; an expired session mid-capture loses
// nothing and reads nothing twice.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'inl', dialect: 'inline', seed: 'demo' },
      { app: 'scr', dialect: 'scripted', seed: 'acme' },
      { app: 'sched', dialect: 'scripted', seed: 'demo' },
      // Big enough to expire the session mid-way, small enough to finish soon after.
      {
        app: 'resinl',
        dialect: 'inline',
        seed: { generate: { products: 400, maxActions: 3, seed: 13 } },
      },
      {
        app: 'resscr',
        dialect: 'scripted',
        seed: { generate: { products: 400, maxActions: 3, seed: 14 } },
      },
    ],
  });
  // The fastest the options allow, so a 1,000-product read takes a minute, not ten.
  await world.setOptions({ maxInFlight: 8, maxPerSecond: 25 });
});
afterAll(async () => world?.close());

const status = async (page: Page) =>
  (await toolbar(page)).getByTestId('pat-snapshot').textContent();

async function snapshotNow(page: Page) {
  await (await toolbar(page)).getByRole('button', { name: 'Take snapshot' }).click();
  await expect
    .poll(() => status(page), { timeout: 110_000, interval: 500 })
    .toMatch(/Snapshot saved|stopped|session/);
  expect(await status(page)).toContain('Snapshot saved');
}

describe.each(['inl', 'scr'])('Take snapshot (%s)', (app) => {
  it('stores every set, product and the setting as the replica has them', async () => {
    const { page, account } = await openActionsPage(world, app);
    await snapshotNow(page);
    const stored = (await world.storedSnapshots()).filter((s) => s.app === app);
    expect(stored).toHaveLength(1);
    const snap = stored[0];
    if (!snap) throw new Error('no snapshot');
    expect(snap.host).toBe(`${app}.infusionsoft.com`);
    expect(snap.cause).toBe('manual');
    expectSnapshotMatches(snap, account);
    await page.close();
  });
});

describe.each(['inl', 'scr'])('a session that expires mid-capture (%s)', (app) => {
  it('keeps what was read; after logging in again, Resume finishes without reading it twice', async () => {
    const big = app === 'inl' ? 'resinl' : 'resscr';
    const { page, account } = await openActionsPage(world, big);
    const before = (await world.storedSnapshots()).filter((s) => s.app === big).length;
    const startedAt = account.requestLog.length;
    await (await toolbar(page)).getByRole('button', { name: 'Take snapshot' }).click();
    await expect
      .poll(
        async () => Number(/Reading action sets: (\d+)/.exec((await status(page)) ?? '')?.[1] ?? 0),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(40);
    account.expireSessions();
    const expiredAt = account.requestLog.length;
    await expect.poll(() => status(page), { timeout: 60_000 }).toContain('session has ended');
    const resumable = Number(
      /Resume snapshot \((\d+) sets read\)/.exec((await status(page)) ?? '')?.[1],
    );
    expect(resumable).toBeGreaterThan(40);

    // The admin logs in again and comes back to the Actions page: Resume is offered there.
    await world.login(big);
    await page.reload();
    const resume = (await toolbar(page)).getByRole('button', { name: /Resume snapshot/ });
    await resume.click();
    await expect
      .poll(() => status(page), { timeout: 110_000, interval: 500 })
      .toContain('Snapshot saved');

    const stored = (await world.storedSnapshots()).filter((s) => s.app === big);
    expect(stored.length).toBe(before + 1);
    const snap = stored.find(
      (s) =>
        s.takenAt ===
        stored
          .map((x) => x.takenAt)
          .sort()
          .at(-1),
    );
    if (!snap) throw new Error('no snapshot');
    expectSnapshotMatches(snap, account);
    // Nothing read twice: after the expiry, no editor list that was already read is fetched again.
    const lists = (entries: typeof account.requestLog) =>
      entries.filter((e) => e.method === 'GET' && e.status === 200).map((e) => e.path);
    const firstRun = new Set(lists(account.requestLog.slice(startedAt, expiredAt)));
    const after = lists(account.requestLog.slice(expiredAt));
    const reread = after.filter(
      // A list, not an action's form: the inline dialect opens a form with view=/edit=, the
      // scripted one with mode=modify&item=N (the sets being read at the expiry are re-read
      // whole, and their forms must not count as lists).
      (p) =>
        firstRun.has(p) &&
        /actionSet|actionSequence/i.test(p) &&
        !/[?&](view|edit|mode|item)=/.test(p),
    );
    // At most the 8 sets being read when it expired, and the one editor the named-action-set
    // lookup opens again.
    expect(reread.length).toBeLessThanOrEqual(9);
    await page.close();
  });
});

describe('scheduled snapshots', () => {
  it('set in the dashboard, one is taken when the Actions page opens and one is due', async () => {
    const dash = await world.context.newPage();
    await dash.goto(`chrome-extension://${world.extensionId}/dashboard.html#/snapshots?app=sched`);
    const every = dash.getByLabel('Snapshot "sched" every N days');
    await every.fill('7');
    await every.press('Enter');
    await expect.poll(() => dash.getByText(/more than 7 days old/).count()).toBe(1);
    await dash.close();

    const { page, account } = await openActionsPage(world, 'sched');
    await expect.poll(() => status(page), { timeout: 60_000 }).toContain('Snapshot saved');
    const stored = (await world.storedSnapshots()).filter((s) => s.app === 'sched');
    expect(stored.map((s) => s.cause)).toEqual(['scheduled']);
    expectSnapshotMatches(stored[0] as (typeof stored)[number], account);

    // Not due again a moment later: opening the page again takes none.
    await page.reload();
    await (await toolbar(page)).getByRole('region', { name: 'Purchase Actions Toolkit' }).waitFor();
    await page.waitForTimeout(1500);
    expect((await world.storedSnapshots()).filter((s) => s.app === 'sched')).toHaveLength(1);
    await page.close();
  });
});
