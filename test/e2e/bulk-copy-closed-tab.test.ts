import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  chooseCopy,
  dialog,
  expected,
  finishRun,
  noDuplicatesBeyond,
  openFresh,
  pickTargets,
  prepareSource,
  runCounts,
  setsOf,
} from './bulk';
import { toolbar } from './crm-ui';
import { startWorld, type World } from './harness';

// Issue 6: closing the tab mid-run loses nothing. The journal (extension IndexedDB) offers Resume
// the next time the Actions page opens, and Resume re-reads before writing: nothing twice.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      {
        app: 'closing',
        dialect: 'scripted',
        seed: { generate: { products: 40, maxActions: 3, seed: 31 } },
      },
    ],
  });
});
afterAll(async () => world?.close());

it('a closed tab mid-run is resumed from the journal and finishes exactly as planned', {
  timeout: 240_000,
}, async () => {
  const account = world.replica.accounts.get('closing');
  if (!account) throw new Error('no account');
  const source = prepareSource(account);
  const targets = pickTargets(account, 20);
  const before = setsOf(account, targets);
  const want = new Map(targets.map((n) => [n, expected(before.get(n) ?? [], source, 'add')]));

  const first = await openFresh(world, 'closing');
  const d = await chooseCopy(first.page, targets, 'add');
  account.setFaults({ latencyMs: 150 });
  await d.getByRole('button', { name: /^Copy to / }).click();
  await expect
    .poll(async () => Number(/(\d+) done/.exec((await runCounts(d)) ?? '')?.[1] ?? 0), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(3);
  await first.page.close(); // mid-run: some targets done, some being written, the rest queued
  account.setFaults({ latencyMs: 0 });
  const partly = setsOf(account, targets);
  expect(targets.some((n) => JSON.stringify(partly.get(n)) !== JSON.stringify(want.get(n)))).toBe(
    true,
  );

  const again = await openFresh(world, 'closing');
  await (await toolbar(again.page))
    .getByRole('button', { name: 'Resume the interrupted bulk copy' })
    .click();
  const d2 = await dialog(again.page);
  await d2.getByRole('button', { name: 'Resume' }).click();
  expect(await finishRun(d2)).toBe(0);

  const after = setsOf(account, targets);
  for (const n of targets) {
    expect([n, after.get(n)]).toEqual([n, want.get(n)]);
    noDuplicatesBeyond(want.get(n) ?? [], after.get(n) ?? []);
  }
  await again.page.close();
});
