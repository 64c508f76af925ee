import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { toolbar } from './crm-ui';
import type { World } from './harness';
import { openActionsPage } from './popup';

// Helpers for the dashboard e2e tests: open a section, take a snapshot through the CRM page's
// toolbar, and a second browser profile (a clean extension store) against the same replica.

/** Opens the extension's dashboard at `hash` (e.g. "#/matrix", "#/snapshots?app=demo"). */
export async function openDashboard(
  world: Pick<World, 'context' | 'extensionId'>,
  hash: string,
): Promise<Page> {
  const page = await world.context.newPage();
  await page.goto(`chrome-extension://${world.extensionId}/dashboard.html${hash}`);
  await page.getByRole('heading', { level: 1, name: 'Purchase Actions Toolkit' }).waitFor();
  return page;
}

/**
 * Takes a snapshot of `app` as the admin would: a fresh Actions page, "Take snapshot", and the
 * toolbar saying it was saved. A fresh page each time, so an earlier "Snapshot saved" cannot
 * pass for this one.
 */
export async function snapshotThroughToolbar(world: World, app: string): Promise<void> {
  const { page } = await openActionsPage(world, app);
  const bar = await toolbar(page);
  await bar.getByRole('button', { name: 'Take snapshot' }).click();
  const status = () => bar.getByTestId('pat-snapshot').textContent();
  await expect
    .poll(status, { timeout: 60_000, interval: 250 })
    .toMatch(/Snapshot saved|stopped|session|could not/i);
  expect(await status()).toContain('Snapshot saved');
  await page.close();
}

/** The dashboard's diff summary, one line per count ("3 actions changed"). */
export async function diffSummary(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Summary of differences' });
  await list.waitFor();
  return (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());
}
