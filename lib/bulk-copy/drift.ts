import type { Action } from '../model';
import { diffActions } from '../snapshot/diff';
import { normText, sameActions } from '../snapshot/match';
import { stepsFor } from './plan';

// Whether a fresh read of a target is something a job may write on. Other admins edit the same
// account: a set that holds what nobody planned against must never be written.
// Comparison is on every field the fingerprint holds (label, summary, configuration,
// rules, facts), in order; only the CRM id is left out, since the CRM gives every copy a new one.

/**
 * - `as-read`: exactly what the plan was made from (nothing written yet);
 * - `in-progress`: what this plan's own steps leave part-way (deletions from the end, then a
 *   prefix of the additions), e.g. after a lost answer or a closed tab;
 * - `as-planned`: exactly the plan's `after`;
 * - `changed`: anything else, so someone else wrote to it.
 */
export type ReadState = 'as-read' | 'in-progress' | 'as-planned' | 'changed';

export function readState(
  current: readonly Action[],
  before: readonly Action[],
  after: readonly Action[],
): ReadState {
  if (sameActions(current, after, { ordered: true })) return 'as-planned';
  if (sameActions(current, before, { ordered: true })) return 'as-read';
  const steps = stepsFor(before, after);
  const keep = steps.removeFrom ?? before.length;
  // Still deleting: a shorter prefix of `before`, no shorter than what the plan keeps.
  if (
    current.length >= keep &&
    current.length < before.length &&
    sameActions(current, before.slice(0, current.length), { ordered: true })
  ) {
    return 'in-progress';
  }
  // Adding: what the plan keeps, then the first few of its additions.
  const added = current.length - keep;
  if (added >= 0 && added <= steps.add.length) {
    const partial = [...before.slice(0, keep), ...steps.add.slice(0, added)];
    if (sameActions(current, partial, { ordered: true })) return 'in-progress';
  }
  return 'changed';
}

const named = (a: Action) => `"${normText(a.summary) || normText(a.label)}"`;

/** What differs between two reads of one set, in plain words, one line per action. */
export function describeChanges(
  was: readonly Action[],
  is: readonly Action[],
  since: string,
): string[] {
  const d = diffActions(was, is, true);
  const out: string[] = [];
  for (const r of d.removed) out.push(`the action ${named(r.action)} was removed ${since}`);
  for (const a of d.added) out.push(`an action ${named(a.action)} was added ${since}`);
  for (const c of d.changed) {
    const fields = c.changes.map((f) => f.field.replace(/^(config|facts)\./, '')).join(', ');
    out.push(`the action ${named(c.was)} was edited ${since}${fields ? ` (${fields})` : ''}`);
  }
  for (const m of d.moved) {
    out.push(`the action ${named(m.action)} moved from #${m.from + 1} to #${m.to + 1} ${since}`);
  }
  // Unreachable while the diff sees every difference the ordered comparison sees; never say
  // "nothing changed" about a set that is refused.
  if (out.length === 0) out.push(`the actions differ ${since}`);
  return out;
}
