import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metaOf } from '@/lib/model';
import {
  InvalidRecordError,
  openStore,
  RecordNotFoundError,
  type Store,
  WrongAppError,
} from '@/lib/store';
import { failPut, rawGet, rawGetAll, rawWrite, sampleSnapshot } from './fixtures';

const NAME = 'snapshots-test';
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

describe('putSnapshot / getSnapshot', () => {
  it('round-trips a snapshot and lists its meta', async () => {
    const s = sampleSnapshot({ name: 'First' });
    const meta = await store.putSnapshot(s);
    expect(meta).toEqual(metaOf(s));
    expect(await store.getSnapshot(s.id)).toEqual(s);
    expect(await store.getSnapshot('nope')).toBeNull();
  });

  it('refuses an invalid snapshot before writing anything', async () => {
    await expect(
      store.putSnapshot({ ...sampleSnapshot(), takenAt: 'yesterday' }),
    ).rejects.toThrow();
    expect(await rawGetAll(factory, NAME, 'snapshots')).toEqual([]);
  });
});

describe('atomic write: body and meta, both or neither', () => {
  for (const mode of ['sync', 'request'] as const) {
    it(`a failure writing the meta (${mode}) leaves neither stored`, async () => {
      const earlier = sampleSnapshot();
      await store.putSnapshot(earlier);
      failPut('meta', () => new DOMException('injected (test)', 'UnknownError'), mode);
      const s = sampleSnapshot();
      await expect(store.putSnapshot(s)).rejects.toThrow('injected');
      vi.restoreAllMocks();
      expect(await store.getSnapshot(s.id)).toBeNull();
      expect(await rawGet(factory, NAME, 'snapshots', s.id)).toBeUndefined();
      expect(await rawGet(factory, NAME, 'meta', s.id)).toBeUndefined();
      expect((await store.listSnapshots('ab123')).items.map((m) => m.id)).toEqual([earlier.id]);
    });
  }
});

describe('app isolation', () => {
  let mine: ReturnType<typeof sampleSnapshot>;
  beforeEach(async () => {
    mine = sampleSnapshot({ app: 'ab123' });
    await store.putSnapshot(mine);
    await store.putSnapshot(sampleSnapshot({ app: 'cd456' }));
  });

  it('getSnapshot under another app throws WrongAppError', async () => {
    await expect(store.getSnapshot(mine.id, { app: 'cd456' })).rejects.toBeInstanceOf(
      WrongAppError,
    );
    expect(await store.getSnapshot(mine.id, { app: 'ab123' })).toEqual(mine);
  });

  it('lists only the asked account', async () => {
    const cd = await store.listSnapshots('cd456');
    expect(cd.items.every((m) => m.app === 'cd456')).toBe(true);
    expect(cd.items.map((m) => m.id)).not.toContain(mine.id);
    expect(await store.listSnapshots('zz000')).toEqual({ items: [], problems: [] });
  });

  it('refuses changes under another app and leaves the record alone', async () => {
    await expect(store.deleteSnapshot(mine.id, { app: 'cd456' })).rejects.toBeInstanceOf(
      WrongAppError,
    );
    await expect(store.setPinned(mine.id, true, { app: 'cd456' })).rejects.toBeInstanceOf(
      WrongAppError,
    );
    await expect(store.renameSnapshot(mine.id, 'x', { app: 'cd456' })).rejects.toBeInstanceOf(
      WrongAppError,
    );
    expect(await store.getSnapshot(mine.id)).toEqual(mine);
  });

  it('will not let another account overwrite a snapshot id', async () => {
    await expect(
      store.putSnapshot({ ...sampleSnapshot({ app: 'cd456' }), id: mine.id }),
    ).rejects.toBeInstanceOf(WrongAppError);
    expect(await store.getSnapshot(mine.id)).toEqual(mine);
  });
});

describe('listSnapshots reads meta only', () => {
  it('lists 500 snapshots newest first without touching a body', async () => {
    const all = Array.from({ length: 500 }, (_, i) =>
      sampleSnapshot({
        id: `bulk-${i}`,
        takenAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
      }),
    );
    for (const s of all) await store.putSnapshot(s);
    // Bodies that would fail to parse: if the list read them, it would report 500 problems.
    await rawWrite(
      factory,
      NAME,
      'snapshots',
      all.map((s) => ({ id: s.id, app: s.app, broken: true })),
    );
    const opened: string[][] = [];
    const originalTx = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      names: string | Iterable<string>,
      ...rest: [IDBTransactionMode?, IDBTransactionOptions?]
    ) {
      opened.push(typeof names === 'string' ? [names] : [...names]);
      return originalTx.call(this, names, ...rest);
    });
    const started = performance.now();
    const list = await store.listSnapshots('ab123');
    const elapsed = performance.now() - started;
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.flat()).not.toContain('snapshots');
    expect(list.problems).toEqual([]);
    expect(list.items).toHaveLength(500);
    expect(list.items[0]?.id).toBe('bulk-499');
    expect(list.items.at(-1)?.id).toBe('bulk-0');
    expect(elapsed).toBeLessThan(2000);
    // The bodies really are unreadable: proof the list could not have used them.
    await expect(store.getSnapshot('bulk-7')).rejects.toBeInstanceOf(InvalidRecordError);
  });

  it('orders by time, not by text, across ISO precisions', async () => {
    await store.putSnapshot(sampleSnapshot({ id: 'later', takenAt: '2026-03-01T00:00:00.500Z' }));
    await store.putSnapshot(sampleSnapshot({ id: 'earlier', takenAt: '2026-03-01T00:00:00Z' }));
    expect((await store.listSnapshots('ab123')).items.map((m) => m.id)).toEqual([
      'later',
      'earlier',
    ]);
  });
});

describe('listAccounts', () => {
  it('counts snapshots per account with the newest time', async () => {
    await store.putSnapshot(sampleSnapshot({ app: 'ab123', takenAt: '2026-01-01T00:00:00.000Z' }));
    await store.putSnapshot(sampleSnapshot({ app: 'ab123', takenAt: '2026-04-01T00:00:00.000Z' }));
    await store.putSnapshot(sampleSnapshot({ app: 'cd456', takenAt: '2026-02-01T00:00:00.000Z' }));
    expect(await store.listAccounts()).toEqual({
      items: [
        { app: 'ab123', count: 2, lastTakenAt: '2026-04-01T00:00:00.000Z' },
        { app: 'cd456', count: 1, lastTakenAt: '2026-02-01T00:00:00.000Z' },
      ],
      problems: [],
    });
  });
});

describe('an invalid stored record is reported and kept', () => {
  const bad = { id: 'bad-1', app: 'ab123', takenAt: 'not a date', cause: 'manual' };

  beforeEach(async () => {
    await store.putSnapshot(sampleSnapshot({ id: 'good-1' }));
    await rawWrite(factory, NAME, 'meta', [bad]);
    await rawWrite(factory, NAME, 'snapshots', [bad]);
  });

  it('listSnapshots and listAccounts return it as a problem, with its id', async () => {
    const list = await store.listSnapshots('ab123');
    expect(list.items.map((m) => m.id)).toEqual(['good-1']);
    expect(list.problems).toHaveLength(1);
    expect(list.problems[0]).toMatchObject({ store: 'meta', id: 'bad-1' });
    expect(list.problems[0]?.issues.join(' ')).toMatch(/takenAt/);
    expect((await store.listAccounts()).problems.map((p) => p.id)).toEqual(['bad-1']);
  });

  it('getSnapshot throws InvalidRecordError naming the id', async () => {
    const err = await store.getSnapshot('bad-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect((err as InvalidRecordError).problem.id).toBe('bad-1');
    expect((err as Error).message).toContain('kept');
  });

  it('is never rewritten or deleted by reads, pins, renames or retention', async () => {
    await store.listSnapshots('ab123');
    await store.getSnapshot('bad-1').catch(() => {});
    await expect(store.setPinned('bad-1', true)).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(store.renameSnapshot('bad-1', 'x')).rejects.toBeInstanceOf(InvalidRecordError);
    const r = await store.applyRetention('ab123', 0);
    expect(r.deleted.map((m) => m.id)).toEqual(['good-1']);
    expect(r.problems.map((p) => p.id)).toEqual(['bad-1']);
    expect(await rawGet(factory, NAME, 'meta', 'bad-1')).toEqual(bad);
    expect(await rawGet(factory, NAME, 'snapshots', 'bad-1')).toEqual(bad);
  });
});

describe('pin, rename, delete', () => {
  it('updates list and body together', async () => {
    const s = sampleSnapshot();
    await store.putSnapshot(s);
    expect((await store.setPinned(s.id, true)).pinned).toBe(true);
    expect((await store.renameSnapshot(s.id, '  Before the sale  ')).name).toBe('Before the sale');
    expect(await store.getSnapshot(s.id)).toMatchObject({ pinned: true, name: 'Before the sale' });
    expect((await store.listSnapshots('ab123')).items[0]).toMatchObject({
      pinned: true,
      name: 'Before the sale',
    });
    expect((await store.renameSnapshot(s.id, ' ')).name).toBeUndefined();
    await expect(store.renameSnapshot(s.id, 'x'.repeat(201))).rejects.toThrow();
    expect((await store.getSnapshot(s.id))?.name).toBeUndefined();
  });

  it('deletes body and meta; missing ids are reported', async () => {
    const s = sampleSnapshot();
    await store.putSnapshot(s);
    expect(await store.deleteSnapshot(s.id, { app: 'ab123' })).toBe(true);
    expect(await store.deleteSnapshot(s.id)).toBe(false);
    expect(await rawGetAll(factory, NAME, 'snapshots')).toEqual([]);
    expect(await rawGetAll(factory, NAME, 'meta')).toEqual([]);
    await expect(store.setPinned(s.id, true)).rejects.toBeInstanceOf(RecordNotFoundError);
  });
});

describe('applyRetention', () => {
  it('deletes the oldest unpinned beyond N, never pinned ones, only in that account', async () => {
    const t = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    const ids = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];
    for (const [i, id] of ids.entries()) {
      await store.putSnapshot(
        sampleSnapshot({ id, takenAt: t(i + 1), pinned: id === 'd1' || id === 'd3' }),
      );
    }
    await store.putSnapshot(sampleSnapshot({ id: 'other', app: 'cd456', takenAt: t(1) }));
    const r = await store.applyRetention('ab123', 2);
    // Unpinned newest first: d6 d5 | d4 d2 -> d4 and d2 go; d1 and d3 are pinned.
    expect(r.deleted.map((m) => m.id)).toEqual(['d4', 'd2']);
    expect(r.kept).toBe(4);
    expect((await store.listSnapshots('ab123')).items.map((m) => m.id)).toEqual([
      'd6',
      'd5',
      'd3',
      'd1',
    ]);
    expect(await rawGet(factory, NAME, 'snapshots', 'd2')).toBeUndefined();
    expect(await store.getSnapshot('other')).not.toBeNull();
    expect((await store.applyRetention('ab123', 2)).deleted).toEqual([]);
  });

  it('rejects a nonsensical keepLast', async () => {
    await expect(store.applyRetention('ab123', -1)).rejects.toBeInstanceOf(RangeError);
    await expect(store.applyRetention('ab123', 1.5)).rejects.toBeInstanceOf(RangeError);
  });
});
