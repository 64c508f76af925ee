import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SnapshotMeta } from '@/lib/model';
import { openStore, type Store, StoreQuotaError } from '@/lib/store';
import { isQuotaError } from '@/lib/store/quota';
import { failPut, quotaError, rawGet, sampleSnapshot, V2_JOB } from './fixtures';

const NAME = 'quota-test';
let factory: IDBFactory;
let store: Store;

beforeEach(async () => {
  factory = new IDBFactory();
  store = await openStore({ factory, name: NAME, storage: null });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

describe('a full disk on write', () => {
  for (const storeName of ['snapshots', 'meta'] as const) {
    for (const mode of ['sync', 'request'] as const) {
      it(`(${storeName}, ${mode}) throws StoreQuotaError and keeps every earlier snapshot`, async () => {
        const earlier = [sampleSnapshot(), sampleSnapshot(), sampleSnapshot()];
        for (const s of earlier) await store.putSnapshot(s);
        failPut(storeName, quotaError, mode);
        const next = sampleSnapshot();
        const err = await store.putSnapshot(next).catch((e: unknown) => e);
        vi.restoreAllMocks();
        expect(err).toBeInstanceOf(StoreQuotaError);
        expect((err as StoreQuotaError).snapshotsKept).toBe(3);
        expect((err as Error).message).toBe(
          "The browser's storage for this extension is full: 3 snapshots are kept; delete or export old ones.",
        );
        expect((err as Error).cause).toBeInstanceOf(DOMException);
        // Everything stored before is intact and valid; the failed one left no half.
        for (const s of earlier) expect(await store.getSnapshot(s.id)).toEqual(s);
        const list = await store.listSnapshots('ab123');
        expect(list.problems).toEqual([]);
        expect(list.items.map((m) => m.id).sort()).toEqual(earlier.map((s) => s.id).sort());
        for (const m of list.items) expect(SnapshotMeta.safeParse(m).success).toBe(true);
        expect(await rawGet(factory, NAME, 'snapshots', next.id)).toBeUndefined();
        expect(await rawGet(factory, NAME, 'meta', next.id)).toBeUndefined();
      });
    }
  }

  it('journal writes report quota the same way and keep the previous journal state', async () => {
    await store.putJob(V2_JOB);
    failPut('jobs', quotaError, 'request');
    await expect(
      store.updateJob('job-1', (j) => ({ ...j, status: 'paused' })),
    ).rejects.toBeInstanceOf(StoreQuotaError);
    vi.restoreAllMocks();
    expect((await store.getJob('job-1'))?.status).toBe('interrupted');
  });

  it('other write errors are not dressed up as quota errors', async () => {
    failPut('snapshots', () => new DOMException('other (test)', 'UnknownError'), 'request');
    const err = await store.putSnapshot(sampleSnapshot()).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(StoreQuotaError);
    expect((err as Error).name).toBe('UnknownError');
  });
});

describe('isQuotaError', () => {
  it('knows the names browsers use', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('x', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('estimateUsage / requestPersistence', () => {
  it('return null where navigator.storage is missing', async () => {
    expect(await store.estimateUsage()).toBeNull();
    expect(await store.requestPersistence()).toBeNull();
  });

  it('use navigator.storage when present', async () => {
    const persist = vi.fn(async () => true);
    const s = await openStore({
      factory,
      name: NAME,
      storage: {
        estimate: async () => ({ usage: 1234, quota: 10_000 }),
        persisted: async () => false,
        persist,
      },
    });
    expect(await s.estimateUsage()).toEqual({ usage: 1234, quota: 10_000 });
    expect(await s.requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    await s.close();
  });

  it('do not ask again when storage is already persistent', async () => {
    const persist = vi.fn(async () => true);
    const s = await openStore({
      factory,
      name: NAME,
      storage: { persisted: async () => true, persist },
    });
    expect(await s.requestPersistence()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
    expect(await s.estimateUsage()).toBeNull();
    await s.close();
  });
});
