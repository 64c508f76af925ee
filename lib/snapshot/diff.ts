import type { Action, ActionSet, RunOnAllOrders, SetRef, Snapshot } from '../model';
import {
  actionFingerprint,
  normText,
  normValue,
  rulesText,
  setMatchKey,
  similarity,
  valueText,
} from './match';

// One diff for every comparison the product makes: two snapshots of an account, a snapshot and a
// live read, or two accounts. Positions (`at`, `from`, `to`) are 0-based indexes into the
// respective set's action list.

export interface FieldChange {
  /** "summary", "rules", "config.<form label>" or "facts.<name>". */
  field: string;
  was: string | null;
  is: string | null;
}
export interface PlacedAction {
  action: Action;
  at: number;
}
export interface ChangedAction {
  was: Action;
  is: Action;
  from: number;
  to: number;
  changes: FieldChange[];
}
export interface MovedAction {
  action: Action;
  from: number;
  to: number;
}
/** 'unknown': one side did not read the set (or the product list), so nothing is claimed. */
export type SetStatus = 'added' | 'removed' | 'changed' | 'unchanged' | 'unknown';
export interface SetDiff {
  /** The pairing key: `default:<trigger>` or `product:<normalised name>`. */
  key: string;
  name: string;
  ref: SetRef;
  status: SetStatus;
  added: PlacedAction[];
  removed: PlacedAction[];
  changed: ChangedAction[];
  /** Order changes only; they never make a set "changed" (run order is not known to matter). */
  moved: MovedAction[];
  /** Why the set is 'unknown': what one side could not read. */
  notRead?: string;
}
export interface SnapshotDiff {
  counts: {
    setsChanged: number;
    setsAdded: number;
    setsRemoved: number;
    setsUnchanged: number;
    setsUnknown: number;
    actionsAdded: number;
    actionsRemoved: number;
    actionsChanged: number;
    actionsMoved: number;
  };
  sets: SetDiff[];
  settingChanged?: { was: RunOnAllOrders; is: RunOnAllOrders };
  /**
   * Actions on each side whose configuration and rules were carried over from an earlier
   * snapshot (not re-read): the diff cannot see a change to those that no summary shows.
   */
  carried: { was: number; is: number };
}

/** What the left and right of a comparison need: a live read has sets and maybe the setting. */
export type Comparable = Pick<Snapshot, 'sets'> & {
  runOnAllOrders?: RunOnAllOrders;
  app?: string;
  notRead?: Snapshot['notRead'];
};

const productsUnread = (c: Comparable) => c.notRead?.some((p) => p.part === 'products') ?? false;

/** A set neither side can speak for: nothing is added, removed or changed in it. */
const unknownSet = (set: ActionSet, notRead: string): SetDiff => ({
  key: '',
  name: set.name,
  ref: set.ref,
  status: 'unknown',
  added: [],
  removed: [],
  changed: [],
  moved: [],
  notRead,
});
const setNotRead = (side: string, set: ActionSet) =>
  set.notRead ? `the ${side} snapshot did not read it: ${set.notRead.reason}` : null;

function listChanges(
  field: string,
  was: string[] | undefined,
  is: string[] | undefined,
): FieldChange[] {
  const w = was && was.length > 0 ? [...was].map(normText).sort().join(', ') : null;
  const i = is && is.length > 0 ? [...is].map(normText).sort().join(', ') : null;
  return w === i ? [] : [{ field, was: w, is: i }];
}

function fieldChanges(was: Action, is: Action): FieldChange[] {
  const out: FieldChange[] = [];
  if (normText(was.summary) !== normText(is.summary)) {
    out.push({ field: 'summary', was: was.summary, is: is.summary });
  }
  const wc = was.config ?? {};
  const ic = is.config ?? {};
  for (const k of new Set([...Object.keys(wc), ...Object.keys(ic)])) {
    const a = wc[k];
    const b = ic[k];
    const same =
      JSON.stringify(a === undefined ? null : normValue(a)) ===
      JSON.stringify(b === undefined ? null : normValue(b));
    if (!same) out.push({ field: `config.${k}`, was: valueText(a), is: valueText(b) });
  }
  const wr = rulesText(was.rules);
  const ir = rulesText(is.rules);
  if (wr !== ir) out.push({ field: 'rules', was: wr, is: ir });
  const wf = was.facts ?? {};
  const iff = is.facts ?? {};
  out.push(...listChanges('facts.appliesTags', wf.appliesTags, iff.appliesTags));
  out.push(...listChanges('facts.removesTags', wf.removesTags, iff.removesTags));
  out.push(...listChanges('facts.emailTemplates', wf.emailTemplates, iff.emailTemplates));
  out.push(...listChanges('facts.urls', wf.urls, iff.urls));
  const wRun = wf.runsActionSet ?? null;
  const iRun = iff.runsActionSet ?? null;
  if ((wRun && normText(wRun)) !== (iRun && normText(iRun))) {
    out.push({ field: 'facts.runsActionSet', was: wRun, is: iRun });
  }
  return out;
}

/** Indexes (into `seq`) of one longest strictly increasing subsequence: the actions that stayed. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < (seq[i] as number)) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
  while (k >= 0) {
    keep.add(k);
    k = prev[k] as number;
  }
  return keep;
}

export function diffActions(
  was: readonly Action[],
  is: readonly Action[],
  /** Both lists come from the same account, so a CRM id means the same action edited in place. */
  sameAccount = false,
): Pick<SetDiff, 'added' | 'removed' | 'changed' | 'moved'> {
  // 1. Equal content pairs first, in list order, so duplicates pair up front to back.
  const byPrint = new Map<string, number[]>();
  was.forEach((a, i) => {
    const f = actionFingerprint(a);
    byPrint.set(f, [...(byPrint.get(f) ?? []), i]);
  });
  const pairs: Array<{ from: number; to: number; same: boolean }> = [];
  const leftIs: number[] = [];
  is.forEach((a, j) => {
    const queue = byPrint.get(actionFingerprint(a));
    const i = queue?.shift();
    if (i === undefined) leftIs.push(j);
    else pairs.push({ from: i, to: j, same: true });
  });
  const pairedWas = new Set(pairs.map((p) => p.from));
  const leftWas = was.map((_, i) => i).filter((i) => !pairedWas.has(i));

  // 2. Leftovers: the most similar pairs become "changed", best first; ties go to the closest
  // positions so an edited action among several of its type pairs with the one in its place.
  const candidates: Array<{ from: number; to: number; score: number }> = [];
  for (const i of leftWas) {
    for (const j of leftIs) {
      const a = was[i] as Action;
      const b = is[j] as Action;
      // Content decides (a copy gets a new id), but within one account an action edited in
      // place keeps its id: that pairs a one-field action whose only field changed.
      const sameId =
        sameAccount && a.crmId !== undefined && a.crmId === b.crmId && a.label === b.label;
      const score = sameId ? 2 : similarity(a, b);
      if (score > 0) candidates.push({ from: i, to: j, score });
    }
  }
  candidates.sort(
    (x, y) => y.score - x.score || Math.abs(x.from - x.to) - Math.abs(y.from - y.to) || x.to - y.to,
  );
  const usedWas = new Set<number>();
  const usedIs = new Set<number>();
  for (const c of candidates) {
    if (usedWas.has(c.from) || usedIs.has(c.to)) continue;
    usedWas.add(c.from);
    usedIs.add(c.to);
    pairs.push({ from: c.from, to: c.to, same: false });
  }

  // 3. Moves: relative order among paired actions. Actions outside one longest increasing run
  // moved; inserting or deleting around an action does not move it.
  pairs.sort((x, y) => x.from - y.from);
  const stayed = longestIncreasing(pairs.map((p) => p.to));
  const moved = pairs
    .filter((_, k) => !stayed.has(k))
    .map((p) => ({ action: is[p.to] as Action, from: p.from, to: p.to }))
    .sort((x, y) => x.to - y.to);

  const changed = pairs
    .filter((p) => !p.same)
    .map((p) => {
      const a = was[p.from] as Action;
      const b = is[p.to] as Action;
      return { was: a, is: b, from: p.from, to: p.to, changes: fieldChanges(a, b) };
    })
    .sort((x, y) => x.to - y.to);
  return {
    added: leftIs.filter((j) => !usedIs.has(j)).map((j) => ({ action: is[j] as Action, at: j })),
    removed: leftWas
      .filter((i) => !usedWas.has(i))
      .map((i) => ({ action: was[i] as Action, at: i })),
    changed,
    moved,
  };
}

/** Sets keyed for pairing; a repeated key (two products differing only in case) gets `#2`... */
function keyed(sets: readonly ActionSet[]): Map<string, ActionSet> {
  const out = new Map<string, ActionSet>();
  for (const set of sets) {
    const base = setMatchKey(set);
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base}#${n}`;
    out.set(key, set);
  }
  return out;
}

const carriedCount = (c: Comparable) =>
  c.sets.reduce((n, s) => n + s.actions.filter((x) => x.carriedFrom).length, 0);

export function diffSnapshots(a: Comparable, b: Comparable): SnapshotDiff {
  const left = keyed(a.sets);
  const right = keyed(b.sets);
  const sets: SetDiff[] = [];
  // The newer side's order (the page's order), then what only the older side had.
  // A product set with no actions on one side only is the products report's doing: when the
  // other side did not read the report, nobody knows whether that product was there.
  const onlyReportSays = (set: ActionSet, other: Comparable) =>
    set.ref.kind === 'product' && set.actions.length === 0 && productsUnread(other);
  const REPORT_UNREAD = 'the other snapshot did not read the products report';
  for (const [key, set] of right) {
    const old = left.get(key);
    const why = (old && setNotRead('older', old)) ?? setNotRead('newer', set);
    if (why || (!old && onlyReportSays(set, a))) {
      sets.push({ ...unknownSet(set, why ?? REPORT_UNREAD), key });
      continue;
    }
    if (!old) {
      const added = set.actions.map((action, at) => ({ action, at }));
      sets.push({
        key,
        name: set.name,
        ref: set.ref,
        status: 'added',
        added,
        removed: [],
        changed: [],
        moved: [],
      });
      continue;
    }
    // Most sets are untouched between two snapshots of an account: byte-equal lists are equal
    // actions (same content, same order), with no fingerprinting needed to say so.
    const d =
      JSON.stringify(old.actions) === JSON.stringify(set.actions)
        ? { added: [], removed: [], changed: [], moved: [] }
        : diffActions(old.actions, set.actions, a.app !== undefined && a.app === b.app);
    const changed = d.added.length + d.removed.length + d.changed.length > 0;
    sets.push({
      key,
      name: set.name,
      ref: set.ref,
      status: changed ? 'changed' : 'unchanged',
      ...d,
    });
  }
  for (const [key, set] of left) {
    if (right.has(key)) continue;
    const why = setNotRead('older', set);
    if (why || onlyReportSays(set, b)) {
      sets.push({ ...unknownSet(set, why ?? REPORT_UNREAD), key });
      continue;
    }
    const removed = set.actions.map((action, at) => ({ action, at }));
    sets.push({
      key,
      name: set.name,
      ref: set.ref,
      status: 'removed',
      added: [],
      removed,
      changed: [],
      moved: [],
    });
  }
  const count = (status: SetStatus) => sets.filter((s) => s.status === status).length;
  const sum = (pick: (s: SetDiff) => unknown[]) => sets.reduce((n, s) => n + pick(s).length, 0);
  const result: SnapshotDiff = {
    counts: {
      setsChanged: count('changed'),
      setsAdded: count('added'),
      setsRemoved: count('removed'),
      setsUnchanged: count('unchanged'),
      setsUnknown: count('unknown'),
      actionsAdded: sum((s) => s.added),
      actionsRemoved: sum((s) => s.removed),
      actionsChanged: sum((s) => s.changed),
      actionsMoved: sum((s) => s.moved),
    },
    sets,
    carried: { was: carriedCount(a), is: carriedCount(b) },
  };
  const wasSetting = a.runOnAllOrders;
  const isSetting = b.runOnAllOrders;
  // A setting one side could not read is not known to have changed.
  const known = (v: RunOnAllOrders | undefined) => v !== undefined && v !== 'unknown';
  if (known(wasSetting) && known(isSetting) && wasSetting !== isSetting) {
    result.settingChanged = { was: wasSetting, is: isSetting };
  }
  return result;
}

/** True when anything but order differs (order changes are reported, not counted). */
export function hasChanges(d: SnapshotDiff): boolean {
  const c = d.counts;
  return c.setsChanged + c.setsAdded + c.setsRemoved > 0 || d.settingChanged !== undefined;
}
