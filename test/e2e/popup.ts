import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Account } from '../replica';
import { actionsButtonFor, addTagActionAndSave, mouseClick, toolbar } from './crm-ui';
import { dialectOf, listedFigures, toolbarSets } from './expect';
import type { World } from './harness';

// The pop-up-workaround scenario every blocker variant must pass (issue 4, "Done when").

export function editorPages(world: World, account: Account): Page[] {
  const path = dialectOf(account).paths.editor;
  return world.context.pages().filter((p) => {
    try {
      const u = new URL(p.url());
      return u.hostname === `${account.app}.infusionsoft.com` && u.pathname === path;
    } catch {
      return false;
    }
  });
}

/**
 * Waits until exactly one editor is open and stays so for `settleMs` (a pop-up a blocker closes a
 * moment later, or a late duplicate, must not count).
 */
export async function exactlyOneEditor(world: World, account: Account, settleMs = 1500) {
  const deadline = Date.now() + 25_000;
  for (;;) {
    await expect.poll(() => editorPages(world, account).length, { timeout: 20_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, settleMs));
    if (editorPages(world, account).length === 1) break;
    if (Date.now() > deadline) {
      expect(editorPages(world, account).map((p) => p.url())).toHaveLength(1);
    }
  }
  const editor = editorPages(world, account)[0] as Page;
  await editor.waitForLoadState();
  return editor;
}

export async function openActionsPage(
  world: World,
  app: string,
): Promise<{ page: Page; account: Account }> {
  await world.login(app);
  const account = world.replica.accounts.get(app);
  if (!account) throw new Error(`no account ${app}`);
  const page = await world.open(app, dialectOf(account).paths.actions);
  const bar = await toolbar(page);
  await bar.getByRole('region', { name: 'Purchase Actions Toolkit' }).waitFor();
  const figures = listedFigures(account);
  // Without printed counts the toolbar counts by reading editors, but not for a big account.
  const counts = account.state.dialect === 'inline' || figures.sets <= 60;
  await expect
    .poll(() => bar.getByTestId('pat-sets').textContent(), { timeout: 15_000 })
    .toBe(toolbarSets(account, counts));
  await expect
    .poll(() => bar.getByTestId(counts ? 'pat-actions' : 'pat-status').textContent(), {
      timeout: 15_000,
    })
    .toBe(counts ? `${figures.actions} actions` : 'this page shows no action counts');
  return { page, account };
}

const failedActions = (account: Account) =>
  account.state.actionSets.find(
    (s) => s.owner.kind === 'trigger' && s.owner.trigger === 'failedPurchase',
  )?.actionIds.length ?? 0;

/**
 * Click Actions on the Failed Purchase row: one editor opens; a second click keeps that same
 * editor (not reloaded, not doubled); adding an action and saving updates the Actions page.
 */
export async function editorRoundTrip(
  world: World,
  app: string,
  o: { notice: boolean; settleMs?: number; click?: (page: Page) => Promise<void> },
) {
  // An editor window an earlier test left open is still that set's editor, and the toolkit
  // rightly brings it forward instead of opening a second one; this test needs a fresh one.
  for (const p of world.context.pages()) {
    if (p.url().includes(`//${app}.infusionsoft.com/`)) await p.close();
  }
  const { page, account } = await openActionsPage(world, app);
  const before = failedActions(account);
  const total = listedFigures(account).actions;
  await (o.click?.(page) ?? mouseClick(page, actionsButtonFor(page, 'Failed Purchase Action')));
  const editor = await exactlyOneEditor(world, account, o.settleMs);
  // A notice says when the toolkit opened the editor itself, and only then.
  await expect
    .poll(async () => (await toolbar(page)).getByTestId('pat-notice').count(), { timeout: 10_000 })
    .toBe(o.notice ? 1 : 0);
  await editor.evaluate(() => {
    (window as unknown as { patMarker: number }).patMarker = 42;
  });
  await mouseClick(page, actionsButtonFor(page, 'Failed Purchase Action'));
  await new Promise((r) => setTimeout(r, 1500));
  expect(editorPages(world, account).length).toBe(1);
  expect(await editor.evaluate(() => (window as unknown as { patMarker?: number }).patMarker)).toBe(
    42,
  );

  await addTagActionAndSave(editor);
  await expect.poll(() => failedActions(account)).toBe(before + 1);
  await expect.poll(() => editorPages(world, account).length, { timeout: 10_000 }).toBe(0);
  // The Actions page learned of the save: its toolbar (and inline counts) follow.
  await expect
    .poll(async () => (await toolbar(page)).getByTestId('pat-actions').textContent(), {
      timeout: 15_000,
    })
    .toBe(`${total + 1} actions`);
  if (account.state.dialect === 'inline') {
    await expect
      .poll(async () =>
        (
          await page.locator('tr', { hasText: 'Failed Purchase Action' }).last().textContent()
        )?.replace(/\s+/g, ' '),
      )
      .toContain(`(${before + 1})`);
  }
  return { page, account };
}
