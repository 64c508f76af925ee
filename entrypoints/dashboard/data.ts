// How the dashboard reads and changes snapshots. The page talks to this interface only; tests
// use the same store source on fake-indexeddb. The dashboard is an extension page,
// so it opens the same IndexedDB (the extension's origin) the background writes to.
import type { Setting } from '@/lib/matrix';
import type { Snapshot, SnapshotMeta } from '@/lib/model';
import {
  type AccountSummary,
  type Listed,
  openStore,
  type Store,
  type StoreOptions,
  type Usage,
} from '@/lib/store';

export type { AccountSummary, Listed, Usage };
/** What a timeline row shows: the stored meta, never the whole body. */
export type SnapshotListItem = SnapshotMeta;

export interface SnapshotSource {
  listAccounts(): Promise<{ app: string }[]>;
  /** Accounts with their snapshot count and newest time, plus any rows that could not be read. */
  accountSummaries(): Promise<Listed<AccountSummary>>;
  /** Newest first. */
  listSnapshots(app: string): Promise<SnapshotListItem[]>;
  /** Newest first, with the rows that failed validation (reported, never hidden or replaced). */
  timeline(app: string): Promise<Listed<SnapshotListItem>>;
  /** `app` scopes the read: an id from another account must not be returned. */
  getSnapshot(id: string, app: string): Promise<Snapshot>;
  /** The account's "Run Purchase Actions On All Orders" as last read. */
  accountSetting(app: string): Promise<Setting>;

  /**
   * Adds a file's snapshots, each under its own app, all or none: new ids, cause "import", never
   * pinned, never replacing a stored one (asImports). Returns what was stored.
   */
  importSnapshots(snapshots: readonly Snapshot[]): Promise<SnapshotMeta[]>;
  deleteSnapshot(id: string, app: string): Promise<void>;
  setPinned(id: string, app: string, pinned: boolean): Promise<void>;
  /** A blank name clears it. */
  renameSnapshot(id: string, app: string, name: string): Promise<void>;
  /** Retention for one account: null when none was chosen (everything is kept). */
  getKeepLast(app: string): Promise<number | null>;
  /**
   * Saves the setting and applies it at once; returns how many snapshots were deleted. Null
   * clears it: everything is kept from then on.
   */
  setKeepLast(app: string, keepLast: number | null): Promise<{ deleted: number }>;
  /** Scheduled snapshots: every N days, taken when the admin opens the Actions page. */
  getEveryDays(app: string): Promise<number | null>;
  setEveryDays(app: string, days: number | null): Promise<void>;
  estimateUsage(): Promise<Usage | null>;
  requestPersistence(): Promise<boolean | null>;
  /** Called after every change made through this source, so other parts of the page reload. */
  subscribe(listener: () => void): () => void;
}

function listeners() {
  const set = new Set<() => void>();
  return {
    subscribe(listener: () => void) {
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit: () => {
      for (const l of set) l();
    },
  };
}

/**
 * The extension's own store. Opened on first use and kept; a failed open is retried on the next
 * call, so a page opened while another context upgrades the database recovers by itself.
 */
export function createStoreSource(options: StoreOptions = {}): SnapshotSource {
  let opening: Promise<Store> | null = null;
  const store = () => {
    if (!opening) {
      const attempt = openStore(options);
      opening = attempt;
      attempt.catch(() => {
        if (opening === attempt) opening = null;
      });
    }
    return opening;
  };
  const { subscribe, emit } = listeners();
  /** Every write tells the subscribers, even a failed one: it may have changed part of the data. */
  const write = async <T>(work: (s: Store) => Promise<T>): Promise<T> => {
    try {
      return await work(await store());
    } finally {
      emit();
    }
  };
  const timeline = async (app: string) => (await store()).listSnapshots(app);
  return {
    async listAccounts() {
      return (await (await store()).listAccounts()).items.map((a) => ({ app: a.app }));
    },
    accountSummaries: async () => (await store()).listAccounts(),
    listSnapshots: async (app) => (await timeline(app)).items,
    timeline,
    async getSnapshot(id, app) {
      const found = await (await store()).getSnapshot(id, { app });
      if (!found) throw new Error(`There is no snapshot "${id}" of "${app}" any more.`);
      return found;
    },
    async accountSetting(app) {
      return (await timeline(app)).items[0]?.runOnAllOrders ?? 'unknown';
    },
    importSnapshots: (list) => write((s) => s.importSnapshots(list)),
    deleteSnapshot: (id, app) =>
      write(async (s) => {
        await s.deleteSnapshot(id, { app });
      }),
    setPinned: (id, app, pinned) =>
      write(async (s) => {
        await s.setPinned(id, pinned, { app });
      }),
    renameSnapshot: (id, app, name) =>
      write(async (s) => {
        await s.renameSnapshot(id, name, { app });
      }),
    getKeepLast: async (app) => (await (await store()).getAccountSettings(app))?.keepLast ?? null,
    getEveryDays: async (app) =>
      (await (await store()).getAccountSettings(app))?.snapshotEveryDays ?? null,
    setEveryDays: (app, days) =>
      write(async (s) => {
        const current = (await s.getAccountSettings(app)) ?? {};
        await s.putAccountSettings(app, { ...current, snapshotEveryDays: days ?? undefined });
      }),
    setKeepLast: (app, keepLast) =>
      write(async (s) => {
        // Other settings of the account (snapshotEveryDays) are kept as they are.
        const current = (await s.getAccountSettings(app)) ?? {};
        await s.putAccountSettings(app, { ...current, keepLast: keepLast ?? undefined });
        if (keepLast === null) return { deleted: 0 };
        return { deleted: (await s.applyRetention(app, keepLast)).deleted.length };
      }),
    estimateUsage: async () => (await store()).estimateUsage(),
    requestPersistence: async () => (await store()).requestPersistence(),
    subscribe,
  };
}
