import type { ActionSet, SetRef } from '../model';
import { setKey } from '../model';
import { normName } from '../snapshot/match';
import { type CopyMode, type PlannedTarget, planTarget, planTo, type TargetRead } from './plan';

// Restore: chosen sets of this account back to how a snapshot shows them. Within the snapshot's
// own account a set is found by its key. Across accounts CRM ids mean nothing (account A's
// product 7 is not account B's product 7), so products pair by normalised name only, and a name
// that two products share on either side is reported, never guessed.

export interface RestoreTarget {
  key: string;
  ref: SetRef;
  name: string;
}

export interface SetMapping {
  /** Target key -> the snapshot's set it is restored from. */
  pairs: Map<string, ActionSet>;
  /** The snapshot's sets that pair with no set of this account, by name. */
  missing: string[];
  /** Names two targets, or two of the snapshot's sets, share: left unpaired. */
  ambiguous: string[];
  /** Whether products were paired by name (another account), for the preview to say so. */
  byName: boolean;
  /**
   * Targets whose set the snapshot did not read whole: left unpaired, since putting back a set
   * the snapshot only partly knows would write what it never saw.
   */
  unread: string[];
}

/** The name key a set pairs on across accounts; the five Default Settings sets by trigger. */
const nameKey = (ref: SetRef, name: string) =>
  ref.kind === 'default' ? setKey(ref) : `product:${normName(name)}`;

function grouped<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

export function mapSnapshotSets(
  snapshot: { app: string; sets: readonly ActionSet[] },
  app: string,
  targets: readonly RestoreTarget[],
): SetMapping {
  const out: SetMapping = {
    pairs: new Map(),
    missing: [],
    ambiguous: [],
    byName: false,
    unread: [],
  };
  let left: readonly ActionSet[] = snapshot.sets;
  if (snapshot.app === app) {
    // Same account: the set key (CRM id where known) is the set's identity.
    const byKey = new Map(targets.map((t) => [t.key, t]));
    const unpaired: ActionSet[] = [];
    for (const set of snapshot.sets) {
      const t = byKey.get(setKey(set.ref));
      if (t && !out.pairs.has(t.key)) out.pairs.set(t.key, set);
      else unpaired.push(set);
    }
    // A set the snapshot recorded without its id (or the page lists without one) pairs by name.
    left = unpaired;
  } else {
    out.byName = true;
  }
  const free = targets.filter((t) => !out.pairs.has(t.key));
  const targetsByName = grouped(free, (t) => nameKey(t.ref, t.name));
  const setsByName = grouped(left, (s) => nameKey(s.ref, s.name));
  for (const [key, sets] of setsByName) {
    const first = sets[0] as ActionSet;
    const matches = targetsByName.get(key) ?? [];
    if (sets.length > 1 || matches.length > 1) out.ambiguous.push(first.name);
    else if (matches.length === 0) out.missing.push(first.name);
    else out.pairs.set((matches[0] as RestoreTarget).key, first);
  }
  for (const [key, set] of out.pairs) {
    if (!set.notRead) continue;
    out.pairs.delete(key);
    out.unread.push(set.name);
  }
  return out;
}

/**
 * A restore target's plan: replace puts the snapshot's set back exactly; add appends what the
 * target lacks. A target the snapshot has no set for is left as it is.
 */
export function planRestore(
  read: TargetRead,
  was: ActionSet | undefined,
  mode: CopyMode,
): PlannedTarget {
  if (!was) return planTo(read, read.current);
  return mode === 'add' ? planTarget(was.actions, read, 'add') : planTo(read, was.actions);
}
