import type { Action, ActionSet, Snapshot } from '../lib/model';
import { diffSnapshots } from '../lib/snapshot/diff';
import { Account } from '../test/replica';
import {
  ACTION_TYPES,
  CONTACT_FIELDS,
  OPERATORS,
  summarize,
} from '../test/replica/state/action-types';
import type { AccountState, Action as ReplicaAction } from '../test/replica/state/types';

// `npm run bench`, the "diff" figure: two snapshots of a generated account, compared with the
// shipped diff (lib/snapshot/diff.ts). The snapshots are built straight from the replica's
// generated state (no HTTP, no capture: reading 1,000 products through the Node reader takes
// minutes and gigabytes), in the shape the reader stores: per set its name and ref, per action
// the editor's type label and summary, config by form field label (option text for choices) and
// rules by visible text. The second snapshot is a copy with 3 actions edited, one set emptied
// and one action added, as an admin's edits between two snapshots would leave it.

const TRIGGER_KEYS = {
  onLogin: 'onLogin',
  contactCreation: 'contactCreation',
  successfulPurchase: 'successful',
  failedPurchase: 'failed',
  errorPurchase: 'error',
} as const;

const labelOf = (options: { value: string; label: string }[], v: string) =>
  options.find((o) => o.value === v)?.label ?? v;

function toAction(a: ReplicaAction, s: AccountState): Action {
  const def = ACTION_TYPES.find((t) => t.key === a.type);
  const config: NonNullable<Action['config']> = {};
  for (const f of def?.fields ?? []) {
    const v = a.config[f.name];
    if (v === undefined) continue;
    const options = f.options?.(s);
    config[f.label] =
      typeof v === 'boolean'
        ? v
        : Array.isArray(v)
          ? v.map((x) => (options ? labelOf(options, x) : x))
          : options
            ? labelOf(options, v)
            : v;
  }
  return {
    crmId: String(a.id),
    label: def?.label ?? a.type,
    summary: summarize(a, s),
    config,
    ...(a.rules
      ? {
          rules: {
            match: a.rules.match,
            criteria: a.rules.criteria.map((c) => ({
              field: labelOf(CONTACT_FIELDS, c.field),
              operator: labelOf(OPERATORS, c.operator),
              value: c.value,
            })),
          },
        }
      : {}),
  };
}

/** A snapshot of a generated `products`-product account, as a full capture would store it. */
export function generatedSnapshot(products: number, seed = 42): Snapshot {
  const account = new Account({
    app: 'diffbench',
    dialect: 'inline',
    seed: { generate: { products, maxActions: 12, seed } },
  });
  const s = account.state;
  const byId = new Map(s.actions.map((a) => [a.id, a]));
  const sets: ActionSet[] = s.actionSets.map((set) => {
    const name = account.ownerName(set.owner);
    return {
      ref:
        set.owner.kind === 'trigger'
          ? { kind: 'default', trigger: TRIGGER_KEYS[set.owner.trigger] }
          : { kind: 'product', name, id: String(set.owner.productId) },
      name,
      actions: set.actionIds.flatMap((id) => {
        const a = byId.get(id);
        return a ? [toAction(a, s)] : [];
      }),
    };
  });
  // Every product has a set in a snapshot, listed or not (capture.ts adds the empty ones).
  const owned = new Set(
    s.actionSets.flatMap((x) => (x.owner.kind === 'product' ? [x.owner.productId] : [])),
  );
  for (const p of s.products) {
    if (!owned.has(p.id)) {
      sets.push({
        ref: { kind: 'product', name: p.name, id: String(p.id) },
        name: p.name,
        actions: [],
      });
    }
  }
  return {
    id: `bench-${seed}`,
    app: 'diffbench',
    host: 'diffbench.infusionsoft.com',
    build: null,
    takenAt: '2025-01-01T00:00:00.000Z',
    cause: 'manual',
    pinned: false,
    runOnAllOrders: s.setting.runPurchaseActionsOnAllOrders ? 'yes' : 'no',
    products: s.products.map((p) => ({
      id: String(p.id),
      name: p.name,
      category: p.category,
      kind: p.type === 'Subscription' ? 'subscription' : 'product',
    })),
    sets,
  };
}

/** A later snapshot of the same account: 3 actions edited, one set emptied, one action added. */
export function editedCopy(a: Snapshot): Snapshot {
  const b: Snapshot = structuredClone(a);
  b.id = `${a.id}-later`;
  b.takenAt = new Date(Date.parse(a.takenAt) + 86_400_000).toISOString();
  const withActions = b.sets.filter((s) => s.ref.kind === 'product' && s.actions.length > 1);
  for (const s of withActions.slice(0, 3)) {
    const first = s.actions[0] as { summary: string };
    first.summary += ' (changed)';
  }
  const emptied = withActions[3];
  if (emptied) emptied.actions = [];
  const grown = withActions[4];
  if (grown?.actions[0]) grown.actions.push(structuredClone(grown.actions[0]));
  return b;
}

export interface DiffFigure {
  sets: number;
  actions: number;
  medianMs: number;
  times: number[];
  counts: string;
}

/** Median of `runs` diffs of two `products`-product snapshots (after one unmeasured warm-up). */
export function diffFigure(products: number, runs = 5): DiffFigure {
  const a = generatedSnapshot(products);
  const b = editedCopy(a);
  diffSnapshots(a, b);
  const times: number[] = [];
  let counts = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const d = diffSnapshots(a, b);
    times.push(performance.now() - t0);
    counts = JSON.stringify(d.counts);
  }
  const sorted = [...times].sort((x, y) => x - y);
  return {
    sets: a.sets.length,
    actions: a.sets.reduce((n, s) => n + s.actions.length, 0),
    medianMs: sorted[Math.floor(sorted.length / 2)] as number,
    times,
    counts,
  };
}
