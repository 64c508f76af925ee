import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Snapshot, SnapshotMeta } from '@/lib/model';
import { DB_VERSION, Job, openStore, StoreVersionError } from '@/lib/store';
import {
  createV1,
  createV2,
  describeDb,
  rawGet,
  rawGetAll,
  rawOpen,
  V1_SNAPSHOTS,
  V2_JOB,
  V2_SNAPSHOTS,
} from './fixtures';

const NAME = 'test-db';
let factory: IDBFactory;

beforeEach(() => {
  factory = new IDBFactory();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function freshShape() {
  const other = new IDBFactory();
  const s = await openStore({ factory: other, name: NAME });
  await s.close();
  return describeDb(other, NAME);
}

describe('schema', () => {
  it('the chain is real: fixtures exist for every version up to the current one', () => {
    // Adding v3 without a v3 fixture (and its tests) should fail here.
    expect(DB_VERSION).toBe(2);
  });

  it('a fresh database has every store and index', async () => {
    const shape = await freshShape();
    expect(shape.version).toBe(DB_VERSION);
    expect(shape.stores.map((s) => s.name)).toEqual(['jobs', 'meta', 'settings', 'snapshots']);
    expect(shape.stores.find((s) => s.name === 'meta')?.indexes.map((i) => i.name)).toEqual([
      'by-app',
      'by-app-time',
    ]);
  });
});

describe('v1 -> current', () => {
  beforeEach(() => createV1(factory, NAME));

  it('ends with the same shape as a fresh database', async () => {
    const s = await openStore({ factory, name: NAME });
    await s.close();
    expect(await describeDb(factory, NAME)).toEqual(await freshShape());
  });

  it('keeps every body and backfills productCount from it', async () => {
    const s = await openStore({ factory, name: NAME });
    for (const snap of V1_SNAPSHOTS) {
      const got = await s.getSnapshot(snap.id);
      expect(got).toEqual(Snapshot.parse(snap));
    }
    const ab = await s.listSnapshots('ab123');
    expect(ab.items.map((m) => [m.id, m.productCount])).toEqual([
      ['v1-b', 2],
      ['v1-a', 2],
    ]);
    for (const m of ab.items) expect(SnapshotMeta.safeParse(m).success).toBe(true);
    expect(ab.items.find((m) => m.id === 'v1-a')).toMatchObject({
      pinned: true,
      name: 'Before launch',
    });
    const cd = await s.listSnapshots('cd456');
    expect(cd.items.map((m) => [m.id, m.productCount])).toEqual([['v1-c', 0]]);
    await s.close();
  });

  it('reports, and keeps unchanged, a v1 row it had nothing to backfill from', async () => {
    const before = await rawGet(factory, NAME, 'meta', 'v1-orphan');
    const s = await openStore({ factory, name: NAME });
    const ab = await s.listSnapshots('ab123');
    expect(ab.problems).toEqual([
      { store: 'meta', id: 'v1-orphan', issues: [expect.stringContaining('productCount')] },
    ]);
    await s.close();
    expect(await rawGet(factory, NAME, 'meta', 'v1-orphan')).toEqual(before);
  });

  it('adds working jobs and settings stores', async () => {
    const s = await openStore({ factory, name: NAME });
    await s.putJob({ ...V2_JOB, id: 'j-new' });
    expect((await s.getJob('j-new'))?.status).toBe('interrupted');
    await s.putAccountSettings('ab123', { keepLast: 5 });
    expect(await s.getAccountSettings('ab123')).toEqual({ keepLast: 5 });
    await s.close();
  });

  it('a failed step aborts the whole upgrade and leaves v1 intact', async () => {
    vi.spyOn(IDBCursor.prototype, 'update').mockImplementation(() => {
      throw new DOMException('disk trouble (test)', 'UnknownError');
    });
    await expect(openStore({ factory, name: NAME })).rejects.toThrow();
    vi.restoreAllMocks();
    const shape = await describeDb(factory, NAME);
    expect(shape.version).toBe(1);
    expect(shape.stores.map((st) => st.name)).toEqual(['meta', 'snapshots']);
    const meta = await rawGetAll(factory, NAME, 'meta');
    expect(meta).toHaveLength(4);
    expect(meta.every((m: Record<string, unknown>) => !('productCount' in m))).toBe(true);
    // And a later attempt (the bug fixed, the disk fine) migrates normally.
    const s = await openStore({ factory, name: NAME });
    expect((await s.listSnapshots('ab123')).items).toHaveLength(2);
    await s.close();
  });
});

describe('v2 -> current', () => {
  beforeEach(() => createV2(factory, NAME));

  it('ends with the same shape as a fresh database', async () => {
    const s = await openStore({ factory, name: NAME });
    await s.close();
    expect(await describeDb(factory, NAME)).toEqual(await freshShape());
  });

  it('reads every record back valid', async () => {
    const s = await openStore({ factory, name: NAME });
    for (const snap of V2_SNAPSHOTS) expect(await s.getSnapshot(snap.id)).toEqual(snap);
    const accounts = await s.listAccounts();
    expect(accounts.problems).toEqual([]);
    expect(accounts.items.map((a) => [a.app, a.count]).sort()).toEqual([
      ['ab123', 1],
      ['ef789', 1],
    ]);
    expect(await s.getJob('job-1')).toEqual(Job.parse(V2_JOB));
    expect((await s.listJobs('ab123')).items).toHaveLength(1);
    expect(await s.getAccountSettings('ab123')).toEqual({ keepLast: 20, snapshotEveryDays: 7 });
    await s.close();
  });
});

describe('a database from a newer build', () => {
  it('is refused with StoreVersionError and left alone', async () => {
    const db = await rawOpen(factory, NAME, DB_VERSION + 1, (d) => {
      d.createObjectStore('future', { keyPath: 'id' });
    });
    db.close();
    await expect(openStore({ factory, name: NAME })).rejects.toBeInstanceOf(StoreVersionError);
    expect((await describeDb(factory, NAME)).stores.map((s) => s.name)).toEqual(['future']);
  });
});
