import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../replica';
import { chooseCopy, dialog, expected, finishRun, noDuplicatesBeyond, setsOf } from './bulk';
import { actionsButtonFor, addTagActionAndSave, mouseClick, toolbar, toolkitFrame } from './crm-ui';
import { snapshotThroughToolbar } from './dashboard';
import { dialectOf, listedFigures } from './expect';
import { refusedAfter, startWorld, type World } from './harness';
import { editorPages, exactlyOneEditor, openActionsPage } from './popup';

// Issue 9: a script on a page of account X (here a client account seeded with
// hostile names), or on a non-account subdomain, attacks account Y's open tabs and the toolkit's
// own UI with nothing but DOM APIs. The attack code runs in the page's own JavaScript world (as a
// page script would). Every attack is judged by a positive signal (the background's refusal log,
// the replica's unchanged state, counters in Y's page that stayed 0 behind a barrier the
// refusal provides), and every attack has a control case through the same machinery.

const PAIRS = [
  { x: 'xinl', y: 'yinl', dialect: 'inline' as const },
  { x: 'xscr', y: 'yscr', dialect: 'scripted' as const },
];

let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: PAIRS.flatMap((p) => [
      { app: p.x, dialect: p.dialect, seed: 'acme' as const },
      { app: p.y, dialect: p.dialect, seed: 'demo' as const },
    ]),
  });
});
afterAll(async () => world?.close());

const accountOf = (app: string) => world.replica.accounts.get(app) as Account;
/** Writes the replica received for an account: what a page's attack must leave unmoved. */
const postsTo = (account: Account) => account.requestLog.filter((e) => e.method === 'POST').length;

const editorUrl = (account: Account) => {
  const d = dialectOf(account);
  const params = new URLSearchParams(d.ownerParams({ kind: 'trigger', trigger: 'failedPurchase' }));
  return `${world.replica.origin(account.app)}${d.paths.editor}?${params}`;
};

const editorPath = (account: Account) => {
  const u = new URL(editorUrl(account));
  return u.pathname + u.search;
};

/** Counters in Y's Actions page: what a forged opener call would have to move. */
async function watchPage(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { patCounts: { messages: number; opens: number } };
    w.patCounts = { messages: 0, opens: 0 };
    window.addEventListener('message', () => w.patCounts.messages++);
    const open = window.open;
    window.open = (...args: Parameters<typeof window.open>) => {
      w.patCounts.opens++;
      return open.apply(window, args);
    };
  });
}
const countsOf = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { patCounts: { messages: number; opens: number } }).patCounts,
  );

/** The forged events a page script sends once it has made our content script take it for an editor. */
const fireOpenerCalls = (page: Page) =>
  page.evaluate(() => {
    const fire = (d: unknown) =>
      document.dispatchEvent(new CustomEvent('pat:opener-call', { detail: JSON.stringify(d) }));
    fire({ kind: 'call', name: 'eval', args: JSON.stringify(["document.title='pwned'"]) });
    fire({
      kind: 'call',
      name: 'open',
      args: JSON.stringify(["javascript:document.title='pwned'", '_self']),
    });
    fire({ kind: 'close' });
    // Last: its refusal is the barrier that proves the earlier events were handled too.
    fire({ kind: 'postMessage', data: JSON.stringify({ type: 'forged' }) });
  });

/** The non-account subdomain's page; with `asEditor`, its HTML is a copy of X's editor page. */
async function wwwPage(x: string, asEditor = false): Promise<Page> {
  const url = `${world.replica.origin(x).replace(`//${x}.`, '//www.')}/forms/order`;
  const p = await world.context.newPage();
  if (asEditor) {
    const original = await world.open(x, editorPath(accountOf(x)));
    const html = await original.content();
    await original.close();
    await p.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  }
  await p.goto(url);
  return p;
}

/** Counts the clicks that reach one of the toolkit's frames, real and synthetic apart. */
async function watchClicks(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { patClicks: { real: number; synthetic: number } };
    w.patClicks = { real: 0, synthetic: 0 };
    window.addEventListener(
      'click',
      (e) => {
        if (e.isTrusted) w.patClicks.real++;
        else w.patClicks.synthetic++;
      },
      true,
    );
  });
}
const clicksIn = (frame: Frame) =>
  frame.evaluate(
    () => (window as unknown as { patClicks: { real: number; synthetic: number } }).patClicks,
  );

/**
 * The page's synthetic clicks all over the toolkit's UI (its hosts), judged in `frame`, the
 * toolkit frame they aim at, which reads its counter behind any click it had been given: none
 * arrived; and the account received no write and its sets are as they were.
 */
async function clickAttack(page: Page, frame: Frame, account: Account): Promise<void> {
  const posts = postsTo(account);
  const state = JSON.stringify(account.state.actionSets);
  await watchClicks(frame);
  const seen = await page.evaluate(attackUi, {
    other: 'Restore: each chosen set',
    onlyToolkit: true,
  });
  expect(seen.clicks).toBeGreaterThan(50);
  expect(seen.openRoots).toBe(0);
  expect(seen.leaks).toBe(false);
  expect(await clicksIn(frame)).toEqual({ real: 0, synthetic: 0 });
  expect(postsTo(account)).toBe(posts);
  expect(JSON.stringify(account.state.actionSets)).toBe(state);
}

const dialogFrames = (page: Page) =>
  page
    .frames()
    .filter((f) => !f.isDetached() && f.url().includes('/toolkit-frame.html#bulk-copy.'));

/**
 * A frame of the toolkit's page that a page made itself (`#id`): Chrome does not load it at all
 * (chrome-error://), or it loads and the background refuses its hello for want of a
 * registration, leaving it without a single control. Real clicks in it change nothing.
 */
async function expectInertFrame(page: Page, id: string, since: number): Promise<string> {
  const element = await page.$(`#${id}`);
  const framed = await element?.contentFrame();
  if (!element || !framed) throw new Error('the page made no frame');
  const state = async () => {
    if (framed.url().startsWith('chrome-error:')) return 'blocked by the browser';
    const text =
      (await framed
        .locator('body')
        .textContent()
        .catch(() => '')) ?? '';
    return /not opened by the toolkit|no registration/.test(text) ? 'inert' : 'loading';
  };
  await expect.poll(state, { timeout: 10_000 }).toMatch(/blocked by the browser|inert/);
  const box = await element.boundingBox();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const result = await state();
  if (result === 'inert') {
    const refused = (await world.refusals()).slice(since).find((r) => r.what === 'frame-hello');
    expect(refused?.why).toMatch(/no registration/);
    expect(await framed.getByRole('button').count()).toBe(0);
  }
  return result;
}

/** Frames the toolkit's page at `src` on `page`, as a page script would, 400 by 200 at (left, top). */
const frameOn = (page: Page, id: string, src: string, top = 0, left = 0) =>
  page.evaluate(
    ([fid, fsrc, ftop, fleft]) => {
      const f = document.createElement('iframe');
      f.id = fid;
      f.src = fsrc;
      f.style.cssText = `position:fixed;left:${fleft}px;top:${ftop}px;width:400px;height:200px;z-index:2147483647`;
      document.documentElement.append(f);
    },
    [id, src, top, left] as const,
  );

/**
 * Sends a runtime message from the toolkit's content script in `page` (its isolated world,
 * reached through the DevTools protocol): the strongest forger there is, a content script fooled
 * into naming any key. The background still decides by the sender tab's own URL.
 */
async function sendFromContentScript(page: Page, message: unknown): Promise<unknown> {
  const cdp = await world.context.newCDPSession(page);
  const worlds: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] =
    [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const ours = worlds.find(
    (c) =>
      c.auxData?.type === 'isolated' &&
      c.auxData.frameId === frameTree.frame.id &&
      c.origin.includes(world.extensionId),
  );
  if (!ours) throw new Error(`no content script world in ${page.url()}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId: ours.id,
    expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.text);
  return result.value;
}

describe.each(PAIRS)('a page of another account cannot drive $y (%#)', ({ x, y }) => {
  it.each([
    ['an editor page of the client account', 'editor'],
    ['a non-account subdomain', 'www'],
    ['a non-account subdomain page made to look like an editor', 'www-editor'],
  ])(
    'forged editor key on %s: eval, javascript: open, close, postMessage all refused; the real editor still relays',
    async (_what, where) => {
      const ya = accountOf(y);
      await world.setOptions({ editorOpening: 'tab' });
      const { page: yPage } = await openActionsPage(world, y);
      const title = await yPage.title();
      // Y's own editor, opened through the toolkit (so its saves are relayed to yPage).
      await mouseClick(yPage, actionsButtonFor(yPage, 'Failed Purchase Action'));
      const yEditor = await exactlyOneEditor(world, ya, 500);
      await watchPage(yPage);

      // The attacker: X's own editor page (an editor by content), any page on www, or a www
      // page whose custom HTML copies an editor's markup (so our script takes it for one).
      await world.login(x);
      const attacker =
        where === 'editor'
          ? await world.open(x, editorPath(accountOf(x)))
          : await wwwPage(x, where === 'www-editor');
      const since = (await world.refusals()).length;
      await attacker.evaluate(
        (key) => sessionStorage.setItem('pat-editor-key', key),
        editorUrl(ya),
      );
      await attacker.reload();
      if (where !== 'www') {
        // Replacing Y's editor: the attacker's page announces itself under Y's key.
        const claim = await refusedAfter(world, since, 'editor-loaded', async () => {});
        expect(claim.why).toMatch(/another origin or account/);
      }
      const relay = await refusedAfter(world, since, 'editor-opener-call', () =>
        fireOpenerCalls(attacker),
      );
      expect(relay.why).toMatch(/another origin or account/);
      const close = (await world.refusals()).slice(since).find((r) => r.what === 'editor-close');
      expect(close?.why).toMatch(/another origin or account/);

      // Behind that barrier: nothing reached Y's page, and Y's editor is still open.
      expect(await countsOf(yPage)).toEqual({ messages: 0, opens: 0 });
      expect(await yPage.title()).toBe(title);
      expect(editorPages(world, ya)).toHaveLength(1);
      expect(yEditor.isClosed()).toBe(false);
      await attacker.close();

      // Control, same machinery: Y's real editor saves and its Actions page is told.
      const total = listedFigures(ya).actions;
      await addTagActionAndSave(yEditor);
      await expect
        .poll(async () => (await toolbar(yPage)).getByTestId('pat-actions').textContent(), {
          timeout: 15_000,
        })
        .toBe(`${total + 1} actions`);
      await expect.poll(() => editorPages(world, ya).length, { timeout: 10_000 }).toBe(0);
      await yPage.close();
      await world.setOptions({ editorOpening: 'when-blocked' });
    },
  );
});

/**
 * What a page script can see and do to the toolkit's UI on its page. With `onlyToolkit` its
 * synthetic clicks go only where the toolkit draws (the page's own links would navigate away).
 */
function attackUi({ other, onlyToolkit = false }: { other: string; onlyToolkit?: boolean }) {
  const texts: string[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      texts.push(el.textContent ?? '');
      for (const a of el.attributes) texts.push(a.value);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const hosts = [...document.querySelectorAll('pat-toolbar, pat-dialog')];
  let frameReads = 0;
  let frameRefusals = 0;
  for (let i = 0; i < window.frames.length; i++) {
    frameReads++;
    try {
      void (window.frames[i] as Window).document.body.innerHTML;
    } catch {
      frameRefusals++;
    }
  }
  // Synthetic clicks everywhere the toolkit draws, as a page would try to press its buttons.
  let clicks = 0;
  const step = onlyToolkit ? 10 : 30;
  for (let x = 5; x < innerWidth; x += step) {
    for (let y = 5; y < innerHeight; y += step) {
      const el = document.elementFromPoint(x, y);
      if (!el || (onlyToolkit && !el.closest('pat-toolbar, pat-dialog'))) continue;
      el.dispatchEvent(
        new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }),
      );
      clicks++;
    }
  }
  for (const h of hosts) (h as HTMLElement).click();
  return {
    leaks: texts.some((t) => t.includes(other) || t.includes('Restore: each chosen set')),
    hosts: hosts.length,
    openRoots: hosts.filter((h) => h.shadowRoot !== null).length,
    frameReads,
    frameRefusals,
    clicks,
  };
}

describe.each(PAIRS)("the toolkit's UI on $x is out of the page's reach (%#)", ({ x, y }) => {
  it('the page cannot read other accounts in the dialog, press its buttons, or use a frame it made', async () => {
    await snapshotThroughToolbar(world, y);
    const xa = accountOf(x);
    const { page } = await openActionsPage(world, x);
    const posts = () => postsTo(xa);
    await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
    const frame = await toolkitFrame(page, 'bulk-copy');
    // Control: the admin, in the toolkit's frame, sees Y's snapshot offered as a source, labelled
    // "<account>, <date>" (the CRM's own account switcher names Y too; that is not ours to hide).
    const label = `${y}, ${new Date().getUTCFullYear()}`;
    await expect
      .poll(async () => (await frame.locator('body').textContent()) ?? '')
      .toContain(label);
    const postsBefore = posts();

    const seen = await page.evaluate(attackUi, { other: label });
    expect(seen.leaks).toBe(false); // Y's snapshot is nowhere a page script can read
    expect(seen.hosts).toBe(2);
    expect(seen.openRoots).toBe(0);
    expect(seen.frameRefusals).toBe(seen.frameReads);
    expect(seen.clicks).toBeGreaterThan(100);
    // The synthetic clicks chose nothing: the dialog (read by the admin's side) is still at its
    // first step with no source, and the account received no write.
    const d = frame.getByRole('dialog');
    await expect
      .poll(() => d.getByRole('heading', { level: 2 }).textContent())
      .toBe('Choose the set to copy from');
    expect(await d.getByRole('radio', { checked: true }).count()).toBe(0);
    expect(posts()).toBe(postsBefore);
    // Control: a real click in the frame does choose.
    await d.getByRole('radio').first().check();
    expect(await d.getByRole('radio', { checked: true }).count()).toBe(1);

    // A page that frames the toolkit's dialog itself, to overlay it and trick clicks, gets an
    // inert frame: the background refuses it (or Chrome does not load it at all: it serves the
    // page only at its per-session dynamic URL, so the static address the page knows fails).
    const since = (await world.refusals()).length;
    const forged = `chrome-extension://${world.extensionId}/toolkit-frame.html#bulk-copy.00000000-0000-4000-8000-000000000000`;
    await frameOn(page, 'framed-by-page', forged);
    await expectInertFrame(page, 'framed-by-page', since);
    // Even the exact address the toolkit's own frames use is refused to the page by Chrome.
    const real = (await toolbar(page)).url().split('#')[0] as string;
    await frameOn(
      page,
      'framed-with-real-address',
      `${real}#bulk-copy.11111111-1111-4111-8111-111111111111`,
      220,
    );
    expect(await expectInertFrame(page, 'framed-with-real-address', since)).toBe(
      'blocked by the browser',
    );
    // And where a browser does serve it (Firefox has no dynamic URLs), the page is inert without
    // the background's registration: here it is loaded outside any toolkit frame, with a token
    // the background never issued.
    const since2 = (await world.refusals()).length;
    const loose = await world.context.newPage();
    await loose.goto(`${real}#bulk-copy.11111111-1111-4111-8111-111111111111`);
    await expect
      .poll(async () => (await loose.locator('body').textContent()) ?? '', { timeout: 10_000 })
      .toMatch(/not opened by the toolkit/);
    const hello = (await world.refusals()).slice(since2).find((r) => r.what === 'frame-hello');
    expect(hello?.why).toMatch(/no registration/);
    await loose.locator('body').click();
    expect(await loose.getByRole('button').count()).toBe(0);
    await loose.close();
    expect(posts()).toBe(postsBefore);
    await page.close();
  });
});

describe.each(PAIRS)('after a copy on $x, the page cannot press Undo (%#)', ({ x }) => {
  it('synthetic clicks over the report write nothing; a real click on Undo opens its preview', async () => {
    const xa = accountOf(x);
    // The source, Successful Purchase Action, holds what some product holds.
    const successful = { kind: 'trigger' as const, trigger: 'successfulPurchase' as const };
    const donor = xa.state.actionSets.find(
      (set) => set.owner.kind === 'product' && set.actionIds.length,
    );
    if (!donor) throw new Error('no product with actions');
    for (const a of xa.actionsOf(successful)) xa.deleteAction(successful, a.id);
    xa.copySet(donor.owner, successful);
    // A product without actions: the copy surely writes to it.
    const empty = xa.state.products.find(
      (p) =>
        !xa.state.actionSets.some(
          (set) =>
            set.owner.kind === 'product' && set.owner.productId === p.id && set.actionIds.length,
        ),
    );
    if (!empty) throw new Error('no product without actions');
    const { page } = await openActionsPage(world, x);
    const target = [empty.name];
    const d = await chooseCopy(page, target, 'add');
    await d.getByRole('button', { name: /^Copy to / }).click();
    expect(await finishRun(d)).toBe(0);
    const undo = d.getByRole('button', { name: 'Undo…' });
    await undo.waitFor();
    const posts = () => postsTo(xa);
    const before = posts();
    const state = JSON.stringify(xa.state.actionSets);

    const seen = await page.evaluate(attackUi, { other: 'Restore: each chosen set' });
    expect(seen.clicks).toBeGreaterThan(100);
    expect(seen.openRoots).toBe(0);
    // Behind a barrier the admin's side provides (the dialog answers a real read), nothing moved:
    // the report and its Undo are still there, no POST reached the account, its sets are as left.
    expect(await undo.count()).toBe(1);
    expect(await d.getByRole('heading', { name: 'Undo', exact: true }).count()).toBe(0);
    expect(posts()).toBe(before);
    expect(JSON.stringify(xa.state.actionSets)).toBe(state);
    // Control: a real click on Undo… shows the undo's preview.
    await undo.click();
    await d.getByRole('button', { name: /^Undo changes to / }).waitFor();
    expect(posts()).toBe(before);
    await page.close();
  });
});

describe.each(PAIRS)("the page cannot press $x's toolbar (%#)", ({ x }) => {
  it('synthetic clicks start no Bulk copy and no snapshot; real clicks do', async () => {
    const xa = accountOf(x);
    const posts = () => postsTo(xa);
    const snapshots = async () => (await world.storedSnapshots()).filter((s) => s.app === x);
    const { page } = await openActionsPage(world, x);
    const bar = await toolbar(page);
    const status = () => bar.getByTestId('pat-snapshot').textContent();
    const statusBefore = await status();
    const taken = (await snapshots()).length;
    const postsBefore = posts();

    // The dialog is closed: the page's synthetic clicks go all over the toolbar (its host).
    // Not one reaches the toolbar's frame, and nothing starts: no dialog, no snapshot, no write.
    await clickAttack(page, bar, xa);
    expect(dialogFrames(page)).toHaveLength(0);
    expect(await status()).toBe(statusBefore);
    expect((await snapshots()).length).toBe(taken);

    // Control: the admin's real click takes one snapshot, and the frame counted that click.
    await bar.getByRole('button', { name: 'Take snapshot' }).click();
    await expect
      .poll(status, { timeout: 60_000, interval: 250 })
      .toMatch(/Snapshot saved|stopped|session|could not/i);
    expect(await status()).toContain('Snapshot saved');
    expect((await snapshots()).length).toBe(taken + 1);
    expect(await clicksIn(bar)).toEqual({ real: 1, synthetic: 0 });
    // A whole snapshot later, still no dialog the synthetic clicks could have asked for.
    expect(dialogFrames(page)).toHaveLength(0);
    // Control: a real click on Bulk copy opens the dialog at its first step.
    await bar.getByRole('button', { name: 'Bulk copy', exact: true }).click();
    const d = await dialog(page);
    await expect
      .poll(() => d.getByRole('heading', { level: 2 }).textContent())
      .toBe('Choose the set to copy from');
    expect(posts()).toBe(postsBefore);
    await page.close();
  });
});

describe.each(PAIRS)('the page cannot press Copy on a restore preview of $x (%#)', ({ x }) => {
  it('synthetic clicks over the preview write nothing; a real click restores', async () => {
    const xa = accountOf(x);
    // A product with two actions; one is deleted by hand after the snapshot.
    const product = xa.state.products.find(
      (p) =>
        (xa.state.actionSets.find((s) => s.owner.kind === 'product' && s.owner.productId === p.id)
          ?.actionIds.length ?? 0) >= 2,
    );
    if (!product) throw new Error('no product with two actions');
    const owner = { kind: 'product' as const, productId: product.id };
    await snapshotThroughToolbar(world, x);
    const original = setsOf(xa, [product.name]);
    const first = xa.actionsOf(owner)[0];
    if (!first) throw new Error('no action');
    xa.deleteAction(owner, first.id);

    // The admin, by real clicks, up to the restore's preview.
    const { page } = await openActionsPage(world, x);
    await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
    const f = await toolkitFrame(page, 'bulk-copy');
    const d = await dialog(page);
    await d
      .locator('label.pat-bc-option')
      .filter({ hasText: 'Restore: each chosen set' })
      .filter({ hasText: `${x}, ` })
      .first()
      .locator('input')
      .check();
    await d.getByRole('button', { name: 'Next' }).click();
    await d
      .locator('label.pat-bc-option')
      .filter({ has: f.getByText(product.name, { exact: true }) })
      .locator('input')
      .check();
    await d.getByRole('button', { name: 'Next' }).click();
    await d.getByRole('radio', { name: "Replace the target's actions" }).check();
    await d.getByRole('button', { name: 'Preview' }).click();
    const copy = d.getByRole('button', { name: /^Copy to / });
    await copy.waitFor({ timeout: 30_000 });
    const before = postsTo(xa);

    // Not one synthetic click arrives in the dialog's frame, nothing is written, and the
    // preview still waits for the admin.
    await clickAttack(page, f, xa);
    expect(await d.getByRole('heading', { level: 2 }).textContent()).toBe('Preview');
    expect(await copy.isEnabled()).toBe(true);

    // Control: the admin's real click on Copy restores the set as the snapshot had it.
    await copy.click();
    expect(await finishRun(d)).toBe(0);
    expect(await clicksIn(f)).toMatchObject({ synthetic: 0 });
    expect(postsTo(xa)).toBeGreaterThan(before);
    expect(setsOf(xa, [product.name])).toEqual(original);
    await page.close();
  });
});

describe.each(PAIRS)('the page cannot resume an interrupted bulk copy on $x (%#)', ({ x }) => {
  it("synthetic clicks on the toolbar's and the dialog's Resume write nothing; real clicks resume", {
    timeout: 240_000,
  }, async () => {
    const xa = accountOf(x);
    const source = setsOf(xa, ['Successful Purchase Action']).get('Successful Purchase Action');
    if (!source?.length) throw new Error('no source actions');
    // Products the copy surely changes (each lacks something of the source).
    const names = xa.state.products.map((p) => p.name);
    const before = setsOf(xa, names);
    const targets = names
      .filter(
        (n) =>
          JSON.stringify(expected(before.get(n) ?? [], source, 'add')) !==
          JSON.stringify(before.get(n)),
      )
      .slice(0, 4);
    expect(targets.length).toBeGreaterThanOrEqual(3);
    const want = new Map(targets.map((n) => [n, expected(before.get(n) ?? [], source, 'add')]));

    // Leave an interrupted job, as bulk-copy-closed-tab.test.ts does: the tab closes mid-run,
    // here at the job's first write (one target at a time, so the others are surely left).
    const posts = () => postsTo(xa);
    await world.setOptions({ maxInFlight: 1 });
    const first = await openActionsPage(world, x);
    const d1 = await chooseCopy(first.page, targets, 'add');
    const unwritten = posts();
    xa.setFaults({ latencyMs: 1000 });
    await d1.getByRole('button', { name: /^Copy to / }).click();
    await expect.poll(posts, { timeout: 60_000, interval: 20 }).toBeGreaterThan(unwritten);
    await first.page.close();
    xa.setFaults({ latencyMs: 0 });
    await world.setOptions({ maxInFlight: 4 });

    const { page } = await openActionsPage(world, x);
    const bar = await toolbar(page);
    const resume = bar.getByRole('button', { name: 'Resume the interrupted bulk copy' });
    // Offered once the closed tab's hold on the account has lapsed.
    await resume.waitFor({ timeout: 60_000 });
    const partly = setsOf(xa, targets);
    expect(targets.some((n) => JSON.stringify(partly.get(n)) !== JSON.stringify(want.get(n)))).toBe(
      true,
    );
    await clickAttack(page, bar, xa);
    expect(dialogFrames(page)).toHaveLength(0);
    expect(await resume.count()).toBe(1);

    // Control, first half: the admin's real click opens the job at its progress, with Resume.
    await resume.click();
    const d = await dialog(page);
    const resumeRun = d.getByRole('button', { name: 'Resume', exact: true });
    await resumeRun.waitFor();
    // The dialog's own Resume is no nearer to the page.
    await clickAttack(page, await toolkitFrame(page, 'bulk-copy'), xa);
    expect(await resumeRun.count()).toBe(1);

    // Control: the real click resumes, and the job finishes exactly as planned.
    await resumeRun.click();
    expect(await finishRun(d)).toBe(0);
    const after = setsOf(xa, targets);
    for (const n of targets) {
      expect([n, after.get(n)]).toEqual([n, want.get(n)]);
      noDuplicatesBeyond(want.get(n) ?? [], after.get(n) ?? []);
    }
    await page.close();
  });
});

describe.each(PAIRS)("a www page cannot use the toolkit's frames (%#)", ({ x }) => {
  it('frames of the dialog and toolbar page, static and real address, stay inert under real clicks', async () => {
    // Control: the toolkit's own toolbar, at the real address, works on X's Actions page.
    const { page: xPage } = await openActionsPage(world, x);
    const bar = await toolbar(xPage);
    await bar.getByRole('region', { name: 'Purchase Actions Toolkit' }).waitFor();
    const real = bar.url().split('#')[0] as string;
    const postsOf = () =>
      PAIRS.flatMap((p) => [p.x, p.y]).reduce((n, app) => n + postsTo(accountOf(app)), 0);
    const postsBefore = postsOf();

    const www = await wwwPage(x);
    const since = (await world.refusals()).length;
    const token = '22222222-2222-4222-8222-222222222222';
    await frameOn(
      www,
      'static-dialog',
      `chrome-extension://${world.extensionId}/toolkit-frame.html#bulk-copy.${token}`,
    );
    await frameOn(
      www,
      'static-toolbar',
      `chrome-extension://${world.extensionId}/toolkit-frame.html#toolbar.${token}`,
      220,
    );
    await frameOn(www, 'real-dialog', `${real}#bulk-copy.${token}`, 0, 420);
    await frameOn(www, 'real-toolbar', `${real}#toolbar.${token}`, 220, 420);
    for (const id of ['static-dialog', 'static-toolbar', 'real-dialog', 'real-toolbar']) {
      const how = await expectInertFrame(www, id, since);
      expect([id, how]).toEqual([id, expect.stringMatching(/blocked by the browser|inert/)]);
    }
    expect(postsOf()).toBe(postsBefore);
    // The toolbar on X's page still answers the admin: its figures are there.
    expect(await bar.getByTestId('pat-sets').textContent()).toMatch(/action sets/);
    await www.close();
    await xPage.close();
  });
});

describe.each(PAIRS)("forged focus and status of $y's editor (%#)", ({ x, y }) => {
  it("X's page naming Y's editor is refused; Y's own page is answered", async () => {
    const ya = accountOf(y);
    await world.setOptions({ editorOpening: 'tab' });
    const { page: yPage } = await openActionsPage(world, y);
    await mouseClick(yPage, actionsButtonFor(yPage, 'Failed Purchase Action'));
    const yEditor = await exactlyOneEditor(world, ya, 500);
    const key = await yEditor.evaluate(() => sessionStorage.getItem('pat-editor-key'));
    if (!key) throw new Error('the editor has no key');
    const { page: xPage } = await openActionsPage(world, x);

    const since = (await world.refusals()).length;
    expect(await sendFromContentScript(xPage, { type: 'focus-editor', key })).toEqual({
      focused: false,
    });
    expect(await sendFromContentScript(xPage, { type: 'editor-status', key })).toEqual({
      open: false,
    });
    const log = (await world.refusals()).slice(since);
    for (const what of ['focus-editor', 'editor-status']) {
      expect(log.find((r) => r.what === what)?.why).toMatch(/another origin or account/);
    }
    expect(editorPages(world, ya)).toHaveLength(1);

    // Control: the same messages from Y's own Actions page are answered: the editor is open,
    // and brought forward.
    const since2 = (await world.refusals()).length;
    expect(await sendFromContentScript(yPage, { type: 'editor-status', key })).toEqual({
      open: true,
    });
    expect(await sendFromContentScript(yPage, { type: 'focus-editor', key })).toEqual({
      focused: true,
    });
    expect((await world.refusals()).slice(since2)).toEqual([]);
    await yEditor.close();
    await yPage.close();
    await xPage.close();
    await world.setOptions({ editorOpening: 'when-blocked' });
  });
});
