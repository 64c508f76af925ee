import { appFromUrl } from '@/lib/crm/app';
import type { Job, JobStatus } from '@/lib/store';
import { theStore } from './snapshots';
import { holds, writerElsewhere } from './writers';

// The journal of write jobs, in the extension's IndexedDB: it outlives the CRM tab, so a closed
// tab or browser offers Resume next time. A tab may only touch jobs of its own account, and
// only while it holds that account's writer lock (writers.ts): a second tab cannot journal.

const OPEN: JobStatus[] = ['running', 'paused', 'interrupted'];

const NOT_WRITER =
  "This tab does not hold the account's writer lock (another tab is writing, or the lock lapsed).";

export async function putJobFrom(
  tabUrl: string,
  tabId: number,
  raw: unknown,
): Promise<Job | { error: string }> {
  const app = appFromUrl(tabUrl);
  const job = raw as { app?: unknown };
  if (!app || job?.app !== app)
    return { error: 'This job belongs to another account than this tab.' };
  if (!(await holds(app, tabId))) return { error: NOT_WRITER };
  try {
    return await (await theStore()).putJob(raw as Job);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export async function updateJobFrom(
  tabUrl: string,
  tabId: number,
  id: string,
  status: JobStatus | undefined,
  target:
    | { key: string; state: Job['targets'][number]['state']; error?: string; wrote?: boolean }
    | undefined,
): Promise<Job | { error: string }> {
  const app = appFromUrl(tabUrl);
  if (!app) return { error: 'Unknown account.' };
  if (!(await holds(app, tabId))) return { error: NOT_WRITER };
  try {
    return await (await theStore()).updateJob(
      id,
      (job) => ({
        ...job,
        status: status ?? job.status,
        targets: job.targets.map((t) =>
          target && t.key === target.key
            ? {
                ...t,
                state: target.state,
                error: target.error,
                attempts: target.state === 'writing' ? t.attempts + 1 : t.attempts,
                wroteAt: target.wrote ? new Date().toISOString() : t.wroteAt,
                updatedAt: new Date().toISOString(),
              }
            : t,
        ),
      }),
      { app },
    );
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export async function getJobFrom(tabUrl: string, id: string): Promise<Job | null> {
  const app = appFromUrl(tabUrl);
  return app ? (await theStore()).getJob(id, { app }) : null;
}

/**
 * Unfinished jobs of the tab's account. While another live tab holds the account's writer lock
 * they are that tab's running work, not something to resume: `runningInOtherTab` says so.
 */
export async function openJobsOf(
  tabUrl: string,
  tabId: number,
): Promise<(Job & { runningInOtherTab: boolean })[]> {
  const app = appFromUrl(tabUrl);
  if (!app) return [];
  const jobs = (await (await theStore()).listJobs(app)).items;
  const elsewhere = (await writerElsewhere(app, tabId)) !== null;
  return jobs
    .filter((j) => OPEN.includes(j.status))
    .map((j) => ({ ...j, runningInOtherTab: elsewhere }));
}
