// Many dialects, not two (issue 13): from a seed, a dialect of the same pages with its own paths,
// parameter, field and code names, ids and classes, and markup conventions, keeping the labels
// crm-facts knows ("Actions", "Default Settings", the five triggers, "Add New Action", "Copy an
// existing action set", "Run Purchase Actions On All Orders", the products report's columns).
// Harder conventions legacy Max Classic pages are full of (`javascript:` calls to page functions,
// selects that navigate on change, captions in neighbouring table cells) come at fixed rates;
// some of them the toolkit cannot follow, and the account check must say so.
import { intBetween, mulberry32, pick, type Rng } from './prng.ts';
import type { DialectRecipe, Markup } from './recipe.ts';

const chance = (rng: Rng, p: number) => rng() < p;

/** Distinct picks: `n` items of `items` in random order. */
function several<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length)
    out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0] as T);
  return out;
}

const ROOTS = [
  '/Ecommerce',
  '/app/commerce',
  '/crm/store',
  '/admin/shop',
  '/legacy/ecom',
  '/x/cart',
];
const EXT = ['.jsp', '.do', '', '.action', '.htm'];
const WORDS = {
  actions: [
    'purchaseActions',
    'actionsList',
    'productActions',
    'automation',
    'triggers',
    'paActions',
  ],
  fragment: ['productRows', 'listFragment', 'rowsPartial'],
  editor: ['editActionSet', 'sequenceEditor', 'actionSetEdit', 'setDetail', 'editSet', 'asEditor'],
  post: ['saveActionSet', 'sequenceSubmit', 'actionSetPost', 'setUpdate', 'persist'],
  typeahead: ['productLookup', 'suggestProducts', 'productAutocomplete', 'findProduct'],
  settings: ['orderSettings', 'settings/order', 'settings/ecommerce', 'preferences/orders'],
  report: ['productReport', 'reports/products', 'catalogReport', 'searchTemplate'],
  home: ['home', 'dashboard', 'start', 'overview'],
  contacts: ['contacts', 'manageContacts', 'people'],
  login: ['login', 'signin', 'auth/login', 'session/new'],
};

/** `n` distinct lower-case words to name parameters and fields with. */
const PARAMS = [
  'view',
  'screen',
  'do',
  'act',
  'task',
  'step',
  'page',
  'show',
  'display',
  'type',
  'kind',
  'actionType',
  'template',
  'tpl',
  'actionKind',
  'aType',
  'variant',
  'actionId',
  'item',
  'aid',
  'rowId',
  'entry',
  'recordId',
  'actId',
  'line',
  'cmd',
  'op',
  'operation',
  'command',
  'verb',
  'method',
  'todo',
  'perform',
  'copyFrom',
  'source',
  'cloneFrom',
  'fromSet',
  'src',
  'origin',
  'template_set',
  'q',
  'term',
  'query',
  'search',
  'text',
  'needle',
  'lookup',
  'name',
  'runAll',
  'runActionsOnAllOrders',
  'allOrders',
  'paAllOrders',
  'alwaysRun',
  'fireAll',
  'trigger',
  'triggerId',
  'evt',
  'eventCode',
  'tid',
  'setTrigger',
  'hook',
  'product',
  'productId',
  'pid',
  'prod',
  'sku',
  'itemId',
  'offer',
  'goodsId',
  'setKind',
  'ownerType',
  'scope',
  'target',
  'level',
  'context',
  'ctx',
  'for',
  'ref',
  'ownerRef',
  'ownerId',
  'key',
  'sid',
  'about',
  'setRef',
  'returnTo',
  'next',
  'continue',
  'back',
  'redirect',
  'then',
  'after',
];

/** What the generator names from PARAMS: each gets its own name. */
const NAMED = [
  'view',
  'type',
  'actionId',
  'cmd',
  'copyFrom',
  'query',
  'setting',
  'trig',
  'prod',
  'kind',
  'ref',
  'ret',
] as const;

function paramNames(rng: Rng, n: number): string[] {
  return several(rng, PARAMS, n);
}

const VIEW_VALUES = [
  ['add', 'edit'],
  ['new', 'modify'],
  ['create', 'update'],
  ['A', 'E'],
  ['1', '2'],
  ['blank', 'existing'],
];
const CMD_VALUES = [
  ['saveAction', 'deleteAction', 'copySet', 'saveSet'],
  ['upsert', 'remove', 'clone', 'commit'],
  ['s', 'd', 'c', 'f'],
  ['store', 'drop', 'import', 'done'],
  ['action.save', 'action.delete', 'set.copy', 'set.save'],
];
const TRIGGER_CODES = [
  ['1', '2', '3', '4', '5'],
  ['LOGIN', 'CONTACT', 'SUCCESS', 'FAIL', 'ERROR'],
  ['onLogin', 'contactCreate', 'purchaseOk', 'purchaseFailed', 'purchaseError'],
  ['10', '20', '30', '40', '50'],
  ['ml', 'cc', 'sp', 'fp', 'ep'],
];
const TOKENS = [
  'org.apache.struts.taglib.html.TOKEN',
  '_csrf',
  'csrfToken',
  'formKey',
  '_tk',
  'authenticity_token',
];
const FIELD_PATTERNS = [
  '{name}',
  'config.{name}',
  'action[{name}]',
  'f_{name}',
  'cfg-{name}',
  'data.{name}',
];
const RULE_PATTERNS = [
  {
    enabled: 'useRules',
    match: 'ruleMatch',
    field: 'ruleField_{i}',
    op: 'ruleOperator_{i}',
    value: 'ruleValue_{i}',
  },
  {
    enabled: 'conditional',
    match: 'conditionMode',
    field: 'cond{i}.field',
    op: 'cond{i}.op',
    value: 'cond{i}.value',
  },
  {
    enabled: 'rulesOn',
    match: 'rulesMatch',
    field: 'rules[{i}][field]',
    op: 'rules[{i}][op]',
    value: 'rules[{i}][value]',
  },
  {
    enabled: 'filter_enabled',
    match: 'filter_join',
    field: 'filter_{i}_f',
    op: 'filter_{i}_o',
    value: 'filter_{i}_v',
  },
];
export const TYPE_PATTERNS = ['{KEY}', 'ACTION_{KEY}', '{kebab}', 'at_{snake}', '{key}'];
const PREFIXES = ['pa-', 'ecom_', 'x', 'kc-', 'mx', 'leg_'];
const REPORT_NAMES = ['Name', 'Product Name', 'Product'];
const REPORT_IDS = ['Id', 'ID', 'Product Id'];
const YES_NO: [string, string][] = [
  ['true', 'false'],
  ['1', '0'],
  ['yes', 'no'],
  ['on', 'off'],
];

function path(root: string, ext: string, word: string): string {
  return `${root}/${word}${ext}`;
}

function markup(rng: Rng): Markup {
  const actionsButton = pick(rng, ['input', 'button', 'a'] as const);
  // Harder conventions at fixed rates; a `javascript:` href needs a link to stand on.
  const open = pick(rng, ['onclick', 'onclick', 'function', 'delegated', 'js-href'] as const);
  return {
    layout: pick(rng, ['table', 'div', 'list'] as const),
    wrappers: intBetween(rng, 0, 3),
    nav: pick(rng, ['table', 'list', 'links'] as const),
    prefix: pick(rng, PREFIXES),
    labelCase: pick(rng, ['as-is', 'as-is', 'sentence', 'title'] as const),
    spacing: pick(rng, ['single', 'single', 'double', 'nbsp'] as const),
    actionsButton,
    actionsOpen: open === 'js-href' && actionsButton !== 'a' ? 'function' : open,
    counts: pick(rng, ['paren', 'words', 'none'] as const),
    productPrefix: chance(rng, 0.3),
    reportHeaders: {
      id: pick(rng, REPORT_IDS),
      name: pick(rng, REPORT_NAMES),
      category: pick(rng, ['Category', 'Product Category']),
      price: 'Price',
      type: pick(rng, ['Type', 'Product Type']),
    },
    edit: chance(rng, 0.2) ? 'js' : chance(rng, 0.3) ? 'get-form' : 'link',
    del: chance(rng, 0.2) ? 'js' : 'post-form',
    addNew: chance(rng, 0.3) ? 'onchange' : 'get-form',
    labels: chance(rng, 0.35) ? 'cell' : 'label',
    emptySet: pick(rng, ['row', 'text', 'none'] as const),
    submit: pick(rng, ['input', 'button'] as const),
    setting: {
      control: pick(rng, ['select', 'radio'] as const),
      ...(([yes, no]) => ({ yes, no }))(pick(rng, YES_NO)),
    },
  };
}

/** The recipe of the dialect `seed` generates: the same seed, the same dialect, always. */
export function randomRecipe(seed: number): DialectRecipe {
  const rng = mulberry32(seed * 7919 + 17);
  const root = pick(rng, ROOTS);
  const ext = pick(rng, EXT);
  const at = (w: keyof typeof WORDS) => path(root, ext, pick(rng, WORDS[w]));
  const editor = at('editor');
  const postSame = chance(rng, 0.5);
  const picked = paramNames(rng, NAMED.length);
  const { view, type, actionId, cmd, copyFrom, query, setting, trig, prod, kind, ref, ret } =
    Object.fromEntries(NAMED.map((k, i) => [k, picked[i] ?? k])) as Record<
      (typeof NAMED)[number],
      string
    >;
  const [add, edit] = pick(rng, VIEW_VALUES) as [string, string];
  const [save, del, copy, saveSet] = pick(rng, CMD_VALUES) as [string, string, string, string];
  const triggerCodes = pick(rng, TRIGGER_CODES);
  const owner: DialectRecipe['owner'] = chance(rng, 0.5)
    ? { style: 'split', trigger: trig, product: prod }
    : {
        style: 'typed',
        kind,
        ref,
        ...pick(rng, [
          { triggerKind: 'TRIGGER', productKind: 'PRODUCT' },
          { triggerKind: 't', productKind: 'p' },
          { triggerKind: 'default', productKind: 'product' },
        ]),
      };
  const copyValue = pick(rng, [
    { trigger: 'T', product: 'P', sep: '' },
    { trigger: 'TRIGGER', product: 'PRODUCT', sep: ':' },
    { trigger: 'default', product: 'product', sep: '-' },
    { trigger: 'trg', product: 'prd', sep: '_' },
  ]);
  const build = `1.${intBetween(rng, 60, 79)}.${intBetween(rng, 0, 9)}.${intBetween(rng, 900000, 999999)}-sysarch-2026${String(intBetween(rng, 1, 12)).padStart(2, '0')}${String(intBetween(rng, 10, 28))}1100`;
  return {
    name: `generated:${seed}`,
    build,
    tokenField: pick(rng, TOKENS),
    returnParam: ret,
    paths: {
      actions: at('actions'),
      productFragment: at('fragment'),
      editor,
      editorPost: postSame ? editor : at('post'),
      typeahead: at('typeahead'),
      settings: at('settings'),
      report: at('report'),
      home: at('home'),
      contacts: at('contacts'),
      login: pick(rng, [
        '/app/authentication/login',
        '/auth/signin',
        `${root}/${pick(rng, WORDS.login)}`,
      ]),
    },
    p: { view, add, edit, type, actionId, cmd, copyFrom, query, setting },
    cmds: { save, del, copy, saveSet },
    owner,
    triggerCodes: [...triggerCodes],
    copyValue,
    typeCodes: chance(rng, 0.4)
      ? { style: 'index', offset: pick(rng, [0, 100, 1000]) }
      : { style: 'pattern', pattern: pick(rng, TYPE_PATTERNS) },
    fieldPattern: pick(rng, FIELD_PATTERNS),
    rules: pick(rng, RULE_PATTERNS),
    markup: markup(rng),
  };
}
