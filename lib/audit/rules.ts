import type { ActionSet, DefaultTrigger, Snapshot } from '../model';
import { normName } from '../snapshot/match';
import { type AuditRule, finding, nameList } from './types';

// The audit's rules, one object each. The "why" texts are what an admin reads; they cite the
// facts in trigger-matrix.md (row numbers) so the claim can be checked.

const defaultSet = (s: Snapshot, trigger: DefaultTrigger): ActionSet | undefined =>
  s.sets.find((set) => set.ref.kind === 'default' && set.ref.trigger === trigger);

const productSets = (s: Snapshot): ActionSet[] =>
  s.sets.filter((set) => set.ref.kind === 'product');

const emailsOf = (set: ActionSet) => set.actions.flatMap((a) => a.facts?.emailTemplates ?? []);
const tagsOf = (set: ActionSet) => set.actions.flatMap((a) => a.facts?.appliesTags ?? []);

/** Case- and space-insensitive intersection, keeping the product set's own spelling. */
function shared(mine: readonly string[], theirs: readonly string[]): string[] {
  const other = new Set(theirs.map(normName));
  const seen = new Set<string>();
  return mine.filter((x) => {
    const n = normName(x);
    if (!other.has(n) || seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}

function emptyDefaultRule(
  id: string,
  trigger: DefaultTrigger,
  severity: AuditRule['severity'],
  title: string,
  why: string,
): AuditRule {
  const rule: AuditRule = {
    id,
    title,
    severity,
    why,
    check(s) {
      // A set the snapshot did not read is unknown, not empty: no finding.
      const set = defaultSet(s, trigger);
      return set && set.actions.length === 0
        ? [finding(rule, set, `"${set.name}" has no actions.`)]
        : [];
    },
  };
  return rule;
}

const failedEmpty = emptyDefaultRule(
  'failed-purchase-empty',
  'failed',
  'high',
  'Failed Purchase Action set is empty',
  'When a card is declined nobody is told: no tag, no email, no task. A declined order is revenue ' +
    'that a follow-up often recovers; this set also runs when a subscription that billed before ' +
    'fails.',
);

const errorEmpty = emptyDefaultRule(
  'error-purchase-empty',
  'error',
  'medium',
  'Error Purchase Action set is empty',
  'When an order stops on an error other than a card decline, nothing records it, so the buyer ' +
    'and the order are silently lost. This set also runs for subscriptions that billed before.',
);

const manualOrdersSkip: AuditRule = {
  id: 'manual-orders-skip-product-sets',
  title: 'Product actions do not run on manual orders',
  severity: 'medium',
  why:
    '"Run Purchase Actions On All Orders" is No, so product-specific actions run only for cart and ' +
    'order-form purchases. Orders added by hand (Add Order / Add Subscription, with or without a ' +
    'card charge, and pay-plan balances) skip them: trigger matrix rows 3, 4, 5, 10, 14 and 15.',
  check(s) {
    if (s.runOnAllOrders !== 'no') return [];
    const withActions = productSets(s).filter((set) => set.actions.length > 0);
    if (withActions.length === 0) return [];
    const names = nameList(withActions.map((set) => set.name));
    return [
      finding(
        manualOrdersSkip,
        null,
        `${withActions.length} product set(s) have actions that manual orders will not run: ${names}.`,
      ),
    ];
  },
};

const doubleRun: AuditRule = {
  id: 'double-run-with-successful',
  title: 'Product set repeats the Successful Purchase set',
  severity: 'medium',
  why:
    'A cart or order-form purchase runs both the product set and the Successful Purchase set ' +
    '(trigger matrix rows 1 and 2), so the same email is sent twice and the same tag applied twice.',
  check(s) {
    const success = defaultSet(s, 'successful');
    if (!success) return [];
    const emails = emailsOf(success);
    const tags = tagsOf(success);
    return productSets(s).flatMap((set) => {
      const e = shared(emailsOf(set), emails);
      const t = shared(tagsOf(set), tags);
      if (e.length + t.length === 0) return [];
      const parts = [
        e.length > 0 ? `email ${nameList(e)}` : '',
        t.length > 0 ? `tag ${nameList(t)}` : '',
      ].filter(Boolean);
      return [finding(doubleRun, set, `Both sets: ${parts.join(' and ')}.`)];
    });
  },
};

/** Words that mark a "once per customer" action; matched as words, any case. */
const ONCE_ONLY =
  /\b(welcome|new[\s_-]*(customer|client|member|buyer)s?|on[\s_-]*boarding|getting[\s_-]*started)\b/i;

const repeatsOnPayments: AuditRule = {
  id: 'repeats-on-each-payment',
  title: 'Once-only action in a product set repeats on every payment',
  severity: 'medium',
  why:
    'Product-specific actions run on every payment of a pay plan: the first payment, manual ' +
    'instalments and the payoff (trigger matrix rows 9-11). A welcome email or "new customer" tag ' +
    'here is sent or applied again each time; put once-only actions in a campaign instead.',
  check(s) {
    return productSets(s).flatMap((set) => {
      const emails = emailsOf(set).filter((x) => ONCE_ONLY.test(x));
      const tags = tagsOf(set).filter((x) => ONCE_ONLY.test(x));
      if (emails.length + tags.length === 0) return [];
      const parts = [
        emails.length > 0 ? `email ${nameList(emails)}` : '',
        tags.length > 0 ? `tag ${nameList(tags)}` : '',
      ].filter(Boolean);
      return [finding(repeatsOnPayments, set, `Runs on every payment: ${parts.join(' and ')}.`)];
    });
  },
};

const missingNamedSet: AuditRule = {
  id: 'missing-named-action-set',
  title: '"Run another Action Set" names a set that does not exist',
  severity: 'high',
  why:
    'The action points at an action set the account no longer has (renamed or deleted), so the ' +
    'follow-up it was meant to start does not happen.',
  check(s) {
    // Without the editor's list of named sets we cannot tell: say nothing rather than guess.
    if (!s.namedActionSets) return [];
    const known = new Set(s.namedActionSets.map(normName));
    return s.sets.flatMap((set) =>
      set.actions.flatMap((a, i) => {
        const target = a.facts?.runsActionSet;
        if (target === undefined || known.has(normName(target))) return [];
        return [
          finding(missingNamedSet, set, `Action ${i + 1} runs "${target}", not in the list.`),
        ];
      }),
    );
  },
};

/** Words too common in product names to make two products "similar". */
const STOP_WORDS = new Set(
  'a an and the of for with to in on by it its product products item items test kit pack set plan service'.split(
    ' ',
  ),
);

export function significantWords(name: string): Set<string> {
  const words = normName(name).split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter((w) => w.length >= 3 && !STOP_WORDS.has(w) && !/^\d+$/.test(w)));
}

const productWithoutActions: AuditRule = {
  id: 'product-without-actions',
  title: 'Product has no actions while similar products do',
  severity: 'low',
  why:
    'Products of the same category or name family usually share their follow-up. One without ' +
    'actions is often a product added later whose set was never copied.',
  check(s) {
    const sets = new Map(productSets(s).map((set) => [normName(set.name), set]));
    const products = new Map<string, { name: string; category?: string; id?: string }>();
    for (const p of s.products) products.set(normName(p.name), p);
    for (const set of sets.values()) {
      const ref = set.ref;
      if (ref.kind === 'product' && !products.has(normName(ref.name))) {
        products.set(normName(ref.name), { name: ref.name, id: ref.id });
      }
    }
    const hasActions = (key: string) => (sets.get(key)?.actions.length ?? 0) > 0;
    const all = [...products.entries()];
    return all.flatMap(([key, p]) => {
      if (hasActions(key)) return [];
      const words = significantWords(p.name);
      const category = p.category ? normName(p.category) : '';
      const siblings = all.filter(([k, q]) => {
        if (k === key || !hasActions(k)) return false;
        if (category && q.category && normName(q.category) === category) return true;
        return [...significantWords(q.name)].some((w) => words.has(w));
      });
      if (siblings.length < 2) return [];
      const set = sets.get(key) ?? {
        ref: { kind: 'product' as const, name: p.name, id: p.id },
        name: p.name,
      };
      return [
        finding(
          productWithoutActions,
          set,
          `"${p.name}" has no actions; similar products do: ${nameList(
            siblings.map(([, q]) => q.name),
            5,
          )}.`,
        ),
      ];
    });
  },
};

export const AUDIT_RULES: readonly AuditRule[] = [
  failedEmpty,
  errorEmpty,
  manualOrdersSkip,
  doubleRun,
  repeatsOnPayments,
  missingNamedSet,
  productWithoutActions,
];
