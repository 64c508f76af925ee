import { Action } from '../model';
import { fillActionForm, findActionForm, readActionForm } from './action-form';
import { findAddNewAction, navigationFor } from './add-new-action';
import { sameAccountUrl } from './app';
import { editorTitles, listActions, namesSet } from './editor-page';
import { editorKey } from './editor-url';
import { factsOf } from './facts';
import { fieldsByLabel, formFields, submitButtons, submitCaption } from './forms';
import { ADD_NEW_ACTION } from './labels';
import { type CrmPage, fetchCrmPage, type PoliteQueue } from './polite';
import {
  CopySourceError,
  EditorControlError,
  expectActionForm,
  expectEditor,
  judgeWriteAnswer,
  UnexpectedPageError,
  WriteNotConfirmedError,
} from './read-set';
import { norm, same } from './text';
import { browserTransport, submitForm, type Transport } from './transport';

// Reading and writing action sets through the CRM's own editor pages, as the admin would: every
// answer is judged by its content, and every write is followed by a read that confirms it.

export { ForeignTargetError } from './app';
export { SessionExpiredError } from './polite';
export { CopySourceError, CrmErrorPageError, EditorControlError } from './read-set';
export { WriteUncertainError } from './transport';

export interface CrmOptions {
  queue: PoliteQueue;
  transport?: Transport;
  signal?: AbortSignal;
  /** Parses fetched HTML; defaults to the global DOMParser (node callers pass happy-dom's). */
  parseHtml?: (html: string) => Document;
  /**
   * The set's name (a product's name): the editor's own title or heading must name it, or the URL
   * is not the editor we meant (e.g. one learned from other rows) and nothing is read from or
   * written to it.
   */
  expectName?: string;
}

export const COPY_EXISTING_SET = 'Copy an existing action set';
export const RUN_ANOTHER_ACTION_SET = 'Run another Action Set';

interface Page {
  doc: Document;
  url: string;
}

/**
 * One operation's connection: counts every HTTP request it makes (retries included), and goes
 * nowhere but the editor's own origin and account (`home`, the URL the caller gave): links and
 * form actions come from fetched markup, which we do not trust to keep there.
 */
class Conn {
  requests = 0;
  private readonly transport: Transport;
  constructor(
    readonly o: CrmOptions,
    readonly home: string,
  ) {
    const t = o.transport ?? browserTransport;
    this.transport = (url, init) => {
      this.requests++;
      return t(url, init);
    };
  }
  private parse(p: CrmPage): Page {
    const parse =
      this.o.parseHtml ?? ((h: string) => new DOMParser().parseFromString(h, 'text/html'));
    return { doc: parse(p.html), url: p.url };
  }
  /** GETs `url` (resolved against `base`), refusing anywhere off the editor's account. */
  async get(url: string, base?: string): Promise<Page> {
    const target = sameAccountUrl(url, base, this.home);
    return this.parse(await fetchCrmPage(target, this.o.queue, this.o.signal, this.transport));
  }
  async submit(form: HTMLFormElement, fields: URLSearchParams, base: string): Promise<Page> {
    const p = await submitForm(form, fields, this.o.queue, this.transport, {
      base,
      account: this.home,
      signal: this.o.signal,
    });
    return this.parse(p);
  }
  /** Follows an Edit/Delete-like control: a link's href, or its form's submission. */
  async follow(control: Element, page: Page): Promise<Page> {
    const href = control.getAttribute('href');
    if (
      control.tagName === 'A' &&
      href &&
      !/^\s*javascript:/i.test(href) &&
      !href.startsWith('#')
    ) {
      return this.get(href, page.url);
    }
    const form = control.closest('form');
    if (form && submitButtons(form).includes(control)) {
      return this.submit(form, formFields(form, control), page.url);
    }
    throw new EditorControlError(
      `The "${norm(control.textContent) || 'control'}" control runs a script we cannot follow.`,
    );
  }
  async editor(url: string): Promise<Page> {
    return this.named(expectEditor(await this.get(url), url), url);
  }
  /** The set's list after a write: the write's own answer when it is that editor, else a fresh read. */
  async after(answer: Page, editorUrl: string): Promise<Page> {
    judgeWriteAnswer(answer, editorUrl);
    if (editorKey(answer.url) === editorKey(editorUrl)) return this.named(answer, editorUrl);
    return this.editor(editorUrl);
  }
  /** The editor page, when it is the one for `expectName` (see CrmOptions). */
  private named(page: Page, url: string): Page {
    const name = this.o.expectName;
    if (name === undefined || namesSet(page.doc, name)) return page;
    const shown = editorTitles(page.doc).map((t) => `"${t}"`);
    throw new EditorControlError(
      `The editor at ${url} is not the one for "${name}"${shown.length ? ` (it is titled ${shown.join(', ')})` : ''}.`,
    );
  }
}

const sameList = (a: Action[], b: readonly Action[]) =>
  a.length === b.length &&
  a.every((x, i) => x.label === b[i]?.label && x.summary === b[i]?.summary);

export interface ReadSetOptions extends CrmOptions {
  /** Also open each action's edit form for its full configuration and rules. */
  deep?: boolean;
  /** The last reading: when the list is unchanged its configs are reused (one request in all). */
  previous?: readonly Action[];
}

export async function readSet(
  editorUrl: string,
  o: ReadSetOptions,
): Promise<{ actions: Action[]; requests: number }> {
  const c = new Conn(o, editorUrl);
  const page = await c.editor(editorUrl);
  const { rows, actions } = listActions(page.doc, page.url, editorUrl);
  if (!o.deep) return { actions: actions.map((a) => Action.parse(a)), requests: c.requests };
  // Reuse only a deep previous reading: a shallow one has no configs to give.
  if (o.previous && sameList(actions, o.previous) && o.previous.every((p) => p.config)) {
    const reused = actions.map((a, i) => {
      const p = o.previous?.[i];
      return withForm(a, p?.config, p?.rules);
    });
    return { actions: reused, requests: c.requests };
  }
  const deep = await Promise.all(
    rows.map(async (row, i) => {
      const form = expectActionForm(await c.follow(row.edit, page), editorUrl);
      const read = readActionForm(form.doc);
      if (!read) throw new UnexpectedPageError(form.url);
      return withForm(actions[i] as Action, read.config, read.rules ?? undefined);
    }),
  );
  return { actions: deep, requests: c.requests };
}

function withForm(a: Action, config: Action['config'], rules: Action['rules']): Action {
  const out: Action = { ...a, ...(config ? { config } : {}), ...(rules ? { rules } : {}) };
  return Action.parse({ ...out, facts: factsOf(out) });
}

/** Opens "Add New Action" for a type label; null when the drop-down does not offer it. */
async function openAddForm(
  c: Conn,
  list: Page,
  label: string,
  editorUrl: string,
): Promise<Page | null> {
  const add = findAddNewAction(list.doc);
  if (!add) throw new EditorControlError(`The editor has no "${ADD_NEW_ACTION}" drop-down.`);
  if (add.kind === 'navigate') {
    if (add.prefix === null)
      throw new EditorControlError(
        `The "${ADD_NEW_ACTION}" drop-down runs a script we cannot follow.`,
      );
    const url = navigationFor(add, label, list.url);
    return url ? expectActionForm(await c.get(url, list.url), editorUrl) : null;
  }
  if (add.field.set(label).length) return null;
  const go = submitButtons(add.form)[0] ?? null;
  return expectActionForm(await c.submit(add.form, formFields(add.form, go), list.url), editorUrl);
}

/** The named action sets "Run another Action Set" can pick, from its own drop-down. */
export async function namedActionSets(
  editorUrl: string,
  o: CrmOptions,
): Promise<{ names: string[]; requests: number }> {
  const c = new Conn(o, editorUrl);
  const list = await c.editor(editorUrl);
  const form = await openAddForm(c, list, RUN_ANOTHER_ACTION_SET, editorUrl);
  if (!form)
    throw new EditorControlError(`"${ADD_NEW_ACTION}" does not offer "${RUN_ANOTHER_ACTION_SET}".`);
  const selects = (findActionForm(form.doc)?.fields ?? []).filter((f) => f.kind === 'select');
  const field =
    selects.find((f) => /action set/i.test(f.label)) ??
    (selects.length === 1 ? selects[0] : undefined);
  if (!field)
    throw new EditorControlError('The "Run another Action Set" form has no action-set drop-down.');
  return { names: field.choices ?? [], requests: c.requests };
}

export type AddResult =
  | { ok: true; actions: Action[]; added: Action; requests: number }
  | { ok: false; missing: string[]; requests: number };

/** Opens the set's Add form for the action's type and fills it in, without sending it. */
async function fillAddForm(c: Conn, list: Page, action: Action, editorUrl: string) {
  const form = await openAddForm(c, list, action.label, editorUrl);
  if (!form) return { missing: [`${ADD_NEW_ACTION}: ${action.label}`] };
  const fields = fillActionForm(form.doc, action);
  if (!(fields instanceof URLSearchParams)) return fields;
  return { form, fields };
}

/**
 * Whether this account could add the action to the set again, by the same forms a write uses;
 * sends nothing. An action whose settings name something the account no longer offers (a deleted
 * subscription, tag or action set) cannot be put back once deleted.
 */
export async function checkAddable(
  editorUrl: string,
  action: Action,
  o: CrmOptions,
): Promise<{ missing: string[]; requests: number }> {
  const c = new Conn(o, editorUrl);
  const filled = await fillAddForm(c, await c.editor(editorUrl), action, editorUrl);
  return { missing: 'missing' in filled ? filled.missing : [], requests: c.requests };
}

/** Adds one action by its type label and visible values; reports (and writes nothing) when the
 * account lacks a value the action needs. */
export async function addAction(
  editorUrl: string,
  action: Action,
  o: CrmOptions,
): Promise<AddResult> {
  const c = new Conn(o, editorUrl);
  const list = await c.editor(editorUrl);
  const before = listActions(list.doc, list.url, editorUrl).actions;
  const filled = await fillAddForm(c, list, action, editorUrl);
  if ('missing' in filled) return { ok: false, missing: filled.missing, requests: c.requests };
  const { form, fields } = filled;
  const target = findActionForm(form.doc)?.form as HTMLFormElement;
  const after = await c.after(await c.submit(target, fields, form.url), editorUrl);
  const actions = listActions(after.doc, after.url, editorUrl).actions;
  const added = newRows(before, actions);
  const only = added[0];
  if (added.length !== 1 || !only || !same(only.label, action.label)) {
    throw new WriteNotConfirmedError(
      `After adding "${action.label}" the set shows ${actions.length} actions (was ${before.length}).`,
    );
  }
  return { ok: true, actions, added: only, requests: c.requests };
}

/** Rows of `after` not matched one-for-one by a row of `before` (label and summary). */
function newRows(before: readonly Action[], after: Action[]): Action[] {
  const left = [...before];
  return after.filter((a) => {
    const i = left.findIndex((b) => b.label === a.label && b.summary === a.summary);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/**
 * Deletes one action, named by its CRM id (a string) or its position (a number). `expect` guards
 * a position against a list that changed since it was read.
 */
export async function deleteAction(
  editorUrl: string,
  target: string | number,
  o: CrmOptions & { expect?: Pick<Action, 'label' | 'summary'> },
): Promise<{ actions: Action[]; requests: number }> {
  const c = new Conn(o, editorUrl);
  const list = await c.editor(editorUrl);
  const { rows, actions: before } = listActions(list.doc, list.url, editorUrl);
  const i = typeof target === 'number' ? target : before.findIndex((a) => a.crmId === target);
  const row = rows[i];
  const was = before[i];
  if (!row || !was)
    throw new EditorControlError(`The set has no action ${JSON.stringify(target)}.`);
  if (o.expect && (was.label !== o.expect.label || was.summary !== o.expect.summary)) {
    throw new EditorControlError(
      `Action ${i + 1} is "${was.label}: ${was.summary}", not the expected one.`,
    );
  }
  const after = await c.after(await c.follow(row.remove, list), editorUrl);
  const actions = listActions(after.doc, after.url, editorUrl).actions;
  const gone = was.crmId ? !actions.some((a) => a.crmId === was.crmId) : true;
  if (actions.length !== before.length - 1 || !gone) {
    throw new WriteNotConfirmedError(
      `After deleting "${was.label}" the set shows ${actions.length} actions (was ${before.length}).`,
    );
  }
  return { actions, requests: c.requests };
}

/** The editor's own "Copy an existing action set": appends a copy of the named set's actions. */
export async function copyFromSet(
  editorUrl: string,
  sourceSetName: string,
  o: CrmOptions & { expectAdded?: number },
): Promise<{ actions: Action[]; added: number; requests: number }> {
  const c = new Conn(o, editorUrl);
  const list = await c.editor(editorUrl);
  const before = listActions(list.doc, list.url, editorUrl).actions;
  for (const form of Array.from(list.doc.querySelectorAll('form'))) {
    const field = fieldsByLabel(form).find(
      (f) => same(f.label, COPY_EXISTING_SET) && f.kind === 'select',
    );
    if (!field) continue;
    const hits = (field.choices ?? []).filter((t) => t === norm(sourceSetName));
    if (hits.length !== 1) {
      throw new CopySourceError(sourceSetName, hits.length);
    }
    field.set(sourceSetName);
    const button = submitButtons(form)[0] ?? null;
    const after = await c.after(
      await c.submit(form, formFields(form, button), list.url),
      editorUrl,
    );
    const actions = listActions(after.doc, after.url, editorUrl).actions;
    const added = actions.length - before.length;
    const prefixKept = sameList(actions.slice(0, before.length), before);
    if (added < 0 || !prefixKept || (o.expectAdded !== undefined && added !== o.expectAdded)) {
      throw new WriteNotConfirmedError(
        `After copying "${sourceSetName}" the set shows ${actions.length} actions (was ${before.length}).`,
      );
    }
    return { actions, added, requests: c.requests };
  }
  throw new EditorControlError(`The editor has no "${COPY_EXISTING_SET}" drop-down.`);
}

/** The set's own Save (the pop-up's final step in Keap's documented flow). */
export async function saveSet(editorUrl: string, o: CrmOptions): Promise<{ requests: number }> {
  const c = new Conn(o, editorUrl);
  const list = await c.editor(editorUrl);
  const form = Array.from(list.doc.querySelectorAll('form')).find(
    (f) =>
      (f.getAttribute('method') ?? '').toLowerCase() === 'post' &&
      submitButtons(f).some((b) => same(submitCaption(b), 'Save')),
  );
  const button = form && submitButtons(form).find((b) => same(submitCaption(b), 'Save'));
  if (!form || !button) throw new EditorControlError('The editor has no Save button for the set.');
  judgeWriteAnswer(await c.submit(form, formFields(form, button), list.url), editorUrl, true);
  return { requests: c.requests };
}
