import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isCaptured } from '@/lib/model';
import { ImportRefusedError, openStore, type Store } from '@/lib/store';
import { rawGetAll, sampleSnapshot } from './fixtures';

// Imports are additions: new ids, cause "import", never pinned, never
// replacing a stored record, all or nothing.
const NAME = 'import-test';
const NOW = new Date('2026-06-01T12:00:00.000Z');
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

const everything = async () => ({
  snapshots: await rawGetAll(factory, NAME, 'snapshots'),
  meta: await rawGetAll(factory, NAME, 'meta'),
});

describe('importSnapshots', () => {
  it('leaves a stored pinned snapshot intact when a file uses its id', async () => {
    const undo = sampleSnapshot({ pinned: true, cause: 'before-bulk-copy', name: 'Undo' });
    await store.putSnapshot(undo);
    const forged = { ...sampleSnapshot({ id: undo.id, name: 'forged' }), sets: [] };
    const [meta] = await store.importSnapshots([forged], NOW);
    expect(await store.getSnapshot(undo.id)).toEqual(undo);
    expect(meta?.id).not.toBe(undo.id);
    const added = await store.getSnapshot(meta?.id ?? '');
    expect(added).toMatchObject({
      cause: 'import',
      pinned: false,
      name: 'forged',
      takenAt: forged.takenAt,
      imported: { at: NOW.toISOString(), fileId: undo.id, fileCause: 'manual', filePinned: false },
    });
    expect(meta?.importedAt).toBe(NOW.toISOString());
  });

  it("does not trust the file's pin or cause", async () => {
    const [meta] = await store.importSnapshots(
      [sampleSnapshot({ pinned: true, cause: 'before-restore' })],
      NOW,
    );
    expect(meta).toMatchObject({ pinned: false, cause: 'import' });
    expect(isCaptured(meta as { cause: 'import' })).toBe(false);
    expect((await store.getSnapshot(meta?.id ?? ''))?.imported).toMatchObject({
      fileCause: 'before-restore',
      filePinned: true,
    });
  });

  it('refuses a snapshot dated after now, storing none of the file', async () => {
    const before = await everything();
    const file = [
      sampleSnapshot(),
      sampleSnapshot({ takenAt: new Date(NOW.getTime() + 1000).toISOString() }),
    ];
    await expect(store.importSnapshots(file, NOW)).rejects.toThrow(ImportRefusedError);
    await expect(store.importSnapshots(file, NOW)).rejects.toThrow('later than now');
    expect(await everything()).toEqual(before);
  });

  it('stores nothing when the store fails midway through a multi-snapshot import', async () => {
    await store.putSnapshot(sampleSnapshot({ id: 'kept' }));
    const before = await everything();
    const original = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      calls += 1;
      // The third snapshot's body: two snapshots (bodies and metas) are already added.
      if (calls === 5) throw new DOMException('injected (test)', 'UnknownError');
      return original.call(this, value, key);
    });
    const file = [sampleSnapshot(), sampleSnapshot(), sampleSnapshot(), sampleSnapshot()];
    await expect(store.importSnapshots(file, NOW)).rejects.toThrow('injected');
    expect(calls).toBe(5);
    vi.restoreAllMocks();
    expect(await everything()).toEqual(before);
  });

  it('adds every snapshot of a file in one go, and links carried-over actions to the new ids', async () => {
    const first = sampleSnapshot();
    const second = sampleSnapshot();
    const carried = { snapshotId: first.id, takenAt: first.takenAt };
    const set = second.sets[0];
    if (!set) throw new Error('fixture');
    second.sets[0] = { ...set, actions: set.actions.map((a) => ({ ...a, carriedFrom: carried })) };
    const metas = await store.importSnapshots([first, second], NOW);
    expect(metas).toHaveLength(2);
    const [newFirst, newSecond] = metas.map((m) => m.id);
    const stored = await store.getSnapshot(newSecond ?? '');
    expect(stored?.sets[0]?.actions[0]?.carriedFrom).toEqual({
      snapshotId: newFirst,
      takenAt: first.takenAt,
    });
    expect(metas[1]?.carriedCount).toBe(1);
    // Importing the same file again adds again: nothing is matched or replaced by id.
    await store.importSnapshots([first, second], NOW);
    expect((await store.listSnapshots('ab123')).items).toHaveLength(4);
  });

  it('refuses two snapshots with one id in the same file', async () => {
    const s = sampleSnapshot();
    await expect(store.importSnapshots([s, { ...s }], NOW)).rejects.toThrow('same id');
    expect((await everything()).snapshots).toEqual([]);
  });
});
