import type { Account, DialectSpec } from '../replica';
import { INLINE, SCRIPTED } from '../replica';
import { ACTION_TYPES, summarize } from '../replica/state/action-types';

// What the replica's own state says a user should see: the ground truth e2e tests compare with.

export function dialectOf(account: Account): DialectSpec {
  return account.state.dialect === 'inline' ? INLINE : SCRIPTED;
}

/** Sets the Actions page lists (five Default Settings + products that have actions) and actions. */
export function listedFigures(account: Account): { sets: number; actions: number } {
  const listed = account.state.actionSets.filter(
    (s) => s.owner.kind === 'trigger' || s.actionIds.length > 0,
  );
  return { sets: listed.length, actions: listed.reduce((n, s) => n + s.actionIds.length, 0) };
}

/** Each set of the account as the editor would list it: name -> [label, summary][]. */
export function replicaSets(account: Account): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  for (const set of account.state.actionSets) {
    const name = account.ownerName(set.owner);
    const actions = set.actionIds.map((id) => {
      const a = account.state.actions.find((x) => x.id === id);
      if (!a) throw new Error(`action ${id} missing`);
      const label = ACTION_TYPES.find((t) => t.key === a.type)?.label ?? a.type;
      return [label, summarize(a, account.state)] as [string, string];
    });
    out.set(name, actions);
  }
  return out;
}
