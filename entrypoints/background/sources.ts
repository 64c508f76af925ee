import type { SourceOption } from '@/components/bulk-copy/types';
import { mapSnapshotSets, type RestoreTarget } from '@/lib/bulk-copy/restore';
import type { SourceSpec } from '@/lib/messaging/frame';
import { type ActionSet, DefaultTrigger, type SetRef, type Snapshot, setKey } from '@/lib/model';
import { normName } from '@/lib/snapshot/match';
import { snapshotSources, theStore } from './snapshots';

// Stored sets as bulk-copy and restore sources. They stay here and in the extension's dialog
// frame: a CRM page's content script receives only the actions the admin chose to write into
// that page's own account, never the list of accounts or their snapshots.

// What goes to a CRM page of account X is the chosen actions, which the admin asked to write
// there, and nothing else of account Y: not its app name, its set or product names, nor when its
// snapshot was taken (threat model rule 1). The frame, an extension page, shows Y's names itself.
const ANOTHER_SNAPSHOT = "another account's snapshot";
const ANOTHER_SET = "a set of another account's snapshot";
const sameAccount = (s: Snapshot, app: string) => s.app === app;

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
      // A set the snapshot did not read whole is no source: its actions are not all known.
      if (set.actions.length === 0 || set.notRead) continue;
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
 * Each chosen target's set in the snapshot, paired by lib/bulk-copy/restore.ts: by set key in the
 * snapshot's own account, by name alone in another (ids are per account: B's product 7 is not
 * A's). A chosen target with no set there, or whose name two sets share, is reported, not guessed.
 */
export function matchSets(
  snap: Snapshot,
  app: string,
  names: Record<string, string>,
): { byKey: Record<string, ActionSet>; missing: string[]; ambiguous: string[]; unread: string[] } {
  const targets: RestoreTarget[] = Object.entries(names).map(([key, name]) => {
    const trigger = key.startsWith('default:') ? DefaultTrigger.safeParse(key.slice(8)) : null;
    const ref: SetRef = trigger?.success
      ? { kind: 'default', trigger: trigger.data }
      : { kind: 'product', name };
    return { key, ref, name };
  });
  const mapping = mapSnapshotSets(snap, app, targets);
  const byKey = Object.fromEntries(mapping.pairs);
  const reported = new Set([...mapping.ambiguous, ...mapping.unread].map(normName));
  const missing = targets
    .filter((t) => !mapping.pairs.has(t.key) && !reported.has(normName(t.name)))
    .map((t) => t.name);
  return { byKey, missing, ambiguous: mapping.ambiguous, unread: mapping.unread };
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
    const { byKey, missing, ambiguous, unread } = matchSets(snap, app, names);
    return {
      kind: 'restore',
      label: sameAccount(snap, app) ? `the snapshot of ${stamp(snap)}` : ANOTHER_SNAPSHOT,
      byKey: Object.fromEntries(Object.entries(byKey).map(([k, s]) => [k, s.actions])),
      missing,
      ambiguous,
      unread,
    };
  }
  // snap:<snapshot id>:<set key>; snapshot ids never contain ':' followed by a set kind.
  const at = rest.search(/:(default|product):/);
  const snap = at > 0 ? await snapshotById(rest.slice(0, at)) : null;
  const set = snap?.sets.find((s) => setKey(s.ref) === rest.slice(at + 1));
  if (!set) throw new Error('That source is no longer stored.');
  if (set.notRead)
    throw new Error(`That snapshot did not read "${set.name}" whole, so it cannot be a source.`);
  return {
    kind: 'set',
    name: snap?.app === app ? set.name : ANOTHER_SET,
    actions: set.actions,
  };
}
