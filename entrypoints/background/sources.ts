import type { SourceOption } from '@/components/bulk-copy/types';
import type { SourceSpec } from '@/lib/messaging/frame';
import { type ActionSet, type Snapshot, setKey } from '@/lib/model';
import { normName } from '@/lib/snapshot/match';
import { snapshotSources, theStore } from './snapshots';

// Stored sets as bulk-copy and restore sources. They stay here and in the extension's dialog
// frame: a CRM page's content script receives only the actions the admin chose to write into
// that page's own account, never the list of accounts or their snapshots.

const stamp = (s: Snapshot) => `${s.app}, ${s.takenAt.slice(0, 16).replace('T', ' ')}`;

export async function storedSources(): Promise<SourceOption[]> {
  const out: SourceOption[] = [];
  for (const snap of await snapshotSources()) {
    out.push({
      id: `restore:${snap.id}`,
      name: 'Restore: each chosen set as this snapshot has it',
      kind: 'default',
      actionCount: snap.sets.reduce((n, x) => n + x.actions.length, 0),
      origin: stamp(snap),
    });
    for (const set of snap.sets) {
      if (set.actions.length === 0) continue;
      out.push({
        id: `snap:${snap.id}:${setKey(set.ref)}`,
        name: set.name,
        kind: set.ref.kind,
        actionCount: set.actions.length,
        origin: stamp(snap),
      });
    }
  }
  return out;
}

async function snapshotById(id: string): Promise<Snapshot | null> {
  return (await theStore()).getSnapshot(id);
}

/**
 * Each chosen target's set in the snapshot. In the snapshot's own account a set is found by its
 * key; in another account by its name alone (ids are per account: B's product 7 is not A's),
 * and a name two sets share is reported as ambiguous rather than guessed.
 */
export function matchSets(
  snap: Snapshot,
  app: string,
  names: Record<string, string>,
): { byKey: Record<string, ActionSet>; missing: string[]; ambiguous: string[] } {
  const byName = new Map<string, ActionSet[]>();
  for (const s of snap.sets) {
    const k = s.ref.kind === 'default' ? setKey(s.ref) : normName(s.name);
    byName.set(k, [...(byName.get(k) ?? []), s]);
  }
  const byKey: Record<string, ActionSet> = {};
  const missing: string[] = [];
  const ambiguous: string[] = [];
  for (const [key, name] of Object.entries(names)) {
    const own = snap.app === app ? snap.sets.find((s) => setKey(s.ref) === key) : undefined;
    const found = own
      ? [own]
      : (byName.get(key.startsWith('default:') ? key : normName(name)) ?? []);
    if (found.length === 1) byKey[key] = found[0] as ActionSet;
    else (found.length === 0 ? missing : ambiguous).push(name);
  }
  return { byKey, missing, ambiguous };
}

export async function resolveSource(
  sourceId: string,
  app: string,
  names: Record<string, string>,
): Promise<SourceSpec> {
  const m = /^(snap|restore):(.+)$/.exec(sourceId);
  if (!m) return { kind: 'live' };
  const [, how, rest] = m as unknown as [string, string, string];
  if (how === 'restore') {
    const snap = await snapshotById(rest);
    if (!snap) throw new Error('That snapshot is no longer stored.');
    const { byKey, missing, ambiguous } = matchSets(snap, app, names);
    return {
      kind: 'restore',
      label: `the snapshot of ${stamp(snap)}`,
      byKey: Object.fromEntries(Object.entries(byKey).map(([k, s]) => [k, s.actions])),
      missing,
      ambiguous,
    };
  }
  // snap:<snapshot id>:<set key>; snapshot ids never contain ':' followed by a set kind.
  const at = rest.search(/:(default|product):/);
  const snap = at > 0 ? await snapshotById(rest.slice(0, at)) : null;
  const set = snap?.sets.find((s) => setKey(s.ref) === rest.slice(at + 1));
  if (!set) throw new Error('That source is no longer stored.');
  return { kind: 'set', name: set.name, actions: set.actions };
}
