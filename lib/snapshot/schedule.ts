// Scheduled snapshots: due when the account has a schedule and its newest snapshot (of any
// cause) is older than the schedule, or there is none yet.
const DAY = 24 * 60 * 60 * 1000;

export function snapshotDue(
  newestTakenAt: string | null,
  everyDays: number | null | undefined,
  now: Date = new Date(),
): boolean {
  if (!everyDays || everyDays < 1) return false;
  if (!newestTakenAt) return true;
  const taken = Date.parse(newestTakenAt);
  return Number.isNaN(taken) || now.getTime() - taken >= everyDays * DAY;
}
