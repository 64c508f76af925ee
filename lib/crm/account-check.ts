import { normName, reportEntryFor } from '../snapshot/match';
import { findActionForm } from './action-form';
import { readActionsPage, type SetRow } from './actions-page';
import { findAddNewAction, navigationFor } from './add-new-action';
import { appFromUrl, sameAccountUrl } from './app';
import { detectPage } from './detect';
import { COPY_EXISTING_SET } from './editor-ops';
import { readEditorRows } from './editor-page';
import { findRunOnAllOrders } from './find-settings';
import { fieldsByLabel, formFields, type LabelledField, submitButtons } from './forms';
import { ADD_NEW_ACTION, CONFIRMED_ACTION_TYPES, DEFAULT_TRIGGER_LABELS } from './labels';
import { fetchCrmPage, type PoliteQueue, SessionExpiredError } from './polite';
import { productsReportUrl, readReportPage } from './products-report';
import { norm, same } from './text';
import { browserTransport, type Transport } from './transport';

// "Check this account" (issue 13): before the toolkit offers anything that writes, it reads, and
// only reads, what each feature depends on, and says in plain words what works here and what does
// not. Every request goes through a transport that refuses anything but GET, so the check cannot
// write even if a page's markup would lead it to a form that posts.

export const CHECK_IDS = [
  'actions-page',
  'default-settings',
  'editor-addresses',
  'editor-list',
  'edit-form',
  'delete-control',
  'add-new-action',
  'action-form',
  'copy-existing-set',
  'run-on-all-orders',
  'products-report',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** 'not tested': nothing to test it on (no set has an action yet), or testing it would write. */
export type CheckState = 'passed' | 'failed' | 'not tested';

export interface Check {
  id: CheckId;
  /** What was checked, in the admin's words. */
  label: string;
  state: CheckState;
  /** What was found, or why it failed, in plain words. */
  detail: string;
}

export const FEATURES = ['snapshot', 'bulk-copy', 'restore', 'undo', 'explainer'] as const;
export type Feature = (typeof FEATURES)[number];

export interface Capability {
  feature: Feature;
  name: string;
  /** 'partial' only for a snapshot that can read the sets but not everything else. */
  status: 'ready' | 'partial' | 'not available';
  /** "Ready", "Sets only: …", or "Not available because …". */
  text: string;
  /** Checks this feature needs that did not pass. */
  missing: CheckId[];
}

export interface AccountCheckResult {
  app: string;
  checkedAt: string;
  checks: Check[];
  capabilities: Capability[];
}

export type PageRole = 'actions-page' | 'editor' | 'action-form' | 'products-report' | 'settings';

/** A page the check read: the raw material of the page-shape report (lib/page-shape). */
export interface CheckedPage {
  role: PageRole;
  url: string;
  doc: Document;
}

export interface AccountCheckInput {
  /** The Actions page as shown (its location is the account's address). */
  doc: Document;
  /** The page's address; defaults to `doc.location.href`. */
  url?: string;
  queue: PoliteQueue;
  /**
   * The editor address each row's Actions control opens. The content script learns them from the
   * page (bridge-client `resolveEditorOpens`); rows without one are left out of the map.
   */
  editorUrls(rows: readonly SetRow[]): Map<Element, string>;
  transport?: Transport;
  parseHtml?: (html: string) => Document;
  signal?: AbortSignal;
  /** Where the setting was found last time. */
  settingUrl?: string | null;
  now?: () => Date;
}

export interface AccountCheckRun {
  result: AccountCheckResult;
  pages: CheckedPage[];
  /** Requests the check sent (all GETs). */
  requests: number;
}

const LABELS: Record<CheckId, string> = {
  'actions-page': 'This is the E-Commerce > Actions page',
  'default-settings': 'The five Default Settings rows',
  'editor-addresses': 'Where each Actions button leads',
  'editor-list': "An action set's list of actions",
  'edit-form': "An action's own form (its Edit control)",
  'delete-control': "An action's Delete control",
  'add-new-action': `The "${ADD_NEW_ACTION}" drop-down`,
  'action-form': 'A new action form with its anti-forgery token',
  'copy-existing-set': `The "${COPY_EXISTING_SET}" drop-down`,
  'run-on-all-orders': 'The "Run Purchase Actions On All Orders" setting',
  'products-report': 'The E-Commerce > Products report',
};

/** Which checks each feature needs. 'not tested' is enough only where named in `lenient`. */
const NEEDS: Record<Feature, { name: string; needs: CheckId[]; lenient: CheckId[] }> = {
  snapshot: {
    name: 'Snapshot',
    // Add New Action: the named action sets are read from its "Run another Action Set" form.
    needs: [
      'actions-page',
      'default-settings',
      'editor-addresses',
      'editor-list',
      'edit-form',
      'add-new-action',
      'products-report',
    ],
    lenient: ['edit-form'],
  },
  'bulk-copy': {
    name: 'Bulk copy',
    needs: [
      'actions-page',
      'default-settings',
      'editor-addresses',
      'editor-list',
      'edit-form',
      'delete-control',
      'add-new-action',
      'action-form',
      'products-report',
    ],
    // Replace mode deletes: where no action was there to try Delete on, the first use tells.
    lenient: ['edit-form', 'delete-control'],
  },
  restore: {
    name: 'Restore from a snapshot',
    needs: [
      'actions-page',
      'default-settings',
      'editor-addresses',
      'editor-list',
      'edit-form',
      'delete-control',
      'add-new-action',
      'action-form',
      'products-report',
    ],
    // Replace mode deletes: where no action was there to try Delete on, the first use tells.
    lenient: ['edit-form', 'delete-control'],
  },
  undo: {
    name: 'Undo a bulk copy',
    needs: [
      'actions-page',
      'default-settings',
      'editor-addresses',
      'editor-list',
      'edit-form',
      'delete-control',
      'products-report',
    ],
    lenient: ['edit-form'],
  },
  explainer: {
    name: '"When does this run?" with the live setting',
    needs: ['actions-page', 'run-on-all-orders'],
    lenient: [],
  },
};

/** What a snapshot can do without these: the action lists are still readable. */
const SNAPSHOT_SETS_ONLY: CheckId[] = [
  'actions-page',
  'default-settings',
  'editor-addresses',
  'editor-list',
];

/** The capability table for a set of checks. Pure. */
export function capabilities(checks: readonly Check[]): Capability[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const ok = (id: CheckId, lenient: readonly CheckId[]) => {
    const s = byId.get(id)?.state;
    return s === 'passed' || (s === 'not tested' && lenient.includes(id));
  };
  const because = (ids: CheckId[]) =>
    ids
      .map((id) => {
        const c = byId.get(id);
        return c
          ? `${lowerFirst(c.label)}: ${c.detail}`
          : `${lowerFirst(LABELS[id])} was not checked`;
      })
      .join(' ');
  return FEATURES.map((feature) => {
    const { name, needs, lenient } = NEEDS[feature];
    const missing = needs.filter((id) => !ok(id, lenient));
    if (missing.length === 0) {
      const copyNote =
        (feature === 'bulk-copy' || feature === 'restore') && !ok('copy-existing-set', [])
          ? ` (actions are added one by one: ${lowerFirst(LABELS['copy-existing-set'])} was not found)`
          : '';
      return { feature, name, status: 'ready', text: `Ready${copyNote}.`, missing };
    }
    if (feature === 'snapshot' && SNAPSHOT_SETS_ONLY.every((id) => ok(id, []))) {
      return {
        feature,
        name,
        status: 'partial',
        text: `Sets only: the action sets can be read, but not everything else. ${because(missing)}`,
        missing,
      };
    }
    return {
      feature,
      name,
      status: 'not available',
      text: `Not available because ${because(missing)}`,
      missing,
    };
  });
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s);

/** A control that reads: a plain link, or a submit button of a GET form. Null: a script. */
type Reach = { url: string } | { why: string; writes?: boolean };

function reachOf(control: Element, pageUrl: string, home: string): Reach {
  const caption = norm(control.textContent) || norm(control.getAttribute('value')) || 'control';
  const href = control.getAttribute('href');
  if (control.tagName === 'A' && href && !/^\s*javascript:/i.test(href) && !href.startsWith('#')) {
    return { url: sameAccountUrl(href, pageUrl, home) };
  }
  const form = control.closest('form');
  if (form && submitButtons(form).includes(control)) {
    if ((form.getAttribute('method') ?? 'get').toLowerCase() === 'post') {
      return {
        why: `the "${caption}" control sends a form, and the check never sends one`,
        writes: true,
      };
    }
    return { url: getFormUrl(form, formFields(form, control), pageUrl, home) };
  }
  return { why: `the "${caption}" control runs a script we cannot follow` };
}

/** Where a GET form goes: its action with the fields as the query (HTML form submission). */
function getFormUrl(form: Element, fields: URLSearchParams, pageUrl: string, home: string): string {
  const target = new URL(form.getAttribute('action') ?? '', pageUrl);
  target.search = fields.toString();
  target.hash = '';
  return sameAccountUrl(target.href, undefined, home);
}

/** The hidden field that carries the anti-forgery token: named like one, or holding a long random value. */
export function tokenField(form: Element): string | null {
  const hidden = Array.from(form.querySelectorAll('input[type="hidden" i]'));
  const named = hidden.find((i) =>
    /token|csrf|xsrf|forgery|nonce|authenticity/i.test(i.getAttribute('name') ?? ''),
  );
  const random = hidden.find((i) => {
    const v = i.getAttribute('value') ?? '';
    return v.length >= 16 && /^[A-Za-z0-9+/=_.-]+$/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v);
  });
  const hit = named ?? random;
  return hit ? (hit.getAttribute('name') ?? '(unnamed)') : null;
}

/** The select labelled `label` in any form of the page. */
function selectLabelled(
  doc: Document,
  label: string,
): { form: HTMLFormElement; field: LabelledField } | null {
  for (const form of Array.from(doc.querySelectorAll('form'))) {
    const field = fieldsByLabel(form).find((f) => same(f.label, label) && f.kind === 'select');
    if (field) return { form, field };
  }
  return null;
}

/** A select that offers the known action types, labelled or not. */
function typeSelect(doc: Document): HTMLSelectElement | null {
  const known = new Set(CONFIRMED_ACTION_TYPES.map((t) => t.toLowerCase()));
  return (
    Array.from(doc.querySelectorAll('select')).find(
      (s) =>
        Array.from(s.options).filter((o) => known.has(norm(o.textContent).toLowerCase())).length >=
        3,
    ) ?? null
  );
}

/** Any request but a GET is refused here: the check reads, and only reads. */
class CheckWouldWriteError extends Error {
  constructor(method: string, url: string) {
    super(`The account check refused to send a ${method} to ${url}: it never writes.`);
    this.name = 'CheckWouldWriteError';
  }
}

function readOnly(t: Transport, counter: { n: number }): Transport {
  return (url, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') throw new CheckWouldWriteError(method, url);
    counter.n++;
    return t(url, init);
  };
}

/**
 * Runs the account check from the Actions page. Never throws for what it finds: every finding is
 * a check with a reason. A session that ends mid-way fails what was left, saying so.
 */
export async function checkAccount(input: AccountCheckInput): Promise<AccountCheckRun> {
  const home = input.url ?? input.doc.location.href;
  const app = appFromUrl(home) ?? 'unknown';
  const counter = { n: 0 };
  const transport = readOnly(input.transport ?? browserTransport, counter);
  const parse = input.parseHtml ?? ((h: string) => new DOMParser().parseFromString(h, 'text/html'));
  const pages: CheckedPage[] = [{ role: 'actions-page', url: home, doc: input.doc }];
  const checks = new Map<CheckId, Check>();
  const set = (id: CheckId, state: CheckState, detail: string) =>
    checks.set(id, { id, label: LABELS[id], state, detail });
  const fail = (id: CheckId, detail: string) => set(id, 'failed', detail);

  const get = async (
    url: string,
    role: PageRole | null,
  ): Promise<{ doc: Document; url: string }> => {
    const page = await fetchCrmPage(url, input.queue, input.signal, transport);
    const doc = parse(page.html);
    if (detectPage(doc) === 'login') throw new SessionExpiredError();
    if (role) pages.push({ role, url: page.url, doc });
    return { doc, url: page.url };
  };

  try {
    await steps();
  } catch (e) {
    if (input.signal?.aborted) throw e;
    const why =
      e instanceof SessionExpiredError
        ? 'your Keap session ended during the check; log in again, then check again.'
        : `the check stopped: ${e instanceof Error ? e.message : String(e)}`;
    for (const id of CHECK_IDS) if (!checks.has(id)) fail(id, `Not checked: ${why}`);
  }

  async function steps(): Promise<void> {
    // The page first; the setting and the report do not depend on the editors, so a failure
    // there does not leave them unchecked.
    const page = readActionsPage(input.doc);
    if (!page) {
      fail(
        'actions-page',
        'this page shows no "Default Settings" section with Actions buttons we can read.',
      );
    } else await editorSteps(page);
    await settingStep();
    await reportStep(page);
  }

  async function editorSteps(page: NonNullable<ReturnType<typeof readActionsPage>>): Promise<void> {
    // 1. The five Default Settings rows.
    set(
      'actions-page',
      'passed',
      `${page.defaults.length + page.products.length} action sets are listed.`,
    );
    const missingDefaults = Object.entries(DEFAULT_TRIGGER_LABELS)
      .filter(
        ([trigger]) =>
          !page.defaults.some((r) => r.ref.kind === 'default' && r.ref.trigger === trigger),
      )
      .map(([, label]) => `"${label}"`);
    if (missingDefaults.length)
      fail('default-settings', `no row with an Actions button for ${missingDefaults.join(', ')}.`);
    else set('default-settings', 'passed', 'all five rows, each with its Actions button.');

    // 2. Where each Actions button leads.
    const rows = [...page.defaults, ...page.products];
    const urls = input.editorUrls(rows);
    const unresolved = rows.filter((r) => !urls.has(r.button));
    if (unresolved.length) {
      const names = unresolved.slice(0, 5).map((r) => `"${r.name}"`);
      fail(
        'editor-addresses',
        `could not tell which editor ${unresolved.length} of ${rows.length} Actions buttons open (${names.join(', ')}${unresolved.length > 5 ? ', …' : ''}).`,
      );
    } else
      set(
        'editor-addresses',
        'passed',
        `all ${rows.length} Actions buttons lead to an editor we can read.`,
      );

    // 3. One editor's list: the first set with actions (printed counts first), at most three reads.
    const order = [
      ...rows.filter((r) => (r.count ?? 0) > 0),
      ...rows.filter((r) => r.count === null),
      ...rows.filter((r) => r.count === 0),
    ].filter((r) => urls.has(r.button));
    let editor: { doc: Document; url: string; row: SetRow; editorUrl: string } | null = null;
    let listFailure = 'no Actions button with an editor address to read.';
    for (const row of order.slice(0, 3)) {
      const editorUrl = urls.get(row.button) as string;
      const got = await get(editorUrl, null);
      if (detectPage(got.doc) !== 'editor') {
        listFailure = `the "${row.name}" button leads to a page that is not an action-set editor (no "${ADD_NEW_ACTION}" drop-down offering the known action types).`;
        pages.push({ role: 'editor', url: got.url, doc: got.doc });
        break;
      }
      editor = { ...got, row, editorUrl };
      if (readEditorRows(got.doc).length > 0) break;
    }
    if (!editor) {
      fail('editor-list', listFailure);
      return;
    }
    pages.push({ role: 'editor', url: editor.url, doc: editor.doc });
    const actionRows = readEditorRows(editor.doc);
    set(
      'editor-list',
      'passed',
      `read the "${editor.row.name}" set: ${actionRows.length} action${actionRows.length === 1 ? '' : 's'}.`,
    );

    // 4. An existing action's Edit (a read) and its Delete (never followed: only its target known).
    const first = actionRows[0];
    if (!first) {
      set('edit-form', 'not tested', 'none of the sets read has an action to open.');
      set('delete-control', 'not tested', 'none of the sets read has an action to check.');
    } else {
      const edit = reachOf(first.edit, editor.url, home);
      if ('url' in edit) {
        const form = await get(edit.url, 'action-form');
        if (findActionForm(form.doc)) set('edit-form', 'passed', `opened "${first.action.label}".`);
        else
          fail(
            'edit-form',
            `the "Edit" control of "${first.action.label}" leads to a page with no action form we can read.`,
          );
      } else if (edit.writes) set('edit-form', 'not tested', `${edit.why}.`);
      else fail('edit-form', `${edit.why}.`);
      const del = reachOf(first.remove, editor.url, home);
      if ('url' in del || del.writes)
        set('delete-control', 'passed', 'it is a link or a form the toolkit can send.');
      else fail('delete-control', `${del.why}.`);
    }

    // 5. Add New Action, and one new action's form with its token (nothing is submitted).
    const add = findAddNewAction(editor.doc);
    if (add?.kind === 'navigate' && add.prefix === null) {
      fail(
        'add-new-action',
        `the "${ADD_NEW_ACTION}" drop-down runs a script we cannot follow when a type is chosen.`,
      );
      fail('action-form', `needs the "${ADD_NEW_ACTION}" drop-down.`);
    } else if (!add) {
      fail(
        'add-new-action',
        typeSelect(editor.doc)
          ? `a drop-down offers the action types, but nothing labels it "${ADD_NEW_ACTION}" in a way we can read.`
          : `the editor has no "${ADD_NEW_ACTION}" drop-down.`,
      );
      fail('action-form', `needs the "${ADD_NEW_ACTION}" drop-down.`);
    } else {
      const offered = add.field.choices ?? [];
      const known = CONFIRMED_ACTION_TYPES.filter((t) => offered.some((o) => same(o, t)));
      set(
        'add-new-action',
        'passed',
        `it offers ${offered.length} action types, ${known.length} of them known.`,
      );
      const type = known[0];
      if (!type) fail('action-form', 'the drop-down offers none of the known action types.');
      else if (
        add.kind === 'form' &&
        (add.form.getAttribute('method') ?? 'get').toLowerCase() === 'post'
      ) {
        fail('action-form', `choosing an action type sends a form, and the check never sends one.`);
      } else {
        add.field.set(type);
        const url =
          add.kind === 'form'
            ? getFormUrl(
                add.form,
                formFields(add.form, submitButtons(add.form)[0] ?? null),
                editor.url,
                home,
              )
            : sameAccountUrl(navigationFor(add, type, editor.url) ?? '', editor.url, home);
        const form = await get(url, 'action-form');
        const found = findActionForm(form.doc);
        const token = found ? tokenField(found.form) : null;
        if (!found)
          fail(
            'action-form',
            `choosing "${type}" leads to a page with no action form we can read.`,
          );
        else if (!token)
          fail('action-form', `the "${type}" form carries no anti-forgery token we can recognise.`);
        else
          set(
            'action-form',
            'passed',
            `the "${type}" form, with its token (field "${token}"); nothing was sent.`,
          );
      }
    }

    // 6. Copy an existing action set (found, never used).
    const copy = selectLabelled(editor.doc, COPY_EXISTING_SET);
    if (!copy) fail('copy-existing-set', `the editor has no "${COPY_EXISTING_SET}" drop-down.`);
    else if (submitButtons(copy.form).length === 0)
      fail('copy-existing-set', 'the drop-down has no button that sends it.');
    else set('copy-existing-set', 'passed', `it offers ${(copy.field.choices ?? []).length} sets.`);
  }

  async function settingStep(): Promise<void> {
    // 7. The setting, wherever it is.
    const setting = await findRunOnAllOrders(input.doc, input.queue, input.settingUrl);
    if (setting.value === 'unknown' || !setting.url) {
      fail('run-on-all-orders', lowerFirst(setting.note ?? 'the setting was not found.'));
    } else {
      await get(setting.url, 'settings');
      set('run-on-all-orders', 'passed', `it is "${setting.value === 'yes' ? 'Yes' : 'No'}".`);
    }
  }

  async function reportStep(page: ReturnType<typeof readActionsPage>): Promise<void> {
    // 8. The products report's first page, and whether it knows the products the page lists.
    const reportUrl = productsReportUrl(input.doc);
    if (!reportUrl) {
      fail('products-report', 'this page has no link labelled "Products" to the products report.');
      return;
    }
    const report = await get(sameAccountUrl(reportUrl, undefined, home), 'products-report');
    let read: ReturnType<typeof readReportPage>;
    try {
      read = readReportPage(report.doc, report.url);
    } catch (e) {
      fail('products-report', lowerFirst((e as Error).message));
      return;
    }
    if (read.products.length === 0 && read.total > 0) {
      fail(
        'products-report',
        `read 0 products on the first page but the report says there are ${read.total}: no column headed "Name" we know.`,
      );
      return;
    }
    if (page && read.products.length === read.total) {
      // A row may be labelled "Product: <name>": it pairs as the snapshot pairs it.
      const known = new Map(read.products.map((p) => [normName(p.name), p]));
      const strangers = page.products
        .filter((r) => reportEntryFor(r.name, known) === undefined)
        .map((r) => r.name);
      if (strangers.length) {
        fail(
          'products-report',
          `the Actions page lists products the products report does not have: ${strangers.slice(0, 3).join(', ')}${strangers.length > 3 ? ', …' : ''}.`,
        );
        return;
      }
    }
    set(
      'products-report',
      'passed',
      `${read.products.length} products on the first page; the report says there are ${read.total}.`,
    );
  }

  const checkedAt = (input.now?.() ?? new Date()).toISOString();
  const list = CHECK_IDS.map(
    (id) =>
      checks.get(id) ?? {
        id,
        label: LABELS[id],
        state: 'failed' as const,
        detail: 'Not checked: it depends on an earlier check that failed.',
      },
  );
  return {
    result: { app, checkedAt, checks: list, capabilities: capabilities(list) },
    pages,
    requests: counter.n,
  };
}
