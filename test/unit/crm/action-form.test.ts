import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillActionForm, readActionForm } from '@/lib/crm/action-form';
import { detectPage } from '@/lib/crm/detect';
import {
  type Account,
  type DialectSpec,
  INLINE,
  type Replica,
  SCRIPTED,
  startReplica,
} from '../../replica/index.ts';
import { parseHtml, replicaTransport } from './replica-client';

// Action forms as the replica renders them (both dialects) and as odd hand-written markup.

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

async function page(app: string, d: DialectSpec, params: Record<string, string>) {
  const account = replica.accounts.get(app) as Account;
  const { transport } = replicaTransport(replica, account);
  const testProduct = account.state.products.find((p) => p.name === 'Test Product');
  const owner = d.ownerParams({ kind: 'product', productId: testProduct?.id ?? 0 });
  const url = `${replica.origin(app)}${d.paths.editor}?${new URLSearchParams({ ...owner, ...params })}`;
  return { account, doc: parseHtml(await (await transport(url)).text()) };
}

describe.each([
  ['demo', INLINE],
  ['demo2', SCRIPTED],
])('replica action forms (%s)', (app, d) => {
  it('reads an edit form: config by caption, rules by visible text', async () => {
    const account = replica.accounts.get(app) as Account;
    const testProduct = account.state.products.find((p) => p.name === 'Test Product');
    const id = account.actionsOf({ kind: 'product', productId: testProduct?.id ?? 0 })[0]?.id;
    const { doc } = await page(app, d, { [d.p.view]: d.p.edit, [d.p.actionId]: String(id) });
    expect(detectPage(doc)).toBe('other');
    expect(readActionForm(doc)).toEqual({
      label: 'Send an HTTP post to another server',
      config: { 'Post URL': 'https://hooks.example.com/keap/order' },
      rules: {
        match: 'all',
        criteria: [{ field: 'Country', operator: 'Equal To', value: 'United States' }],
      },
    });
  });

  it("fills a blank add form by visible text, keeping the form's own names and token", async () => {
    const { doc } = await page(app, d, {
      [d.p.view]: d.p.add,
      [d.p.type]: d.typeCode('createOrder'),
    });
    expect(readActionForm(doc)).toMatchObject({
      label: 'Create An Order',
      config: { Products: [], 'Pay plan': '', 'Auto Charge this order': false },
      rules: null,
    });
    const filled = fillActionForm(doc, {
      config: {
        Products: ['Pool Stabilizer / Conditioner'],
        'Pay plan': '3 monthly payments',
        'Auto Charge this order': true,
      },
      rules: { match: 'none', criteria: [{ field: 'State', operator: 'Contains', value: 'CA' }] },
    });
    if (!(filled instanceof URLSearchParams)) throw new Error(filled.missing.join());
    expect(filled.get(d.tokenField)).toMatch(/.+/);
    expect(filled.get(d.fieldName('payPlan'))).toBe('3pay');
    expect(filled.get(d.fieldName('autoCharge'))).toBe('1');
    expect(filled.has(d.fieldName('chargeTax'))).toBe(false);
    expect(filled.get(d.rules.enabled)).toBe('1');
    expect(filled.get(d.rules.match)).toBe('none');
    expect(filled.get(d.rules.field(0))).toBe('State');
    expect(filled.get(d.rules.op(0))).toBe('contains');
    expect(filled.get(d.rules.field(1))).toBe('');
    // The filled document reads back as what was asked for.
    expect(readActionForm(doc)?.config).toMatchObject({ 'Pay plan': '3 monthly payments' });
  });

  it('reports every value the form cannot take, naming the field', async () => {
    const { doc } = await page(app, d, {
      [d.p.view]: d.p.add,
      [d.p.type]: d.typeCode('applyRemoveTag'),
    });
    expect(
      fillActionForm(doc, {
        config: { 'Tag action': 'Apply', Tag: 'Gold Member', Colour: 'red' },
        rules: {
          match: 'all',
          criteria: [{ field: 'Shoe Size', operator: 'Equal To', value: '9' }],
        },
      }),
    ).toEqual({
      missing: ['Tag: Gold Member', 'Colour (no such field)', 'Rules: field Shoe Size'],
    });
  });
});

const doc = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');

describe('odd action forms', () => {
  const TABLE_RULES = `<h3>Create a Note</h3><form method="post" action="/save">
<table><tr><td>Subject</td><td><input type="text" name="a1" value="Hi"></td></tr></table>
<table class="r"><tr><td colspan="3"><input type="checkbox" id="use" name="u" value="y" CHECKED><label for="use">Only run this action when certain rules are met</label></td></tr>
<tr><td>Match <select name="mm"><option value="1">All</option><option value="2" selected>Any</option><option value="3">None</option></select></td></tr>
<tr><td><select name="f.0"><option value="">--</option><option value="e">Email</option></select></td><td><select name="o.0"><option value="c" selected>Contains</option></select></td><td><input name="v.0" value="@x.com"></td></tr>
<tr><td><select name="f.1"><option value="">--</option><option value="e">Email</option></select></td><td><select name="o.1"><option value="c">Contains</option></select></td><td><input name="v.1" value=""></td></tr>
</table><input type="submit" value="Save"></form>`;

  it('reads rules laid out in a table with a label[for] toggle and codes for the match', () => {
    expect(
      readActionForm(
        doc(
          TABLE_RULES.replace(
            'value="e">Email</option></select></td><td><select name="o.0"',
            'value="e" selected>Email</option></select></td><td><select name="o.0"',
          ),
        ),
      ),
    ).toEqual({
      label: 'Create a Note',
      config: { Subject: 'Hi' },
      rules: {
        match: 'any',
        criteria: [{ field: 'Email', operator: 'Contains', value: '@x.com' }],
      },
    });
  });

  it('adds rule rows by renumbering the names, and refuses when the names show no pattern', () => {
    const d = doc(TABLE_RULES);
    const three = {
      config: {},
      rules: {
        match: 'all' as const,
        criteria: ['@a', '@b', '@c'].map((value) => ({
          field: 'Email',
          operator: 'Contains',
          value,
        })),
      },
    };
    const filled = fillActionForm(d, three);
    if (!(filled instanceof URLSearchParams)) throw new Error(filled.missing.join());
    expect(filled.get('v.2')).toBe('@c');
    expect(filled.get('f.2')).toBe('e');
    expect(filled.get('mm')).toBe('1');
    const odd = doc(TABLE_RULES.replace(/name="(\w)\.1"/g, 'name="$1.x"'));
    expect(fillActionForm(odd, three)).toEqual({
      missing: ['Rules: the form has room for only 2 rules'],
    });
  });

  it('unticks rules when the action has none, and reports rules a form cannot hold', () => {
    const filled = fillActionForm(doc(TABLE_RULES), { config: { Subject: 'Bye' } });
    if (!(filled instanceof URLSearchParams)) throw new Error('missing');
    expect(filled.has('u')).toBe(false);
    expect(filled.get('a1')).toBe('Bye');
    const plain = doc(
      '<form method="post"><label>Title <input name="t"></label><input type="submit" value="Save"></form>',
    );
    expect(readActionForm(plain)).toEqual({ label: '', config: { Title: '' }, rules: null });
    expect(fillActionForm(plain, { config: {}, rules: { match: 'all', criteria: [] } })).toEqual({
      missing: ['Rules (the form offers no rules)'],
    });
  });
});
