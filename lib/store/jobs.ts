import * as z from 'zod/mini';
import type { Connection } from './connection';
import {
  assertApp,
  check,
  checkOrThrow,
  type Listed,
  RecordNotFoundError,
  type RecordProblem,
} from './errors';
import { guardQuota } from './quota';
import type { AppScope } from './snapshots';

// The journal of a write job (bulk copy, restore). It is written before each CRM write and after
// it, so a closed tab or a restarted browser leaves a record of exactly what was done and what
// was not; the engine (lib/bulk-copy) owns the meaning of `source` and `mode`.

export const JobKind = z.enum(['bulk-copy', 'restore']);
export type JobKind = z.infer<typeof JobKind>;

export const JobStatus = z.enum([
  'planned',
  'running',
  'paused',
  'interrupted',
  'done',
  'cancelled',
  'failed',
]);
export type JobStatus = z.infer<typeof JobStatus>;

/** 'changed': someone else wrote to it since the preview; the job wrote nothing to it. */
export const TargetState = z.enum(['queued', 'writing', 'done', 'skipped', 'failed', 'changed']);
export type TargetState = z.infer<typeof TargetState>;

export const JobTarget = z.object({
  /** setKey(ref) of the action set written to. */
  key: z.string().check(z.minLength(1)),
  name: z.string(),
  state: TargetState,
  attempts: z.int().check(z.nonnegative()),
  error: z.optional(z.string()),
  updatedAt: z.iso.datetime(),
  /** When the job was about to send its first write to this set (its fresh read was the plan's). */
  wroteAt: z.optional(z.iso.datetime()),
});
export type JobTarget = z.infer<typeof JobTarget>;

/** Statuses that imply CRM writes may have happened, so a snapshot must exist to undo them. */
const WROTE: ReadonlySet<JobStatus> = new Set(['running', 'paused', 'interrupted', 'done']);

export const Job = z
  .object({
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    app: z.string().check(z.minLength(1), z.maxLength(100)),
    kind: JobKind,
    createdAt: z.iso.datetime(),
    status: JobStatus,
    /** The snapshot taken before the first write; null while the job is only planned. */
    snapshotBeforeId: z.nullable(z.string().check(z.minLength(1))),
    targets: z.array(JobTarget),
    source: z.unknown(),
    mode: z.unknown(),
  })
  .check(
    // House rule: nothing writes to the CRM without a snapshot taken before it.
    z.refine((j) => !WROTE.has(j.status) || j.snapshotBeforeId !== null, {
      message: 'a job that has started writing must name the snapshot taken before it',
      path: ['snapshotBeforeId'],
    }),
  );
export type Job = z.infer<typeof Job>;

export async function putJob(conn: Connection, input: z.input<typeof Job>): Promise<Job> {
  const job = Job.parse(input);
  await guardQuota(conn, () =>
    conn.run(['jobs'], 'readwrite', async (tx) => {
      const existing: unknown = await tx.objectStore('jobs').get(job.id);
      if (existing !== undefined) assertApp('jobs', job.id, existing, job.app);
      await tx.objectStore('jobs').put(job);
    }),
  );
  return job;
}

/** The job, or null. Throws InvalidRecordError (record kept) when it no longer validates. */
export async function getJob(
  conn: Connection,
  id: string,
  scope: AppScope = {},
): Promise<Job | null> {
  const raw: unknown = await conn.run(['jobs'], 'readonly', (tx) => tx.objectStore('jobs').get(id));
  if (raw === undefined) return null;
  assertApp('jobs', id, raw, scope.app);
  return checkOrThrow(Job, 'jobs', raw);
}

/** One account's jobs, newest first, optionally of one status. */
export async function listJobs(
  conn: Connection,
  app: string,
  filter: { status?: JobStatus } = {},
): Promise<Listed<Job>> {
  // By app and filtered here, not through by-status: a journal whose status is broken must still
  // be reported, and one account has few jobs.
  const rows: unknown[] = await conn.run(['jobs'], 'readonly', (tx) =>
    tx.objectStore('jobs').index('by-app').getAll(app),
  );
  const { items, problems } = checkJobs(rows);
  return {
    items: items.filter((j) => filter.status === undefined || j.status === filter.status),
    problems,
  };
}

/**
 * Jobs of every account in one status: at startup the background finds the ones left 'running'
 * by a closed browser and marks them 'interrupted'.
 */
export async function listJobsByStatus(conn: Connection, status: JobStatus): Promise<Listed<Job>> {
  const rows: unknown[] = await conn.run(['jobs'], 'readonly', (tx) =>
    tx.objectStore('jobs').index('by-status').getAll(status),
  );
  return checkJobs(rows);
}

/**
 * Read-modify-write in ONE readwrite transaction: IndexedDB runs overlapping readwrite
 * transactions on a store one after another, so two updates (say, the engine and a Pause click)
 * never lose each other's change. `mutate` must be synchronous and return the new job; if it
 * throws, or returns something invalid, the stored job is left as it was.
 */
export async function updateJob(
  conn: Connection,
  id: string,
  mutate: (current: Job) => z.input<typeof Job>,
  scope: AppScope = {},
): Promise<Job> {
  return guardQuota(conn, () =>
    conn.run(['jobs'], 'readwrite', async (tx) => {
      const store = tx.objectStore('jobs');
      const raw: unknown = await store.get(id);
      if (raw === undefined) throw new RecordNotFoundError('jobs', id);
      assertApp('jobs', id, raw, scope.app);
      const current = checkOrThrow(Job, 'jobs', raw);
      // A clone, so a mutate that edits in place and then throws leaves nothing half-changed.
      const proposed: unknown = mutate(structuredClone(current));
      if (proposed instanceof Promise) {
        throw new TypeError('updateJob: mutate must be synchronous (the transaction would close).');
      }
      const next = Job.parse(proposed);
      if (next.id !== current.id || next.app !== current.app) {
        throw new TypeError('updateJob: mutate may not change the job id or its account.');
      }
      await store.put(next);
      return next;
    }),
  );
}

export async function deleteJob(
  conn: Connection,
  id: string,
  scope: AppScope = {},
): Promise<boolean> {
  return conn.run(['jobs'], 'readwrite', async (tx) => {
    const store = tx.objectStore('jobs');
    const raw: unknown = await store.get(id);
    if (raw === undefined) return false;
    assertApp('jobs', id, raw, scope.app);
    await store.delete(id);
    return true;
  });
}

function checkJobs(rows: unknown[]): Listed<Job> {
  const items: Job[] = [];
  const problems: RecordProblem[] = [];
  for (const row of rows) {
    const c = check(Job, 'jobs', row);
    if (c.ok) items.push(c.value);
    else problems.push(c.problem);
  }
  items.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return { items, problems };
}
