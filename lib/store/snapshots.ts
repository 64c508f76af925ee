import type * as z from 'zod/mini';
import { type Action, metaOf, Snapshot, SnapshotMeta } from '@/lib/model';
import type { Connection } from './connection';
import {
  appOf,
  assertApp,
  check,
  checkOrThrow,
  type Listed,
  RecordNotFoundError,
  type RecordProblem,
  WrongAppError,
} from './errors';
import { guardQuota } from './quota';

/** Guards reads and writes so one account's records never show or change under another. */
export interface AppScope {
  app?: string;
}

export interface AccountSummary {
  app: string;
  count: number;
  lastTakenAt: string;
}

export interface RetentionResult {
  deleted: SnapshotMeta[];
  /** Valid snapshots of the account left after retention (pinned included). */
  kept: number;
  /** Rows that could not be read: never deleted by retention, reported here instead. */
  problems: RecordProblem[];
}

/**
 * Stores body and meta in ONE transaction: both are written or neither is, so a list never shows
 * a snapshot that cannot be opened, and a body never hides without a list entry.
 * Overwriting an id that belongs to another account is refused.
 */
export async function putSnapshot(
  conn: Connection,
  input: z.input<typeof Snapshot>,
): Promise<SnapshotMeta> {
  const body = Snapshot.parse(input);
  const meta = metaOf(body);
  await guardQuota(conn, () =>
    conn.run(['snapshots', 'meta'], 'readwrite', async (tx) => {
      const existing: unknown = await tx.objectStore('meta').get(body.id);
      if (existing !== undefined) assertApp('meta', body.id, existing, body.app);
      await tx.objectStore('snapshots').put(body);
      await tx.objectStore('meta').put(meta);
    }),
  );
  return meta;
}

/** A file's snapshot that cannot be imported as it is; nothing was stored. */
export class ImportRefusedError extends Error {
  override readonly name = 'ImportRefusedError';
}

/** A fresh id for an import: never the file's, so an import can only add. */
function importId(app: string, at: Date, n: number): string {
  const rand = Math.random().toString(36).slice(2, 8);
  const stamp = at.toISOString().replace(/[-:.TZ]/g, '');
  return `${app.slice(0, 60)}-import-${stamp}-${n}-${rand}`;
}

/**
 * What a file's snapshots become when imported (pure; importSnapshots stores them):
 * - each gets a new id and cause "import", and is never pinned (the file's id, cause and pin are
 *   kept only as its claim, in `imported`);
 * - its takenAt is the file's claim, refused when later than `now`; an import never counts as
 *   the account's latest reading (isCaptured);
 * - carriedFrom links between snapshots of the same file follow them to their new ids.
 */
export function asImports(input: readonly z.input<typeof Snapshot>[], now: Date): Snapshot[] {
  const at = now.toISOString();
  const files = input.map((s) => Snapshot.parse(s));
  for (const s of files) {
    if (Date.parse(s.takenAt) > now.getTime()) {
      throw new ImportRefusedError(
        `The snapshot "${s.id}" says it was taken at ${s.takenAt}, later than now (${at}). Nothing was imported.`,
      );
    }
  }
  const ids = files.map((s, i) => importId(s.app, now, i));
  const newIds = new Map(files.map((s, i) => [s.id, ids[i] as string]));
  // Two snapshots claiming one id would make the carriedFrom links ambiguous.
  if (newIds.size !== files.length) {
    throw new ImportRefusedError(
      'Two snapshots in the file have the same id. Nothing was imported.',
    );
  }
  const relink = (a: Action): Action => {
    const to = a.carriedFrom && newIds.get(a.carriedFrom.snapshotId);
    return to && a.carriedFrom ? { ...a, carriedFrom: { ...a.carriedFrom, snapshotId: to } } : a;
  };
  return files.map((s, i) =>
    Snapshot.parse({
      ...s,
      id: ids[i],
      cause: 'import',
      pinned: false,
      imported: { at, fileId: s.id, fileCause: s.cause, filePinned: s.pinned },
      sets: s.sets.map((set) => ({ ...set, actions: set.actions.map(relink) })),
    }),
  );
}

/**
 * Stores a file's snapshots as additions (asImports), all or none, in ONE transaction. Records
 * are added, never put: were an id somehow taken, the whole import aborts rather than replace it.
 */
export async function importSnapshots(
  conn: Connection,
  input: readonly z.input<typeof Snapshot>[],
  now: Date = new Date(),
): Promise<SnapshotMeta[]> {
  const bodies = asImports(input, now);
  const metas = bodies.map(metaOf);
  await guardQuota(conn, () =>
    conn.run(['snapshots', 'meta'], 'readwrite', async (tx) => {
      for (const [i, body] of bodies.entries()) {
        await tx.objectStore('snapshots').add(body);
        await tx.objectStore('meta').add(metas[i] as SnapshotMeta);
      }
    }),
  );
  return metas;
}

/** The whole snapshot, or null if there is none. Throws InvalidRecordError for a broken body. */
export async function getSnapshot(
  conn: Connection,
  id: string,
  scope: AppScope = {},
): Promise<Snapshot | null> {
  const raw: unknown = await conn.run(['snapshots'], 'readonly', (tx) =>
    tx.objectStore('snapshots').get(id),
  );
  if (raw === undefined) return null;
  // Isolation before validation: a foreign record is refused even if it is also broken.
  assertApp('snapshots', id, raw, scope.app);
  return checkOrThrow(Snapshot, 'snapshots', raw);
}

/** Newest first; reads the meta store only, so hundreds of snapshots list at once. */
export async function listSnapshots(conn: Connection, app: string): Promise<Listed<SnapshotMeta>> {
  // The by-app index (not by-app-time) so that a row with a broken takenAt, which an index on
  // takenAt would silently leave out, is still found and reported.
  const rows: unknown[] = await conn.run(['meta'], 'readonly', (tx) =>
    tx.objectStore('meta').index('by-app').getAll(app),
  );
  const { items, problems } = checkAll(rows);
  items.sort(newestFirst);
  return { items, problems };
}

/** One entry per account that has snapshots, most recently snapshotted first. */
export async function listAccounts(conn: Connection): Promise<Listed<AccountSummary>> {
  const rows: unknown[] = await conn.run(['meta'], 'readonly', (tx) =>
    tx.objectStore('meta').getAll(),
  );
  const { items, problems } = checkAll(rows);
  const byApp = new Map<string, AccountSummary>();
  for (const m of items) {
    const a = byApp.get(m.app);
    if (!a) byApp.set(m.app, { app: m.app, count: 1, lastTakenAt: m.takenAt });
    else {
      a.count += 1;
      if (Date.parse(m.takenAt) > Date.parse(a.lastTakenAt)) a.lastTakenAt = m.takenAt;
    }
  }
  const accounts = [...byApp.values()].sort(
    (x, y) => Date.parse(y.lastTakenAt) - Date.parse(x.lastTakenAt) || x.app.localeCompare(y.app),
  );
  return { items: accounts, problems };
}

/** Deletes body and meta together. Returns false when there was nothing to delete. */
export async function deleteSnapshot(
  conn: Connection,
  id: string,
  scope: AppScope = {},
): Promise<boolean> {
  return conn.run(['snapshots', 'meta'], 'readwrite', async (tx) => {
    const bodies = tx.objectStore('snapshots');
    const metas = tx.objectStore('meta');
    const meta: unknown = await metas.get(id);
    const body: unknown = await bodies.get(id);
    if (meta === undefined && body === undefined) return false;
    if (meta !== undefined) assertApp('meta', id, meta, scope.app);
    if (body !== undefined) assertApp('snapshots', id, body, scope.app);
    await bodies.delete(id);
    await metas.delete(id);
    return true;
  });
}

export async function setPinned(
  conn: Connection,
  id: string,
  pinned: boolean,
  scope: AppScope = {},
): Promise<SnapshotMeta> {
  return patch(conn, id, { pinned }, scope);
}

/** An empty (or blank) name clears it; the list then falls back to the date. */
export async function renameSnapshot(
  conn: Connection,
  id: string,
  name: string,
  scope: AppScope = {},
): Promise<SnapshotMeta> {
  const trimmed = name.trim();
  // Validate before the transaction so a too-long name fails without touching anything.
  const valid = Snapshot.shape.name.parse(trimmed === '' ? undefined : trimmed);
  return patch(conn, id, { name: valid }, scope);
}

/**
 * Keeps the newest `keepLast` unpinned snapshots of one account and deletes older unpinned ones.
 * Pinned snapshots are never deleted and do not count towards `keepLast`. All in one transaction.
 */
export async function applyRetention(
  conn: Connection,
  app: string,
  keepLast: number,
): Promise<RetentionResult> {
  if (!Number.isInteger(keepLast) || keepLast < 0) {
    throw new RangeError(`keepLast must be a whole number of at least 0, not ${keepLast}.`);
  }
  return conn.run(['snapshots', 'meta'], 'readwrite', async (tx) => {
    const metas = tx.objectStore('meta');
    const bodies = tx.objectStore('snapshots');
    const { items, problems } = checkAll(await metas.index('by-app').getAll(app));
    items.sort(newestFirst);
    const deleted = items.filter((m) => !m.pinned).slice(keepLast);
    for (const m of deleted) {
      await bodies.delete(m.id);
      await metas.delete(m.id);
    }
    return { deleted, kept: items.length - deleted.length, problems };
  });
}

type Patch = { pinned?: boolean; name?: string | undefined };

/**
 * Read-modify-write of meta and body in one transaction, so the list and the body agree. A meta
 * row that fails validation is not rewritten (that would replace it): the error names it instead.
 */
function patch(
  conn: Connection,
  id: string,
  change: Patch,
  scope: AppScope,
): Promise<SnapshotMeta> {
  return guardQuota(conn, () =>
    conn.run(['snapshots', 'meta'], 'readwrite', async (tx) => {
      const metas = tx.objectStore('meta');
      const bodies = tx.objectStore('snapshots');
      const raw: unknown = await metas.get(id);
      if (raw === undefined) throw new RecordNotFoundError('meta', id);
      assertApp('meta', id, raw, scope.app);
      const meta = checkOrThrow(SnapshotMeta, 'meta', raw);
      const next: SnapshotMeta = { ...meta, ...change };
      const body: unknown = await bodies.get(id);
      if (body !== null && typeof body === 'object') {
        // Meta and body must agree on the account before either is changed.
        if (appOf(body) !== meta.app) {
          throw new WrongAppError('snapshots', id, meta.app, appOf(body) ?? '(none)');
        }
        // Only the patched fields change; the rest of the body stays exactly as stored.
        await bodies.put({ ...body, ...change });
      }
      await metas.put(next);
      return next;
    }),
  );
}

function checkAll(rows: unknown[]): Listed<SnapshotMeta> {
  const items: SnapshotMeta[] = [];
  const problems: RecordProblem[] = [];
  for (const row of rows) {
    const c = check(SnapshotMeta, 'meta', row);
    if (c.ok) items.push(c.value);
    else problems.push(c.problem);
  }
  return { items, problems };
}

/** By time, not by string: ISO strings of different precision do not sort correctly as text. */
function newestFirst(a: SnapshotMeta, b: SnapshotMeta): number {
  return Date.parse(b.takenAt) - Date.parse(a.takenAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
