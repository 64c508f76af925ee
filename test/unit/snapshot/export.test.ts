import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  EXPORT_FORMAT,
  exportCsv,
  exportFileName,
  exportJson,
  neutraliseCell,
} from '@/lib/snapshot/export';
import { parseExport } from '@/lib/snapshot/import';
import { def, prod, snap, tag, withSets } from './helpers';

function rows(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\ufeff')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', `'+1`],
    ['-2', `'-2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tTab', `'\tTab`],
    ['\rCR', `'\rCR`],
    ['Customer', 'Customer'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j -> %j', (input, out) => {
    expect(neutraliseCell(input)).toBe(out);
  });
});

describe('exportCsv', () => {
  const hostile = [
    '=cmd|"/c calc"!A1',
    'Comma, "quotes" and\nnewline',
    '<img src=x onerror=alert(1)>',
  ];
  const s = withSets(
    snap(),
    def('failed', []),
    prod(
      'Kit',
      hostile.map((h) => tag(h)),
    ),
  );

  it('writes one row per action and one per empty set', () => {
    const data = rows(exportCsv(s));
    const failed = data.filter((r) => r['set name'] === 'Failed Purchase Action');
    expect(failed).toEqual([expect.objectContaining({ action: '(no actions)', position: '' })]);
    const kit = data.filter((r) => r['set name'] === 'Kit');
    expect(kit.map((r) => r.position)).toEqual(['1', '2', '3']);
    expect(Object.keys(data[0] ?? {})).toEqual([...CSV_COLUMNS]);
  });

  it('round-trips commas, quotes and newlines, and neutralises formulas', () => {
    const kit = rows(exportCsv(s)).filter((r) => r['set name'] === 'Kit');
    expect(kit.map((r) => r['tags applied'])).toEqual([
      `'=cmd|"/c calc"!A1`,
      'Comma, "quotes" and\nnewline',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(JSON.parse(kit[1]?.config ?? '')).toEqual({
      Action: 'Apply',
      Tag: ['Comma, "quotes" and\nnewline'],
    });
  });

  it('writes rules as text', () => {
    const ruled = {
      ...tag('A'),
      rules: { match: 'all' as const, criteria: [{ field: 'State', operator: 'is', value: 'FL' }] },
    };
    const data = rows(exportCsv(withSets(snap(), prod('Kit', [ruled]))));
    expect(data.find((r) => r['set name'] === 'Kit')?.rules).toBe('all of: State is FL');
  });
});

describe('exportJson', () => {
  it('round-trips through parseExport', () => {
    const s = withSets(snap(), prod('<b>Kit</b>', [tag('A')]));
    const text = exportJson([s, { ...s, id: 'snap-2' }], new Date('2026-08-03T12:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: '2026-08-03T12:00:00.000Z',
    });
    const back = parseExport(text);
    expect(back).toEqual({ ok: true, snapshots: [s, { ...s, id: 'snap-2' }] });
  });

  it('names files without anything from the app name that could form a path', () => {
    expect(exportFileName([snap({ app: '../evil' })], 'csv')).toBe(
      'purchase-actions-___evil-2026-08-01.csv',
    );
  });
});
