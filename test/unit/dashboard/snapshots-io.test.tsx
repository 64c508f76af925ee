import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { downloadFile } from '@/components/snapshots/files';
import { createStoreSource, type SnapshotSource } from '@/entrypoints/dashboard/data';
import { exportJson } from '@/lib/snapshot/export';
import { parseExport } from '@/lib/snapshot/import';
import { StoreQuotaError } from '@/lib/store';
import { poolSnapshot, text } from '../explainer/helpers';
import { click, inputByLabel, pickFile, row, section, storeWith, until } from './snapshots-helpers';

const alerts = (root: Element) => [...root.querySelectorAll('[role="alert"]')].map(text);
const statuses = (root: Element) => [...root.querySelectorAll('[role="status"]')].map(text);

describe('Snapshots: import', () => {
  it.each([
    [
      'a file from a newer version',
      JSON.stringify({
        format: 'purchase-actions-toolkit/snapshots',
        version: 99,
        snapshots: [poolSnapshot()],
      }),
      'made by a newer version of the extension (v99)',
    ],
    ['a truncated file', exportJson([poolSnapshot()]).slice(0, 200), 'the file is truncated'],
    ['a file of another kind', '{"format":"something-else","version":1}', 'format: expected'],
  ])('refuses %s with the parser message and stores nothing', async (_, content, message) => {
    const source = await storeWith();
    const { root } = await section(source);
    await pickFile(root, 'hostile.json', content);
    await until(() => expect(alerts(root)).toHaveLength(1));
    const [alert] = alerts(root);
    expect(alert).toContain('hostile.json was not imported, nothing was stored');
    expect(alert).toContain(message);
    expect(parseExport(content)).toMatchObject({ ok: false });
    expect((await source.accountSummaries()).items).toEqual([]);
  });

  it('stores every snapshot under its own account and says so', async () => {
    const source = await storeWith();
    const { root } = await section(source);
    expect(text(root)).toContain('No snapshots of "poolsupply" yet');
    const file = exportJson([
      poolSnapshot(),
      poolSnapshot({ id: 'snap-0', takenAt: '2025-04-01T10:00:00.000Z' }),
      poolSnapshot({ id: 'o-1', app: 'otherco' }),
    ]);
    await pickFile(root, 'export.json', file);
    await until(() =>
      expect(statuses(root)).toContain(
        'Imported 3 snapshots: 2 for "poolsupply", 1 for "otherco".',
      ),
    );
    expect(alerts(root)).toEqual([]);
    // The list reloads by itself, and each snapshot is added under its own app, as an import.
    await until(() => expect(root.querySelectorAll('[data-snapshot-id]')).toHaveLength(2));
    const mine = await source.listSnapshots('poolsupply');
    expect(mine.map((m) => m.cause)).toEqual(['import', 'import']);
    expect(mine.map((m) => m.takenAt)).toEqual([
      '2025-05-01T10:00:00.000Z',
      '2025-04-01T10:00:00.000Z',
    ]);
    expect(mine.map((m) => m.id)).not.toContain('snap-0');
    const other = await source.listSnapshots('otherco');
    expect(other.map((m) => m.cause)).toEqual(['import']);
    expect(text(root.querySelector('.snap-accounts'))).toContain('otherco');
    // Each row says the date is the file's claim.
    expect(text(row(root, mine[0]?.id ?? ''))).toContain("is the file's claim");
  });

  it('an import with the id of a stored pinned snapshot adds a copy and leaves the stored one intact', async () => {
    const stored = poolSnapshot({
      name: 'Before bulk copy',
      pinned: true,
      cause: 'before-bulk-copy',
    });
    const source = await storeWith([stored]);
    const { root } = await section(source);
    const forged = poolSnapshot({ name: 'forged', pinned: true, sets: [] });
    expect(forged.id).toBe(stored.id);
    await pickFile(root, 'export.json', exportJson([forged]));
    await until(() => expect(statuses(root)).toContain('Imported 1 snapshot: 1 for "poolsupply".'));
    expect(await source.getSnapshot(stored.id, 'poolsupply')).toEqual(stored);
    const list = await source.listSnapshots('poolsupply');
    expect(list).toHaveLength(2);
    const added = list.find((m) => m.id !== stored.id);
    expect(added).toMatchObject({ cause: 'import', pinned: false, name: 'forged' });
  });

  it('refuses a file dated in the future, storing nothing', async () => {
    const source = await storeWith();
    const { root } = await section(source);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await pickFile(root, 'future.json', exportJson([poolSnapshot({ takenAt: future })]));
    await until(() => expect(alerts(root)).toHaveLength(1));
    expect(alerts(root)[0]).toContain('snapshots[0].takenAt:');
    expect(alerts(root)[0]).toContain('is in the future');
    expect((await source.accountSummaries()).items).toEqual([]);
  });

  it('shows a store failure (full storage) in its own words', async () => {
    const real = await storeWith();
    const full: SnapshotSource = {
      ...real,
      importSnapshots: () => Promise.reject(new StoreQuotaError(7)),
    };
    const { root } = await section(full);
    await pickFile(root, 'export.json', exportJson([poolSnapshot()]));
    await until(() =>
      expect(alerts(root).join(' ')).toContain('storage for this extension is full: 7 snapshots'),
    );
  });
});

describe('Snapshots: export', () => {
  it('saves one snapshot as JSON that imports back unchanged', async () => {
    const s = poolSnapshot();
    const { root, files } = await section(await storeWith([s]));
    await click(row(root, 'snap-1'), 'Export JSON');
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file?.name).toBe('purchase-actions-poolsupply-2025-05-01.json');
    const back = parseExport((await file?.blob.text()) ?? '');
    expect(back).toEqual({ ok: true, snapshots: [s] });
  });

  it('saves the whole account history, a CSV, and the audit page', async () => {
    const a = poolSnapshot({ id: 'a', takenAt: '2025-04-01T10:00:00.000Z' });
    const b = poolSnapshot({ id: 'b', name: '=HYPERLINK("x")' });
    const { root, files } = await section(await storeWith([a, b]));
    await click(root, 'Export all as JSON');
    const all = parseExport((await files[0]?.blob.text()) ?? '');
    expect(all.ok && all.snapshots.map((s) => s.id)).toEqual(['b', 'a']);

    await click(row(root, 'b'), 'Export CSV');
    const csv = (await files[1]?.blob.text()) ?? '';
    expect(files[1]?.name).toMatch(/\.csv$/);
    expect(csv).toContain('Failed Purchase Action');

    await click(row(root, 'b'), 'Audit report');
    expect(files[2]?.name).toBe('purchase-actions-poolsupply-2025-05-01-audit.html');
    expect(files[2]?.blob.type).toContain('text/html');
    expect((await files[2]?.blob.text()) ?? '').toContain('Failed Purchase Action set is empty');
  });

  it('downloads through an object URL and a download link, not the network', async () => {
    const created: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:test/1';
    });
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    try {
      downloadFile({ blob: new Blob(['{}']), name: 'x.json' });
      expect(created).toHaveLength(1);
      expect(clicked[0]?.download).toBe('x.json');
      expect(clicked[0]?.getAttribute('href')).toBe('blob:test/1');
      expect(clicked[0]?.isConnected).toBe(false);
    } finally {
      create.mockRestore();
      click.mockRestore();
    }
  });
});

describe('Snapshots: storage', () => {
  it('applies "keep the last N" at once and never deletes pinned snapshots', async () => {
    const source = await storeWith([
      poolSnapshot({ id: 's1', takenAt: '2025-01-01T10:00:00.000Z', pinned: true }),
      poolSnapshot({ id: 's2', takenAt: '2025-02-01T10:00:00.000Z' }),
      poolSnapshot({ id: 's3', takenAt: '2025-03-01T10:00:00.000Z' }),
      poolSnapshot({ id: 's4', takenAt: '2025-04-01T10:00:00.000Z' }),
    ]);
    const { root } = await section(source);
    const keep = inputByLabel(root, 'Keep the last N snapshots');
    await act(() => {
      keep.value = '1';
      keep.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => expect(statuses(root).join(' ')).toContain('deleted'));
    expect((await source.listSnapshots('poolsupply')).map((m) => m.id)).toEqual(['s4', 's1']);
    expect(await source.getKeepLast('poolsupply')).toBe(1);
    expect(statuses(root).join(' ')).toContain('2 older snapshots deleted');

    await act(() => {
      keep.value = '0';
      keep.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(alerts(root).join(' ')).toContain('whole number from 1 to 10000');
  });

  it('says plainly when the store cannot be opened', async () => {
    const broken = {
      open: () => {
        throw new Error('IndexedDB is switched off');
      },
    } as unknown as IDBFactory;
    const { root } = await section(createStoreSource({ factory: broken, storage: null }));
    await until(() => expect(alerts(root).length).toBeGreaterThan(0));
    expect(alerts(root).join(' ')).toContain(
      'Snapshots could not be read: IndexedDB is switched off',
    );
  });
});
