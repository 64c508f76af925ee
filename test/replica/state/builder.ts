// Small helper the seeds and the generator share, so every account is built the same way and
// ids stay unique across products, sets and actions.
import {
  type AccountState,
  type ConfigValue,
  type Dialect,
  type Product,
  type Rules,
  type SetOwner,
  TRIGGERS,
  type TriggerKey,
} from './types.ts';

export class StateBuilder {
  readonly state: AccountState;

  constructor(app: string, dialect: Dialect) {
    this.state = {
      app,
      dialect,
      products: [],
      actionSets: [],
      actions: [],
      setting: { runPurchaseActionsOnAllOrders: false },
      namedActionSets: [],
      tags: [],
      emailTemplates: [],
      letterTemplates: [],
      users: [],
      fulfillmentLists: [],
      followUpSequences: [],
      nextId: 1,
    };
    // The five Default Settings sets always exist, even when empty (crm-facts: five triggers).
    for (const t of TRIGGERS) this.set({ kind: 'trigger', trigger: t.key });
  }

  id(): number {
    const id = this.state.nextId;
    this.state.nextId += 1;
    return id;
  }

  named(list: 'namedActionSets' | 'emailTemplates' | 'letterTemplates' | 'users', name: string) {
    return this.pushNamed(list, name);
  }

  list(list: 'fulfillmentLists' | 'followUpSequences', name: string): number {
    return this.pushNamed(list, name);
  }

  private pushNamed(list: keyof AccountState, name: string): number {
    const arr = this.state[list] as { id: number; name: string }[];
    const id = 100 + arr.length * 3 + 1;
    arr.push({ id, name });
    return id;
  }

  tag(name: string, category = 'Customer'): number {
    const id = 90 + this.state.tags.length * 2;
    this.state.tags.push({ id, name, category });
    return id;
  }

  product(
    name: string,
    category: string,
    price: number,
    type: Product['type'] = 'Product',
  ): number {
    const id = this.id();
    this.state.products.push({ id, name, category, price, type });
    return id;
  }

  set(owner: SetOwner): number {
    const found = this.state.actionSets.find((s) =>
      owner.kind === 'trigger'
        ? s.owner.kind === 'trigger' && s.owner.trigger === owner.trigger
        : s.owner.kind === 'product' && s.owner.productId === owner.productId,
    );
    if (found) return found.id;
    const id = this.id();
    this.state.actionSets.push({ id, owner, actionIds: [] });
    return id;
  }

  action(
    owner: SetOwner | TriggerKey | number,
    type: string,
    config: Record<string, ConfigValue>,
    rules: Rules | null = null,
  ): number {
    const o: SetOwner =
      typeof owner === 'string'
        ? { kind: 'trigger', trigger: owner }
        : typeof owner === 'number'
          ? { kind: 'product', productId: owner }
          : owner;
    const setId = this.set(o);
    const id = this.id();
    this.state.actions.push({ id, setId, type, config, rules });
    this.state.actionSets.find((s) => s.id === setId)?.actionIds.push(id);
    return id;
  }
}
