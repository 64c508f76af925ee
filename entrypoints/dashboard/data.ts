// How the dashboard reads snapshots. The page talks to this interface only, so tests use the
// in-memory source and the extension uses the store through the background (lead's wiring).
import type { Setting } from '@/lib/matrix';
import type { Snapshot } from '@/lib/model';

export interface SnapshotListItem {
  id: string;
  takenAt: string;
  name?: string;
}

export interface SnapshotSource {
  listAccounts(): Promise<{ app: string }[]>;
  /** Newest first. */
  listSnapshots(app: string): Promise<SnapshotListItem[]>;
  /** `app` scopes the read: an id from another account must not be returned. */
  getSnapshot(id: string, app: string): Promise<Snapshot>;
  /** The account's "Run Purchase Actions On All Orders" as last read. */
  accountSetting(app: string): Promise<Setting>;
}

export interface MemorySourceOptions {
  snapshots: Snapshot[];
  /** Per-account setting; without one, the newest snapshot's reading is used. */
  settings?: Record<string, Setting>;
}

const newestFirst = (a: { takenAt: string }, b: { takenAt: string }) =>
  b.takenAt.localeCompare(a.takenAt);

/** For tests and demos: everything in memory, same contract as the real source. */
export function createMemorySource({
  snapshots,
  settings = {},
}: MemorySourceOptions): SnapshotSource {
  const ofApp = (app: string) => snapshots.filter((s) => s.app === app).sort(newestFirst);
  return {
    async listAccounts() {
      return [...new Set(snapshots.map((s) => s.app))].sort().map((app) => ({ app }));
    },
    async listSnapshots(app) {
      return ofApp(app).map((s) => ({
        id: s.id,
        takenAt: s.takenAt,
        ...(s.name ? { name: s.name } : {}),
      }));
    },
    async getSnapshot(id, app) {
      const found = snapshots.find((s) => s.id === id && s.app === app);
      if (!found) throw new Error(`No snapshot "${id}" for account "${app}"`);
      return found;
    },
    async accountSetting(app) {
      return settings[app] ?? ofApp(app)[0]?.runOnAllOrders ?? 'unknown';
    },
  };
}

/**
 * TODO(lead): wire to the snapshot store (lib/store via the background's typed messages). Until
 * then every call rejects, and the dashboard shows "not wired" where snapshots would be; the
 * matrix and "Why didn't it run?" work without it.
 */
export function createStoreSource(): SnapshotSource {
  const notWired = () => Promise.reject(new Error('not wired'));
  return {
    listAccounts: notWired,
    listSnapshots: notWired,
    getSnapshot: notWired,
    accountSetting: notWired,
  };
}
