// `npm start`: build the extension, start the replica CRM with the `demo` account, and open
// Chromium with the extension on the E-Commerce > Actions page. Without a display it runs a
// scripted tour instead (each feature doing its job) and writes screenshots to a folder it names.
// PAT_OUT_DIR (default .output) picks the build folder, as for the e2e tests.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { launchWithExtension } from '../test/e2e/browser';
import { dialog } from '../test/e2e/bulk';
import { actionsButtonFor, mouseClick, toolbar, toolkitFrame } from '../test/e2e/crm-ui';
import { type Account, INLINE, startReplica } from '../test/replica';

const OUT = resolve(import.meta.dirname, '../demo-screenshots');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
const started = Date.now();
let step = 0; // the tour's screenshot number

console.log('Building the extension (wxt build)…');
execSync('npx wxt build', { stdio: 'inherit' });

const replica = await startReplica({
  port: Number(process.env.REPLICA_PORT ?? 0),
  accounts: [
    { app: 'demo', dialect: 'inline', seed: 'demo' },
    { app: 'acme', dialect: 'scripted', seed: 'acme' },
  ],
});
const { context, extensionId, close } = await launchWithExtension({
  hostResolverRules: replica.hostResolverRules,
  headless: !headed,
  // The tour shows the editor opening under Chromium's own pop-up blocker.
  popupBlocker: !headed,
});
const demo = replica.accounts.get('demo');
if (!demo) throw new Error('the replica has no demo account');
const session = demo.createSession();
await context.addCookies([
  { ...session, domain: 'demo.infusionsoft.com', path: '/', secure: true, httpOnly: true },
]);
const actionsUrl = `${replica.origin('demo')}${INLINE.paths.actions}`;
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(actionsUrl);
await toolbar(page);

if (headed) {
  console.log('\nThe demo is open in Chromium: E-Commerce > Actions of the `demo` account.');
  console.log('Close the browser window or press Ctrl+C to stop.');
  const stop = async () => {
    await close().catch(() => {});
    await replica.stop();
    process.exit(0);
  };
  context.on('close', () => void stop());
  process.once('SIGINT', () => void stop());
} else {
  console.log('\nNo display: running the scripted tour instead.');
  try {
    await tour(context, page, demo);
  } finally {
    await close().catch(() => {});
    await replica.stop();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\nScreenshots written to ${OUT} (${seconds} s)`);
}

/** Polls `read` until `ok` holds (the tour runs outside the test runner: no expect.poll). */
async function until<T>(
  what: string,
  read: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeout = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`tour: timed out waiting for ${what} (last: ${v})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Clip = { x: number; y: number; width: number; height: number };

/** The box around some elements, padded and kept inside the viewport, for a clipped screenshot. */
async function around(p: Page, targets: Locator[], pad = 12): Promise<Clip> {
  const boxes = (await Promise.all(targets.map((t) => t.boundingBox()))).filter((b) => b !== null);
  if (boxes.length === 0) throw new Error('tour: nothing to frame');
  const view = p.viewportSize() ?? { width: 1280, height: 900 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

/** A viewport screenshot (clipped to `clip`), numbered in tour order. */
async function shot(p: Page, name: string, caption: string, clip?: Clip): Promise<Buffer> {
  step++;
  const png = await p.screenshot({ path: resolve(OUT, `${step}-${name}.png`), clip });
  console.log(`  ${step}. ${caption}`);
  return png;
}

/**
 * Two screenshots side by side in one image, each under a short label (the Actions page and the
 * editor window the toolkit opened: two windows, one moment). Laid out by the browser itself.
 */
async function sideBySide(
  context: BrowserContext,
  name: string,
  caption: string,
  panes: { label: string; png: Buffer }[],
) {
  const board = await context.newPage();
  const esc = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  await board.setContent(
    `<body style="margin:0;background:#d0d7de;font:13px system-ui,sans-serif">
    <div id="board" style="display:inline-flex;gap:12px;padding:12px;align-items:flex-start">
    ${panes
      .map(
        (p) => `<figure style="margin:0;background:#fff;border:1px solid #8c959f">
        <figcaption style="padding:4px 8px;background:#eaeef2;border-bottom:1px solid #8c959f">${esc(p.label)}</figcaption>
        <img style="display:block" src="data:image/png;base64,${p.png.toString('base64')}"></figure>`,
      )
      .join('')}</div></body>`,
  );
  step++;
  await board.locator('#board').screenshot({ path: resolve(OUT, `${step}-${name}.png`) });
  console.log(`  ${step}. ${caption}`);
  await board.close();
}

async function tour(context: BrowserContext, page: Page, demo: Account) {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  // A small window: the CRM's full-width tables keep the toolkit's controls near their labels.
  await page.setViewportSize({ width: 900, height: 760 });

  // 1. The toolbar, once it has counted the sets and actions.
  const counts = async () => {
    const bar = await toolbar(page);
    return `${await bar.getByTestId('pat-sets').textContent()}, ${await bar.getByTestId('pat-actions').textContent()}`;
  };
  await until('the toolbar counts', counts, (t) =>
    /^\d+ action sets \(\d+ with actions\), \d+ actions$/.test(t ?? ''),
  );
  await shot(page, 'toolbar', 'the toolbar on the Actions page', {
    x: 0,
    y: 0,
    width: 900,
    height: 560,
  });

  // 2. The page's own pop-up is blocked (it opens the editor 5.5 s after the click, past the
  //    click's user activation): the toolkit opens the editor itself and says so.
  demo.setFaults({ popupMode: 'late' });
  await page.reload();
  await toolbar(page);
  const isEditor = (p: Page) => p !== page && p.url().includes(INLINE.paths.editor);
  const row = 'Successful Purchase Action';
  await mouseClick(page, actionsButtonFor(page, row));
  const editor = await until(
    'the editor the toolkit opened',
    () => context.pages().find(isEditor),
    (p) => p !== undefined,
  );
  if (!editor) throw new Error('unreachable');
  await editor.waitForLoadState();
  await (await toolbar(page)).getByTestId('pat-notice').waitFor({ timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const withNotice = await page.screenshot({
    clip: await around(page, [page.locator('h1'), page.locator('tr', { hasText: row }).last()], 8),
  });
  await editor.setViewportSize({ width: 640, height: 400 });
  const editorPng = await editor.screenshot({ clip: { x: 0, y: 0, width: 640, height: 230 } });
  await sideBySide(
    context,
    'editor-under-blocker',
    'the pop-up blocked: the toolkit opened the editor and says so',
    [
      { label: 'E-Commerce > Actions: the toolkit’s notice in its toolbar', png: withNotice },
      { label: `The ${row} editor, in a window the toolkit opened`, png: editorPng },
    ],
  );
  await editor.close();
  demo.setFaults({ popupMode: 'normal' });
  await page.reload();
  await toolbar(page);

  // 3. "When does this run?" beside a product (its answer opens inside the row).
  const product = 'Weekly Pool Checkup';
  const productRow = page.locator('tr', { hasText: product }).last();
  const when = productRow.locator('pat-when');
  await when.getByRole('button', { name: 'When does this run?' }).click();
  await when.getByText('Does not run').first().waitFor();
  // The row above at the top; the answer runs from there down past the product's name (the name
  // sits halfway down the row, which the answer makes tall).
  const box = await productRow.evaluate((tr, label) => {
    const above = tr.previousElementSibling ?? tr;
    above.scrollIntoView({ block: 'start' });
    const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
    let text: Node | null = walker.nextNode();
    while (text && text.textContent?.trim() !== label) text = walker.nextNode();
    const range = document.createRange();
    range.selectNodeContents(text ?? tr);
    return { top: above.getBoundingClientRect().top, bottom: range.getBoundingClientRect().bottom };
  }, product);
  const view = page.viewportSize() ?? { width: 900, height: 760 };
  await shot(page, 'when-does-this-run', `"When does this run?" beside a product (${product})`, {
    x: 0,
    y: Math.max(0, box.top),
    width: view.width,
    height: Math.min(view.height, box.bottom + 20) - Math.max(0, box.top),
  });
  await when.getByRole('button', { name: 'When does this run?' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));

  // 4-5. Bulk copy: the Successful Purchase set to two products, adding what each lacks (the
  //      Mitt already sends the Order Receipt: that one is skipped, not doubled).
  const targets = ['Pool scrubbing Mitt', 'Pool Filter Cartridge'];
  await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
  const f: Frame = await toolkitFrame(page, 'bulk-copy');
  const d = await dialog(page);
  await d.waitFor({ timeout: 30_000 });
  await d.getByRole('radio', { name: 'Successful Purchase Action', exact: true }).check();
  await d.getByRole('button', { name: 'Next' }).click();
  for (const target of targets) {
    await d
      .locator('label.pat-bc-option')
      .filter({ has: f.getByText(target, { exact: true }) })
      .locator('input[type="checkbox"]')
      .check();
  }
  await until(
    'the targets ticked',
    () => d.getByTestId('pat-bc-selected').textContent(),
    (t) => (t ?? '').includes(String(targets.length)),
  );
  await d.getByRole('button', { name: 'Next' }).click();
  await d
    .getByRole('radio', { name: "Add the source's actions (skip ones a target already has)" })
    .check();
  await d.getByRole('button', { name: 'Preview' }).click();
  await d.getByTestId('pat-bc-counts').waitFor({ timeout: 60_000 });
  await d.getByText('Before and after').first().click();
  await shot(
    page,
    'bulk-copy-preview',
    'the bulk-copy preview: what each product will hold',
    await around(page, [d], 8),
  );
  await d.getByRole('button', { name: /^Copy to / }).click();
  await until(
    'the copy to finish',
    () => d.getByTestId('pat-bc-run-counts').textContent(),
    (t) => / 0 left/.test(t ?? ''),
    90_000,
  );
  await d.getByRole('button', { name: 'Export report (CSV)' }).waitFor({ timeout: 30_000 });
  await shot(page, 'bulk-copy-report', 'the bulk-copy report', await around(page, [d], 8));
  await d.getByRole('button', { name: 'Close' }).click();

  // 6-7. A snapshot, a change in the CRM, another snapshot: the diff, then the findings.
  const snapshot = async () => {
    await page.reload();
    const b = await toolbar(page);
    await b.getByRole('button', { name: 'Take snapshot' }).click();
    const status = await until(
      'the snapshot',
      () => b.getByTestId('pat-snapshot').textContent(),
      (t) => /Snapshot saved|stopped|session|could not/i.test(t ?? ''),
      60_000,
    );
    if (!status?.includes('Snapshot saved')) throw new Error(`tour: snapshot failed: ${status}`);
  };
  await snapshot();
  // An admin edits two sets in the CRM: the Error Purchase task goes, a product's tag changes.
  const error = { kind: 'trigger', trigger: 'errorPurchase' } as const;
  for (const a of demo.actionsOf(error)) demo.deleteAction(error, a.id);
  const checkup = demo.state.products.find((p) => p.name === product);
  const tag = demo.state.tags.find((t) => t.name === 'Chemicals Buyer');
  if (!checkup || !tag) throw new Error('tour: the demo seed changed');
  const owner = { kind: 'product', productId: checkup.id } as const;
  const tagAction = demo.actionsOf(owner).find((a) => a.type === 'applyRemoveTag');
  if (!tagAction) throw new Error('tour: the demo seed changed');
  const config = { ...tagAction.config, tagId: String(tag.id) };
  demo.saveAction(owner, tagAction.id, tagAction.type, config, tagAction.rules);
  await snapshot();

  const dash = await context.newPage();
  await dash.setViewportSize({ width: 1100, height: 820 });
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#/snapshots?app=demo`);
  const rows = dash.locator('li.snap-row');
  await until(
    'the snapshot list',
    () => rows.count(),
    (n) => n >= 2,
    15_000,
  );
  // The two newest (the list is newest first; the bulk copy kept its own snapshot too).
  for (const r of [rows.nth(0), rows.nth(1)]) {
    await r.getByRole('checkbox', { name: /^Compare/ }).check();
  }
  await dash.getByRole('button', { name: /^Compare selected/ }).click();
  const compared = dash.getByRole('heading', { name: 'Compare snapshots' });
  await compared.waitFor();
  const summary = dash.getByRole('list', { name: 'Summary of differences' });
  await summary.waitFor();
  await dash.evaluate(() => window.scrollTo(0, 0));
  const unchanged = dash.getByText(/sets? unchanged/);
  await shot(
    dash,
    'snapshot-diff',
    'the snapshot diff in the dashboard',
    await around(dash, [compared, summary, unchanged], 16),
  );
  await dash.getByRole('button', { name: '← Back to the snapshot list' }).click();
  await rows
    .nth(0)
    .getByRole('button', { name: /^Findings/ })
    .click();
  const findings = dash.locator('.snap-findings');
  await findings.waitFor();
  await dash.evaluate(() => window.scrollTo(0, 0));
  await shot(
    dash,
    'findings',
    "the newest snapshot's findings",
    await around(dash, [dash.getByRole('heading', { name: /^Findings:/ }), findings], 16),
  );

  // 8. The trigger matrix: its controls and first rows, under the dashboard's tabs.
  await dash.setViewportSize({ width: 1200, height: 900 });
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#/matrix`);
  await until(
    'the matrix',
    () => dash.getByTestId('matrix-count').textContent(),
    (t) => /\d+ of \d+/.test(t ?? ''),
  );
  await dash.evaluate(() => window.scrollTo(0, 0));
  const tabs = dash.getByRole('navigation').first();
  const third = dash.locator('table tbody tr').nth(2);
  await shot(
    dash,
    'dashboard-matrix',
    'the trigger matrix in the dashboard',
    await around(dash, [tabs, third], 0),
  );
}
