// `npm run bench`: the speed of the shipped engine code against the replica, each time as a
// ratio to the floor the politeness limits allow, computed in the same run:
//   floor = max(floor((requests - 1) / maxPerSecond) + latency, ceil(requests / maxInFlight) x latency)
// (the k-th request may start no earlier than floor(k / maxPerSecond) seconds in, and each
// in-flight slot serves one request per latency).
// 1. Bulk copy of a 5-action set to 200 products at 150 ms replica latency (default limits:
//    4 in flight, 8 per second), with requests per target.
// 2. Snapshot capture of a 1,000-product account (first read, then an unchanged re-read that
//    should cost one request per set), at BENCH_CAPTURE_LATENCY_MS (default 20 ms) and the most
//    the options allow (8 in flight, 25 per second): the default limits would take ~10 minutes.
// 3. Diff of two 1,000-product snapshots (pure computation, median of 5).
// BENCH_PRODUCTS and BENCH_TARGETS shrink the run for a quick look.
// First, in Chromium with the production build against the replica (BENCH_LOADS loads each,
// default 7, medians): "page weight", what the toolkit adds to a CRM page that is not ours
// (loads with and without the extension, interleaved), and "toolbar ready" on the Actions page.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import { type BrowserContext, chromium } from 'playwright-core';
import { runTargets, type WriteOps } from '../lib/bulk-copy/engine';
import { planTarget } from '../lib/bulk-copy/plan';
import { addAction, checkAddable, copyFromSet, deleteAction, readSet } from '../lib/crm/editor-ops';
import { type Politeness, PoliteQueue, SessionExpiredError } from '../lib/crm/polite';
import { readAllProducts } from '../lib/crm/products-report';
import { WriteUncertainError } from '../lib/crm/transport';
import type { Snapshot } from '../lib/model';
import { type CaptureTarget, captureSnapshot } from '../lib/snapshot/capture';
import { diffSnapshots } from '../lib/snapshot/diff';
import { CHROMIUM, EXTENSION_DIR, launchWithExtension } from '../test/e2e/browser';
import type { Account } from '../test/replica';
import { INLINE, SCRIPTED, startReplica } from '../test/replica';
import type { SetOwner } from '../test/replica/state/types';
import { parseHtml, replicaTransport } from '../test/unit/crm/replica-client';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 1000);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 200);
const CAPTURE_LATENCY = Number(process.env.BENCH_CAPTURE_LATENCY_MS ?? 20);

const floorSeconds = (requests: number, p: Politeness, latencyMs: number) =>
  Math.max(
    Math.floor((requests - 1) / p.maxPerSecond) + latencyMs / 1000,
    (Math.ceil(requests / p.maxInFlight) * latencyMs) / 1000,
  );

const editorUrl = (app: string, owner: SetOwner) =>
  `https://${app}.infusionsoft.com${INLINE.paths.editor}?${new URLSearchParams(INLINE.ownerParams(owner))}`;

function ownerName(account: Account, owner: SetOwner) {
  return account.ownerName(owner);
}

const results: string[] = [];
// Print each figure as soon as it is known (a long run is still useful if cut short).
const report = (...lines: string[]) => {
  results.push(...lines);
  console.log(lines.join('\n'));
};

await inTheBrowser(Number(process.env.BENCH_LOADS ?? 7));

const replica = await startReplica({
  port: 0,
  accounts: [
    {
      app: 'copybench',
      dialect: 'inline',
      seed: { generate: { products: TARGETS + 20, maxActions: 12, seed: 7 } },
    },
    {
      app: 'capturebench',
      dialect: 'inline',
      seed: { generate: { products: PRODUCTS, maxActions: 12, seed: 42 } },
    },
  ],
});
try {
  // ---- 1. bulk copy ----
  {
    const account = replica.accounts.get('copybench') as Account;
    const io = replicaTransport(replica, account);
    const limits: Politeness = { maxInFlight: 4, maxPerSecond: 8, retries: 4, backoffMs: 500 };
    const queue = new PoliteQueue(limits);
    const o = { queue, transport: io.transport, parseHtml };
    const sourceSet = account.state.actionSets.find(
      (s) => s.owner.kind === 'product' && s.actionIds.length === 5,
    );
    if (!sourceSet) throw new Error('the generated account has no 5-action set');
    const sourceUrl = editorUrl('copybench', sourceSet.owner);
    const source = (await readSet(sourceUrl, { ...o, deep: true })).actions;
    const targets = account.state.products
      .map((p): SetOwner => ({ kind: 'product', productId: p.id }))
      .filter(
        (t) =>
          !(
            t.kind === 'product' &&
            sourceSet.owner.kind === 'product' &&
            t.productId === sourceSet.owner.productId
          ),
      )
      .slice(0, TARGETS);
    account.setFaults({ latencyMs: 150 });
    let t0 = Date.now();
    let before = io.sent.length;
    let admitted = queue.admitted;
    const plan = await Promise.all(
      targets.map(async (owner) => {
        const url = editorUrl('copybench', owner);
        const current = (await readSet(url, { ...o, deep: true })).actions;
        const name = ownerName(account, owner);
        return planTarget(
          source,
          { key: url, ref: { kind: 'product', name }, name, editorUrl: url, current },
          'add',
        );
      }),
    );
    const previewRequests = queue.admitted - admitted;
    const previewSeconds = (Date.now() - t0) / 1000;
    const ops: WriteOps = {
      currentApp: () => 'copybench',
      readSet: async (url, expected) =>
        (await readSet(url, { ...o, deep: true, previous: expected })).actions,
      addAction: async (url, action) => {
        const r = await addAction(url, action, o);
        return r.ok ? { ok: true } : { ok: false, missing: r.missing };
      },
      missingToAddBack: async (url, action) => (await checkAddable(url, action, o)).missing,
      deleteAction: async (url, i, expect) => {
        await deleteAction(url, i, { ...o, expect });
      },
      copyFromSet: async (url, name, expectAdded) => {
        await copyFromSet(url, name, { ...o, expectAdded });
      },
    };
    const outcomes = new Map<string, string>();
    t0 = Date.now();
    before = io.sent.length;
    admitted = queue.admitted;
    await runTargets(
      plan.filter((p) => p.change !== 'none'),
      ops,
      {
        app: 'copybench',
        nativeSource: { name: ownerName(account, sourceSet.owner), actions: source },
        isSessionError: (e) => e instanceof SessionExpiredError,
        isUncertainWrite: (e) => e instanceof WriteUncertainError,
        concurrency: limits.maxInFlight,
        onStart: async () => {},
        // No Undo here: the bench keeps no pre-write snapshot.
        beforeFirstWrite: async () => {},
        onOutcome: async (t, out) => {
          outcomes.set(t.key, out.state);
        },
      },
    );
    const seconds = (Date.now() - t0) / 1000;
    const requests = queue.admitted - admitted;
    const http = io.sent.length - before;
    const floor = floorSeconds(requests, limits, 150);
    const done = [...outcomes.values()].filter((s) => s === 'done').length;
    report(
      `Bulk copy, 5-action set to ${targets.length} products, 150 ms latency, 4 in flight / 8 per s:`,
      `  dry run (reads every target): ${previewSeconds.toFixed(1)} s, ${previewRequests} requests (${(previewRequests / targets.length).toFixed(2)} per target)`,
      `  copy: ${seconds.toFixed(1)} s for ${requests} requests = ${(requests / targets.length).toFixed(2)} per target (${http} HTTP exchanges with redirects); ${done} done, ${outcomes.size - done} not done`,
      `  floor ${floor.toFixed(1)} s; wall / floor = ${(seconds / floor).toFixed(2)}`,
    );
  }

  // ---- 2. capture ----
  const snapshots: Snapshot[] = [];
  {
    const account = replica.accounts.get('capturebench') as Account;
    const io = replicaTransport(replica, account);
    const limits: Politeness = { maxInFlight: 8, maxPerSecond: 25, retries: 4, backoffMs: 500 };
    const actionsHtml = await (
      await io.transport(`https://capturebench.infusionsoft.com${INLINE.paths.actions}`)
    ).text();
    const win = new Window({ url: `https://capturebench.infusionsoft.com${INLINE.paths.actions}` });
    win.document.write(actionsHtml);
    const page = win.document as unknown as Document;
    const targets: CaptureTarget[] = account.state.actionSets
      .filter((s) => s.owner.kind === 'trigger' || s.actionIds.length > 0)
      .map((s) => {
        const name = ownerName(account, s.owner);
        const ref =
          s.owner.kind === 'trigger'
            ? {
                kind: 'default' as const,
                trigger: (
                  {
                    onLogin: 'onLogin',
                    contactCreation: 'contactCreation',
                    successfulPurchase: 'successful',
                    failedPurchase: 'failed',
                    errorPurchase: 'error',
                  } as const
                )[s.owner.trigger],
              }
            : { kind: 'product' as const, name };
        return { ref, name, editorUrl: editorUrl('capturebench', s.owner) };
      });
    account.setFaults({ latencyMs: CAPTURE_LATENCY });
    for (const label of ['first capture', 'unchanged re-read']) {
      const queue = new PoliteQueue(limits);
      const o = { queue, transport: io.transport, parseHtml };
      const before = io.sent.length;
      const t0 = Date.now();
      const snap = await captureSnapshot(
        {
          app: 'capturebench',
          host: 'capturebench.infusionsoft.com',
          build: null,
          targets,
          concurrency: limits.maxInFlight,
          previous: snapshots.at(-1) ?? null,
          readSet: async (url, previous) =>
            (await readSet(url, { ...o, deep: true, previous })).actions,
          readProducts: () =>
            readAllProducts(page, queue, undefined, { transport: io.transport, parseHtml }),
          readSetting: async () => 'unknown',
        },
        'manual',
      );
      const seconds = (Date.now() - t0) / 1000;
      const requests = queue.admitted;
      const http = io.sent.length - before;
      const floor = floorSeconds(requests, limits, CAPTURE_LATENCY);
      snapshots.push(snap);
      report(
        `Capture of ${PRODUCTS} products (${targets.length} sets listed, ${snap.sets.reduce((n, s) => n + s.actions.length, 0)} actions), ${label}, ${CAPTURE_LATENCY} ms latency, 8 in flight / 25 per s:`,
        `  ${seconds.toFixed(1)} s for ${requests} requests (${(requests / targets.length).toFixed(2)} per listed set, ${http} HTTP exchanges); floor ${floor.toFixed(1)} s; wall / floor = ${(seconds / floor).toFixed(2)}`,
      );
    }
  }

  // ---- 3. diff ----
  {
    const [a, b] = snapshots as [Snapshot, Snapshot];
    const changed: Snapshot = structuredClone(b);
    const victims = changed.sets.filter((s) => s.actions.length > 0).slice(0, 3);
    for (const s of victims) (s.actions[0] as { summary: string }).summary += ' (changed)';
    const times: number[] = [];
    let counts = '';
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const d = diffSnapshots(a, changed);
      times.push(performance.now() - t0);
      counts = JSON.stringify(d.counts);
    }
    times.sort((x, y) => x - y);
    report(
      `Diff of two ${PRODUCTS}-product snapshots (${a.sets.length} sets each, 3 actions changed): median ${times[2]?.toFixed(1)} ms`,
      `  counts ${counts}`,
    );
  }
} finally {
  await replica.stop();
}
console.log(`\nAll figures:\n${results.join('\n')}`);

// ---- 0. in the browser: page weight and toolbar ready ----

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

interface Weight {
  scriptMs: number;
  taskMs: number;
  heapKB: number;
}

/** One load of `url` in a new tab: CDP Performance metrics once the page has settled. */
async function weigh(context: BrowserContext, url: string): Promise<Weight> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    // Content scripts run at document_idle, at the latest a moment after load; then let any
    // message round trip (router -> background) finish.
    await page.waitForTimeout(700);
    // Retained heap, not garbage a collection would take anyway.
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    return {
      scriptMs: get('ScriptDuration') * 1000,
      taskMs: get('TaskDuration') * 1000,
      heapKB: get('JSHeapUsedSize') / 1024,
    };
  } finally {
    await page.close();
  }
}

/**
 * Milliseconds from DOMContentLoaded on the Actions page to the toolbar drawn: its frame's first
 * contentful paint (the frame's document is empty until the toolbar renders into it).
 */
async function toolbarReady(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const frame = page.frames().find((f) => f.url().includes('toolkit-frame.html#toolbar.'));
      const painted = await frame
        ?.evaluate(() => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          return fcp && performance.timeOrigin + fcp.startTime;
        })
        .catch(() => undefined);
      if (painted) {
        const dcl = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return performance.timeOrigin + nav.domContentLoadedEventStart;
        });
        return painted - dcl;
      }
      if (Date.now() > deadline) throw new Error(`no toolbar on ${url}`);
      await page.waitForTimeout(50);
    }
  } finally {
    await page.close();
  }
}

/** The same Chromium and flags as launchWithExtension, without the extension. */
async function launchWithout(hostResolverRules: string) {
  const profile = mkdtempSync(join(tmpdir(), 'pat-chromium-plain-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${hostResolverRules}`,
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function inTheBrowser(loads: number) {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.log(`No production build at ${EXTENSION_DIR}: building it first.`);
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  }
  // What every CRM page loads from us: the manifest's content scripts (the always-on ones).
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  const alwaysOn = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  const gz = alwaysOn.map((f) => ({
    f,
    bytes: gzipSync(readFileSync(join(EXTENSION_DIR, f)), { level: 9 }).length,
  }));
  report(
    `page weight: always-on scripts ${gz.map((g) => `${g.f} ${(g.bytes / 1024).toFixed(1)} KB`).join(' + ')} gzipped (goal: the router <= 10 KB)`,
  );

  const APPS = [
    ['weigh', INLINE],
    ['weighs', SCRIPTED],
  ] as const;
  const replica = await startReplica({
    port: 0,
    accounts: APPS.map(([app, d]) => ({ app, dialect: d.name, seed: 'demo' })),
  });
  const withExt = await launchWithExtension({ hostResolverRules: replica.hostResolverRules });
  const without = await launchWithout(replica.hostResolverRules);
  try {
    for (const { context } of [withExt, without]) {
      for (const [app] of APPS) {
        const { name, value } = (replica.accounts.get(app) as Account).createSession();
        await context.addCookies([
          { name, value, domain: `${app}.infusionsoft.com`, path: '/', secure: true },
        ]);
      }
    }
    for (const [app, dialect] of APPS) {
      const url = `${replica.origin(app)}${dialect.paths.contacts}`;
      // One load each first: caches warm, the extension's service worker awake.
      await weigh(without.context, url);
      await weigh(withExt.context, url);
      const a: Weight[] = [];
      const b: Weight[] = [];
      for (let i = 0; i < loads; i++) {
        a.push(await weigh(without.context, url));
        b.push(await weigh(withExt.context, url));
      }
      const m = (xs: Weight[], k: keyof Weight) => median(xs.map((x) => x[k]));
      const extra = (k: keyof Weight) => m(b, k) - m(a, k);
      report(
        `page weight: contacts page (${dialect.name}), median of ${loads} loads without / with the extension:`,
        `  script ${m(a, 'scriptMs').toFixed(1)} / ${m(b, 'scriptMs').toFixed(1)} ms (extra ${extra('scriptMs').toFixed(2)} ms, goal <= 1 ms); task ${m(a, 'taskMs').toFixed(1)} / ${m(b, 'taskMs').toFixed(1)} ms (extra ${extra('taskMs').toFixed(1)} ms); JS heap after GC ${m(a, 'heapKB').toFixed(0)} / ${m(b, 'heapKB').toFixed(0)} KB (extra ${extra('heapKB').toFixed(0)} KB, goal <= 100 KB)`,
      );
    }
    for (const [app, dialect] of APPS) {
      const url = `${replica.origin(app)}${dialect.paths.actions}`;
      await toolbarReady(withExt.context, url);
      const times: number[] = [];
      for (let i = 0; i < loads; i++) times.push(await toolbarReady(withExt.context, url));
      report(
        `toolbar ready: Actions page (${dialect.name}), DOMContentLoaded to the toolbar drawn: median ${median(times).toFixed(0)} ms of ${loads} (${times.map((t) => t.toFixed(0)).join(', ')}; goal <= 150 ms)`,
      );
    }
  } finally {
    await withExt.close();
    await without.close();
    await replica.stop();
  }
}
