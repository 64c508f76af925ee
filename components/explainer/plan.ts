// What will run for one order: evaluate() decides which sets run; this module pairs those sets
// with a snapshot's actions and finds what runs twice or repeats. Pure, so the warnings are
// tested without rendering.
import {
  defaultSets,
  type Evaluation,
  evaluate,
  type Outcome,
  type SetKind,
  type Setting,
  type Tri,
} from '@/lib/matrix';
import type { Action, ActionSet, Snapshot } from '@/lib/model';
import { normName } from '@/lib/snapshot/match';

export interface PlanInput {
  path: number;
  /** Product names as the snapshot spells them. */
  products: readonly string[];
  outcome: Outcome;
  setting: Setting;
  newContact?: boolean;
}

export interface PlannedSet {
  key: string;
  title: string;
  kind: 'default' | 'product';
  value: Tri;
  /** Undefined when the snapshot did not read this set: unknown, not empty. */
  set: ActionSet | undefined;
  /** Product sets on pay-plan paths run again on every payment (rows 9-11). */
  repeats: boolean;
}

export interface DoubleRun {
  /** The two sets, by title. */
  sets: [string, string];
  /** e.g. 'tag "Customer"'. */
  what: string;
  /** True when one of the two sets only may run (its answer is unknown). */
  maybe: boolean;
  /** The match came from summary text because an action had no facts. */
  fromSummary: boolean;
  /** Actions involved, to mark them in the list. */
  actions: Action[];
}

export interface Plan {
  evaluation: Evaluation;
  running: PlannedSet[];
  notRunning: PlannedSet[];
  doubles: DoubleRun[];
}

const SET_ORDER: SetKind[] = ['contactCreation', 'successful', 'failed', 'error'];

const defaultName = (kind: SetKind) => defaultSets.find((s) => s.key === kind)?.name ?? kind;

function findDefault(snapshot: Snapshot, kind: SetKind): ActionSet | undefined {
  return snapshot.sets.find((s) => s.ref.kind === 'default' && s.ref.trigger === kind);
}

function findProduct(snapshot: Snapshot, name: string): ActionSet | undefined {
  const n = normName(name);
  return snapshot.sets.find((s) => s.ref.kind === 'product' && normName(s.ref.name) === n);
}

/** Every product name the snapshot knows, from the product list and from the product sets. */
export function productNames(snapshot: Snapshot): string[] {
  const byNorm = new Map<string, string>();
  for (const p of snapshot.products) byNorm.set(normName(p.name), p.name);
  for (const s of snapshot.sets) {
    if (s.ref.kind === 'product' && !byNorm.has(normName(s.ref.name))) {
      byNorm.set(normName(s.ref.name), s.ref.name);
    }
  }
  return [...byNorm.values()].sort((a, b) => a.localeCompare(b));
}

export function productSetOf(snapshot: Snapshot, name: string): ActionSet | undefined {
  return findProduct(snapshot, name);
}

type Effect = { kind: 'email' | 'tag' | 'summary'; name: string };

function effectsOf(a: Action): Effect[] {
  // Facts are what lib/crm derived from the edit form; without them the summary line is all we
  // have, so it stands for the whole action.
  if (!a.facts) return [{ kind: 'summary', name: a.summary }];
  return [
    ...(a.facts.emailTemplates ?? []).map((name): Effect => ({ kind: 'email', name })),
    ...(a.facts.appliesTags ?? []).map((name): Effect => ({ kind: 'tag', name })),
  ];
}

/** Whole-word containment, so tag "Customer" matches "Apply tag: Customer" but not "Customers". */
function mentions(summary: string, name: string): boolean {
  const hay = ` ${normName(summary).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const needle = normName(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return needle.length > 0 && hay.includes(` ${needle} `);
}

function sameEffect(x: Effect, y: Effect): Effect | null {
  if (x.kind !== 'summary' && y.kind !== 'summary') {
    return x.kind === y.kind && normName(x.name) === normName(y.name) ? x : null;
  }
  if (x.kind === 'summary' && y.kind === 'summary') {
    return normName(x.name) === normName(y.name) ? x : null;
  }
  const [summary, fact] = x.kind === 'summary' ? [x, y] : [y, x];
  return mentions(summary.name, fact.name) ? fact : null;
}

function describe(e: Effect): string {
  if (e.kind === 'email') return `email "${e.name}"`;
  if (e.kind === 'tag') return `tag "${e.name}"`;
  return `action "${e.name}"`;
}

function doublesBetween(a: PlannedSet, b: PlannedSet): DoubleRun[] {
  const out: DoubleRun[] = [];
  const seen = new Set<string>();
  for (const x of a.set?.actions ?? []) {
    for (const y of b.set?.actions ?? []) {
      for (const ex of effectsOf(x)) {
        for (const ey of effectsOf(y)) {
          const hit = sameEffect(ex, ey);
          if (!hit) continue;
          const what = describe(hit);
          const key = normName(what);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            sets: [a.title, b.title],
            what,
            maybe: a.value !== 'yes' || b.value !== 'yes',
            fromSummary: ex.kind === 'summary' || ey.kind === 'summary',
            actions: [x, y],
          });
        }
      }
    }
  }
  return out;
}

export function planRun(snapshot: Snapshot, input: PlanInput): Plan {
  const evaluation = evaluate({
    path: input.path,
    setting: input.setting,
    outcome: input.outcome,
    ...(input.newContact === undefined ? {} : { newContact: input.newContact }),
  });
  const defaults: PlannedSet[] = SET_ORDER.map((kind) => {
    const set = findDefault(snapshot, kind);
    return {
      key: `default:${kind}`,
      title: set?.name || defaultName(kind),
      kind: 'default',
      value: evaluation.defaultSets[kind],
      set,
      repeats: false,
    };
  });
  const products: PlannedSet[] = input.products.map((name) => ({
    key: `product:${normName(name)}`,
    title: name,
    kind: 'product',
    value: evaluation.productSpecific,
    set: findProduct(snapshot, name),
    repeats: evaluation.path.payPlan && evaluation.productSpecific !== 'no',
  }));
  const all = [...defaults, ...products];
  const running = all.filter((s) => s.value !== 'no');
  const notRunning = all.filter((s) => s.value === 'no');

  // Every pair of sets that run on the same order: usually a product set against Successful
  // Purchase, but Contact Creation and a second product send the buyer the same email too.
  const doubles: DoubleRun[] = [];
  running.forEach((a, i) => {
    for (const b of running.slice(i + 1)) doubles.push(...doublesBetween(a, b));
  });
  return { evaluation, running, notRunning, doubles };
}
