import { appFromUrl } from '@/lib/crm/app';
import { isCaptured, Snapshot, type SnapshotMeta } from '@/lib/model';
import { issueLine } from '@/lib/model/issues';
import { snapshotDue } from '@/lib/snapshot/schedule';
import { openStore, type Store } from '@/lib/store';

// The background owns the snapshot store (the extension's IndexedDB, never the CRM page's).
// A content script may only write and read snapshots of the account its own tab is on.

let store: Promise<Store> | null = null;
export const theStore = () => {
  store ??= openStore();
  return store;
};

export async function putSnapshotFrom(
  tabUrl: string,
  raw: unknown,
): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const parsed = Snapshot.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => issueLine(i, raw));
    return { ok: false, error: `The snapshot is not valid: ${lines.join('; ')}` };
  }
  if (parsed.data.app !== appFromUrl(tabUrl)) {
    return { ok: false, error: 'This snapshot belongs to another account than this tab.' };
  }
  try {
    const meta = await (await theStore()).putSnapshot(parsed.data);
    return { ok: true, id: meta.id };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The account's newest reading by this browser. Imports are left out: a file's date is only its
 * claim, and nothing was read from the CRM when it was stored.
 */
async function newestCaptured(app: string): Promise<SnapshotMeta | undefined> {
  return (await (await theStore()).listSnapshots(app)).items.find(isCaptured);
}

export async function latestSnapshotOf(tabUrl: string): Promise<Snapshot | null> {
  const app = appFromUrl(tabUrl);
  if (!app) return null;
  const newest = await newestCaptured(app);
  return newest ? (await theStore()).getSnapshot(newest.id, { app }) : null;
}

export async function snapshotOf(tabUrl: string, id: string): Promise<Snapshot | null> {
  const app = appFromUrl(tabUrl);
  return app ? (await theStore()).getSnapshot(id, { app }) : null;
}

/** The newest whole snapshot of every account, for choosing a bulk-copy or restore source. */
export async function snapshotSources(): Promise<Snapshot[]> {
  const s = await theStore();
  const out: Snapshot[] = [];
  for (const account of (await s.listAccounts()).items) {
    // The snapshots taken before a write hold only the sets it touched (they serve Undo): a
    // source is the newest whole snapshot of the account. One read here is preferred to an
    // import, whatever date the file claims; an import is offered only for an account this
    // browser never read (a history brought over from another browser).
    const whole = (await s.listSnapshots(account.app)).items.filter(
      (m) => m.cause !== 'before-bulk-copy' && m.cause !== 'before-restore',
    );
    const newest = whole.find(isCaptured) ?? whole[0];
    const snap = newest ? await s.getSnapshot(newest.id, { app: account.app }) : null;
    if (snap) out.push(snap);
  }
  return out;
}

export async function snapshotDueFor(tabUrl: string): Promise<{ due: boolean }> {
  const app = appFromUrl(tabUrl);
  if (!app) return { due: false };
  const s = await theStore();
  const every = (await s.getAccountSettings(app))?.snapshotEveryDays;
  if (!every) return { due: false };
  // An import does not reset the clock: nothing was read from the account when it was stored.
  const newest = await newestCaptured(app);
  return { due: snapshotDue(newest?.takenAt ?? null, every) };
}
