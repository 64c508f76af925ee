// One live Max Classic account: its data, its sessions, its faults and its request log.
import { randomBytes } from 'node:crypto';
import { mulberry32, type Rng } from '../prng.ts';
import { generateSeed } from './generate.ts';
import { acmeSeed, demoSeed, emptySeed } from './seeds.ts';
import type {
  AccountSpec,
  AccountState,
  Action,
  ActionSet,
  ConfigValue,
  Faults,
  LogEntry,
  Rules,
  SetOwner,
} from './types.ts';
import { triggerLabel } from './types.ts';

export interface Session {
  value: string;
  expiresAt: number;
  /** Per-session anti-forgery token, echoed in a hidden input on every form. */
  token: string;
  email: string;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  error5xxRate: 0,
  rate429: 0,
  retryAfterSec: 1,
  dropRate: 0,
  slowPageMs: 0,
};

const DEFAULT_TTL_MS = 30 * 60 * 1000;

function buildState(spec: AccountSpec): AccountState {
  const { app, dialect, seed } = spec;
  const state =
    seed === 'demo'
      ? demoSeed(app, dialect)
      : seed === 'acme'
        ? acmeSeed(app, dialect)
        : seed === 'empty'
          ? emptySeed(app, dialect)
          : generateSeed(app, dialect, seed.generate);
  if (spec.settingRunOnAllOrders !== undefined) {
    state.setting.runPurchaseActionsOnAllOrders = spec.settingRunOnAllOrders;
  }
  return state;
}

export class Account {
  readonly spec: AccountSpec;
  readonly state: AccountState;
  faults: Faults = { ...NO_FAULTS };
  readonly requestLog: LogEntry[] = [];
  readonly sessions = new Map<string, Session>();
  readonly ttlMs: number;
  /**
   * A test's change to how this account's pages read (another wording of a header, a label):
   * markup we have never seen, on top of the dialect. Applied to every HTML page served.
   */
  rewritePage: ((path: string, html: string) => string) | null = null;
  private faultRng: Rng = mulberry32(1);
  private faultSeed = 1;

  constructor(spec: AccountSpec) {
    this.spec = spec;
    this.state = buildState(spec);
    this.ttlMs = spec.sessionTtlMs ?? DEFAULT_TTL_MS;
  }

  get app(): string {
    return this.spec.app;
  }

  /** The app is in the name so several accounts can share one host (keap.app). */
  get cookieName(): string {
    return this.spec.dialect === 'inline' ? `JSESSIONID_${this.app}` : `kmc_sid_${this.app}`;
  }

  createSession(email = 'admin@example.com'): { name: string; value: string } {
    const value = randomBytes(18).toString('base64url');
    const token = randomBytes(12).toString('hex');
    this.sessions.set(value, { value, token, email, expiresAt: Date.now() + this.ttlMs });
    return { name: this.cookieName, value };
  }

  /** Valid session for a cookie value; sliding expiry (crm-facts "Sessions": ~30 min). */
  touchSession(value: string | undefined): Session | undefined {
    if (!value) return undefined;
    const s = this.sessions.get(value);
    if (!s) return undefined;
    if (s.expiresAt <= Date.now()) {
      this.sessions.delete(value);
      return undefined;
    }
    s.expiresAt = Date.now() + this.ttlMs;
    return s;
  }

  expireSessions(): void {
    this.sessions.clear();
  }

  setFaults(partial: Partial<Faults>): Faults {
    this.faults = { ...this.faults, ...partial };
    // An explicit seed always restarts the sequence, so a test can replay the same run.
    if (partial.seed !== undefined) this.reseed(partial.seed);
    return this.faults;
  }

  /** Seeded so a fault run is reproducible request by request (faults may be mutated directly). */
  roll(): number {
    const seed = this.faults.seed ?? 1;
    if (seed !== this.faultSeed) this.reseed(seed);
    return this.faultRng();
  }

  private reseed(seed: number): void {
    this.faultSeed = seed;
    this.faultRng = mulberry32(seed);
  }

  // --- action sets -------------------------------------------------------------------------

  findSet(owner: SetOwner): ActionSet | undefined {
    return this.state.actionSets.find((s) =>
      owner.kind === 'trigger'
        ? s.owner.kind === 'trigger' && s.owner.trigger === owner.trigger
        : s.owner.kind === 'product' && s.owner.productId === owner.productId,
    );
  }

  /** Product sets are created on the first save, like a lazily created row. */
  ensureSet(owner: SetOwner): ActionSet {
    const found = this.findSet(owner);
    if (found) return found;
    const set: ActionSet = { id: this.nextId(), owner, actionIds: [] };
    this.state.actionSets.push(set);
    return set;
  }

  ownerExists(owner: SetOwner): boolean {
    return owner.kind === 'trigger' || this.state.products.some((p) => p.id === owner.productId);
  }

  ownerName(owner: SetOwner): string {
    if (owner.kind === 'trigger') return triggerLabel(owner.trigger);
    return this.state.products.find((p) => p.id === owner.productId)?.name ?? `#${owner.productId}`;
  }

  actionsOf(owner: SetOwner): Action[] {
    const set = this.findSet(owner);
    if (!set) return [];
    return set.actionIds.flatMap((id) => this.state.actions.filter((a) => a.id === id));
  }

  findAction(owner: SetOwner, id: number): Action | undefined {
    const set = this.findSet(owner);
    if (!set?.actionIds.includes(id)) return undefined;
    return this.state.actions.find((a) => a.id === id);
  }

  saveAction(
    owner: SetOwner,
    actionId: number | null,
    type: string,
    config: Record<string, ConfigValue>,
    rules: Rules | null,
  ): Action | undefined {
    if (actionId !== null) {
      const existing = this.findAction(owner, actionId);
      if (!existing) return undefined;
      existing.config = config;
      existing.rules = rules;
      return existing;
    }
    const set = this.ensureSet(owner);
    const action: Action = { id: this.nextId(), setId: set.id, type, config, rules };
    this.state.actions.push(action);
    set.actionIds.push(action.id);
    return action;
  }

  deleteAction(owner: SetOwner, actionId: number): boolean {
    const set = this.findSet(owner);
    if (!set?.actionIds.includes(actionId)) return false;
    set.actionIds = set.actionIds.filter((id) => id !== actionId);
    this.state.actions = this.state.actions.filter((a) => a.id !== actionId);
    return true;
  }

  /** "Copy an existing action set": appends copies with new ids; the source is untouched. */
  copySet(from: SetOwner, to: SetOwner): number {
    const source = this.actionsOf(from);
    for (const a of source) {
      this.saveAction(to, null, a.type, structuredClone(a.config), structuredClone(a.rules));
    }
    return source.length;
  }

  private nextId(): number {
    const id = this.state.nextId;
    this.state.nextId += 1;
    return id;
  }
}
