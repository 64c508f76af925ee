import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { DiffView } from '@/components/snapshots/DiffView';
import { FindingsView } from '@/components/snapshots/FindingsView';
import { SnapshotView } from '@/components/snapshots/SnapshotView';
import { snapshotTitle } from '@/components/snapshots/words';
import { Select } from '@/components/ui/Select';
import { audit } from '@/lib/audit';
import { metaOf, type Snapshot } from '@/lib/model';
import { diffSnapshots } from '@/lib/snapshot/diff';
import type { SnapshotSource } from '../data';
import { type Async, useAsync } from '../useAsync';

/** A snapshot named by account and id: ids are only meaningful within their account. */
export interface SnapshotRef {
  app: string;
  id: string;
}

interface LoadProps {
  source: SnapshotSource;
  at: SnapshotRef;
  version: number;
}

function useSnapshot({ source, at, version }: LoadProps): Async<Snapshot> | null {
  return useAsync(() => source.getSnapshot(at.id, at.app), [source, at.app, at.id, version]);
}

function Loading<T>({
  value,
  what,
  children,
}: {
  value: Async<T> | null;
  what: string;
  children: (v: T) => ComponentChildren;
}) {
  if (!value || value.state === 'loading') return <p role="status">{`Loading ${what}…`}</p>;
  if (value.state === 'error') {
    return <p role="alert">{`The ${what} could not be read: ${value.message}`}</p>;
  }
  return <>{children(value.value)}</>;
}

export function OpenView(props: LoadProps & { focusSet: string | null }) {
  const snapshot = useSnapshot(props);
  return (
    <Loading value={snapshot} what="snapshot">
      {(s) => <SnapshotView snapshot={s} focusSet={props.focusSet} />}
    </Loading>
  );
}

export function FindingsLoader(props: LoadProps & { onOpenSet: (setKey: string) => void }) {
  const snapshot = useSnapshot(props);
  const result = useMemo(
    () => (snapshot?.state === 'ready' ? audit(snapshot.value) : null),
    [snapshot],
  );
  return (
    <Loading value={snapshot} what="snapshot">
      {(s) =>
        result && (
          <FindingsView
            result={result}
            onOpenSet={props.onOpenSet}
            carried={metaOf(s).carriedCount}
          />
        )
      }
    </Loading>
  );
}

const encode = (r: SnapshotRef) => JSON.stringify([r.app, r.id]);
function decode(value: string): SnapshotRef | null {
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    return null;
  }
  return { app: parsed[0], id: parsed[1] };
}

export interface CompareViewProps {
  source: SnapshotSource;
  was: SnapshotRef;
  is: SnapshotRef;
  version: number;
  onPick: (was: SnapshotRef, is: SnapshotRef) => void;
}

/**
 * Two snapshots side by side. Either side can be any snapshot of any account, so comparing two
 * accounts is the same view with a snapshot of another account picked on one side.
 */
export function CompareView({ source, was, is, version, onPick }: CompareViewProps) {
  const everything = useAsync(async () => {
    const accounts = (await source.accountSummaries()).items;
    return Promise.all(
      accounts.map(async (a) => ({ app: a.app, items: (await source.timeline(a.app)).items })),
    );
  }, [source, version]);
  const left = useSnapshot({ source, at: was, version });
  const right = useSnapshot({ source, at: is, version });
  const both: [Snapshot, Snapshot] | null =
    left?.state === 'ready' && right?.state === 'ready' ? [left.value, right.value] : null;
  const diff = useMemo(() => (both ? diffSnapshots(both[0], both[1]) : null), [left, right]);

  const groups =
    everything?.state === 'ready'
      ? everything.value.map((g) => ({
          label: g.app,
          options: g.items.map((m) => ({ value: encode(m), label: snapshotTitle(m) })),
        }))
      : [];
  const label = (s: Snapshot) => `${s.app}, ${snapshotTitle(metaOf(s))}`;
  const pick = (side: 'was' | 'is') => (value: string) => {
    const ref = decode(value);
    if (ref) onPick(side === 'was' ? ref : was, side === 'is' ? ref : is);
  };

  return (
    <div>
      {groups.length > 0 && (
        <div class="snap-controls">
          <Select label="Was (older)" value={encode(was)} options={groups} onChange={pick('was')} />
          <Select label="Is (newer)" value={encode(is)} options={groups} onChange={pick('is')} />
          <button type="button" class="snap-button" onClick={() => onPick(is, was)}>
            Swap sides
          </button>
        </div>
      )}
      <Loading value={left} what="older snapshot">
        {() => (
          <Loading value={right} what="newer snapshot">
            {() =>
              diff && both && <DiffView diff={diff} was={label(both[0])} is={label(both[1])} />
            }
          </Loading>
        )}
      </Loading>
    </div>
  );
}
