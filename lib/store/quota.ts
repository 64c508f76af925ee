import type { Connection } from './connection';
import { StoreQuotaError } from './errors';

/** The part of navigator.storage the store uses; injectable because test DOMs lack it. */
export type StorageLike = Partial<Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>>;

export interface Usage {
  usage: number | null;
  quota: number | null;
}

export function defaultStorage(): StorageLike | null {
  return globalThis.navigator?.storage ?? null;
}

/** How much this extension's origin uses and may use, or null where the browser cannot say. */
export async function estimateUsage(storage: StorageLike | null): Promise<Usage | null> {
  if (!storage?.estimate) return null;
  const e = await storage.estimate();
  return { usage: e.usage ?? null, quota: e.quota ?? null };
}

/**
 * Asks the browser not to evict this origin's data under storage pressure. Returns null where
 * the API is missing, else whether the data is now persistent (the browser may say no).
 */
export async function requestPersistence(storage: StorageLike | null): Promise<boolean | null> {
  if (!storage?.persist) return null;
  if (storage.persisted && (await storage.persisted())) return true;
  return storage.persist();
}

/**
 * Browsers name quota failures differently (Chrome/Safari: QuotaExceededError, legacy code 22;
 * Firefox: NS_ERROR_DOM_QUOTA_REACHED) and may report them on the request or only as the
 * transaction's abort error.
 */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException) && !(error instanceof Error)) return false;
  if (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return true;
  }
  return error instanceof DOMException && error.code === 22;
}

/**
 * Runs a write; a quota failure becomes a StoreQuotaError that says how many snapshots are
 * still safely stored. The failed transaction was aborted, so nothing earlier was touched.
 */
export async function guardQuota<T>(conn: Connection, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    let kept: number | null = null;
    try {
      kept = await conn.run(['meta'], 'readonly', (tx) => tx.objectStore('meta').count());
    } catch {
      // Counting is only for the message; the quota error is what matters.
    }
    throw new StoreQuotaError(kept, { cause: error });
  }
}
