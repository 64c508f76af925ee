import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBlocker } from './blocker';
import { actionsButtonFor, mouseClick } from './crm-ui';
import { dialectOf } from './expect';
import { startWorld, type World } from './harness';
import { editorPages, openActionsPage } from './popup';

// The page's own scripts can talk to everything we listen to. With every pop-up blocked (so the
// workaround would step in), a page that points a button elsewhere, or forges bridge answers,
// must get nothing opened.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'inl', dialect: 'inline', seed: 'demo' },
      { app: 'scr', dialect: 'scripted', seed: 'demo' },
      { app: 'other', dialect: 'inline', seed: 'demo' },
    ],
    popupBlocker: true,
    extraExtensions: [makeBlocker('null')],
  });
});
afterAll(async () => world?.close());

const TARGETS = {
  'another account': 'https://other.infusionsoft.com/app/purchaseActions/editActionSet?triggerId=4',
  'another origin': 'https://evil.example/steal',
  'a non-editor page of this account': '/Admin/home.jsp',
};

/** A page's forged "the pop-up for `url` was blocked" (the bridge's event), as if it came from us. */
const forgeBlocked = (page: Page, url: string) =>
  page.evaluate((target) => {
    document.dispatchEvent(
      new CustomEvent('pat:open-blocked', {
        detail: JSON.stringify({ url: new URL(target, location.href).href }),
      }),
    );
  }, url);

/**
 * Rewrites the Failed Purchase button to open `url`, forges bridge answers, and clicks it. The
 * forged "blocked" goes out before the click and again after it, when the toolkit would be
 * waiting for exactly that editor: the background either opens it at once (nothing else to
 * wait for) or refuses it, so its answer to that second one ends the attack.
 */
async function hostileClick(page: Page, url: string) {
  const button = actionsButtonFor(page, 'Failed Purchase Action');
  // Rewrite the button and answer every bridge request with the hostile URL first.
  await button.evaluate((el, target) => {
    el.setAttribute(
      'onclick',
      `window.open(${JSON.stringify(target)}, 'x', 'width=500'); return false;`,
    );
    const clone = el.cloneNode(true) as Element; // drops page listeners (scripted dialect)
    el.replaceWith(clone);
    document.addEventListener('pat:bridge-request', (e) => {
      const req = JSON.parse((e as CustomEvent).detail);
      const opens = Object.fromEntries(
        req.marks.map((m: string) => [
          m,
          { url: new URL(target, location.href).href, name: '', features: '' },
        ]),
      );
      document.dispatchEvent(
        new CustomEvent('pat:bridge-response', {
          detail: JSON.stringify({ id: req.id, type: 'editor-urls', opens }),
        }),
      );
    });
  }, url);
  await forgeBlocked(page, url);
  await mouseClick(page, actionsButtonFor(page, 'Failed Purchase Action'));
  await forgeBlocked(page, url);
}

describe.each(['inl', 'scr'])('a hostile page script (%s)', (app) => {
  it("(control) the same rewrite to this account's real editor URL is opened", async () => {
    const { page, account } = await openActionsPage(world, app);
    const d = dialectOf(account);
    const own = `${d.paths.editor}?${new URLSearchParams(d.ownerParams({ kind: 'trigger', trigger: 'failedPurchase' }))}`;
    await hostileClick(page, own);
    await expect.poll(() => editorPages(world, account).length).toBe(1);
    await Promise.all(editorPages(world, account).map((p) => p.close()));
    await page.close();
  });

  it.each(Object.entries(TARGETS))('cannot make the extension open %s', async (_what, url) => {
    const { page } = await openActionsPage(world, app);
    const before = world.context.pages().length;
    const since = (await world.refusals()).length;
    await hostileClick(page, url);
    // Both forged "blocked" were refused, the one sent after the click too: the click left no
    // wait behind that could open anything later.
    const blocked = async () =>
      (await world.refusals()).slice(since).filter((r) => r.what === 'editor-blocked');
    await expect
      .poll(async () => (await blocked()).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    for (const r of await blocked()) expect(r.why).toMatch(/no editor this tab is waiting for/);
    const log = (await world.refusals()).slice(since);
    // Where the address looked like an editor, the wait itself was refused, for its account.
    for (const r of log.filter((x) => x.what === 'expect-editor' || x.what === 'open-editor')) {
      expect(r.why).toMatch(/another origin or account/);
    }
    expect(world.context.pages().length).toBe(before);
    expect(world.context.pages().map((p) => new URL(p.url()).host)).not.toContain(
      'other.infusionsoft.com',
    );
    await page.close();
  });
});
