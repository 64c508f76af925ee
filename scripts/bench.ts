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
import { Window } from 'happy-dom';
import { runTargets, type WriteOps } from '../lib/bulk-copy/engine';
import { planTarget } from '../lib/bulk-copy/plan';
import { addAction, copyFromSet, deleteAction, readSet } from '../lib/crm/editor-ops';
import { type Politeness, PoliteQueue, SessionExpiredError } from '../lib/crm/polite';
import { readAllProducts } from '../lib/crm/products-report';
import { WriteUncertainError } from '../lib/crm/transport';
import type { Snapshot } from '../lib/model';
import { type CaptureTarget, captureSnapshot } from '../lib/snapshot/capture';
import { diffSnapshots } from '../lib/snapshot/diff';
import type { Account } from '../test/replica';
import { INLINE, startReplica } from '../test/replica';
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
const results: string[] = [];
// Print each figure as soon as it is known (a long run is still useful if cut short).
const report = (...lines: string[]) => {
  results.push(...lines);
  console.log(lines.join('\n'));
};
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
