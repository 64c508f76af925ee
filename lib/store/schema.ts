import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

// The database lives in the extension's own origin (background + dashboard), never in the CRM
// page's IndexedDB, which the CRM's own scripts could read.

export const DB_NAME = 'purchase-actions-toolkit';
export const DB_VERSION = 2;

/**
 * Values are `unknown` on purpose: whatever is on disk may have been written by an older build,
 * so every read goes through zod (see errors.ts `check`) before the rest of the code sees it.
 */
export interface StoreSchema extends DBSchema {
  /** Whole snapshot bodies, keyed by id. Read one at a time (view, diff, restore). */
  snapshots: { key: string; value: unknown };
  /** SnapshotMeta rows, written in the same transaction as the body, so lists never load bodies. */
  meta: {
    key: string;
    value: unknown;
    indexes: { 'by-app': string; 'by-app-time': [string, string] };
  };
  /** Write-job journals (bulk copy, restore) that must survive a closed tab or a browser restart. */
  jobs: { key: string; value: unknown; indexes: { 'by-app': string; 'by-status': string } };
  /** Key/value settings; per-account ones are keyed `account:<app>`. */
  settings: { key: string; value: unknown };
}

export type StoreDb = IDBPDatabase<StoreSchema>;
export type UpgradeTx = IDBPTransaction<StoreSchema, StoreNames<StoreSchema>[], 'versionchange'>;

/**
 * The upgrade chain. Each step takes the database from version N-1 to N and never assumes the
 * database was created by the current code: a user may jump from any old version to this one.
 *
 * v1: snapshots + meta. v1 meta rows had setCount and actionCount but no productCount (products
 *     were not yet counted in lists).
 * v2: jobs + settings; backfills meta.productCount from each body's products.
 */
export function upgrade(db: StoreDb, oldVersion: number, tx: UpgradeTx): void {
  if (oldVersion < 1) {
    db.createObjectStore('snapshots', { keyPath: 'id' });
    const meta = db.createObjectStore('meta', { keyPath: 'id' });
    meta.createIndex('by-app', 'app');
    meta.createIndex('by-app-time', ['app', 'takenAt']);
  }
  if (oldVersion < 2) {
    const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
    jobs.createIndex('by-app', 'app');
    jobs.createIndex('by-status', 'status');
    db.createObjectStore('settings', { keyPath: 'key' });
    // The upgrade callback cannot be async, so the backfill runs as a chain of the upgrade
    // transaction's own requests. If it throws, abort the whole upgrade: the database then stays
    // at v1, intact, instead of being half migrated.
    backfillProductCount(tx).catch(() => {
      try {
        tx.abort();
      } catch {
        // The transaction already ended; its own error is what the open request reports.
      }
    });
  }
}

/**
 * v1 -> v2: meta rows gain productCount. The count comes from the body, in the same (upgrade)
 * transaction. A row whose body is missing or has no products array is left exactly as it was:
 * it will be reported as invalid when listed rather than given a made-up count.
 */
async function backfillProductCount(tx: UpgradeTx): Promise<void> {
  // Use the upgrade transaction's stores: calling createObjectStore again would throw, and a new
  // transaction cannot start until the upgrade has finished.
  const metaStore = tx.objectStore('meta');
  const bodies = tx.objectStore('snapshots');
  let cursor = await metaStore.openCursor();
  while (cursor) {
    const row: unknown = cursor.value;
    if (isObject(row) && !('productCount' in row)) {
      const body: unknown = await bodies.get(cursor.primaryKey);
      if (isObject(body) && Array.isArray(body.products)) {
        await cursor.update({ ...row, productCount: body.products.length });
      }
    }
    cursor = await cursor.continue();
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
