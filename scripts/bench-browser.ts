import type { Frame, Locator, Page } from 'playwright-core';
import { DEFAULT_POLITENESS } from '../lib/crm/polite';
import { copyDonorToSuccessful } from '../test/e2e/bulk';
import { toolbar, toolkitFrame } from '../test/e2e/crm-ui';
import { startWorld, type World } from '../test/e2e/harness';
import { type Account, INLINE } from '../test/replica';

// `npm run bench`, "capture (browser)" and "bulk copy (browser)": the production build in
// Chromium against the replica, driven through its own UI the way the e2e tests drive it
// (test/e2e/snapshot*.test.ts, test/e2e/bulk.ts), with plain polling loops instead of
// vitest's expect.poll. Requests are the replica's own request log for the account (every CRM
// request it received, /favicon.ico and the control API excepted), so the floor is computed
// from what actually reached the "CRM". The extension runs with its default politeness limits
// (4 in flight, 8 per second) against a replica answering every request after `latencyMs`.

export const floorSeconds = (
  requests: number,
  p: { maxInFlight: number; maxPerSecond: number },
  latencyMs: number,
) =>
  requests <= 0
    ? 0
    : Math.max(
        Math.floor((requests - 1) / p.maxPerSecond) + latencyMs / 1000,
        (Math.ceil(requests / p.maxInFlight) * latencyMs) / 1000,
      );

export const LIMITS = DEFAULT_POLITENESS;

/**
 * Requests the politeness queue paces: every request the replica logged, less the follow-up of
 * each redirect it answered (fetch follows a redirect inside the one paced request).
 */
const paced = (log: { status: number }[]) =>
  log.length - log.filter((e) => e.status >= 300 && e.status < 400).length;

/** Polls `read` every `everyMs` until `done` holds; the time it first held. */
async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  timeoutMs: number,
  everyMs = 100,
): Promise<{ value: T; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (value !== undefined && done(value)) return { value, at: Date.now() };
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${String(value)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function openActions(world: World, app: string): Promise<Page> {
  await world.login(app);
  const page = await world.open(app, INLINE.paths.actions);
  const bar = await toolbar(page);
  await bar.getByRole('region', { name: 'Purchase Actions Toolkit' }).waitFor({ timeout: 30_000 });
  // The toolbar has counted the page (inline prints its counts): nothing of its own is pending.
  await until(
    () => bar.getByTestId('pat-actions').textContent(),
    (t) => /\d+ actions/.test(t ?? ''),
    'toolbar counts',
    30_000,
  );
  // Let the page's own load settle so its requests stay out of what is measured.
  await new Promise((r) => setTimeout(r, 1000));
  return page;
}

export interface CaptureFigure {
  products: number;
  sets: number;
  requests: number;
  paced: number;
  seconds: number;
  floor: number;
  status: string;
}

/** Take snapshot on the Actions page of a generated account, click to "Snapshot saved". */
export async function captureInBrowser(
  world: World,
  app: string,
  latencyMs: number,
): Promise<CaptureFigure> {
  const account = world.replica.accounts.get(app) as Account;
  const page = await openActions(world, app);
  try {
    const bar = await toolbar(page);
    account.setFaults({ latencyMs });
    const from = account.requestLog.length;
    const t0 = Date.now();
    await bar.getByRole('button', { name: 'Take snapshot' }).click();
    const { value: status, at } = await until(
      () => bar.getByTestId('pat-snapshot').textContent(),
      (t) => /Snapshot saved|stopped|session|failed|could not/i.test(t ?? ''),
      'the snapshot to finish',
      30 * 60_000,
    );
    const log = account.requestLog.slice(from);
    account.setFaults({ latencyMs: 0 });
    if (!/Snapshot saved/.test(status ?? '')) throw new Error(`capture did not finish: ${status}`);
    return {
      products: account.state.products.length,
      sets: account.state.actionSets.filter(
        (s) => s.owner.kind === 'trigger' || s.actionIds.length > 0,
      ).length,
      requests: log.length,
      paced: paced(log),
      seconds: (at - t0) / 1000,
      floor: floorSeconds(paced(log), LIMITS, latencyMs),
      status: status ?? '',
    };
  } finally {
    await page.close();
  }
}

async function dialog(page: Page): Promise<{ f: Frame; d: Locator }> {
  const f = await toolkitFrame(page, 'bulk-copy');
  return { f, d: f.getByRole('dialog').filter({ has: f.getByRole('list', { name: 'Steps' }) }) };
}

export interface CopyFigure {
  targets: number;
  emptyTargets: number;
  fullTargets: number;
  previewRequests: number;
  previewSeconds: number;
  requests: number;
  paced: number;
  /** Requests of the run whose URL names one target, by whether its set had actions before. */
  perEmpty: number;
  perFull: number;
  /** Requests of the run that name no target (the source, the named-set lookup, keep-alive). */
  shared: number;
  seconds: number;
  floor: number;
  counts: string;
}

/** Bulk copy, add mode, the Successful Purchase set to the first `n` products, via the dialog. */
export async function bulkCopyInBrowser(
  world: World,
  app: string,
  n: number,
  latencyMs: number,
): Promise<CopyFigure> {
  const account = world.replica.accounts.get(app) as Account;
  const donor = copyDonorToSuccessful(account);
  const products = account.state.products
    .filter((p) => !(donor.owner.kind === 'product' && donor.owner.productId === p.id))
    .slice(0, n);
  const hadActions = new Map(
    products.map((p) => [
      p.id,
      (account.findSet({ kind: 'product', productId: p.id })?.actionIds.length ?? 0) > 0,
    ]),
  );
  const page = await openActions(world, app);
  try {
    await (await toolbar(page)).getByRole('button', { name: 'Bulk copy', exact: true }).click();
    const { f, d } = await dialog(page);
    await d.waitFor({ timeout: 30_000 });
    await d.getByRole('radio', { name: 'Successful Purchase Action', exact: true }).check();
    await d.getByRole('button', { name: 'Next' }).click();
    for (const p of products) {
      await d
        .locator('label.pat-bc-option')
        .filter({ has: f.getByText(p.name, { exact: true }) })
        .locator('input[type="checkbox"]')
        .check();
    }
    await until(
      () => d.getByTestId('pat-bc-selected').textContent(),
      (t) => (t ?? '').includes(String(products.length)),
      'the targets to be selected',
      30_000,
    );
    await d.getByRole('button', { name: 'Next' }).click();
    await d
      .getByRole('radio', { name: "Add the source's actions (skip ones a target already has)" })
      .check();
    account.setFaults({ latencyMs });
    let from = account.requestLog.length;
    let t0 = Date.now();
    await d.getByRole('button', { name: 'Preview' }).click();
    await d.getByTestId('pat-bc-counts').waitFor({ timeout: 30 * 60_000 });
    const previewSeconds = (Date.now() - t0) / 1000;
    const previewRequests = account.requestLog.length - from;
    const runCounts = () => d.getByTestId('pat-bc-run-counts').textContent();

    from = account.requestLog.length;
    t0 = Date.now();
    await d.getByRole('button', { name: /^Copy to / }).click();
    const { at } = await until(
      async () =>
        / 0 left/.test((await runCounts()) ?? '') &&
        (await d.getByRole('button', { name: 'Export report (CSV)' }).count()) === 1,
      (v) => v,
      'the run to finish',
      30 * 60_000,
    );
    const log = account.requestLog.slice(from);
    account.setFaults({ latencyMs: 0 });
    const counts = ((await runCounts()) ?? '').trim();
    const byTarget = new Map<number, number>();
    let shared = 0;
    for (let i = 0; i < log.length; i++) {
      const id = targetOf(log, i);
      if (hadActions.has(id)) byTarget.set(id, (byTarget.get(id) ?? 0) + 1);
      else shared++;
    }
    const per = (full: boolean) => {
      const ids = products.filter((p) => hadActions.get(p.id) === full).map((p) => p.id);
      return ids.length ? ids.reduce((s, id) => s + (byTarget.get(id) ?? 0), 0) / ids.length : 0;
    };
    return {
      targets: products.length,
      emptyTargets: products.filter((p) => !hadActions.get(p.id)).length,
      fullTargets: products.filter((p) => hadActions.get(p.id)).length,
      previewRequests,
      previewSeconds,
      requests: log.length,
      paced: paced(log),
      perEmpty: per(false),
      perFull: per(true),
      shared,
      seconds: (at - t0) / 1000,
      floor: floorSeconds(paced(log), LIMITS, latencyMs),
      counts,
    };
  } finally {
    await page.close();
  }
}

type LogEntry = Account['requestLog'][number];
const productOf = (e: LogEntry) => Number(/[?&]productId=(\d+)/.exec(e.path)?.[1] ?? Number.NaN);

/**
 * The product a logged request is for. The inline editor posts to its bare path (the product is
 * in the body, which the log does not keep), and answers 302 to that product's editor: a POST is
 * the target of the GET that started as soon as it was answered (the redirect's follow-up).
 */
function targetOf(log: LogEntry[], i: number): number {
  const e = log[i] as LogEntry;
  if (e.method !== 'POST' || e.status < 300 || e.status >= 400) return productOf(e);
  const answered = Date.parse(e.time) + e.ms;
  let best = Number.NaN;
  let gap = 100;
  for (const g of log.slice(i + 1, i + 40)) {
    const d = Date.parse(g.time) - answered;
    if (g.method === 'GET' && d >= -2 && Math.abs(d) < gap && !Number.isNaN(productOf(g))) {
      gap = Math.abs(d);
      best = productOf(g);
    }
  }
  return best;
}

export { startWorld };
