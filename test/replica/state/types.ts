// The replica's vocabulary. Everything in AccountState is plain JSON so tests (and the HTTP
// control API) can read and compare it directly.

/**
 * 'inline' and 'scripted' are hand-written; 'generated:<seed>' comes from a seed
 * (dialect-gen.ts); 'custom:<name>' is a registered recipe (e.g. derived from a page-shape report).
 */
export type Dialect = 'inline' | 'scripted' | `generated:${number}` | `custom:${string}`;

// crm-facts "The E-Commerce > Actions page": the five Default Settings triggers, in page order.
export const TRIGGERS = [
  { key: 'onLogin', label: 'On Login (Multi-Step Cart)' },
  { key: 'contactCreation', label: 'Contact Creation Action' },
  { key: 'successfulPurchase', label: 'Successful Purchase Action' },
  { key: 'failedPurchase', label: 'Failed Purchase Action' },
  { key: 'errorPurchase', label: 'Error Purchase Action' },
] as const;
export type TriggerKey = (typeof TRIGGERS)[number]['key'];

export interface Product {
  id: number;
  name: string;
  category: string;
  price: number;
  type: 'Product' | 'Subscription';
}

export type SetOwner =
  | { kind: 'trigger'; trigger: TriggerKey }
  | { kind: 'product'; productId: number };

export interface ActionSet {
  id: number;
  owner: SetOwner;
  /** Order of the actions as the editor lists them. */
  actionIds: number[];
}

export type ConfigValue = string | boolean | string[];

export interface Criterion {
  field: string;
  operator: string;
  value: string;
}

export interface Rules {
  match: 'all' | 'any' | 'none';
  criteria: Criterion[];
}

export interface Action {
  id: number;
  setId: number;
  /** Key into ACTION_TYPES (state/action-types.ts). */
  type: string;
  config: Record<string, ConfigValue>;
  rules: Rules | null;
}

export interface Named {
  id: number;
  name: string;
}

export interface Tag extends Named {
  category: string;
}

export interface AccountState {
  app: string;
  dialect: Dialect;
  products: Product[];
  actionSets: ActionSet[];
  actions: Action[];
  setting: { runPurchaseActionsOnAllOrders: boolean };
  namedActionSets: Named[];
  tags: Tag[];
  emailTemplates: Named[];
  letterTemplates: Named[];
  users: Named[];
  fulfillmentLists: Named[];
  followUpSequences: Named[];
  /** Server-assigned ids (actions, sets) come from here, so copies always get new ids. */
  nextId: number;
}

export type Seed =
  | 'demo'
  | 'acme'
  | 'empty'
  | { generate: { products: number; maxActions: number; seed: number } };

export interface AccountSpec {
  app: string;
  dialect: Dialect;
  seed: Seed;
  sessionTtlMs?: number;
  settingRunOnAllOrders?: boolean;
}

export interface Faults {
  latencyMs: number;
  error5xxRate: number;
  rate429: number;
  retryAfterSec: number;
  dropRate: number;
  slowPageMs: number;
  seed?: number;
  /**
   * How the Actions page's buttons call window.open, for pop-up-blocker tests: 'open-other-first'
   * opens a small tips window first (it spends the click's user activation, so Chromium blocks
   * the editor); 'late' opens the editor 5.5 s after the click (past the activation window).
   */
  popupMode?: 'normal' | 'open-other-first' | 'late';
}

export interface LogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  time: string;
}

export function ownerKey(owner: SetOwner): string {
  return owner.kind === 'trigger' ? `trigger:${owner.trigger}` : `product:${owner.productId}`;
}

export function triggerLabel(key: TriggerKey): string {
  return TRIGGERS.find((t) => t.key === key)?.label ?? key;
}
