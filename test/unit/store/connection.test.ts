import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountSettings,
  DB_VERSION,
  InvalidRecordError,
  openStore,
  type Store,
  StoreVersionError,
} from '@/lib/store';
import { rawOpen, rawWrite, req, sampleSnapshot } from './fixtures';

const NAME = 'connection-test';
let factory: IDBFactory;
let store: Store;

beforeEach(async () => {
  factory = new IDBFactory();
  store = await openStore({ factory, name: NAME, storage: null });
});
afterEach(async () => {
  await store.close();
});

describe('sharing the database with another context', () => {
  it('gets out of the way of a delete (versionchange) and reopens on the next call', async () => {
    await store.putSnapshot(sampleSnapshot());
    const del = factory.deleteDatabase(NAME);
    let blocked = false;
    del.onblocked = () => {
      blocked = true;
    };
    await req(del);
    expect(blocked).toBe(false);
    // A fresh, empty database is created on demand.
    expect(await store.listAccounts()).toEqual({ items: [], problems: [] });
    const s = sampleSnapshot();
    await store.putSnapshot(s);
    expect(await store.getSnapshot(s.id)).toEqual(s);
  });

  it('does not block a newer build upgrading, then refuses to read its data', async () => {
    await store.putSnapshot(sampleSnapshot());
    // rawOpen rejects if the open is blocked by our connection.
    const newer = await rawOpen(factory, NAME, DB_VERSION + 1);
    newer.close();
    await expect(store.listAccounts()).rejects.toBeInstanceOf(StoreVersionError);
  });

  it('two stores on one database see each other’s writes', async () => {
    const other = await openStore({ factory, name: NAME, storage: null });
    const s = sampleSnapshot();
    await other.putSnapshot(s);
    expect(await store.getSnapshot(s.id)).toEqual(s);
    await other.close();
  });

  it('reopens after close()', async () => {
    await store.close();
    const s = sampleSnapshot();
    await store.putSnapshot(s);
    expect(await store.getSnapshot(s.id)).toEqual(s);
  });
});

describe('account settings', () => {
  it('round-trip per account; none saved is null', async () => {
    expect(await store.getAccountSettings('ab123')).toBeNull();
    await store.putAccountSettings('ab123', { keepLast: 10, snapshotEveryDays: 3 });
    expect(await store.getAccountSettings('ab123')).toEqual({ keepLast: 10, snapshotEveryDays: 3 });
    expect(await store.getAccountSettings('cd456')).toBeNull();
    expect(AccountSettings.safeParse({ keepLast: 0 }).success).toBe(false);
    await expect(store.putAccountSettings('ab123', { keepLast: -3 })).rejects.toThrow();
  });

  it('a broken settings record is reported with its key, not replaced by defaults', async () => {
    const bad = { key: 'account:ab123', app: 'ab123', value: { keepLast: 'lots' } };
    await rawWrite(factory, NAME, 'settings', [bad]);
    const err = await store.getAccountSettings('ab123').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect((err as InvalidRecordError).problem).toMatchObject({
      store: 'settings',
      id: 'account:ab123',
    });
  });
});
