import browser from 'webextension-polyfill';
import { loadSetting } from '@/lib/account-setting';
import { readActionsPage } from '@/lib/crm/actions-page';
import { appFromUrl } from '@/lib/crm/app';
import { resolveEditorOpens } from '@/lib/crm/bridge-client';
import { namedActionSets, readSet } from '@/lib/crm/editor-ops';
import { findRunOnAllOrders } from '@/lib/crm/find-settings';
import type { PoliteQueue } from '@/lib/crm/polite';
import { readAllProducts } from '@/lib/crm/products-report';
import { stopsReading } from '@/lib/crm/read-set';
import { ask } from '@/lib/messaging/send';
import { ActionSet, Snapshot, type SnapshotCause } from '@/lib/model';
import { type CaptureProgress, type CaptureTarget, captureSnapshot } from '@/lib/snapshot/capture';
import { checkpointer } from '@/lib/snapshot/checkpoint';

// Taking a snapshot from the Actions page, through the admin's own session. What was read is
// checkpointed in extension storage, so an expired session or a closed tab loses nothing:
// the next visit offers Resume.

const checkpointKey = (app: string) => `capture:${app}`;

interface Checkpoint {
  cause: SnapshotCause;
  startedAt: string;
  sets: ActionSet[];
}

export async function pendingCapture(app: string): Promise<Checkpoint | null> {
  const raw = (await browser.storage.local.get(checkpointKey(app)))[checkpointKey(app)] as
    | Checkpoint
    | undefined;
  if (!raw || !Array.isArray(raw.sets)) return null;
  const sets = raw.sets.filter((s) => ActionSet.safeParse(s).success);
  return { ...raw, sets };
}

export async function discardCapture(app: string): Promise<void> {
  await browser.storage.local.remove(checkpointKey(app));
}

/** The editors of every listed set, learned from the page's own buttons. */
export function captureTargets(doc: Document): CaptureTarget[] {
  const page = readActionsPage(doc);
  if (!page) throw new Error('This is no longer the Actions page.');
  const rows = [...page.defaults, ...page.products];
  const opens = resolveEditorOpens(
    doc,
    rows.map((r) => r.button),
  );
  return rows.map((r) => ({
    ref: r.ref,
    name: r.name,
    editorUrl: opens.get(r.button)?.url ?? null,
  }));
}

export async function takeSnapshot(o: {
  cause: SnapshotCause;
  queue: PoliteQueue;
  signal: AbortSignal;
  onProgress(p: CaptureProgress): void;
  resume: boolean;
  /**
   * The faster re-read: sets whose list is unchanged keep the previous snapshot's configuration,
   * marked as carried over. Off unless asked for: the default reads every action's form.
   */
  reuseUnchanged?: boolean;
}): Promise<Snapshot> {
  const app = appFromUrl(location.href);
  if (!app) throw new Error('Could not tell which Keap account this page belongs to.');
  const targets = captureTargets(document);
  const previousRaw = await ask({ type: 'snapshot-latest' });
  const previous = Snapshot.safeParse(previousRaw);
  const pending = o.resume ? await pendingCapture(app) : null;
  const checkpoint: Checkpoint = pending ?? {
    cause: o.cause,
    startedAt: new Date().toISOString(),
    sets: [],
  };
  // Every finished set is stored before it counts as read (see lib/snapshot/checkpoint).
  const saved = checkpointer(
    (sets) => browser.storage.local.set({ [checkpointKey(app)]: { ...checkpoint, sets } }),
    checkpoint.sets,
  );
  const opts = { queue: o.queue, signal: o.signal };
  const page = readActionsPage(document);
  const snapshot = await captureSnapshot(
    {
      app,
      host: location.host,
      build: page?.build ?? null,
      targets,
      concurrency: o.queue.limits.maxInFlight,
      previous: previous.success ? previous.data : null,
      resumed: checkpoint.sets,
      reuseUnchanged: o.reuseUnchanged ?? false,
      readSet: async (url, _none, signal) =>
        (await readSet(url, { ...opts, signal, deep: true })).actions,
      readList: async (url, signal) => (await readSet(url, { ...opts, signal })).actions,
      readProducts: (signal) => readAllProducts(document, o.queue, signal),
      readSetting: async () =>
        (await findRunOnAllOrders(document, o.queue, (await loadSetting(app))?.url)).value,
      readNamedSets: async () => {
        const first = targets.find((t) => t.editorUrl)?.editorUrl;
        return first ? (await namedActionSets(first, opts)).names : undefined;
      },
      onSetRead: (set) => saved.add(set),
      // A page this account shows differently is recorded "not read" and the capture goes on;
      // only what Resume could do better stops it (issue 13).
      stopsCapture: stopsReading,
      onProgress: o.onProgress,
      signal: o.signal,
    },
    checkpoint.cause,
  ).catch(async (e: unknown) => {
    await saved.flush().catch(() => {}); // a write that failed is retried once here
    throw e;
  });
  const answer = (await ask({ type: 'snapshot-put', snapshot })) ?? {
    ok: false,
    error: 'the extension did not answer.',
  };
  if (!answer.ok) {
    await saved.flush().catch(() => {});
    throw new Error(answer.error);
  }
  await discardCapture(app);
  return snapshot;
}
