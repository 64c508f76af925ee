import type { Snapshot, SnapshotMeta } from '../model';
import type { Listed } from './errors';
import { openStore, type Store, type StoreOptions } from './index';
import type { StoreOp } from './ops';
import type { AccountSummary } from './snapshots';

/**
 * What the dashboard reads and changes, as the background answers it (it owns the store). Every
 * call is scoped by `app`: an id from another account is never returned or changed.
 */
export interface StoreCore {
  /** Accounts with their snapshot count and newest time, plus any rows that could not be read. */
  accountSummaries(): Promise<Listed<AccountSummary>>;
  /** Newest first, with the rows that failed validation (reported, never hidden or replaced). */
  timeline(app: string): Promise<Listed<SnapshotMeta>>;
  getSnapshot(id: string, app: string): Promise<Snapshot>;
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
}

// Each op the message schema allows is one of StoreCore's methods, and the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _opsAreTheCore: Same<StoreOp, keyof StoreCore> = true;
void _opsAreTheCore;

/**
 * A store opened on first use and kept; a failed open is retried on the next call, so a context
 * that opened while another one upgraded the database recovers by itself.
 */
export function lazyStore(options: StoreOptions = {}): () => Promise<Store> {
  let opening: Promise<Store> | null = null;
  return () => {
    if (!opening) {
      const attempt = openStore(options);
      opening = attempt;
      attempt.catch(() => {
        if (opening === attempt) opening = null;
      });
    }
    return opening;
  };
}

export function storeCore(store: () => Promise<Store>): StoreCore {
  const settings = async (app: string) => (await (await store()).getAccountSettings(app)) ?? {};
  return {
    accountSummaries: async () => (await store()).listAccounts(),
    timeline: async (app) => (await store()).listSnapshots(app),
    async getSnapshot(id, app) {
      const found = await (await store()).getSnapshot(id, { app });
      if (!found) throw new Error(`There is no snapshot "${id}" of "${app}" any more.`);
      return found;
    },
    importSnapshots: async (list) => (await store()).importSnapshots(list),
    async deleteSnapshot(id, app) {
      await (await store()).deleteSnapshot(id, { app });
    },
    async setPinned(id, app, pinned) {
      await (await store()).setPinned(id, pinned, { app });
    },
    async renameSnapshot(id, app, name) {
      await (await store()).renameSnapshot(id, name, { app });
    },
    getKeepLast: async (app) => (await settings(app)).keepLast ?? null,
    getEveryDays: async (app) => (await settings(app)).snapshotEveryDays ?? null,
    async setEveryDays(app, days) {
      // Other settings of the account (keepLast) are kept as they are.
      const current = await settings(app);
      await (await store()).putAccountSettings(app, {
        ...current,
        snapshotEveryDays: days ?? undefined,
      });
    },
    async setKeepLast(app, keepLast) {
      const s = await store();
      const current = await settings(app);
      await s.putAccountSettings(app, { ...current, keepLast: keepLast ?? undefined });
      if (keepLast === null) return { deleted: 0 };
      return { deleted: (await s.applyRetention(app, keepLast)).deleted.length };
    },
  };
}
