import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../replica';
import {
  chooseCopy,
  expected,
  expectReport,
  finishRun,
  noDuplicatesBeyond,
  openFresh,
  pickTargets,
  prepareSource,
  runCounts,
  setsOf,
} from './bulk';
import { startWorld, type World } from './harness';

// Issue 6 "Done when", for one dialect: the Successful Purchase set to 50 products, add and
// replace, with 5% 5xx, 429 + Retry-After and a session expiry midway; Resume after logging in;
// every target exactly as previewed, nothing duplicated, the report right, Undo back to before.
export function bulkCopySuite(dialect: Dialect) {
  const app = `bulk${dialect}`;
  let world: World;
  beforeAll(async () => {
    world = await startWorld({
      accounts: [{ app, dialect, seed: { generate: { products: 70, maxActions: 4, seed: 21 } } }],
    });
    await world.setOptions({ maxInFlight: 8, maxPerSecond: 25 });
  });
  afterAll(async () => world?.close());

  describe.each(['add', 'replace'] as const)(`bulk copy, %s mode (${dialect})`, (mode) => {
    it('copies through faults and an expired session, then undoes', {
      timeout: 300_000,
    }, async () => {
      const account = world.replica.accounts.get(app);
      if (!account) throw new Error('no account');
      account.setFaults({ error5xxRate: 0, rate429: 0 });
      const source = prepareSource(account);
      const targets = pickTargets(account, 50);
      const before = setsOf(account, targets);
      const { page } = await openFresh(world, app);
      const d = await chooseCopy(page, targets, mode);
      const want = new Map(targets.map((n) => [n, expected(before.get(n) ?? [], source, mode)]));
      const unchanged = targets.filter(
        (n) => JSON.stringify(want.get(n)) === JSON.stringify(before.get(n)),
      );
      await expect
        .poll(() => d.getByTestId('pat-bc-counts').textContent())
        .toContain(String(50 - unchanged.length));

      account.setFaults({ error5xxRate: 0.05, rate429: 0.03, retryAfterSec: 1, seed: 5 });
      await d.getByRole('button', { name: /^Copy to / }).click();
      await expect
        .poll(async () => Number(/(\d+) done/.exec((await runCounts(d)) ?? '')?.[1] ?? 0), {
          timeout: 120_000,
        })
        .toBeGreaterThan(8);
      account.expireSessions();
      await expect
        .poll(() => d.getByTestId('pat-bc-run-message').textContent(), { timeout: 60_000 })
        .toContain('session has ended');

      // The admin logs in again (another tab would do the same) and resumes in this dialog.
      await world.login(app);
      await d.getByRole('button', { name: 'Resume' }).click();
      const failed = await finishRun(d);
      expect(failed).toBe(0);

      const after = setsOf(account, targets);
      for (const n of targets) {
        expect([n, after.get(n)]).toEqual([n, want.get(n)]);
        noDuplicatesBeyond(want.get(n) ?? [], after.get(n) ?? []);
      }
      const states = await expectReport(d, 50);
      expect(
        states.filter((s) => /done/i.test(s)).length +
          states.filter((s) => /skip|no change/i.test(s)).length,
      ).toBe(50);

      // Undo, with its own preview, brings every target back.
      account.setFaults({ error5xxRate: 0.05, rate429: 0.03, seed: 9 });
      await d.getByRole('button', { name: 'Undo…' }).click();
      await d.getByRole('button', { name: /^Undo changes to / }).click();
      await d.getByRole('button', { name: /^Undo changes to / }).waitFor({ state: 'detached' });
      expect(await finishRun(d, { undo: true })).toBe(0);
      account.setFaults({ error5xxRate: 0, rate429: 0 });
      const undone = setsOf(account, targets);
      for (const n of targets) expect([n, undone.get(n)]).toEqual([n, before.get(n)]);
      await page.close();
    });
  });
}
