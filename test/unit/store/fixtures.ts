import { vi } from 'vitest';
import type { Snapshot } from '@/lib/model';
import type { Job } from '@/lib/store';

// Raw IndexedDB helpers and per-version fixtures. The fixtures deliberately do NOT use lib/store:
// they recreate what each released schema version wrote, so the current upgrade code is tested
// against the past, not against itself.

export function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export function rawOpen(
  factory: IDBFactory,
  name: string,
  version?: number,
  onUpgrade?: (db: IDBDatabase, tx: IDBTransaction, oldVersion: number) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = version === undefined ? factory.open(name) : factory.open(name, version);
    r.onupgradeneeded = (e) => {
      if (onUpgrade && r.transaction) onUpgrade(r.result, r.transaction, e.oldVersion);
    };
    r.onblocked = () => reject(new Error('open was blocked by another connection'));
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export function txDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
    tx.onerror = () => reject(tx.error);
  });
}

export async function rawPut(db: IDBDatabase, store: string, values: unknown[]): Promise<void> {
  const tx = db.transaction(store, 'readwrite');
  for (const v of values) tx.objectStore(store).put(v);
  await txDone(tx);
}

/** Reads a whole store with a short-lived raw connection (does not upgrade anything). */
export async function rawGetAll(factory: IDBFactory, name: string, store: string) {
  const db = await rawOpen(factory, name);
  try {
    return await req(db.transaction(store).objectStore(store).getAll());
  } finally {
    db.close();
  }
}

export async function rawGet(factory: IDBFactory, name: string, store: string, key: string) {
  const db = await rawOpen(factory, name);
  try {
    const v: unknown = await req(db.transaction(store).objectStore(store).get(key));
    return v;
  } finally {
    db.close();
  }
}

/** Replaces records behind the store's back, e.g. to plant a record an old build got wrong. */
export async function rawWrite(
  factory: IDBFactory,
  name: string,
  store: string,
  values: unknown[],
) {
  const db = await rawOpen(factory, name);
  try {
    await rawPut(db, store, values);
  } finally {
    db.close();
  }
}

/** Stores, key paths and indexes: the shape a schema version leaves behind. */
export async function describeDb(factory: IDBFactory, name: string) {
  const db = await rawOpen(factory, name);
  try {
    const names = [...db.objectStoreNames].sort();
    const tx = db.transaction(names);
    const stores = names.map((n) => {
      const s = tx.objectStore(n);
      return {
        name: n,
        keyPath: s.keyPath,
        autoIncrement: s.autoIncrement,
        indexes: [...s.indexNames].sort().map((i) => {
          const ix = s.index(i);
          return { name: i, keyPath: ix.keyPath, unique: ix.unique, multiEntry: ix.multiEntry };
        }),
      };
    });
    return { version: db.version, stores };
  } finally {
    db.close();
  }
}

let seq = 0;
export function sampleSnapshot(over: Partial<Snapshot> = {}): Snapshot {
  seq += 1;
  return {
    id: `snap-${seq}`,
    app: 'ab123',
    host: 'ab123.infusionsoft.com',
    build: '1.70.0.989251',
    takenAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    cause: 'manual',
    pinned: false,
    runOnAllOrders: 'no',
    products: [
      { id: '12', name: 'Kit', kind: 'product' },
      { name: 'Monthly', kind: 'subscription' },
    ],
    sets: [
      {
        ref: { kind: 'default', trigger: 'successful' },
        name: 'Successful Purchase Action',
        actions: [
          { label: 'Apply Tag', summary: 'Apply tag: Buyer', facts: { appliesTags: ['Buyer'] } },
        ],
      },
      {
        ref: { kind: 'product', name: 'Kit', id: '12' },
        name: 'Kit',
        actions: [
          { label: 'Send Email', summary: 'Send: Welcome' },
          { label: 'Apply Tag', summary: 'Apply tag: Kit' },
        ],
      },
    ],
    ...over,
  };
}

/** The v1 meta row: what v1 listed (no productCount yet). */
function v1Meta(s: Snapshot) {
  return {
    id: s.id,
    app: s.app,
    host: s.host,
    build: s.build,
    takenAt: s.takenAt,
    cause: s.cause,
    name: s.name,
    pinned: s.pinned,
    runOnAllOrders: s.runOnAllOrders,
    setCount: s.sets.length,
    actionCount: s.sets.reduce((n, set) => n + set.actions.length, 0),
  };
}

export const V1_SNAPSHOTS = [
  sampleSnapshot({ id: 'v1-a', app: 'ab123', name: 'Before launch', pinned: true }),
  sampleSnapshot({ id: 'v1-b', app: 'ab123' }),
  sampleSnapshot({ id: 'v1-c', app: 'cd456', host: 'cd456.infusionsoft.com', products: [] }),
];

/** Database exactly as schema v1 created it, with three snapshots and one damaged row. */
export async function createV1(factory: IDBFactory, name: string): Promise<void> {
  const db = await rawOpen(factory, name, 1, (d) => {
    d.createObjectStore('snapshots', { keyPath: 'id' });
    const meta = d.createObjectStore('meta', { keyPath: 'id' });
    meta.createIndex('by-app', 'app');
    meta.createIndex('by-app-time', ['app', 'takenAt']);
  });
  await rawPut(db, 'snapshots', V1_SNAPSHOTS);
  await rawPut(db, 'meta', [
    ...V1_SNAPSHOTS.map(v1Meta),
    // A v1 row whose body was lost: the backfill has nothing to count, so it must stay as is.
    { ...v1Meta(sampleSnapshot({ id: 'v1-orphan', app: 'ab123' })) },
  ]);
  db.close();
}

// Typed only for the tests' convenience; the value is what v2 wrote, independent of the code.
export const V2_JOB: Job = {
  id: 'job-1',
  app: 'ab123',
  kind: 'bulk-copy',
  createdAt: '2026-02-01T10:00:00.000Z',
  status: 'interrupted',
  snapshotBeforeId: 'v2-a',
  targets: [
    {
      key: 'product:12',
      name: 'Kit',
      state: 'done',
      attempts: 1,
      updatedAt: '2026-02-01T10:00:05.000Z',
    },
    {
      key: 'product:name:Monthly',
      name: 'Monthly',
      state: 'writing',
      attempts: 1,
      updatedAt: '2026-02-01T10:00:09.000Z',
    },
  ],
  source: { setKey: 'default:successful' },
  mode: { kind: 'append' },
};

export const V2_SNAPSHOTS = [
  sampleSnapshot({ id: 'v2-a', app: 'ab123', cause: 'before-bulk-copy' }),
  sampleSnapshot({ id: 'v2-b', app: 'ef789', host: 'ef789.infusionsoft.com' }),
];

/** Database exactly as schema v2 created it: all four stores with data in each. */
export async function createV2(factory: IDBFactory, name: string): Promise<void> {
  const db = await rawOpen(factory, name, 2, (d) => {
    d.createObjectStore('snapshots', { keyPath: 'id' });
    const meta = d.createObjectStore('meta', { keyPath: 'id' });
    meta.createIndex('by-app', 'app');
    meta.createIndex('by-app-time', ['app', 'takenAt']);
    const jobs = d.createObjectStore('jobs', { keyPath: 'id' });
    jobs.createIndex('by-app', 'app');
    jobs.createIndex('by-status', 'status');
    d.createObjectStore('settings', { keyPath: 'key' });
  });
  await rawPut(db, 'snapshots', V2_SNAPSHOTS);
  await rawPut(
    db,
    'meta',
    V2_SNAPSHOTS.map((s) => ({ ...v1Meta(s), productCount: s.products.length })),
  );
  await rawPut(db, 'jobs', [V2_JOB]);
  await rawPut(db, 'settings', [
    { key: 'account:ab123', app: 'ab123', value: { keepLast: 20, snapshotEveryDays: 7 } },
  ]);
  db.close();
}

type ExecRequest = (o: { operation: () => unknown; source: unknown }) => IDBRequest;

/**
 * Makes `put` on one store fail. 'sync' throws from put() itself; 'request' fails the request
 * asynchronously, which (like a real quota failure) also aborts the transaction with that error.
 * The 'request' mode uses fake-indexeddb's internal request queue.
 */
export function failPut(storeName: string, error: () => DOMException, mode: 'sync' | 'request') {
  const original = IDBObjectStore.prototype.put;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    if (this.name !== storeName) return original.call(this, value, key);
    const err = error();
    if (mode === 'sync') throw err;
    const exec = (this.transaction as unknown as { _execRequestAsync?: ExecRequest })
      ._execRequestAsync;
    if (!exec) throw new Error('fake-indexeddb internals changed: cannot fail a request');
    return exec.call(this.transaction, {
      operation: () => {
        throw err;
      },
      source: this,
    }) as IDBRequest<IDBValidKey>;
  });
}

export const quotaError = () => new DOMException('Quota exceeded (test)', 'QuotaExceededError');
