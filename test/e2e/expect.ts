import type { Account, DialectSpec } from '../replica';
import { INLINE, SCRIPTED } from '../replica';

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
