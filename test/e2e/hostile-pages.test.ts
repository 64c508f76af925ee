import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../replica';
import { chooseCopy, finishRun } from './bulk';
import { actionsButtonFor, addTagActionAndSave, mouseClick, toolbar, toolkitFrame } from './crm-ui';
import { snapshotThroughToolbar } from './dashboard';
import { dialectOf, listedFigures } from './expect';
import { startWorld, type World } from './harness';
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

const editorUrl = (account: Account) => {
  const d = dialectOf(account);
  const params = new URLSearchParams(d.ownerParams({ kind: 'trigger', trigger: 'failedPurchase' }));
  return `${world.replica.origin(account.app)}${d.paths.editor}?${params}`;
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

/** Waits until the background has refused `what` (after `since` entries), repeating `attempt`. */
async function refusedAfter(since: number, what: string, attempt: () => Promise<void>) {
  for (let i = 0; i < 40; i++) {
    await attempt();
    const log = (await world.refusals()).slice(since);
    const hit = log.find((r) => r.what === what);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the background never refused ${what}`);
}

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

describe.each(PAIRS)('a page of another account cannot drive $y (%#)', ({ x, y }) => {
  it.each([
    ['an editor page of the client account', 'editor'],
    ['a non-account subdomain', 'www'],
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

      // The attacker: X's own editor page (an editor by content), or any page on www.
      await world.login(x);
      const attacker =
        where === 'editor'
          ? await world.open(
              x,
              new URL(editorUrl(accountOf(x))).pathname + new URL(editorUrl(accountOf(x))).search,
            )
          : await (async () => {
              const p = await world.context.newPage();
              await p.goto(`${world.replica.origin(x).replace(`//${x}.`, '//www.')}/forms/order`);
              return p;
            })();
      const since = (await world.refusals()).length;
      await attacker.evaluate(
        (key) => sessionStorage.setItem('pat-editor-key', key),
        editorUrl(ya),
      );
      await attacker.reload();
      if (where === 'editor') {
        // Replacing Y's editor: the attacker's page announces itself under Y's key.
        const claim = await refusedAfter(since, 'editor-loaded', async () => {});
        expect(claim.why).toMatch(/another origin or account/);
      }
      const relay = await refusedAfter(since, 'editor-opener-call', () =>
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

/** What a page script can see and do to the toolkit's UI on its page. */
function attackUi(other: string) {
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
  for (let x = 5; x < innerWidth; x += 30) {
    for (let y = 5; y < innerHeight; y += 30) {
      const el = document.elementFromPoint(x, y);
      if (!el) continue;
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
    const posts = () => xa.requestLog.filter((e) => e.method === 'POST').length;
    await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
    const frame = await toolkitFrame(page, 'bulk-copy');
    // Control: the admin, in the toolkit's frame, sees Y's snapshot offered as a source, labelled
    // "<account>, <date>" (the CRM's own account switcher names Y too; that is not ours to hide).
    const label = `${y}, ${new Date().getUTCFullYear()}`;
    await expect
      .poll(async () => (await frame.locator('body').textContent()) ?? '')
      .toContain(label);
    const postsBefore = posts();

    const seen = await page.evaluate(attackUi, label);
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
    // inert frame: the background refuses it (or Chrome does not load it at all).
    const since = (await world.refusals()).length;
    const forged = `chrome-extension://${world.extensionId}/toolkit-frame.html#bulk-copy.00000000-0000-4000-8000-000000000000`;
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.id = 'framed-by-page';
      f.src = src;
      f.style.cssText = 'position:fixed;left:0;top:0;width:400px;height:200px;z-index:1';
      document.documentElement.append(f);
    }, forged);
    const framed = await (await page.$('#framed-by-page'))?.contentFrame();
    if (!framed) throw new Error('the page made no frame');
    // Chrome serves the page only at its per-session dynamic URL, so the static address the page
    // knows loads an error page (chrome-error://); were it served, it would have no registration.
    await expect
      .poll(
        async () => {
          if (framed.url().startsWith('chrome-error:')) return 'blocked by the browser';
          const text =
            (await framed
              .locator('body')
              .textContent()
              .catch(() => '')) ?? '';
          return /not opened by the toolkit/.test(text) ? 'inert' : 'loading';
        },
        { timeout: 10_000 },
      )
      .toMatch(/blocked by the browser|inert/);
    if (!framed.url().startsWith('chrome-error:')) {
      const refused = (await world.refusals()).slice(since).find((r) => r.what === 'frame-hello');
      expect(refused?.why).toMatch(/no registration/);
      expect(await framed.getByRole('button').count()).toBe(0);
    }
    // Even the exact address the toolkit's own frames use is refused to the page by Chrome.
    const real = (await toolbar(page)).url().split('#')[0] as string;
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.id = 'framed-with-real-address';
      f.src = src;
      document.documentElement.append(f);
    }, `${real}#bulk-copy.11111111-1111-4111-8111-111111111111`);
    const strong = await (await page.$('#framed-with-real-address'))?.contentFrame();
    await expect.poll(() => strong?.url() ?? '', { timeout: 10_000 }).toMatch(/^chrome-error:/);
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
    const posts = () => xa.requestLog.filter((e) => e.method === 'POST').length;
    const before = posts();
    const state = JSON.stringify(xa.state.actionSets);

    const seen = await page.evaluate(attackUi, 'Restore: each chosen set');
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
