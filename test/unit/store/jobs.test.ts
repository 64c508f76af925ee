import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidRecordError, Job, openStore, type Store, WrongAppError } from '@/lib/store';
import { rawGet, rawWrite, V2_JOB } from './fixtures';

const NAME = 'jobs-test';
let factory: IDBFactory;
let store: Store;

const job = (over: Partial<Job> = {}): Job => Job.parse({ ...V2_JOB, ...over });

beforeEach(async () => {
  factory = new IDBFactory();
  store = await openStore({ factory, name: NAME, storage: null });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

describe('Job schema', () => {
  it('accepts the journal shape and keeps source/mode opaque', () => {
    const j = job({ source: { anything: [1, 'two'] }, mode: 'replace' });
    expect(j.source).toEqual({ anything: [1, 'two'] });
    expect(j.mode).toBe('replace');
  });

  it('refuses a job that writes without a snapshot taken before', () => {
    expect(Job.safeParse({ ...V2_JOB, status: 'running', snapshotBeforeId: null }).success).toBe(
      false,
    );
    expect(Job.safeParse({ ...V2_JOB, status: 'planned', snapshotBeforeId: null }).success).toBe(
      true,
    );
  });

  it('refuses unknown states', () => {
    const bad = { ...V2_JOB, targets: [{ ...V2_JOB.targets[0], state: 'half-done' }] };
    expect(Job.safeParse(bad).success).toBe(false);
  });
});

describe('journal', () => {
  it('puts, gets and lists by account and status, newest first', async () => {
    await store.putJob(job({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z', status: 'done' }));
    await store.putJob(job({ id: 'b', createdAt: '2026-01-02T00:00:00.000Z', status: 'running' }));
    await store.putJob(job({ id: 'c', app: 'cd456', status: 'running' }));
    expect(await store.getJob('a')).toEqual(
      job({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z', status: 'done' }),
    );
    expect(await store.getJob('zzz')).toBeNull();
    expect((await store.listJobs('ab123')).items.map((j) => j.id)).toEqual(['b', 'a']);
    expect((await store.listJobs('ab123', { status: 'running' })).items.map((j) => j.id)).toEqual([
      'b',
    ]);
    expect((await store.listJobsByStatus('running')).items.map((j) => j.id).sort()).toEqual([
      'b',
      'c',
    ]);
  });

  it('keeps accounts apart', async () => {
    await store.putJob(job({ id: 'a' }));
    await expect(store.getJob('a', { app: 'cd456' })).rejects.toBeInstanceOf(WrongAppError);
    await expect(store.updateJob('a', (j) => j, { app: 'cd456' })).rejects.toBeInstanceOf(
      WrongAppError,
    );
    await expect(store.putJob(job({ id: 'a', app: 'cd456' }))).rejects.toBeInstanceOf(
      WrongAppError,
    );
    expect((await store.listJobs('cd456')).items).toEqual([]);
    expect((await store.getJob('a'))?.app).toBe('ab123');
  });
});

describe('updateJob is an atomic read-modify-write', () => {
  const bump = (j: Job): Job => ({
    ...j,
    targets: j.targets.map((t, i) => (i === 1 ? { ...t, attempts: t.attempts + 1 } : t)),
  });

  it('concurrent updates never lose each other', async () => {
    await store.putJob(job());
    await Promise.all(Array.from({ length: 10 }, () => store.updateJob('job-1', bump)));
    expect((await store.getJob('job-1'))?.targets[1]?.attempts).toBe(11);
  });

  it('two contexts (two connections) updating at once both land', async () => {
    await store.putJob(job());
    const other = await openStore({ factory, name: NAME, storage: null });
    await Promise.all([
      store.updateJob('job-1', (j) => ({ ...j, status: 'paused' })),
      other.updateJob('job-1', bump),
    ]);
    const j = await store.getJob('job-1');
    expect(j?.status).toBe('paused');
    expect(j?.targets[1]?.attempts).toBe(2);
    await other.close();
  });

  it('a mutate that throws, even after editing in place, changes nothing', async () => {
    await store.putJob(job());
    await expect(
      store.updateJob('job-1', (j) => {
        j.status = 'done';
        throw new Error('engine bug');
      }),
    ).rejects.toThrow('engine bug');
    expect(await store.getJob('job-1')).toEqual(job());
  });

  it('an invalid result, an id change or an async mutate is refused and changes nothing', async () => {
    await store.putJob(job());
    await expect(
      store.updateJob('job-1', (j) => ({ ...j, status: 'running', snapshotBeforeId: null })),
    ).rejects.toThrow();
    await expect(store.updateJob('job-1', (j) => ({ ...j, id: 'job-2' }))).rejects.toThrow(/id/);
    await expect(
      // @ts-expect-error: a promise is not a job (checked at run time too)
      store.updateJob('job-1', async (j) => j),
    ).rejects.toThrow(/synchronous/);
    expect(await store.getJob('job-1')).toEqual(job());
    expect(await store.getJob('job-2')).toBeNull();
  });
});

describe('an invalid journal is reported and kept', () => {
  const broken = { ...V2_JOB, id: 'job-bad', status: 'half-way' };

  it('in lists, single reads and updates', async () => {
    await store.putJob(job());
    await rawWrite(factory, NAME, 'jobs', [broken]);
    const list = await store.listJobs('ab123');
    expect(list.items.map((j) => j.id)).toEqual(['job-1']);
    expect(list.problems).toMatchObject([{ store: 'jobs', id: 'job-bad' }]);
    await expect(store.getJob('job-bad')).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(store.updateJob('job-bad', () => job({ id: 'job-bad' }))).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
    expect(await rawGet(factory, NAME, 'jobs', 'job-bad')).toEqual(broken);
  });
});

describe('deleteJob', () => {
  it('deletes within the account only', async () => {
    await store.putJob(job());
    await expect(store.deleteJob('job-1', { app: 'cd456' })).rejects.toBeInstanceOf(WrongAppError);
    expect(await store.deleteJob('job-1', { app: 'ab123' })).toBe(true);
    expect(await store.deleteJob('job-1')).toBe(false);
  });
});
