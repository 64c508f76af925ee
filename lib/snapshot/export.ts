import Papa from 'papaparse';
import type { Snapshot } from '../model';
import { rulesText } from './match';

// Exports leave the extension and get opened in spreadsheets: every CRM string is data, and a
// cell a spreadsheet would read as a formula is neutralised (architecture.md, rules of the house).

export const EXPORT_FORMAT = 'purchase-actions-toolkit/snapshots';
export const EXPORT_VERSION = 1;

export interface SnapshotExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  snapshots: Snapshot[];
}

function list(snapshots: Snapshot | readonly Snapshot[]): readonly Snapshot[] {
  return Array.isArray(snapshots) ? snapshots : [snapshots as Snapshot];
}

function buildExport(
  snapshots: Snapshot | readonly Snapshot[],
  now: Date = new Date(),
): SnapshotExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    snapshots: [...list(snapshots)],
  };
}

/** One snapshot or a whole account's history, as the file `parseExport` reads back. */
export function exportJson(snapshots: Snapshot | readonly Snapshot[], now?: Date): string {
  return `${JSON.stringify(buildExport(snapshots, now), null, 2)}\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Spreadsheets run cells starting with these as formulas (CSV injection); a `'` makes them text. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export const CSV_COLUMNS = [
  'app',
  'taken at',
  'set kind',
  'set name',
  'position',
  'action',
  'summary',
  'tags applied',
  'tags removed',
  'emails',
  'urls',
  'runs action set',
  'rules',
  'config',
] as const;

const join = (xs: readonly string[] | undefined) => (xs ?? []).join('; ');

/**
 * One row per action, plus one per empty set so an empty Failed Purchase set shows up.
 * Positions are 1-based, as an admin counts rows in the editor. UTF-8 BOM so Excel reads
 * accented product names correctly.
 */
export function exportCsv(snapshots: Snapshot | readonly Snapshot[]): string {
  const rows: string[][] = [];
  for (const s of list(snapshots)) {
    for (const set of s.sets) {
      const base = [s.app, s.takenAt, set.ref.kind, set.name];
      if (set.actions.length === 0) {
        rows.push([...base, '', '(no actions)', '', '', '', '', '', '', '', '']);
        continue;
      }
      set.actions.forEach((a, i) => {
        const f = a.facts ?? {};
        rows.push([
          ...base,
          String(i + 1),
          a.label,
          a.summary,
          join(f.appliesTags),
          join(f.removesTags),
          join(f.emailTemplates),
          join(f.urls),
          f.runsActionSet ?? '',
          rulesText(a.rules) ?? '',
          a.config ? JSON.stringify(a.config) : '',
        ]);
      });
    }
  }
  return csvText(CSV_COLUMNS, rows);
}

/** Excel-safe CSV: UTF-8 BOM, CRLF, every cell neutralised against formula injection. */
export function csvText(fields: readonly string[], rows: readonly string[][]): string {
  const csv = Papa.unparse(
    { fields: [...fields], data: rows.map((r) => r.map(neutraliseCell)) },
    // We neutralise ourselves (with the tab and CR the house rule names); papaparse's own
    // escaping would prefix a second quote.
    { escapeFormulae: false, newline: '\r\n' },
  );
  return `\ufeff${csv}\r\n`;
}

/** A download name that cannot carry a path or odd characters from the app name. */
export function exportFileName(snapshots: readonly Snapshot[], ext: 'json' | 'csv'): string {
  const apps = [...new Set(snapshots.map((s) => s.app))];
  const app = apps.length === 1 ? (apps[0] ?? 'account') : 'accounts';
  const safe = app.replace(/[^a-z0-9_-]/gi, '_').slice(0, 60) || 'account';
  const latest =
    snapshots
      .map((s) => s.takenAt)
      .sort()
      .at(-1) ?? '';
  const date = latest.slice(0, 10).replace(/[^0-9-]/g, '');
  return `purchase-actions-${safe}${date ? `-${date}` : ''}.${ext}`;
}
