// `npm run bench`: what the toolkit costs a CRM page and how fast its engine runs, each figure
// printed as soon as it is known. All browser figures use Debian's Chromium with the production
// build (PAT_OUT_DIR, default .output) against the replica under the CRM's real host names.
// 1. "page weight": what the toolkit adds to a CRM page that is not ours (the contacts page, both
//    dialects): extra script time, task time and JS heap after GC, loads with and without the
//    extension interleaved, medians of BENCH_LOADS (default 7); and the gzipped bytes of the
//    content scripts the manifest declares, the pre-check and the router.
// 2. "toolbar ready": DOMContentLoaded on the Actions page to the toolbar drawn (median).
// 3. "capture (browser)": Take snapshot clicked on the toolbar of a generated BENCH_PRODUCTS-
//    product account (default 200, up to 4 actions a product), to "Snapshot saved"; and
//    "bulk copy (browser)": the Bulk copy dialog, add mode, the Successful Purchase set (3
//    actions) to the first BENCH_TARGETS products (default 50; about 60% of them have actions),
//    from "Copy to" to the finished report, with the preview's reads counted apart. Both run
//    with the extension's default limits (4 in flight, 8 per second) against a replica answering
//    after BENCH_LATENCY_MS (default 150 ms), and report wall / floor, where
//      floor = max(floor((paced - 1) / maxPerSecond) + latency, ceil(paced / maxInFlight) x latency)
//    (the k-th request may start no earlier than floor(k / maxPerSecond) seconds in, and each
//    in-flight slot serves one request per latency); `paced` is the requests the replica's own
//    log received in that span less the follow-ups of its 302 redirects (fetch follows those
//    inside one paced request).
// 4. Bulk copy requests per target (on the "bulk copy (browser)" line): from the same run, the
//    requests for each target (its URL names it; a POST belongs to the target its 302 redirect
//    led to), averaged over targets whose set was empty and over those that had actions;
//    requests for no target (the source, lookups) are counted apart.
// 5. "diff": two 1,000-product snapshots (BENCH_DIFF_PRODUCTS) built from a generated replica
//    account's state, the second with a few edits (scripts/bench-diff.ts), compared by the
//    shipped diff: median of 5, in ms (pure computation, no capture first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium } from 'playwright-core';
import { framePrecheck } from '../lib/crm/precheck';
import { CHROMIUM, chromiumArgs, EXTENSION_DIR, launchWithExtension } from '../test/e2e/browser';
import type { Account } from '../test/replica';
import { INLINE, SCRIPTED, startReplica } from '../test/replica';
import { bulkCopyInBrowser, captureInBrowser, LIMITS, startWorld } from './bench-browser';
import { diffFigure } from './bench-diff';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 200);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 50);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 150);
const DIFF_PRODUCTS = Number(process.env.BENCH_DIFF_PRODUCTS ?? 1000);

const results: string[] = [];
// Print each figure as soon as it is known (a long run is still useful if cut short).
const report = (...lines: string[]) => {
  results.push(...lines);
  console.log(lines.join('\n'));
};
const benchStart = Date.now();

await inTheBrowser(Number(process.env.BENCH_LOADS ?? 7));
// BENCH_ONLY=page: the page-weight and toolbar-ready figures alone (a quick look after a change).
if (process.env.BENCH_ONLY === 'page') process.exit(0);

// ---- 3-4. capture and bulk copy, in the browser ----
{
  const world = await startWorld({
    accounts: [
      {
        app: 'capturebench',
        dialect: 'inline',
        seed: { generate: { products: PRODUCTS, maxActions: 4, seed: 42 } },
      },
      {
        app: 'copybench',
        dialect: 'inline',
        seed: { generate: { products: TARGETS + 20, maxActions: 4, seed: 21 } },
      },
    ],
  });
  const limits = `${LIMITS.maxInFlight} in flight / ${LIMITS.maxPerSecond} per s`;
  try {
    const c = await captureInBrowser(world, 'capturebench', LATENCY);
    report(
      `capture (browser): ${c.products} products (${c.sets} sets listed), ${c.requests} requests (${c.paced} paced), ${c.seconds.toFixed(1)} s, floor ${c.floor.toFixed(1)} s, ${(c.seconds / c.floor).toFixed(2)} x floor (${LATENCY} ms latency, ${limits}; goal <= 1.15 x)`,
    );
    const b = await bulkCopyInBrowser(world, 'copybench', TARGETS, LATENCY);
    report(
      `bulk copy (browser): ${b.targets} targets, ${b.perEmpty.toFixed(1)} requests per target into an empty set (${b.emptyTargets} targets; goal <= 3), ${b.perFull.toFixed(1)} into a set that has actions (${b.fullTargets} targets), wall/floor ${(b.seconds / b.floor).toFixed(2)} x (goal <= 1.15 x)`,
      `  run: ${b.seconds.toFixed(1)} s for ${b.requests} requests (${b.paced} paced, ${b.shared} naming no target), floor ${b.floor.toFixed(1)} s; ${b.counts}; ${LATENCY} ms latency, ${limits}`,
      `  preview (reads every target first): ${b.previewSeconds.toFixed(1)} s, ${b.previewRequests} requests (${(b.previewRequests / b.targets).toFixed(2)} per target)`,
    );
  } finally {
    await world.close();
  }
}

// ---- 5. diff ----
{
  const d = diffFigure(DIFF_PRODUCTS);
  report(
    `diff: two ${DIFF_PRODUCTS}-product snapshots (${d.sets} sets, ${d.actions} actions each; 3 actions edited, 1 set emptied, 1 action added): median ${d.medianMs.toFixed(1)} ms of ${d.times.length} (${d.times.map((t) => t.toFixed(0)).join(', ')}; goal <= 50 ms)`,
    `  counts ${d.counts}`,
  );
}

console.log(
  `\nAll figures (bench ${((Date.now() - benchStart) / 1000).toFixed(0)} s):\n${results.join('\n')}`,
);

// ---- 1-2. in the browser: page weight and toolbar ready ----

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
    args: chromiumArgs(hostResolverRules),
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
  const router = gzipSync(readFileSync(join(EXTENSION_DIR, 'pat-router.js')), { level: 9 }).length;
  report(
    `page weight: declared content scripts ${gz.length ? `${gz.map((g) => `${g.f} ${(g.bytes / 1024).toFixed(1)} KB`).join(' + ')} gzipped` : 'none'}; the background's pre-check ${framePrecheck.toString().length} bytes of source; the router, only where that passes, ${(router / 1024).toFixed(1)} KB gzipped (goal: <= 10 KB)`,
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
    const pageWeight = async (when: string) => {
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
          `page weight: contacts page (${dialect.name}), ${when}, median of ${loads} loads without / with the extension:`,
          `  script ${m(a, 'scriptMs').toFixed(1)} / ${m(b, 'scriptMs').toFixed(1)} ms (extra ${extra('scriptMs').toFixed(2)} ms, goal <= 1 ms); task ${m(a, 'taskMs').toFixed(1)} / ${m(b, 'taskMs').toFixed(1)} ms (extra ${extra('taskMs').toFixed(1)} ms); JS heap after GC ${m(a, 'heapKB').toFixed(0)} / ${m(b, 'heapKB').toFixed(0)} KB (extra ${extra('heapKB').toFixed(0)} KB, goal <= 100 KB)`,
        );
      }
    };
    // A fresh browser session: no page of ours was open yet, so no opener stand-in either.
    await pageWeight('before any Actions page this session');
    for (const [app, dialect] of APPS) {
      const url = `${replica.origin(app)}${dialect.paths.actions}`;
      await toolbarReady(withExt.context, url);
      const times: number[] = [];
      for (let i = 0; i < loads; i++) times.push(await toolbarReady(withExt.context, url));
      report(
        `toolbar ready: Actions page (${dialect.name}), DOMContentLoaded to the toolbar drawn: median ${median(times).toFixed(0)} ms of ${loads} (${times.map((t) => t.toFixed(0)).join(', ')}; goal <= 150 ms)`,
      );
    }
    // Once an Actions page was open, the background registered the opener stand-in (Chrome).
    await pageWeight('after an Actions page was open this session');
  } finally {
    await withExt.close();
    await without.close();
    await replica.stop();
  }
}
