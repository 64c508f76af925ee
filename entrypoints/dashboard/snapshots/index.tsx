import { useEffect, useRef, useState } from 'preact/hooks';
import '@/components/snapshots/snapshots.css';
import '@/components/snapshots/snapshots-diff.css';
import {
  auditFile,
  csvFile,
  type Download,
  downloadFile,
  jsonFile,
} from '@/components/snapshots/files';
import { type ExportKind, Timeline } from '@/components/snapshots/Timeline';
import { plural, snapshotTitle } from '@/components/snapshots/words';
import type { SnapshotMeta } from '@/lib/model';
import type { SnapshotSource } from '../data';
import { useAsync } from '../useAsync';
import { AccountList, errorText, ImportPanel, Messages, StoragePanel } from './panels';
import { CompareView, FindingsLoader, OpenView, type SnapshotRef } from './views';

export interface SnapshotsSectionProps {
  source: SnapshotSource;
  /** The account picked in the header, or null when there is none yet. */
  app: string | null;
  /** How files are saved; tests pass a recorder instead of clicking a real link. */
  download?: Download;
}

type View =
  | { kind: 'list' }
  | { kind: 'open'; at: SnapshotRef; focusSet: string | null }
  | { kind: 'findings'; at: SnapshotRef }
  | { kind: 'compare'; was: SnapshotRef; is: SnapshotRef };

/** Bumps whenever the source reports a change, so every list below reloads. */
function useVersion(source: SnapshotSource): number {
  const [version, setVersion] = useState(0);
  useEffect(() => source.subscribe(() => setVersion((v) => v + 1)), [source]);
  return version;
}

export function SnapshotsSection({ source, app, download = downloadFile }: SnapshotsSectionProps) {
  const version = useVersion(source);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [compare, setCompare] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstView = useRef(true);

  const accounts = useAsync(() => source.accountSummaries(), [source, version]);
  const timeline = useAsync(app ? () => source.timeline(app) : null, [source, app, version]);
  const items = timeline?.state === 'ready' ? timeline.value.items : [];

  // Another account is another list: nothing picked or opened carries over.
  useEffect(() => {
    setView({ kind: 'list' });
    setCompare([]);
  }, [app]);
  // Land keyboard and screen-reader users on the view that just opened.
  useEffect(() => {
    if (firstView.current) firstView.current = false;
    else heading.current?.focus();
  }, [view]);

  /** Runs one user action; its failure (quota, a record of another account) is said plainly. */
  const act = async (work: () => Promise<string>) => {
    setError(null);
    try {
      setStatus(await work());
    } catch (e) {
      setStatus('');
      setError(errorText(e));
    }
  };
  const find = (id: string): SnapshotMeta | undefined => items.find((m) => m.id === id);
  const title = (id: string) => {
    const m = find(id);
    return m ? snapshotTitle(m) : id;
  };

  const exportOne = (id: string, kind: ExportKind) =>
    act(async () => {
      if (!app) return '';
      const s = await source.getSnapshot(id, app);
      const file = kind === 'json' ? jsonFile([s]) : kind === 'csv' ? csvFile([s]) : auditFile(s);
      download(file);
      return `Saved ${file.name}.`;
    });
  const exportAll = (kind: 'json' | 'csv') =>
    act(async () => {
      if (!app) return '';
      const all = await Promise.all(items.map((m) => source.getSnapshot(m.id, app)));
      const file = kind === 'json' ? jsonFile(all) : csvFile(all);
      download(file);
      return `Saved ${file.name} with ${plural(all.length, 'snapshot')}.`;
    });
  const startCompare = () => {
    if (!app || compare.length !== 2) return;
    // The older one is "was", whichever was ticked first.
    const [a, b] = compare
      .map((id) => find(id))
      .sort((x, y) => (x && y ? Date.parse(x.takenAt) - Date.parse(y.takenAt) : 0));
    if (!a || !b) return;
    setView({ kind: 'compare', was: { app, id: a.id }, is: { app, id: b.id } });
  };

  const back = (
    <button type="button" class="snap-button snap-back" onClick={() => setView({ kind: 'list' })}>
      ← Back to the snapshot list
    </button>
  );
  const viewTitle =
    view.kind === 'open'
      ? `Snapshot ${title(view.at.id)}`
      : view.kind === 'findings'
        ? `Findings: ${title(view.at.id)}`
        : view.kind === 'compare'
          ? 'Compare snapshots'
          : app
            ? `Snapshots of "${app}"`
            : // Not "Snapshots" again under the section's own heading.
              'All accounts';

  return (
    <section aria-labelledby="snapshots-title" class="snap">
      <h2 id="snapshots-title">Snapshots</h2>
      <Messages status={status} error={error} />
      {view.kind !== 'list' && back}
      {view.kind === 'list' && accounts?.state === 'ready' && accounts.value.items.length > 0 && (
        <AccountList accounts={accounts.value.items} app={app} />
      )}
      <h3 class="snap-view-title" ref={heading} tabIndex={-1}>
        {viewTitle}
      </h3>

      {view.kind === 'open' && (
        <OpenView source={source} at={view.at} version={version} focusSet={view.focusSet} />
      )}
      {view.kind === 'findings' && (
        <FindingsLoader
          source={source}
          at={view.at}
          version={version}
          onOpenSet={(setKey) => setView({ kind: 'open', at: view.at, focusSet: setKey })}
        />
      )}
      {view.kind === 'compare' && (
        <CompareView
          source={source}
          was={view.was}
          is={view.is}
          version={version}
          onPick={(was, is) => setView({ kind: 'compare', was, is })}
        />
      )}

      {view.kind === 'list' && (
        <>
          {!app && (
            <p>
              {accounts?.state === 'ready' && accounts.value.items.length > 0
                ? 'Pick an account in the table above, or import an exported file below.'
                : 'No snapshots yet. On a Keap account\'s E-Commerce > Actions page, press "Take snapshot" on the toolkit\'s toolbar; or import an exported file below.'}
            </p>
          )}
          {timeline?.state === 'loading' && <p>Loading snapshots…</p>}
          {timeline?.state === 'error' && (
            <p role="alert">{`Snapshots could not be read: ${timeline.message}`}</p>
          )}
          {app && timeline?.state === 'ready' && items.length === 0 && (
            <p>{`No snapshots of "${app}" yet: take one on the CRM's E-Commerce > Actions page.`}</p>
          )}
          {timeline?.state === 'ready' && timeline.value.problems.length > 0 && (
            <p role="alert">
              {`${plural(timeline.value.problems.length, 'stored snapshot')} could not be read ` +
                `and ${timeline.value.problems.length === 1 ? 'is' : 'are'} kept as stored: ` +
                timeline.value.problems.map((p) => `${p.id} (${p.issues.join('; ')})`).join(', ')}
            </p>
          )}
          {items.length > 0 && (
            <>
              <div class="snap-toolbar">
                <button
                  type="button"
                  class="snap-button snap-primary"
                  disabled={compare.length !== 2}
                  onClick={startCompare}
                >
                  {`Compare selected (${compare.length} of 2)`}
                </button>
                <button type="button" class="snap-button" onClick={() => void exportAll('json')}>
                  Export all as JSON
                </button>
                <button type="button" class="snap-button" onClick={() => void exportAll('csv')}>
                  Export all as CSV
                </button>
              </div>
              <Timeline
                items={items}
                compare={compare}
                onOpen={(id) => app && setView({ kind: 'open', at: { app, id }, focusSet: null })}
                onFindings={(id) => app && setView({ kind: 'findings', at: { app, id } })}
                onToggleCompare={(id) =>
                  // At most two: ticking a third replaces the older tick.
                  setCompare((c) =>
                    c.includes(id) ? c.filter((x) => x !== id) : [...c, id].slice(-2),
                  )
                }
                onRename={(id, name) =>
                  act(async () => {
                    if (app) await source.renameSnapshot(id, app, name);
                    return name.trim() ? `Renamed to "${name.trim()}".` : 'Name cleared.';
                  })
                }
                onPin={(id, pinned) =>
                  act(async () => {
                    if (app) await source.setPinned(id, app, pinned);
                    return `${pinned ? 'Pinned' : 'Unpinned'} ${title(id)}.`;
                  })
                }
                onDelete={(id) =>
                  act(async () => {
                    const t = title(id);
                    // The button is disabled too; this guards a stale list as well.
                    if (find(id)?.pinned) throw new Error(`${t} is pinned: unpin it first.`);
                    if (app) await source.deleteSnapshot(id, app);
                    setCompare((c) => c.filter((x) => x !== id));
                    return `Deleted ${t}.`;
                  })
                }
                onExport={(id, kind) => void exportOne(id, kind)}
              />
            </>
          )}
          <div class="snap-panels">
            <ImportPanel source={source} />
            <StoragePanel source={source} app={app} version={version} />
          </div>
        </>
      )}
    </section>
  );
}
