import * as z from 'zod/mini';
import type { Connection } from './connection';
import { check, InvalidRecordError } from './errors';
import { guardQuota } from './quota';

/**
 * Per-account settings. Absent fields mean "not chosen": the features apply their own defaults at
 * the point of use, so a default never gets written into (or silently over) a stored record.
 */
export const AccountSettings = z.object({
  /** Retention: keep this many unpinned snapshots of the account. */
  keepLast: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
  /** Take a scheduled snapshot when the newest one is this many days old. */
  snapshotEveryDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

const accountKey = (app: string) => `account:${app}`;

/** The account's settings, or null if none were saved. Throws InvalidRecordError (kept) if broken. */
export async function getAccountSettings(
  conn: Connection,
  app: string,
): Promise<AccountSettings | null> {
  const key = accountKey(app);
  const raw: unknown = await conn.run(['settings'], 'readonly', (tx) =>
    tx.objectStore('settings').get(key),
  );
  if (raw === undefined) return null;
  const value = raw !== null && typeof raw === 'object' && 'value' in raw ? raw.value : undefined;
  const c = check(AccountSettings, 'settings', value);
  if (!c.ok) throw new InvalidRecordError({ ...c.problem, id: key });
  return c.value;
}

export async function putAccountSettings(
  conn: Connection,
  app: string,
  input: AccountSettings,
): Promise<AccountSettings> {
  const value = AccountSettings.parse(input);
  await guardQuota(conn, () =>
    conn.run(['settings'], 'readwrite', async (tx) => {
      await tx.objectStore('settings').put({ key: accountKey(app), app, value });
    }),
  );
  return value;
}
