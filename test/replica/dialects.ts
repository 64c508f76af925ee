// The two dialects of the same pages: every path, parameter, field name and code that differs.
// The extension must learn these from page content, so nothing here is shared by accident.
import { randomRecipe } from './dialect-gen.ts';
import { type DialectRecipe, type Markup, recipeFunctions } from './recipe.ts';
import { ACTION_TYPES } from './state/action-types.ts';
import { type Dialect, type SetOwner, TRIGGERS, type TriggerKey } from './state/types.ts';

export interface DialectSpec {
  name: Dialect;
  /** How generated pages are laid out; absent for the hand-written inline and scripted dialects. */
  markup?: Markup;
  /** The recipe a generated or derived dialect was made from. */
  recipe?: DialectRecipe;
  build: string;
  tokenField: string;
  returnParam: string;
  paths: {
    actions: string;
    productFragment: string;
    editor: string;
    editorPost: string;
    typeahead: string;
    settings: string;
    report: string;
    home: string;
    contacts: string;
    login: string;
  };
  /** Query parameter / POST field names used by the editor. */
  p: {
    view: string;
    add: string;
    edit: string;
    type: string;
    actionId: string;
    cmd: string;
    copyFrom: string;
    query: string;
    setting: string;
  };
  cmds: { save: string; del: string; copy: string; saveSet: string };
  ownerParams(owner: SetOwner): Record<string, string>;
  ownerFromQuery(q: URLSearchParams): SetOwner | null;
  setValue(owner: SetOwner): string;
  setFromValue(v: string): SetOwner | null;
  typeCode(key: string): string;
  typeFromCode(code: string): string | undefined;
  fieldName(name: string): string;
  rules: {
    enabled: string;
    match: string;
    field(i: number): string;
    op(i: number): string;
    value(i: number): string;
  };
}

const triggerIndex = (key: TriggerKey) => TRIGGERS.findIndex((t) => t.key === key) + 1;
const triggerAt = (n: number): TriggerKey | undefined => TRIGGERS[n - 1]?.key;
const SCRIPTED_TRIGGERS: Record<TriggerKey, string> = {
  onLogin: 'LOGIN_MULTISTEP',
  contactCreation: 'CONTACT_CREATE',
  successfulPurchase: 'PURCHASE_SUCCESS',
  failedPurchase: 'PURCHASE_FAIL',
  errorPurchase: 'PURCHASE_ERROR',
};
export const scriptedTriggerCode = (k: TriggerKey) => SCRIPTED_TRIGGERS[k];
const scriptedTrigger = (code: string): TriggerKey | undefined =>
  TRIGGERS.find((t) => SCRIPTED_TRIGGERS[t.key] === code)?.key;
const num = (v: string | null): number | null => (v && /^\d+$/.test(v) ? Number(v) : null);
const upper = (key: string) => `ACTION_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export const INLINE: DialectSpec = {
  name: 'inline',
  build: '1.70.0.989251-sysarch-202608031100',
  tokenField: 'org.apache.struts.taglib.html.TOKEN',
  returnParam: 'returnTo',
  paths: {
    actions: '/Ecommerce/purchaseActions.jsp',
    productFragment: '/Ecommerce/purchaseActionsProducts.jsp',
    editor: '/app/purchaseActions/editActionSet',
    editorPost: '/app/purchaseActions/editActionSet',
    typeahead: '/Ecommerce/productLookup.jsp',
    settings: '/Ecommerce/settings/order.jsp',
    report: '/Reports/searchTemplate.jsp',
    home: '/Admin/home.jsp',
    contacts: '/Contact/manageContacts.jsp',
    login: '/app/authentication/login',
  },
  p: {
    view: 'view',
    add: 'add',
    edit: 'edit',
    type: 'actionType',
    actionId: 'actionId',
    cmd: 'cmd',
    copyFrom: 'copyFrom',
    query: 'q',
    setting: 'runActionsOnAllOrders',
  },
  cmds: { save: 'saveAction', del: 'deleteAction', copy: 'copySet', saveSet: 'saveSet' },
  ownerParams: (o): Record<string, string> =>
    o.kind === 'trigger'
      ? { triggerId: String(triggerIndex(o.trigger)) }
      : { productId: String(o.productId) },
  ownerFromQuery(q) {
    const t = num(q.get('triggerId'));
    const trigger = t === null ? undefined : triggerAt(t);
    if (trigger) return { kind: 'trigger', trigger };
    const p = num(q.get('productId'));
    return p === null ? null : { kind: 'product', productId: p };
  },
  setValue: (o) => (o.kind === 'trigger' ? `T${triggerIndex(o.trigger)}` : `P${o.productId}`),
  setFromValue(v) {
    const n = num(v.slice(1));
    if (n === null) return null;
    if (v[0] === 'T') {
      const trigger = triggerAt(n);
      return trigger ? { kind: 'trigger', trigger } : null;
    }
    return v[0] === 'P' ? { kind: 'product', productId: n } : null;
  },
  typeCode: (key) => String(ACTION_TYPES.findIndex((t) => t.key === key) + 1),
  typeFromCode: (code) => ACTION_TYPES[Number(code) - 1]?.key,
  fieldName: (name) => name,
  rules: {
    enabled: 'useRules',
    match: 'ruleMatch',
    field: (i) => `ruleField_${i}`,
    op: (i) => `ruleOperator_${i}`,
    value: (i) => `ruleValue_${i}`,
  },
};

export const SCRIPTED: DialectSpec = {
  name: 'scripted',
  build: '1.70.0.991377-sysarch-202608101430',
  tokenField: '_csrf',
  returnParam: 'next',
  paths: {
    actions: '/app/commerce/purchaseAutomation',
    productFragment: '/app/commerce/purchaseAutomation/productSequences',
    editor: '/app/commerce/actionSequence/edit',
    editorPost: '/app/commerce/actionSequence/submit',
    typeahead: '/app/commerce/api/productSuggest',
    settings: '/app/settings/products/productAndSubscriptionPlans',
    report: '/app/productCatalog/report',
    home: '/app/nav/dashboard',
    contacts: '/app/contacts/search',
    login: '/auth/signin',
  },
  p: {
    view: 'mode',
    add: 'new',
    edit: 'modify',
    type: 'kind',
    actionId: 'item',
    cmd: 'op',
    copyFrom: 'sourceSequence',
    query: 'term',
    setting: 'allOrdersPurchaseActions',
  },
  cmds: { save: 'upsert', del: 'remove', copy: 'clone', saveSet: 'commit' },
  ownerParams: (o): Record<string, string> =>
    o.kind === 'trigger'
      ? { sequenceType: 'TRIGGER', sequenceRef: SCRIPTED_TRIGGERS[o.trigger] }
      : { sequenceType: 'PRODUCT', sequenceRef: String(o.productId) },
  ownerFromQuery(q) {
    const ref = q.get('sequenceRef') ?? '';
    if (q.get('sequenceType') === 'TRIGGER') {
      const trigger = scriptedTrigger(ref);
      return trigger ? { kind: 'trigger', trigger } : null;
    }
    const p = q.get('sequenceType') === 'PRODUCT' ? num(ref) : null;
    return p === null ? null : { kind: 'product', productId: p };
  },
  setValue: (o) =>
    o.kind === 'trigger' ? `TRIGGER:${SCRIPTED_TRIGGERS[o.trigger]}` : `PRODUCT:${o.productId}`,
  setFromValue(v) {
    const [kind, ref = ''] = v.split(':');
    const q = new URLSearchParams({ sequenceType: kind ?? '', sequenceRef: ref });
    return SCRIPTED.ownerFromQuery(q);
  },
  typeCode: upper,
  typeFromCode: (code) => ACTION_TYPES.find((t) => upper(t.key) === code)?.key,
  fieldName: (name) => `config.${name}`,
  rules: {
    enabled: 'conditions.enabled',
    match: 'conditions.mode',
    field: (i) => `conditions[${i}].field`,
    op: (i) => `conditions[${i}].operator`,
    value: (i) => `conditions[${i}].value`,
  },
};

/** A dialect from its recipe (generated from a seed, or derived from a page-shape report). */
export function fromRecipe(r: DialectRecipe): DialectSpec {
  return {
    name: r.name as Dialect,
    markup: r.markup,
    recipe: r,
    build: r.build,
    tokenField: r.tokenField,
    returnParam: r.returnParam,
    paths: { ...r.paths },
    p: { ...r.p },
    cmds: { ...r.cmds },
    ...recipeFunctions(r),
  };
}

/** The dialect a seed generates (dialect-gen.ts): `dialect: 'generated:<seed>'` on an account. */
export function generateDialect(seed: number): DialectSpec {
  return fromRecipe(randomRecipe(seed));
}

const CUSTOM = new Map<string, DialectSpec>();
const GENERATED = new Map<string, DialectSpec>();

/** Makes a recipe usable as `dialect: '<recipe.name>'` (custom:<name>) on an account. */
export function registerDialect(r: DialectRecipe): DialectSpec {
  if (!r.name.startsWith('custom:')) throw new Error('a registered dialect is named custom:<name>');
  const spec = fromRecipe(r);
  CUSTOM.set(r.name, spec);
  return spec;
}

export function isDialectName(d: string): d is Dialect {
  return d === 'inline' || d === 'scripted' || /^generated:\d+$/.test(d) || CUSTOM.has(d);
}

export function dialectSpec(d: Dialect): DialectSpec {
  if (d === 'inline') return INLINE;
  if (d === 'scripted') return SCRIPTED;
  const generated = /^generated:(\d+)$/.exec(d);
  if (generated) {
    let spec = GENERATED.get(d);
    if (!spec) {
      spec = generateDialect(Number(generated[1]));
      GENERATED.set(d, spec);
    }
    return spec;
  }
  const custom = CUSTOM.get(d);
  if (!custom) throw new Error(`unknown dialect ${d}`);
  return custom;
}
