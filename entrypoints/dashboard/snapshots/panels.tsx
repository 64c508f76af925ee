import { useEffect, useId, useState } from 'preact/hooks';
import { bytes, plural, when } from '@/components/snapshots/words';
import type { Snapshot } from '@/lib/model';
import { importFile, MAX_EXPORT_BYTES } from '@/lib/snapshot/import';
import type { AccountSummary, SnapshotSource } from '../data';
import { formatHash } from '../route';
import { useAsync } from '../useAsync';

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A polite live region that is always in the page (a region added together with its text is
 * often not announced), plus an alert for failures.
 */
export function Messages({ status, error }: { status: string; error: string | null }) {
  return (
    <div class="snap-messages">
      <p role="status" aria-live="polite" class="snap-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="snap-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Every account with snapshots; picking one goes through the hash, like the header's picker. */
export function AccountList({ accounts, app }: { accounts: AccountSummary[]; app: string | null }) {
  return (
    <table class="snap-accounts">
      <caption>Accounts</caption>
      <thead>
        <tr>
          <th scope="col">Account (app name)</th>
          <th scope="col">Snapshots</th>
          <th scope="col">Last taken</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr key={a.app} aria-current={a.app === app ? 'true' : undefined}>
            <th scope="row">
              <a href={formatHash({ section: 'snapshots', app: a.app })}>{a.app}</a>
            </th>
            <td>{a.count}</td>
            <td>{when(a.lastTakenAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function importedLine(snapshots: readonly Snapshot[]): string {
  const byApp = new Map<string, number>();
  for (const s of snapshots) byApp.set(s.app, (byApp.get(s.app) ?? 0) + 1);
  const parts = [...byApp].map(([app, n]) => `${n} for "${app}"`);
  return `Imported ${plural(snapshots.length, 'snapshot')}: ${parts.join(', ')}.`;
}

/**
 * Import of an exported file. The file is hostile until parseExport has accepted all of it, so a
 * bad file stores nothing; a good one is added whole (one transaction) under each snapshot's own
 * app, with new ids: an import never replaces or pins anything already stored.
 */
export function ImportPanel({ source }: { source: SnapshotSource }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setStatus(`Reading ${file.name}…`);
    try {
      // Checked before reading: a huge file must not be pulled into memory first.
      if (file.size > MAX_EXPORT_BYTES) throw new Error('the file is larger than 50 MB');
      const outcome = await importFile(await file.text(), (list) => source.importSnapshots(list));
      if (!outcome.ok && outcome.stage === 'store') {
        // Store errors (quota) are already in plain words; the transaction stored nothing.
        setStatus('');
        setError(`Import stopped, nothing was stored: ${outcome.error}`);
        return;
      }
      if (!outcome.ok) throw new Error(outcome.error);
      setStatus(importedLine(outcome.snapshots));
    } catch (e) {
      setStatus('');
      setError(`${file.name} was not imported, nothing was stored: ${errorText(e)}`);
    } finally {
      // The same file can be picked again after fixing it.
      input.value = '';
    }
  };

  return (
    <section class="snap-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Import</h3>
      <label for={`${id}-file`}>Import snapshots from a JSON export</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".json,application/json"
        aria-describedby={`${id}-hint`}
        onChange={(e) => void onFile(e.currentTarget)}
      />
      <span id={`${id}-hint`} class="ui-hint">
        Files exported by this extension. Each snapshot is added under its own account as an import:
        nothing stored is replaced, and the file's dates are shown as its claim.
      </span>
      <Messages status={status} error={error} />
    </section>
  );
}

// Asked once per page: the browser may show a prompt, and its answer does not change meanwhile.
let persistence: Promise<boolean | null> | null = null;

/** Storage use, persistence, and the account's retention ("keep the last N"). */
export function StoragePanel({
  source,
  app,
  version,
}: {
  source: SnapshotSource;
  app: string | null;
  version: number;
}) {
  const id = useId();
  const usage = useAsync(() => source.estimateUsage(), [source, version]);
  const persisted = useAsync(() => {
    persistence ??= source.requestPersistence().catch(() => null);
    return persistence;
  }, [source]);
  const saved = useAsync(app ? () => source.getKeepLast(app) : null, [source, app]);
  const [keep, setKeep] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (saved?.state === 'ready') setKeep(saved.value === null ? '' : String(saved.value));
  }, [saved]);

  const apply = async (raw: string) => {
    if (!app) return;
    setError(null);
    const n = raw.trim() === '' ? null : Number(raw);
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 10_000)) {
      setError('Enter a whole number from 1 to 10000, or leave it empty to keep everything.');
      return;
    }
    try {
      const { deleted } = await source.setKeepLast(app, n);
      setStatus(
        n === null
          ? `Every snapshot of "${app}" is kept.`
          : `Keeping the last ${n} unpinned snapshots of "${app}"; ` +
              `${plural(deleted, 'older snapshot')} deleted. Pinned snapshots are never deleted.`,
      );
    } catch (e) {
      setError(errorText(e));
    }
  };

  const u = usage?.state === 'ready' ? usage.value : null;
  return (
    <section class="snap-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Storage</h3>
      <p>
        {usage?.state === 'error'
          ? `Storage use could not be read: ${usage.message}`
          : u?.usage != null
            ? `Using ${bytes(u.usage)}${u.quota != null ? ` of ${bytes(u.quota)} available` : ''}.`
            : 'This browser does not say how much storage is used.'}
      </p>
      <p>
        {persisted?.state === 'ready' && persisted.value === true
          ? 'Storage is persistent: the browser will not clear it to free space.'
          : persisted?.state === 'ready' && persisted.value === false
            ? 'The browser did not make storage persistent: export snapshots you need to keep.'
            : 'Export snapshots you need to keep: the browser may clear storage under pressure.'}
      </p>
      {app && (
        <div class="snap-keep">
          <label for={`${id}-keep`}>{`Keep the last N snapshots of "${app}"`}</label>
          <input
            id={`${id}-keep`}
            type="number"
            min={1}
            max={10000}
            step={1}
            value={keep}
            aria-describedby={`${id}-keep-hint`}
            onInput={(e) => setKeep(e.currentTarget.value)}
            // On change (Enter or leaving the field), not on each key: "10" must not pass
            // through "1" and delete nine snapshots on the way.
            onChange={(e) => void apply(e.currentTarget.value)}
          />
          <span id={`${id}-keep-hint`} class="ui-hint">
            Older unpinned snapshots are deleted. Pinned ones are never deleted. Empty keeps all.
          </span>
        </div>
      )}
      {app && <ScheduleField source={source} app={app} />}
      <Messages status={status} error={error} />
    </section>
  );
}

/** Scheduled snapshots: taken in the background when the Actions page opens and one is due. */
function ScheduleField({ source, app }: { source: SnapshotSource; app: string }) {
  const id = useId();
  const saved = useAsync(() => source.getEveryDays(app), [source, app]);
  const [days, setDays] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (saved?.state === 'ready') setDays(saved.value === null ? '' : String(saved.value));
  }, [saved]);
  const apply = async (raw: string) => {
    setError(null);
    const n = raw.trim() === '' ? null : Number(raw);
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 365)) {
      setError('Enter a whole number of days from 1 to 365, or leave it empty for no schedule.');
      return;
    }
    try {
      await source.setEveryDays(app, n);
      setStatus(
        n === null
          ? `No scheduled snapshots of "${app}".`
          : `A snapshot of "${app}" is taken when you open its Actions page and the last one is more than ${plural(n, 'day')} old.`,
      );
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div class="snap-keep">
      <label for={`${id}-every`}>{`Snapshot "${app}" every N days`}</label>
      <input
        id={`${id}-every`}
        type="number"
        min={1}
        max={365}
        step={1}
        value={days}
        onInput={(e) => setDays(e.currentTarget.value)}
        onChange={(e) => void apply(e.currentTarget.value)}
      />
      <span class="ui-hint">
        Taken in the background when you open the Actions page. Empty: never.
      </span>
      <Messages status={status} error={error} />
    </div>
  );
}
