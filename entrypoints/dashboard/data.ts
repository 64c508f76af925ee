// How the dashboard reads and changes snapshots. The page talks to this interface only. The
// background owns the extension's IndexedDB (background/dashboard.ts answers each store call);
// tests run the same store core on fake-indexeddb, in the page or behind the message map.
import type { Setting } from '@/lib/matrix';
import { must } from '@/lib/messaging/send';
import type { SnapshotMeta } from '@/lib/model';
import type { AccountSummary, Listed, StoreOptions, Usage } from '@/lib/store';
import { STORE_OPS, type StoreOp } from '@/lib/store/ops';
import {
  defaultStorage,
  estimateUsage,
  requestPersistence,
  type StorageLike,
} from '@/lib/store/quota';
import { lazyStore, type StoreCore, storeCore } from '@/lib/store/source';

export type { AccountSummary, Listed, Usage };
/** What a timeline row shows: the stored meta, never the whole body. */
export type SnapshotListItem = SnapshotMeta;

export interface SnapshotSource extends StoreCore {
  listAccounts(): Promise<{ app: string }[]>;
  /** Newest first. */
  listSnapshots(app: string): Promise<SnapshotListItem[]>;
  /** The account's "Run Purchase Actions On All Orders" as last read. */
  accountSetting(app: string): Promise<Setting>;
  /** The extension origin's storage: this page's own (a background worker may not ask). */
  estimateUsage(): Promise<Usage | null>;
  requestPersistence(): Promise<boolean | null>;
  /** Called after every change made through this source, so other parts of the page reload. */
  subscribe(listener: () => void): () => void;
}

const WRITES: readonly StoreOp[] = [
  'importSnapshots',
  'deleteSnapshot',
  'setPinned',
  'renameSnapshot',
  'setKeepLast',
  'setEveryDays',
];

/** The page's source over a store core: derived reads, change notices, the origin's quota. */
export function dashboardSource(core: StoreCore, storage: StorageLike | null): SnapshotSource {
  const listeners = new Set<() => void>();
  const wrapped = { ...core };
  for (const op of WRITES) {
    const call = core[op] as (...args: unknown[]) => Promise<unknown>;
    // Every write tells the subscribers, even a failed one: it may have changed part of the data.
    (wrapped as Record<StoreOp, unknown>)[op] = async (...args: unknown[]) => {
      try {
        return await call(...args);
      } finally {
        for (const l of listeners) l();
      }
    };
  }
  return {
    ...wrapped,
    listAccounts: async () => (await core.accountSummaries()).items.map((a) => ({ app: a.app })),
    listSnapshots: async (app) => (await core.timeline(app)).items,
    accountSetting: async (app) => (await core.timeline(app)).items[0]?.runOnAllOrders ?? 'unknown',
    estimateUsage: () => estimateUsage(storage),
    requestPersistence: () => requestPersistence(storage),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The store core as the background answers it: one message per call, errors as they were. */
export function backgroundCore(): StoreCore {
  const call =
    (op: StoreOp) =>
    async (...args: unknown[]) =>
      (await must({ type: 'store-call', op, args })).value;
  return Object.fromEntries(STORE_OPS.map((op) => [op, call(op)])) as unknown as StoreCore; // each answer is what the background's StoreCore returned
}

/** The dashboard as shipped: the background's store. */
export function backgroundSource(): SnapshotSource {
  return dashboardSource(backgroundCore(), defaultStorage());
}

/** The store opened in this page itself (tests, on fake-indexeddb). */
export function createStoreSource(options: StoreOptions = {}): SnapshotSource {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  return dashboardSource(storeCore(lazyStore(options)), storage);
}
