import type * as z from 'zod/mini';
import type { Snapshot, SnapshotMeta } from '@/lib/model';
import { Connection } from './connection';
import type { Listed } from './errors';
import type { Job, JobStatus } from './jobs';
import * as jobs from './jobs';
import type { StorageLike, Usage } from './quota';
import * as quota from './quota';
import { DB_NAME } from './schema';
import type { AccountSettings } from './settings';
import * as settings from './settings';
import type { AccountSummary, AppScope, RetentionResult } from './snapshots';
import * as snapshots from './snapshots';

export * from './errors';
export { Job, JobKind, JobStatus, JobTarget, TargetState } from './jobs';
export type { StorageLike, Usage } from './quota';
export { DB_NAME, DB_VERSION } from './schema';
export { AccountSettings } from './settings';
export type { AccountSummary, AppScope, RetentionResult } from './snapshots';
export { asImports, ImportRefusedError } from './snapshots';

export interface StoreOptions {
  /** Defaults to the global indexedDB of the extension's own origin; tests pass a fresh one. */
  factory?: IDBFactory;
  name?: string;
  /** Defaults to navigator.storage; null means "not available". */
  storage?: StorageLike | null;
}

export interface Store {
  putSnapshot(s: z.input<typeof Snapshot>): Promise<SnapshotMeta>;
  /** Snapshots from a file, as additions (new ids, cause "import"), all or none. */
  importSnapshots(list: readonly z.input<typeof Snapshot>[], now?: Date): Promise<SnapshotMeta[]>;
  getSnapshot(id: string, scope?: AppScope): Promise<Snapshot | null>;
  listAccounts(): Promise<Listed<AccountSummary>>;
  listSnapshots(app: string): Promise<Listed<SnapshotMeta>>;
  deleteSnapshot(id: string, scope?: AppScope): Promise<boolean>;
  setPinned(id: string, pinned: boolean, scope?: AppScope): Promise<SnapshotMeta>;
  renameSnapshot(id: string, name: string, scope?: AppScope): Promise<SnapshotMeta>;
  applyRetention(app: string, keepLast: number): Promise<RetentionResult>;

  putJob(job: z.input<typeof Job>): Promise<Job>;
  getJob(id: string, scope?: AppScope): Promise<Job | null>;
  listJobs(app: string, filter?: { status?: JobStatus }): Promise<Listed<Job>>;
  listJobsByStatus(status: JobStatus): Promise<Listed<Job>>;
  updateJob(
    id: string,
    mutate: (current: Job) => z.input<typeof Job>,
    scope?: AppScope,
  ): Promise<Job>;
  deleteJob(id: string, scope?: AppScope): Promise<boolean>;

  getAccountSettings(app: string): Promise<AccountSettings | null>;
  putAccountSettings(app: string, s: AccountSettings): Promise<AccountSettings>;

  estimateUsage(): Promise<Usage | null>;
  requestPersistence(): Promise<boolean | null>;
  /** Closes the connection; any later call reopens it. */
  close(): Promise<void>;
}

/**
 * Opens (creating or upgrading) the extension's database. The connection is opened now, so a
 * database from a newer build fails here with StoreVersionError, and reopened lazily whenever
 * another context's upgrade or the browser closed it.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const conn = new Connection(options.factory ?? globalThis.indexedDB, options.name ?? DB_NAME);
  await conn.db();
  const storage = options.storage === undefined ? quota.defaultStorage() : options.storage;
  return {
    putSnapshot: (s) => snapshots.putSnapshot(conn, s),
    importSnapshots: (list, now) => snapshots.importSnapshots(conn, list, now),
    getSnapshot: (id, scope) => snapshots.getSnapshot(conn, id, scope),
    listAccounts: () => snapshots.listAccounts(conn),
    listSnapshots: (app) => snapshots.listSnapshots(conn, app),
    deleteSnapshot: (id, scope) => snapshots.deleteSnapshot(conn, id, scope),
    setPinned: (id, pinned, scope) => snapshots.setPinned(conn, id, pinned, scope),
    renameSnapshot: (id, name, scope) => snapshots.renameSnapshot(conn, id, name, scope),
    applyRetention: (app, keepLast) => snapshots.applyRetention(conn, app, keepLast),

    putJob: (job) => jobs.putJob(conn, job),
    getJob: (id, scope) => jobs.getJob(conn, id, scope),
    listJobs: (app, filter) => jobs.listJobs(conn, app, filter),
    listJobsByStatus: (status) => jobs.listJobsByStatus(conn, status),
    updateJob: (id, mutate, scope) => jobs.updateJob(conn, id, mutate, scope),
    deleteJob: (id, scope) => jobs.deleteJob(conn, id, scope),

    getAccountSettings: (app) => settings.getAccountSettings(conn, app),
    putAccountSettings: (app, s) => settings.putAccountSettings(conn, app, s),

    estimateUsage: () => quota.estimateUsage(storage),
    requestPersistence: () => quota.requestPersistence(storage),
    close: () => conn.close(),
  };
}
