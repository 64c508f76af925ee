import type * as z from 'zod/mini';
import { issueLine } from '../model/issues';

// Named errors so callers (background router, dashboard) can tell the user what happened in plain
// words and decide what to do, instead of matching on message text.

export type StoreName = 'snapshots' | 'meta' | 'jobs' | 'settings';

/** A stored record that no longer matches its schema. It stays in the database untouched. */
export interface RecordProblem {
  store: StoreName;
  id: string;
  issues: string[];
}

/** What every list call returns: the valid records, and the ones it could not read. */
export interface Listed<T> {
  items: T[];
  problems: RecordProblem[];
}

export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
  constructor(readonly problem: RecordProblem) {
    super(
      `The stored ${problem.store} record "${problem.id}" does not have the expected shape ` +
        `(${problem.issues.join('; ')}). It has been kept as it is.`,
    );
  }
}

/** One account's data asked for under another account: refused, never shown. */
export class WrongAppError extends Error {
  override readonly name = 'WrongAppError';
  constructor(
    readonly store: StoreName,
    readonly id: string,
    readonly expectedApp: string,
    readonly actualApp: string,
  ) {
    super(`The ${store} record "${id}" belongs to another account, not to "${expectedApp}".`);
  }
}

export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
  constructor(
    readonly store: StoreName,
    readonly id: string,
  ) {
    super(`There is no ${store} record "${id}".`);
  }
}

export class StoreQuotaError extends Error {
  override readonly name = 'StoreQuotaError';
  constructor(
    /** How many snapshots are stored (and still intact), or null when counting failed too. */
    readonly snapshotsKept: number | null,
    options?: { cause?: unknown },
  ) {
    super(
      snapshotsKept === null
        ? "The browser's storage for this extension is full; delete or export old snapshots."
        : `The browser's storage for this extension is full: ${snapshotsKept} ` +
            `${snapshotsKept === 1 ? 'snapshot is' : 'snapshots are'} kept; ` +
            'delete or export old ones.',
      options,
    );
  }
}

/** The database was written by a newer build of the extension (e.g. after a downgrade). */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';
  constructor(options?: { cause?: unknown }) {
    super(
      "The extension's saved data was written by a newer version of the extension. " +
        'Update the extension to read it; nothing has been changed.',
      options,
    );
  }
}

/** A key for messages; the keyPath guarantees one exists, but it may not be a string. */
export function idOf(raw: unknown, field = 'id'): string {
  if (raw !== null && typeof raw === 'object' && field in raw) {
    return String((raw as Record<string, unknown>)[field]);
  }
  return '(no id)';
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: RecordProblem };

/**
 * Validates a record read back from IndexedDB. Stored data outlives the code that wrote it, so it
 * is treated as untrusted input; a failure is described, never patched with defaults.
 */
export function check<S extends z.ZodMiniType>(
  schema: S,
  store: StoreName,
  raw: unknown,
  idField = 'id',
): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problem: {
      store,
      id: idOf(raw, idField),
      issues: parsed.error.issues.map((i) => issueLine(i, raw)),
    },
  };
}

/** Like check, but for single-record reads, where the caller needs the value or an error. */
export function checkOrThrow<S extends z.ZodMiniType>(
  schema: S,
  store: StoreName,
  raw: unknown,
  idField = 'id',
): z.output<S> {
  const c = check(schema, store, raw, idField);
  if (!c.ok) throw new InvalidRecordError(c.problem);
  return c.value;
}

/** The app a raw record claims, for isolation checks made before (or without) full validation. */
export function appOf(raw: unknown): string | undefined {
  if (raw !== null && typeof raw === 'object' && 'app' in raw) {
    const app = (raw as { app: unknown }).app;
    return typeof app === 'string' ? app : undefined;
  }
  return undefined;
}

export function assertApp(store: StoreName, id: string, raw: unknown, app?: string): void {
  if (app === undefined) return;
  const actual = appOf(raw);
  if (actual !== app) throw new WrongAppError(store, id, app, actual ?? '(none)');
}
