// @vitest-environment node
// Drives the action-set editor the way a user would: from the page's own forms and links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DialectSpec,
  INLINE,
  type Replica,
  SCRIPTED,
  startReplica,
} from '../../replica/index.ts';
import { client, fieldName, formValues, formWithButton, optionValue, parse } from './helpers.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'demo2', dialect: 'scripted', seed: 'demo' },
    ],
  });
});
afterAll(() => replica.stop());

const cases: [string, DialectSpec][] = [
  ['demo', INLINE],
  ['demo2', SCRIPTED],
];

describe.each(cases)('action-set editor (%s)', (app, d) => {
  const setup = () => {
    const c = client(replica, app);
    const editorUrl = (owner: Record<string, string>) =>
      `${d.paths.editor}?${new URLSearchParams(owner)}`;
    const success = editorUrl(d.ownerParams({ kind: 'trigger', trigger: 'successfulPurchase' }));
    const failed = editorUrl(d.ownerParams({ kind: 'trigger', trigger: 'failedPurchase' }));
    const open = async (url: string) => {
      const res = await c.get(url);
      expect(res.status).toBe(200);
      return parse(res.body);
    };
    const rows = (doc: Document) =>
      [...doc.querySelectorAll('a')]
        .filter((a) => a.textContent === 'Edit')
        .map((a) => a.closest('tr, li') as Element);
    const submit = async (form: Element, values: URLSearchParams) => {
      if ((form.getAttribute('method') ?? 'get').toLowerCase() === 'get') {
        return c.get(
          `${form.getAttribute('action')}${form.getAttribute('action')?.includes('?') ? '&' : '?'}${values}`,
        );
      }
      return c.post(form.getAttribute('action') ?? '', values);
    };
    const successSet = () =>
      c.account.state.actionSets.find(
        (s) => s.owner.kind === 'trigger' && s.owner.trigger === 'successfulPurchase',
      );
    return { c, success, failed, open, rows, submit, successSet };
  };

  it('lists the set with labels, summaries, Edit and Delete', async () => {
    const { open, success, rows } = setup();
    const doc = await open(success);
    expect(doc.querySelector('h1')?.textContent).toBe('Actions: Successful Purchase Action');
    const list = rows(doc).map((r) => r.textContent ?? '');
    expect(list).toHaveLength(2);
    expect(list[0]).toContain('Send an email');
    expect(list[0]).toContain('Send email: Order Receipt');
    expect(list[1]).toContain('Apply/Remove Tag');
    expect(list[1]).toContain('Apply tag: Customer - Pool Supplies');
    expect(
      rows(doc).every((r) =>
        [...r.querySelectorAll('input, button')].some(
          (b) => (b.getAttribute('value') ?? b.textContent) === 'Delete',
        ),
      ),
    ).toBe(true);
    const addSelect = doc.querySelector(`select[name="${d.p.type}"]`);
    const types = [...(addSelect?.querySelectorAll('option') ?? [])].map((o) => o.textContent);
    for (const t of [
      'Apply/Remove Tag',
      'Send an email',
      'Run another Action Set',
      'Send an HTTP post to another server',
      'Create An Order',
      'Cancel a Subscription',
      'Send an SMS',
    ]) {
      expect(types).toContain(t);
    }
  });

  it('adds, edits (with rules) and deletes an action', async () => {
    const { c, open, success, rows, submit, successSet } = setup();
    let doc = await open(success);
    const addForm = [...doc.querySelectorAll('form')].find((f) =>
      f.textContent?.includes('Add New Action'),
    );
    if (!addForm) throw new Error('no add form');
    const pick = formValues(addForm);
    pick.set(
      fieldName(addForm, 'Add New Action'),
      optionValue(addForm.querySelector('select') as Element, 'Apply/Remove Tag'),
    );
    doc = parse((await submit(addForm, pick)).body);
    expect(doc.body.textContent).toContain('Only run this action when certain rules are met');
    let form = formWithButton(doc, 'Save');
    let values = formValues(form);
    const tagField = fieldName(form, 'Tag');
    values.set(
      tagField,
      optionValue(form.querySelector(`select[name="${tagField}"]`) as Element, 'Pool Club Member'),
    );
    const before = successSet()?.actionIds.length ?? 0;
    const saved = await submit(form, values);
    expect(saved.status).toBe(302);
    expect(successSet()?.actionIds).toHaveLength(before + 1);
    const id = successSet()?.actionIds.at(-1) ?? 0;
    expect(c.account.state.actions.find((a) => a.id === id)).toMatchObject({
      type: 'applyRemoveTag',
      config: { mode: 'apply' },
      rules: null,
    });

    doc = await open(success);
    const row = rows(doc).at(-1);
    expect(row?.textContent).toContain('Apply tag: Pool Club Member');
    const edit =
      [...(row?.querySelectorAll('a') ?? [])]
        .find((a) => a.textContent === 'Edit')
        ?.getAttribute('href') ?? '';
    doc = await open(edit);
    form = formWithButton(doc, 'Save');
    const tagSelect = form.querySelector(`select[name="${tagField}"]`);
    expect(tagSelect?.querySelector('option[selected]')?.textContent).toBe('Pool Club Member');
    values = formValues(form);
    values.set(fieldName(form, 'Tag action'), 'remove');
    values.set(fieldName(form, 'Only run this action'), '1');
    const rulesPart = [...form.querySelectorAll('fieldset')].find((f) =>
      f.textContent?.includes('certain rules'),
    ) as Element;
    const ruleSelects = [...rulesPart.querySelectorAll('select')];
    values.set(ruleSelects[0]?.getAttribute('name') ?? '', 'any');
    values.set(ruleSelects[1]?.getAttribute('name') ?? '', 'State');
    values.set(rulesPart.querySelector('input[type="text"]')?.getAttribute('name') ?? '', 'FL');
    expect((await submit(form, values)).status).toBe(302);
    expect(c.account.state.actions.find((a) => a.id === id)).toMatchObject({
      config: { mode: 'remove' },
      rules: { match: 'any', criteria: [{ field: 'State', operator: 'eq', value: 'FL' }] },
    });
    doc = await open(edit);
    const rulesBox = [...doc.querySelectorAll('label')].find((l) =>
      l.textContent?.includes('certain rules'),
    );
    expect(rulesBox?.querySelector('input')?.hasAttribute('checked')).toBe(true);

    doc = await open(success);
    const del = formWithButton(rows(doc).at(-1) as Element, 'Delete');
    expect((await submit(del, formValues(del))).status).toBe(302);
    expect(successSet()?.actionIds).toHaveLength(before);
    expect(c.account.state.actions.some((a) => a.id === id)).toBe(false);
  });

  it('shows a validation error instead of saving an incomplete action', async () => {
    const { open, success, submit, successSet } = setup();
    const doc = await open(
      `${success}&${d.p.view}=${d.p.add}&${d.p.type}=${d.typeCode('sendEmail')}`,
    );
    const form = formWithButton(doc, 'Save');
    const before = successSet()?.actionIds.length;
    const res = await submit(form, formValues(form));
    expect(res.status).toBe(200);
    expect(res.body).toContain('Email template is required');
    expect(successSet()?.actionIds.length).toBe(before);
  });

  it('copies an existing action set with new ids', async () => {
    const { c, open, failed, submit, successSet } = setup();
    const doc = await open(failed);
    const copy = formWithButton(doc, 'Copy');
    const values = formValues(copy);
    const select = copy.querySelector('select') as Element;
    const names = [...select.querySelectorAll('option')].map((o) => o.textContent);
    expect(names).toContain('Successful Purchase Action');
    expect(names).toContain('Pool Filter Cartridge');
    expect(names).not.toContain('Failed Purchase Action');
    values.set(
      select.getAttribute('name') ?? '',
      optionValue(select, 'Successful Purchase Action'),
    );
    expect((await submit(copy, values)).status).toBe(302);
    const source = c.account.actionsOf({ kind: 'trigger', trigger: 'successfulPurchase' });
    const copied = c.account.actionsOf({ kind: 'trigger', trigger: 'failedPurchase' });
    expect(copied.map((a) => [a.type, a.config, a.rules])).toEqual(
      source.map((a) => [a.type, a.config, a.rules]),
    );
    expect(copied.some((a) => source.some((s) => s.id === a.id))).toBe(false);
    expect(successSet()?.actionIds).toEqual(source.map((a) => a.id));
  });

  it('rejects a missing or wrong token with 200 "could not be processed" and changes nothing', async () => {
    const { c, open, success, rows, submit } = setup();
    const doc = await open(success);
    const del = formWithButton(rows(doc)[0] as Element, 'Delete');
    const before = JSON.stringify(c.account.state);
    for (const token of [null, 'forged']) {
      const values = formValues(del);
      expect(values.get(d.tokenField)).toBe(c.account.touchSession(c.cookie.split('=')[1])?.token);
      if (token === null) values.delete(d.tokenField);
      else values.set(d.tokenField, token);
      const res = await submit(del, values);
      expect(res.status).toBe(200);
      expect(res.body).toContain('Your request could not be processed');
    }
    // GET with the same parameters must not change state either.
    await c.get(`${del.getAttribute('action')}?${formValues(del)}`);
    expect(JSON.stringify(c.account.state)).toBe(before);
  });

  it('Save notifies the opener and closes', async () => {
    const { open, success, submit } = setup();
    const doc = await open(success);
    const save = formWithButton(doc, 'Save');
    const res = await submit(save, formValues(save));
    expect(res.body).toContain('window.close()');
    if (d.name === 'inline') expect(res.body).toContain('window.opener.location.reload()');
    else
      expect(res.body).toMatch(
        /window\.opener\.postMessage\(\{"type":"kmc:sequence-saved".*location\.origin\)/,
      );
  });

  it('shows the dangling "Run another Action Set" reference only in the edit form', async () => {
    const { c, open } = setup();
    const kit = c.account.state.products.find((p) => p.name === 'Calcium Hardness Kit');
    const owner = { kind: 'product', productId: kit?.id ?? 0 } as const;
    const doc = await open(`${d.paths.editor}?${new URLSearchParams(d.ownerParams(owner))}`);
    expect(doc.body.textContent).toContain('Run action set: (not found, id 9999)');
    const action = c.account.actionsOf(owner)[0];
    const edit = await open(
      `${d.paths.editor}?${new URLSearchParams({ ...d.ownerParams(owner), [d.p.view]: d.p.edit, [d.p.actionId]: String(action?.id) })}`,
    );
    expect(edit.querySelector('select option[selected]')?.getAttribute('value')).toBe('9999');
  });
});
