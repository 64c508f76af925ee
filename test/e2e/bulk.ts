import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Account } from '../replica';
import type { SetOwner } from '../replica/state/types';
import { toolbar, toolkitFrame } from './crm-ui';
import { replicaSets } from './expect';
import type { World } from './harness';

// The bulk copy as an admin does it, through the dialog, and the replica's own state as the
// judge of what happened.

export type Lines = [string, string][];

/** The Bulk copy dialog, in its own frame over the Actions page. */
export async function dialog(page: Page): Promise<Locator> {
  const f = await toolkitFrame(page, 'bulk-copy');
  return f.getByRole('dialog').filter({ has: f.getByRole('list', { name: 'Steps' }) });
}

/** Makes the Successful Purchase set a copy of a three-action product's set; returns that set. */
export function copyDonorToSuccessful(account: Account) {
  const successful: SetOwner = { kind: 'trigger', trigger: 'successfulPurchase' };
  for (const a of account.actionsOf(successful)) account.deleteAction(successful, a.id);
  const donor = account.state.actionSets.find(
    (s) => s.owner.kind === 'product' && s.actionIds.length === 3,
  );
  if (!donor) throw new Error('no product with three actions to copy from');
  account.copySet(donor.owner, successful);
  return donor;
}

/** A generated account whose Successful Purchase set holds three actions (copied from a product). */
export function prepareSource(account: Account): Lines {
  copyDonorToSuccessful(account);
  return replicaSets(account).get('Successful Purchase Action') ?? [];
}

/** What the plan must produce, computed from the replica's state alone. */
export function expected(before: Lines, source: Lines, mode: 'add' | 'replace'): Lines {
  if (mode === 'replace') return source;
  const has = new Set(before.map(([l, s]) => `${l}\u0000${s}`));
  return [...before, ...source.filter(([l, s]) => !has.has(`${l}\u0000${s}`))];
}

/** Targets by their exact name, or by a pattern (a dialect may label rows "Product: <name>"). */
export async function chooseCopy(
  page: Page,
  targets: (string | RegExp)[],
  mode: 'add' | 'replace',
) {
  await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
  const f = await toolkitFrame(page, 'bulk-copy');
  const d = await dialog(page);
  await d.waitFor({ timeout: 30_000 });
  await d.getByRole('radio', { name: 'Successful Purchase Action', exact: true }).check();
  await d.getByRole('button', { name: 'Next' }).click();
  for (const name of targets) {
    await d
      .locator('label.pat-bc-option')
      .filter({
        has: typeof name === 'string' ? f.getByText(name, { exact: true }) : f.getByText(name),
      })
      .locator('input[type="checkbox"]')
      .check();
  }
  await expect
    .poll(() => d.getByTestId('pat-bc-selected').textContent())
    .toContain(String(targets.length));
  await d.getByRole('button', { name: 'Next' }).click();
  await d
    .getByRole('radio', {
      name:
        mode === 'add'
          ? "Add the source's actions (skip ones a target already has)"
          : "Replace the target's actions",
    })
    .check();
  await d.getByRole('button', { name: 'Preview' }).click();
  await d.getByTestId('pat-bc-counts').waitFor({ timeout: 60_000 });
  return d;
}

export const runCounts = (d: Locator) => d.getByTestId('pat-bc-run-counts').textContent();

/** Waits for the run to finish; retries failed targets (what an admin would do) up to twice. */
export async function finishRun(d: Locator, o: { undo?: boolean } = {}) {
  try {
    // The previous run's report stays on screen until the next run starts: wait for it.
    if (o.undo) await d.getByRole('heading', { name: 'Undo', exact: true }).waitFor();
    return await finishRunNow(d);
  } catch (e) {
    // What the admin would have seen, for the failure report.
    console.error('The dialog showed:', (await d.textContent())?.slice(0, 3000));
    throw e;
  }
}

async function finishRunNow(d: Locator) {
  for (let round = 0; ; round++) {
    await expect.poll(() => runCounts(d), { timeout: 120_000, interval: 500 }).toMatch(/ 0 left/);
    // Finished: the report can be exported once nothing runs.
    await expect.poll(() => d.getByRole('button', { name: 'Export report (CSV)' }).count()).toBe(1);
    const failed = Number(/(\d+) failed/.exec((await runCounts(d)) ?? '')?.[1] ?? 0);
    if (failed === 0 || round >= 2) return failed;
    await d.getByRole('button', { name: 'Retry failed only' }).click();
    // The retry has started once the report can no longer be exported (it may end very fast).
    await d
      .getByRole('button', { name: 'Export report (CSV)' })
      .waitFor({ state: 'detached', timeout: 3000 })
      .catch(() => {});
  }
}

export function setsOf(account: Account, names: string[]): Map<string, Lines> {
  const all = replicaSets(account);
  return new Map(names.map((n) => [n, all.get(n) ?? []]));
}

export function noDuplicatesBeyond(want: Lines, got: Lines) {
  const count = (xs: Lines) => {
    const m = new Map<string, number>();
    for (const [l, s] of xs) m.set(`${l}|${s}`, (m.get(`${l}|${s}`) ?? 0) + 1);
    return m;
  };
  const w = count(want);
  for (const [k, n] of count(got)) expect(n, `duplicated: ${k}`).toBeLessThanOrEqual(w.get(k) ?? 0);
}

export async function expectReport(d: Locator, targets: number) {
  const rows = d.getByTestId('pat-bc-report').locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(targets);
  const states = await rows.locator('td:nth-child(2)').allTextContents();
  return states;
}

export function pickTargets(account: Account, n: number): string[] {
  // Products with and without actions: the latter are not listed on the Actions page.
  return account.state.products.slice(0, n).map((p) => p.name);
}

export async function openFresh(world: World, app: string) {
  const { openActionsPage } = await import('./popup');
  return openActionsPage(world, app);
}
