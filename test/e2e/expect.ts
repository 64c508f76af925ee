import { expect } from 'vitest';
import type { Snapshot } from '@/lib/model';
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

/**
 * What the toolbar says of the sets: all of them, counted as a snapshot counts them (five Default
 * Settings sets and one per product, empty ones too), and how many hold actions.
 */
export function toolbarSets(account: Account, counted = true): string {
  const defaults = account.state.actionSets.filter((s) => s.owner.kind === 'trigger').length;
  const all = defaults + account.state.products.length;
  const withActions = account.state.actionSets.filter((s) => s.actionIds.length > 0).length;
  // Where the toolbar does not count actions (a big page that prints no counts), it cannot say.
  return counted ? `${all} action sets (${withActions} with actions)` : `${all} action sets`;
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

/** A stored snapshot equals the replica's own state: every set, action, product and the setting. */
export function expectSnapshotMatches(snap: Snapshot, account: Account): void {
  expect(snap.products.map((p) => p.name).sort()).toEqual(
    account.state.products.map((p) => p.name).sort(),
  );
  expect(snap.runOnAllOrders).toBe(
    account.state.setting.runPurchaseActionsOnAllOrders ? 'yes' : 'no',
  );
  const truth = replicaSets(account);
  for (const set of snap.sets) {
    const want = truth.get(set.name) ?? [];
    expect([set.name, set.actions.map((a) => [a.label, a.summary])]).toEqual([set.name, want]);
    for (const a of set.actions) expect(a.config, `${set.name}: ${a.label}`).toBeDefined();
  }
  // Five Default Settings sets and one set per product, however many the page lists.
  expect(snap.sets.length).toBe(5 + account.state.products.length);
  expect(new Set(snap.sets.map((s) => s.name)).size).toBe(snap.sets.length);
}
