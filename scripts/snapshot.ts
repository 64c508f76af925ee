// Snapshot tools on the command line, with the extension's own code (lib/snapshot):
//   validate FILE...   exit 0 all valid, 1 any invalid, 2 usage
//   diff A B           exit 0 no differences, 1 differences, 2 usage or unreadable input
//   csv FILE           CSV to stdout; exit 0, 1 invalid file, 2 usage
// A FILE may end in #N to pick the N-th snapshot (0-based) of an export; default the first.
import { existsSync, readFileSync } from 'node:fs';
import type { Snapshot } from '../lib/model';
import { diffSnapshots, hasChanges } from '../lib/snapshot/diff';
import { formatDiffText, printable } from '../lib/snapshot/diff-text';
import { exportCsv } from '../lib/snapshot/export';
import { type ParseResult, parseExport } from '../lib/snapshot/import';

const USAGE = `usage: snapshot validate FILE...
       snapshot diff FILE[#N] FILE[#N]
       snapshot csv FILE`;

class UsageError extends Error {}

function read(file: string): ParseResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})` };
  }
  return parseExport(text);
}

/** `FILE#N` unless a file with that literal name exists. */
function pick(arg: string): { file: string; index: number } {
  const m = /^(.*)#(\d+)$/.exec(arg);
  if (m && !existsSync(arg)) return { file: m[1] as string, index: Number(m[2]) };
  return { file: arg, index: 0 };
}

function load(arg: string): Snapshot {
  const { file, index } = pick(arg);
  const r = read(file);
  if (!r.ok) throw new UsageError(`${file}: ${r.error}`);
  const s = r.snapshots[index];
  if (!s)
    throw new UsageError(`${file}: no snapshot #${index} (the file has ${r.snapshots.length})`);
  return s;
}

function label(s: Snapshot): string {
  return `${s.app} ${s.takenAt}${s.name ? ` "${s.name}"` : ''}`;
}

function main(argv: readonly string[]): number {
  const [command, ...files] = argv;
  const out = (text: string) => process.stdout.write(text);
  if (command === 'validate' && files.length > 0) {
    let bad = 0;
    for (const file of files) {
      const r = read(file);
      if (r.ok) out(`${printable(file)}: OK (${r.snapshots.length} snapshot(s))\n`);
      else {
        bad++;
        out(`${printable(file)}: ${printable(r.error)}\n`);
      }
    }
    return bad > 0 ? 1 : 0;
  }
  if (command === 'diff' && files.length === 2) {
    const a = load(files[0] as string);
    const b = load(files[1] as string);
    const d = diffSnapshots(a, b);
    out(formatDiffText(d, { was: label(a), is: label(b) }));
    return hasChanges(d) ? 1 : 0;
  }
  if (command === 'csv' && files.length === 1) {
    const r = read(files[0] as string);
    if (!r.ok) {
      process.stderr.write(`${printable(files[0] as string)}: ${printable(r.error)}\n`);
      return 1;
    }
    out(exportCsv(r.snapshots));
    return 0;
  }
  throw new UsageError(USAGE);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`${e.message.split('\n').map(printable).join('\n')}\n`);
  process.exitCode = 2;
}
