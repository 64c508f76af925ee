// From a report to a test (issue 13): a user's page-shape report (lib/page-shape) turned into a
// replica dialect recipe, as far as the report allows, so the markup one account showed us becomes
// a regression test. What the report keeps (paths, parameter and field names, element names, the
// labels the toolkit knows, option values that look like codes) is learned; what it reduced to a
// length (other texts, numeric ids, script bodies) falls back to neutral defaults, listed in
// `guessed` so a test can say what it could not learn.
import type { PageShapeReport, ShapeNode } from '../../lib/page-shape/index.ts';
import { TYPE_PATTERNS } from './dialect-gen.ts';
import { INLINE } from './dialects.ts';
import { type DialectRecipe, type Markup, typeCodeOf } from './recipe.ts';
import { ACTION_TYPES } from './state/action-types.ts';
import { TRIGGERS } from './state/types.ts';

/** One element of a page's tree in document order, with its direct text and its ancestors. */
interface El {
  tag: string;
  attrs: Record<string, string | null>;
  text: string;
  parents: El[];
  index: number;
}

function flatten(tree: ShapeNode): { els: El[]; texts: { text: string; index: number }[] } {
  const els: El[] = [];
  const texts: { text: string; index: number }[] = [];
  const walk = (n: ShapeNode, parents: El[]) => {
    if ('text' in n) {
      texts.push({ text: n.text, index: els.length });
      return;
    }
    if (!('tag' in n)) return;
    const own = (n.children ?? []).flatMap((c) => ('text' in c ? [c.text] : [])).join(' ');
    const el: El = {
      tag: n.tag,
      attrs: n.attrs ?? {},
      text: own.trim(),
      parents,
      index: els.length,
    };
    els.push(el);
    for (const c of n.children ?? []) walk(c, [...parents, el]);
  };
  walk(tree, []);
  return { els, texts };
}

const same = (a: string | null | undefined, b: string) =>
  (a ?? '').replace(/\s+/g, ' ').trim().toLowerCase() === b.toLowerCase();
const caption = (e: El) => (e.tag === 'input' ? (e.attrs.value ?? '') : e.text);
const isUnder = (e: El, tag: string) => e.parents.some((p) => p.tag === tag);
const formOf = (e: El) => [...e.parents].reverse().find((p) => p.tag === 'form');

/** Path and query pairs of a scrubbed URL ('https://{app}.infusionsoft.com/x?a=b' or '/x?a=b'). */
function parts(url: string): { path: string; query: [string, string][] } {
  const local = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const [path = '', q = ''] = local.split('?');
  const query = q
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const i = kv.indexOf('=');
      return (i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)]) as [string, string];
    });
  return { path, query };
}

/** The first string literal of a script that looks like a same-host URL. */
const scriptUrl = (js: string | null | undefined) => /'(\/[^']*)'/.exec(js ?? '')?.[1] ?? null;

const NEUTRAL: Omit<DialectRecipe, 'name' | 'markup'> = {
  build: '1.70.0.900000-sysarch-202601011100',
  tokenField: '_token',
  returnParam: 'returnTo',
  paths: {
    actions: '/derived/actions',
    productFragment: '/derived/actions/rows',
    editor: '/derived/editor',
    editorPost: '/derived/editor',
    typeahead: '/derived/productLookup',
    settings: '/derived/settings',
    report: '/derived/report',
    home: '/derived/home',
    contacts: '/derived/contacts',
    login: '/derived/login',
  },
  // The inline dialect's names, the replica's oldest guess.
  p: { ...INLINE.p },
  cmds: { ...INLINE.cmds },
  owner: { style: 'split', trigger: 'triggerId', product: 'productId' },
  triggerCodes: ['1', '2', '3', '4', '5'],
  copyValue: { trigger: 'T', product: 'P', sep: '' },
  typeCodes: { style: 'index', offset: 0 },
  fieldPattern: '{name}',
  rules: {
    enabled: 'useRules',
    match: 'ruleMatch',
    field: 'ruleField_{i}',
    op: 'ruleOperator_{i}',
    value: 'ruleValue_{i}',
  },
};

const NEUTRAL_MARKUP: Markup = {
  layout: 'table',
  wrappers: 0,
  nav: 'list',
  prefix: 'rpt-',
  labelCase: 'as-is',
  spacing: 'single',
  actionsButton: 'input',
  actionsOpen: 'onclick',
  counts: 'none',
  productPrefix: false,
  reportHeaders: { id: 'Id', name: 'Name', category: 'Category', price: 'Price', type: 'Type' },
  edit: 'link',
  del: 'post-form',
  addNew: 'get-form',
  labels: 'label',
  emptySet: 'row',
  submit: 'input',
  setting: { control: 'select', yes: 'true', no: 'false' },
};

const TOKEN_NAME = /token|csrf|xsrf|forgery|nonce|authenticity|_tk$|key$/i;
const CONFIRMED = new Set(ACTION_TYPES.filter((t) => t.confirmed).map((t) => t.label));
const FIELD_NAMES = [...new Set(ACTION_TYPES.flatMap((t) => t.fields.map((f) => f.name)))].sort(
  (a, b) => b.length - a.length,
);
const HEADERS: Record<keyof Markup['reportHeaders'], string[]> = {
  id: ['id', 'product id', 'product #'],
  name: ['name', 'product name', 'product'],
  category: ['category', 'product category'],
  price: ['price'],
  type: ['type', 'product type'],
};

export interface DerivedDialect {
  recipe: DialectRecipe;
  /** What the report did not carry: filled in with neutral defaults. */
  guessed: string[];
}

/** The dialect a page-shape report shows, named `custom:<name>`. */
export function dialectFromReport(report: PageShapeReport, name: string): DerivedDialect {
  const guessed: string[] = [];
  const r: DialectRecipe = structuredClone({
    ...NEUTRAL,
    name: `custom:${name}`,
    markup: NEUTRAL_MARKUP,
  });
  const mk = r.markup;
  const page = (role: string) => report.pages.find((p) => p.role === role);
  const learn = <T>(what: string, value: T | null | undefined, set: (v: T) => void) => {
    if (value === null || value === undefined || value === '') guessed.push(what);
    else set(value);
  };
  if (report.build) r.build = report.build;

  // Paths: every page the check read is at its own address.
  for (const [role, key] of [
    ['actions-page', 'actions'],
    ['editor', 'editor'],
    ['products-report', 'report'],
    ['settings', 'settings'],
  ] as const) {
    const p = page(role);
    learn(`paths.${key}`, p && parts(p.url).path, (v) => {
      r.paths[key] = v;
    });
  }
  r.paths.editorPost = r.paths.editor;

  // The Actions page: its controls, rows and labels.
  const actions = page('actions-page');
  const a = actions ? flatten(actions.tree) : null;
  const controls = a?.els.filter((e) => same(caption(e), 'Actions') && e.tag !== 'h1') ?? [];
  const control = controls.find((e) => ['input', 'button', 'a'].includes(e.tag));
  if (a && control) {
    mk.actionsButton = control.tag as Markup['actionsButton'];
    const onclick = control.attrs.onclick ?? '';
    const href = control.attrs.href ?? '';
    mk.actionsOpen = onclick.includes('window.open(')
      ? 'onclick'
      : onclick
        ? 'function'
        : /^javascript:(?!void)/.test(href)
          ? 'js-href'
          : 'delegated';
    mk.layout = isUnder(control, 'tr') ? 'table' : isUnder(control, 'li') ? 'list' : 'div';
    mk.counts = a.texts.some((t) => t.text === '({n})') ? 'paren' : 'none';
    mk.productPrefix = a.texts.some((t) => /^Product: \{text:\d+\}$/.test(t.text));
    const heading = a.texts.find((t) => same(t.text, 'Default Settings'))?.text;
    mk.labelCase =
      heading === 'Default settings'
        ? 'sentence'
        : heading === 'Default Settings'
          ? 'as-is'
          : 'title';
  } else guessed.push('markup of the Actions page');

  // The editor: owner parameters, its controls and forms.
  const editor = page('editor');
  const e = editor ? flatten(editor.tree) : null;
  const ownerQuery = editor ? parts(editor.url).query : [];
  const ownerKeys = ownerQuery.map(([k]) => k);
  const [first, second] = ownerQuery;
  if (first && second) {
    r.owner = {
      style: 'typed',
      kind: first[0],
      ref: second[0],
      triggerKind: first[1],
      productKind: 'PRODUCT',
    };
    guessed.push('owner.productKind');
  } else if (first) {
    // A product's parameter shows where an Actions control's literal URL names one.
    const product = controls
      .flatMap((c) => parts(scriptUrl(c.attrs.onclick) ?? '').query)
      .find(([k, v]) => k !== first[0] && v === '{n}')?.[0];
    r.owner = { style: 'split', trigger: first[0], product: product ?? 'productId' };
    if (!product) guessed.push('owner.product');
  } else guessed.push('owner parameters');

  if (e) {
    const posts = e.els.filter((x) => x.tag === 'form' && x.attrs.method === 'post');
    const post = posts[0];
    if (post?.attrs.action) r.paths.editorPost = parts(post.attrs.action).path;
    const hiddenOf = (form: El) =>
      e.els
        .filter((x) => x.parents.includes(form) && x.tag === 'input' && x.attrs.type === 'hidden')
        .map((x) => x.attrs.name ?? '');
    const common =
      posts
        .map(hiddenOf)
        .reduce<string[] | null>(
          (acc, names) => (acc ? acc.filter((n) => names.includes(n)) : names),
          null,
        )
        ?.filter((n) => !ownerKeys.includes(n)) ?? [];
    const token = common.find((n) => TOKEN_NAME.test(n)) ?? common[0];
    learn('tokenField', token, (v) => {
      r.tokenField = v;
    });
    learn(
      'p.cmd',
      common.find((n) => n !== token),
      (v) => {
        r.p.cmd = v;
      },
    );

    // Edit: a link (its query names the view and the action), a GET form, or a script.
    const edit = e.els.find((x) => same(caption(x), 'Edit'));
    if (edit) {
      const href = edit.attrs.href ?? '';
      mk.edit = /^javascript:/.test(href) ? 'js' : edit.tag === 'a' ? 'link' : 'get-form';
      const extra = parts(href).query.filter(([k]) => !ownerKeys.includes(k));
      const [view, id] = extra;
      if (mk.edit === 'link' && view && id) {
        r.p.view = view[0];
        r.p.edit = view[1];
        r.p.actionId = id[0];
      }
    }
    const del = e.els.find((x) => same(caption(x), 'Delete'));
    if (del) mk.del = formOf(del) ? 'post-form' : 'js';

    // Add New Action: the select offering the confirmed types.
    const typeSelect = e.els.find(
      (x) =>
        x.tag === 'select' &&
        e.els.filter((o) => o.tag === 'option' && o.parents.includes(x) && CONFIRMED.has(o.text))
          .length >= 3,
    );
    if (typeSelect) {
      const onchange = typeSelect.attrs.onchange;
      mk.addNew = onchange && !formOf(typeSelect) ? 'onchange' : 'get-form';
      const byLabel = e.els.some((x) => x.tag === 'label' && same(x.text, 'Add New Action'));
      mk.labels = byLabel ? 'label' : 'cell';
      if (typeSelect.attrs.name) r.p.type = typeSelect.attrs.name;
      const url = scriptUrl(onchange);
      if (url) {
        const extra = parts(url).query.filter(([k]) => !ownerKeys.includes(k));
        const [view, type] = extra;
        if (view && type) {
          r.p.view = view[0];
          r.p.add = view[1];
          r.p.type = type[0];
        }
      }
      const codes = e.els
        .filter(
          (o) => o.tag === 'option' && o.parents.includes(typeSelect) && CONFIRMED.has(o.text),
        )
        .map((o) => [ACTION_TYPES.find((t) => t.label === o.text)?.key ?? '', o.attrs.value ?? '']);
      const pattern = TYPE_PATTERNS.find((p) =>
        codes.every(([key, value]) => typeCodeOf(p, key ?? '') === value),
      );
      if (pattern) r.typeCodes = { style: 'pattern', pattern };
      else if (!codes.every(([, v]) => v === '{n}')) guessed.push('type codes');
    }

    // Copy an existing action set: the select whose options name the triggers.
    const copySelect = e.els.find(
      (x) =>
        x.tag === 'select' &&
        e.els.some((o) => o.parents.includes(x) && same(o.text, TRIGGERS[0].label)),
    );
    learn('p.copyFrom', copySelect?.attrs.name, (v) => {
      r.p.copyFrom = v;
    });
    if (copySelect) copyValues(e, copySelect, r, guessed);
    const save = e.els.find((x) => same(caption(x), 'Save'));
    if (save) mk.submit = save.tag === 'button' ? 'button' : 'input';
  } else guessed.push('the editor');

  // An action's form: the action id's parameter, field names, rules.
  for (const form of report.pages.filter((p) => p.role === 'action-form')) {
    const extra = parts(form.url).query.filter(([k]) => !ownerKeys.includes(k));
    const [view, second] = extra;
    if (view && second && view[0] === r.p.view && view[1] !== r.p.edit) {
      r.p.add = view[1];
      r.p.type = second[0];
    }
    const f = flatten(form.tree);
    const names = f.els.map((x) => x.attrs.name ?? '').filter((n) => n && !n.includes('{n}'));
    const patterns = names.flatMap((n) => {
      const field = FIELD_NAMES.find((fn) => n.includes(fn));
      return field ? [n.replace(field, '{name}')] : [];
    });
    if (patterns[0]) r.fieldPattern = patterns[0];
    const toggleAt = f.texts.find((t) =>
      same(t.text, 'Only run this action when certain rules are met'),
    )?.index;
    if (toggleAt !== undefined) {
      const near = f.els.filter((x) => x.tag === 'input' && x.attrs.type === 'checkbox');
      const toggle = near.sort(
        (x, y) => Math.abs(x.index - toggleAt) - Math.abs(y.index - toggleAt),
      )[0];
      const after = f.els.filter((x) => x.index > (toggle?.index ?? toggleAt) && x.attrs.name);
      const match = after.find((x) => x.tag === 'select' && !x.attrs.name?.includes('{n}'));
      const rows = after
        .filter((x) => x.attrs.name?.includes('{n}'))
        .map((x) => x.attrs.name ?? '');
      if (toggle?.attrs.name && match?.attrs.name && rows.length >= 3) {
        const [field = '', op = '', value = ''] = rows.map((n) => n.replaceAll('{n}', '{i}'));
        r.rules = { enabled: toggle.attrs.name, match: match.attrs.name, field, op, value };
      }
    }
  }

  // The products report's column headers, and the setting's control.
  const reportPage = page('products-report');
  if (reportPage) {
    const heads = flatten(reportPage.tree)
      .els.filter((x) => x.tag === 'span' || x.tag === 'th')
      .map((x) => x.text)
      .filter(Boolean);
    for (const key of Object.keys(HEADERS) as (keyof Markup['reportHeaders'])[]) {
      const h = heads.find((t) => HEADERS[key].includes(t.toLowerCase()));
      if (h) mk.reportHeaders[key] = h;
      else guessed.push(`report header ${key}`);
    }
  }
  const settings = page('settings');
  if (settings) {
    const s = flatten(settings.tree);
    const at = s.texts.find((t) => same(t.text, 'Run Purchase Actions On All Orders'))?.index ?? 0;
    const control = s.els.find(
      (x) =>
        x.index >= at && (x.tag === 'select' || (x.tag === 'input' && x.attrs.type === 'radio')),
    );
    if (control?.attrs.name) {
      r.p.setting = control.attrs.name;
      const values =
        control.tag === 'select'
          ? s.els.filter((o) => o.tag === 'option' && o.parents.includes(control))
          : s.els.filter((o) => o.tag === 'input' && o.attrs.name === control.attrs.name);
      const [yes, no] = values.map((v) => v.attrs.value ?? '');
      mk.setting = {
        control: control.tag === 'select' ? 'select' : 'radio',
        yes: yes || 'true',
        no: no || 'false',
      };
    } else guessed.push('the setting');
  }
  return { recipe: r, guessed };
}

/** The copy drop-down's values: a prefix per kind, a separator, the trigger codes. */
function copyValues(
  e: ReturnType<typeof flatten>,
  select: El,
  r: DialectRecipe,
  guessed: string[],
) {
  const options = e.els.filter((o) => o.tag === 'option' && o.parents.includes(select));
  const trig = TRIGGERS.map((t) => options.find((o) => same(o.text, t.label))?.attrs.value ?? null);
  const product = options.find(
    (o) => /\{n\}$/.test(o.attrs.value ?? '') && !trig.includes(o.attrs.value ?? null),
  );
  const prefix = product?.attrs.value?.replace(/\{n\}$/, '') ?? null;
  const sep = prefix && /[:_-]$/.test(prefix) ? (prefix.at(-1) as string) : '';
  if (prefix !== null) {
    r.copyValue.product = prefix.slice(0, prefix.length - sep.length);
    r.copyValue.sep = sep;
  } else guessed.push('copy values');
  // Trigger values are `<prefix><sep><code>`; a code the report reduced stays a guess.
  const known = trig.filter((v): v is string => v !== null && !v.startsWith('{text:'));
  const lead = known.length
    ? known.reduce((p, v) => {
        let i = 0;
        while (i < p.length && p[i] === v[i]) i++;
        return p.slice(0, i);
      })
    : '';
  const triggerPrefix =
    sep && lead.includes(sep) ? lead.slice(0, lead.indexOf(sep)) : lead.replace(/\{.*$/, '');
  r.copyValue.trigger = triggerPrefix;
  const codes = trig.map((v) => (v ? v.slice(triggerPrefix.length + sep.length) : ''));
  if (codes.every((c) => c && !c.includes('{'))) r.triggerCodes = codes;
  else guessed.push('trigger codes');
}
