import type { Action, ActionSet, Rules } from '../model';
import { setKey } from '../model';

// Identity by content. The CRM gives a copied action (and every action of a copied set) a new
// id, and two accounts never share ids, so matching must look only at what an action does.

type ConfigValue = NonNullable<Action['config']>[string];

/** Whitespace is not meaningful in the CRM's printed text (it re-wraps and pads cells). */
export function normText(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Product names pair across accounts and re-reads regardless of case and spacing. */
export function normName(s: string): string {
  return normText(s).toLowerCase();
}

/**
 * The products report's entry for a product the Actions page lists. Some accounts label the
 * page's rows ("Product: Pool Shock"): when the whole text names no product, the text after a
 * leading "Product:" does. A product really named "Product: X" still pairs by its whole name.
 */
export function reportEntryFor<T>(
  listedName: string,
  byNormName: ReadonlyMap<string, T>,
): T | undefined {
  const whole = byNormName.get(normName(listedName));
  if (whole !== undefined) return whole;
  const m = /^\s*products?\s*[:\-\u2013]\s*(.+)$/i.exec(listedName);
  return m?.[1] ? byNormName.get(normName(m[1])) : undefined;
}

/**
 * The key that pairs sets between two snapshots. Not `setKey` for products: that one prefers the
 * CRM id, which differs between accounts (and is not always readable), while the name does not.
 */
export function setMatchKey(set: ActionSet): string {
  return set.ref.kind === 'default' ? setKey(set.ref) : `product:${normName(set.ref.name)}`;
}

export function normValue(v: ConfigValue): string | boolean | string[] {
  // Multi-selects (tags, products) have no meaningful order in the edit form.
  if (Array.isArray(v)) return v.map(normText).sort();
  return typeof v === 'string' ? normText(v) : v;
}

function normList(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list.map(normText).sort() : undefined;
}

function normRules(rules: Rules | undefined): unknown {
  if (!rules || rules.criteria.length === 0) return undefined;
  const criteria = rules.criteria
    .map((c) => [normText(c.field), normText(c.operator), normText(c.value)])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
  return { match: rules.match, criteria };
}

/** Sorted keys, so two equal configs read in a different field order print the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

function normConfig(config: Action['config']): Record<string, unknown> | undefined {
  if (!config) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[normText(k)] = normValue(v);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A stable string naming what the action does; the CRM id is deliberately left out. */
export function actionFingerprint(action: Action): string {
  const f = action.facts;
  return JSON.stringify(
    canonical({
      label: normText(action.label),
      summary: normText(action.summary),
      config: normConfig(action.config),
      rules: normRules(action.rules),
      facts: f && {
        appliesTags: normList(f.appliesTags),
        removesTags: normList(f.removesTags),
        emailTemplates: normList(f.emailTemplates),
        urls: normList(f.urls),
        runsActionSet: f.runsActionSet === undefined ? undefined : normText(f.runsActionSet),
      },
    }),
  );
}

/**
 * Same actions in both lists, counted (two identical "Send an email" are two actions). Order is
 * ignored by default because nobody knows whether the CRM runs actions in list order.
 */
export function sameActions(
  a: readonly Action[],
  b: readonly Action[],
  opts: { ordered?: boolean } = {},
): boolean {
  if (a.length !== b.length) return false;
  const fa = a.map(actionFingerprint);
  const fb = b.map(actionFingerprint);
  if (opts.ordered) return fa.every((f, i) => f === fb[i]);
  fa.sort();
  fb.sort();
  return fa.every((f, i) => f === fb[i]);
}

/** The source actions the target does not already have (bulk copy's "skip what is there"). */
export function missingActions(source: readonly Action[], target: readonly Action[]): Action[] {
  const have = new Map<string, number>();
  for (const t of target) {
    const f = actionFingerprint(t);
    have.set(f, (have.get(f) ?? 0) + 1);
  }
  return source.filter((s) => {
    const f = actionFingerprint(s);
    const n = have.get(f) ?? 0;
    if (n === 0) return true;
    have.set(f, n - 1);
    return false;
  });
}

/**
 * How likely `a` and `b` are one action edited, 0 when they cannot be. Same label is required;
 * then an unchanged summary, or most config fields unchanged, counts as "the same action".
 */
export function similarity(a: Action, b: Action): number {
  if (normText(a.label) !== normText(b.label)) return 0;
  const ca = normConfig(a.config) ?? {};
  const cb = normConfig(b.config) ?? {};
  const keys = new Set([...Object.keys(ca), ...Object.keys(cb)]);
  let equal = 0;
  for (const k of keys) if (JSON.stringify(ca[k]) === JSON.stringify(cb[k])) equal++;
  const configShare = keys.size === 0 ? 0 : equal / keys.size;
  const sameSummary = normText(a.summary) === normText(b.summary);
  if (sameSummary) return 1 + configShare;
  // "Most" read as at least half: an email action has two fields (template, sender) and editing
  // its template must still read as one changed action.
  return configShare >= 0.5 ? configShare : 0;
}

export function valueText(v: ConfigValue | undefined): string | null {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

export function rulesText(rules: Rules | undefined): string | null {
  if (!rules || rules.criteria.length === 0) return null;
  const parts = rules.criteria.map((c) => `${c.field} ${c.operator} ${c.value}`);
  return `${rules.match} of: ${parts.join('; ')}`;
}
