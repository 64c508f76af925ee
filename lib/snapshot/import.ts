import * as z from 'zod/mini';
import { Snapshot } from '../model';
import { formatPath, issueMessage, kindOf } from '../model/issues';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';

// An imported file is hostile until proven otherwise: it is checked completely, and only a fully
// valid file yields snapshots, before anything reaches the store. Every message names what is
// wrong and where, in the file's own terms (`snapshots[2].sets[5].actions[0].label`).

export const MAX_EXPORT_BYTES = 50 * 1024 * 1024;
export const MAX_SNAPSHOTS = 5000;
/** Our deepest legitimate value sits 10 levels down (a rule criterion); 32 leaves room. */
export const MAX_DEPTH = 32;
/** Keys that poison prototypes when a later consumer merges or assigns the parsed data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ParseResult = { ok: true; snapshots: Snapshot[] } | { ok: false; error: string };

const Envelope = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.optional(z.iso.datetime()),
  snapshots: z.array(Snapshot),
});

/** UTF-8 size without allocating a copy; stops counting once over the limit. */
function utf8Over(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
    if (bytes > limit) return true;
  }
  return false;
}

/**
 * One pass over the raw text, before JSON.parse: how deep the nesting goes (so a file of a
 * million brackets is refused before anything recurses over it) and whether it stops midway.
 */
function scan(text: string): { maxDepth: number; truncated: boolean } {
  let depth = 0;
  let maxDepth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (maxDepth > MAX_DEPTH) break;
    } else if (c === '}' || c === ']') depth--;
  }
  return { maxDepth, truncated: maxDepth <= MAX_DEPTH && (inString || depth > 0) };
}

function findForbiddenKey(value: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findForbiddenKey(value[i], [...path, i]);
      if (hit) return hit;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return [...path, key];
      const hit = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
      if (hit) return hit;
    }
  }
  return null;
}

/** A calendar date that does not exist (2026-02-31) passes the ISO pattern; Date rolls it over. */
function realDate(iso: string): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === iso.slice(0, 10);
}

const fail = (error: string): ParseResult => ({ ok: false, error });

/**
 * Checks a whole file. `now` is when it is being imported: a snapshot dated later cannot be
 * true (its date would also make it look newer than every real reading), so the file is refused.
 */
export function parseExport(input: string, now: Date = new Date()): ParseResult {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  if (text.trim() === '') return fail('the file is empty');
  if (utf8Over(text, MAX_EXPORT_BYTES)) return fail('the file is larger than 50 MB');
  const { maxDepth, truncated } = scan(text);
  if (maxDepth > MAX_DEPTH) return fail(`the data is nested more than ${MAX_DEPTH} levels deep`);
  if (truncated) return fail('the file is truncated: it ends in the middle of the data');
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return fail(`not a JSON file (${e instanceof Error ? e.message : String(e)})`);
  }
  const forbidden = findForbiddenKey(root, []);
  if (forbidden) {
    return fail(`${formatPath(forbidden)}: the key "${String(forbidden.at(-1))}" is not allowed`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return fail(`expected an export object, got ${kindOf(root)}`);
  }
  const obj = root as Record<string, unknown>;
  // A lone snapshot (not wrapped in an export) is accepted: people save single ones by hand.
  const single = !('format' in obj) && ('sets' in obj || 'app' in obj);
  if (!single) {
    if (!('format' in obj)) return fail('not a purchase-actions export: no "format" field');
    if (obj.format !== EXPORT_FORMAT) {
      const shown = JSON.stringify(obj.format)?.slice(0, 80) ?? 'nothing';
      return fail(`format: expected "${EXPORT_FORMAT}", got ${shown}`);
    }
    const v = obj.version;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      return fail(`version: expected a whole number, got ${kindOf(v)}`);
    }
    if (v > EXPORT_VERSION) {
      return fail(`made by a newer version of the extension (v${v}); update the extension`);
    }
    if (v < EXPORT_VERSION) return fail(`version: unknown version ${v}`);
    if (Array.isArray(obj.snapshots) && obj.snapshots.length > MAX_SNAPSHOTS) {
      return fail(
        `snapshots: ${obj.snapshots.length} snapshots, more than the ${MAX_SNAPSHOTS} allowed`,
      );
    }
  }
  const parsed = single ? Snapshot.safeParse(root) : Envelope.safeParse(root);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    if (!first) return fail('the file is not valid');
    const more =
      rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    return fail(`${formatPath(first.path)}: ${issueMessage(first, root)}${more}`);
  }
  const snapshots = 'snapshots' in parsed.data ? parsed.data.snapshots : [parsed.data];
  if ('exportedAt' in parsed.data && parsed.data.exportedAt && !realDate(parsed.data.exportedAt)) {
    return fail('exportedAt: not a real date');
  }
  const seen = new Map<string, number>();
  for (const [i, s] of snapshots.entries()) {
    const where = single ? '' : `snapshots[${i}].`;
    if (!realDate(s.takenAt)) return fail(`${where}takenAt: not a real date`);
    if (Date.parse(s.takenAt) > now.getTime()) {
      return fail(
        `${where}takenAt: ${s.takenAt} is in the future (now is ${now.toISOString()}); a snapshot cannot be taken later than now, so check the clock of the computer that made the file`,
      );
    }
    const first = seen.get(s.id);
    if (first !== undefined) return fail(`${where}id: the same id as snapshots[${first}]`);
    seen.set(s.id, i);
  }
  return { ok: true, snapshots };
}

export type ImportOutcome =
  | { ok: true; snapshots: Snapshot[]; stored: { id: string; app: string }[] }
  | { ok: false; error: string; stage: 'file' | 'store' };

/**
 * The whole import of a file's text: validation, then one all-or-nothing addition through `add`
 * (the store's importSnapshots). Never throws: every outcome is an accepted file or a refusal
 * with its reason, and a refusal has stored nothing.
 */
export async function importFile(
  text: string,
  add: (snapshots: Snapshot[]) => Promise<{ id: string; app: string }[]>,
  now: Date = new Date(),
): Promise<ImportOutcome> {
  let parsed: ParseResult;
  try {
    parsed = parseExport(text, now);
  } catch (e) {
    // A validator bug must still end as a refusal, never as a half-handled exception.
    return { ok: false, stage: 'file', error: `the file could not be checked (${errorText(e)})` };
  }
  if (!parsed.ok) return { ok: false, stage: 'file', error: parsed.error };
  if (parsed.snapshots.length === 0) {
    return { ok: false, stage: 'file', error: 'the file holds no snapshots' };
  }
  try {
    return { ok: true, snapshots: parsed.snapshots, stored: await add(parsed.snapshots) };
  } catch (e) {
    return { ok: false, stage: 'store', error: errorText(e) };
  }
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'unknown error';
