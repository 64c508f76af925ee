import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_NAME } from '@/lib/store/schema';
import { toolbar } from './crm-ui';
import { snapshotThroughToolbar } from './dashboard';
import { dialectOf } from './expect';
import { startWorld, type World } from './harness';
import { openActionsPage } from './popup';

// The toolbar button's pop-up (issue 12): what it shows for the current tab, on a CRM tab and
// on any other tab, and axe-core on the pop-up and the options page. The pop-up page is opened
// in a tab of its own, about the tab that was active just before (`?tab=`, which a real pop-up
// does without: it asks for the active tab of its window, test/unit/popup).
let world: World;
const APP = 'demo';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  world = await startWorld({ accounts: [{ app: APP, dialect: 'inline', seed: 'demo' }] });
  await world.login(APP);
});
afterAll(async () => world?.close());

const worker = () => {
  const w = world.context.serviceWorkers().find((s) => s.url().includes(world.extensionId));
  if (!w) throw new Error('the extension service worker is not running');
  return w;
};

/** Brings `page` to the front and asks the browser which tab is active now: that tab's id. */
async function activate(page: Page): Promise<number> {
  await page.bringToFront();
  const id = await worker().evaluate(async () => {
    const g = globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } };
    };
    return (await g.chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  });
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/** The pop-up about `page`, as the toolbar button would show it with `page` the current tab. */
async function popupFor(page: Page): Promise<Page> {
  const tabId = await activate(page);
  const popup = await world.context.newPage();
  await popup.goto(`chrome-extension://${world.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('heading', { level: 1, name: 'Purchase Actions Toolkit' }).waitFor();
  await popup.getByRole('status').filter({ hasText: 'Loading…' }).waitFor({ state: 'detached' });
  return popup;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe;
    return (await axe.run()) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const home = () => {
  const account = world.replica.accounts.get(APP);
  if (!account) throw new Error('no account');
  return world.open(APP, dialectOf(account).paths.home);
};

describe('the toolbar button pop-up', () => {
  it('on a page that is not Keap: says where the toolkit works, and offers the dashboard and options', async () => {
    const other = await world.context.newPage();
    await other.goto('data:text/html,<title>Elsewhere</title><h1>Not a CRM page</h1>');
    const popup = await popupFor(other);
    await expect
      .poll(() => popup.getByTestId('pat-popup-other').textContent())
      .toContain('The toolkit works on Keap Max Classic pages');
    expect(await popup.getByText('Account:').count()).toBe(0);
    expect(await axeViolations(popup)).toEqual([]);

    const dashboard = world.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Open the dashboard' }).click();
    const opened = await dashboard;
    await opened.waitForLoadState();
    expect(new URL(opened.url()).pathname).toBe('/dashboard.html');
    await opened.close();

    const popup2 = await popupFor(other);
    const options = world.context.waitForEvent('page');
    await popup2.getByRole('button', { name: 'Options' }).click();
    const optionsPage = await options;
    await optionsPage.waitForLoadState();
    expect(new URL(optionsPage.url()).pathname).toBe('/options.html');
    await optionsPage.close();
    await other.close();
  });

  it('on a CRM page before the Actions page was ever seen: the account, no snapshot, how to get there', async () => {
    const page = await home();
    const popup = await popupFor(page);
    expect(await popup.getByTestId('pat-popup-app').textContent()).toBe(APP);
    expect(await popup.getByTestId('pat-popup-last-snapshot').textContent()).toBe(
      'No snapshot of this account yet.',
    );
    expect(await popup.getByTestId('pat-popup-jobs').textContent()).toBe(
      'No bulk copy or restore is running.',
    );
    // No link to an address the toolkit has not seen: words only.
    const actions = popup.getByTestId('pat-popup-actions');
    expect(await actions.textContent()).toContain("In Keap's menu, open E-Commerce > Actions");
    expect(await actions.evaluate((e) => e.tagName)).toBe('P');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it("on the Actions page after a snapshot: the snapshot as stored, and its Take snapshot runs the toolbar's", async () => {
    await snapshotThroughToolbar(world, APP);
    const [stored] = await world.storedSnapshots();
    if (!stored) throw new Error('no snapshot stored');
    const { page } = await openActionsPage(world, APP);
    const popup = await popupFor(page);
    expect(await popup.getByTestId('pat-popup-app').textContent()).toBe(APP);
    const actions = stored.sets.reduce((n, s) => n + s.actions.length, 0);
    const last = await popup.getByTestId('pat-popup-last-snapshot').textContent();
    expect(last).toContain('(taken by hand)');
    expect(last).toContain(`${stored.sets.length} action sets, ${actions} actions`);
    expect(await popup.getByTestId('pat-popup-actions').textContent()).toContain(
      'This tab is the Actions page.',
    );
    expect(await axeViolations(popup)).toEqual([]);

    // Take snapshot in the pop-up: the toolbar on that page takes it, and the background stores it.
    await popup.getByRole('button', { name: 'Take snapshot' }).click();
    await expect
      .poll(() => popup.getByTestId('pat-popup-snapshot-status').textContent())
      .toBe('Taking a snapshot: its progress and result are on the toolbar of this page.');
    await popup.close();
    await page.bringToFront();
    const status = () => toolbar(page).then((bar) => bar.getByTestId('pat-snapshot').textContent());
    await expect
      .poll(status, { timeout: 60_000, interval: 250 })
      .toMatch(/Snapshot saved|stopped|session|could not/i);
    const said = /Snapshot saved: (\d+) sets, (\d+) actions/.exec((await status()) ?? '');
    expect(said, (await status()) ?? undefined).not.toBeNull();
    const after = await world.storedSnapshots();
    expect(after).toHaveLength(2);
    const newest = after.find((s) => s.id !== stored.id);
    expect(newest?.cause).toBe('manual');
    expect(newest?.sets.length).toBe(Number(said?.[1]));
    expect(newest?.sets.reduce((n, s) => n + s.actions.length, 0)).toBe(Number(said?.[2]));
    await page.close();
  });

  it('on another CRM page once the Actions page was seen: a button that takes this tab there', async () => {
    await (await openActionsPage(world, APP)).page.close();
    const page = await home();
    const popup = await popupFor(page);
    const go = popup.getByRole('button', { name: 'Go to the Actions page' });
    await go.click();
    const account = world.replica.accounts.get(APP);
    if (!account) throw new Error('no account');
    await expect.poll(() => new URL(page.url()).pathname).toBe(dialectOf(account).paths.actions);
    // The same tab, now on the CRM's Actions page (its page-bridge loaded, as only there).
    await expect.poll(() => page.title()).toBe('E-Commerce Actions');
    await page.close();
  });

  it('lists an unfinished write job of the account', async () => {
    const [stored] = await world.storedSnapshots();
    if (!stored) throw new Error('no snapshot stored');
    const now = new Date().toISOString();
    const target = (key: string, state: string) => ({
      key,
      name: key,
      state,
      attempts: 1,
      updatedAt: now,
    });
    const job = {
      id: 'job-popup-test',
      app: APP,
      kind: 'bulk-copy',
      createdAt: now,
      status: 'interrupted',
      snapshotBeforeId: stored.id,
      targets: [
        target('product:1', 'done'),
        target('product:2', 'queued'),
        target('product:3', 'failed'),
      ],
      source: null,
      mode: 'add',
    };
    const ext = await world.context.newPage();
    await ext.goto(`chrome-extension://${world.extensionId}/dashboard.html`);
    await ext.evaluate(
      ({ name, record }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('jobs', 'readwrite');
            tx.objectStore('jobs').put(record);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      { name: DB_NAME, record: job },
    );
    await ext.close();
    const page = await home();
    const popup = await popupFor(page);
    expect(await popup.getByTestId('pat-popup-jobs').allTextContents()).toEqual([
      'Bulk copy, interrupted: Resume it from the Actions page: 1 of 3 action sets done',
    ]);
    await popup.close();
    await page.close();
  });
});

describe('the options page', () => {
  it('has separate labelled fields, says Saved, links to the dashboard, and passes axe', async () => {
    const page = await world.context.newPage();
    await page.goto(`chrome-extension://${world.extensionId}/options.html`);
    const perSecond = page.getByLabel('Requests per second');
    await perSecond.fill('3');
    await perSecond.press('Tab');
    await expect.poll(() => page.getByTestId('pat-options-status').textContent()).toBe('Saved.');
    const stored = await worker().evaluate(async () => {
      const g = globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      };
      return (await g.chrome.storage.local.get('options')).options as { maxPerSecond?: number };
    });
    expect(stored.maxPerSecond).toBe(3);
    expect(await page.getByLabel('Requests at a time').inputValue()).toBe('4');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Open the dashboard' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard.html');
    await page.close();
  });
});
