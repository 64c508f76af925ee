// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE, type Replica, SCRIPTED, startReplica } from '../../replica/index.ts';
import { client, formValues, formWithButton, parse } from './helpers.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'acme', dialect: 'scripted', seed: 'acme' },
      {
        app: 'big',
        dialect: 'scripted',
        seed: { generate: { products: 237, maxActions: 5, seed: 7 } },
      },
      {
        app: 'bigi',
        dialect: 'inline',
        seed: { generate: { products: 120, maxActions: 3, seed: 7 } },
      },
    ],
  });
});
afterAll(() => replica.stop());

/** The control that sits with the "Run Purchase Actions On All Orders" label. */
function settingControl(doc: Document): { name: string; yes: string; no: string; current: string } {
  const select = doc.querySelector('#runActionsOnAllOrders');
  if (select) {
    const opt = (t: string) =>
      [...select.querySelectorAll('option')]
        .find((o) => o.textContent === t)
        ?.getAttribute('value') ?? '';
    return {
      name: select.getAttribute('name') ?? '',
      yes: opt('Yes'),
      no: opt('No'),
      current: select.querySelector('option[selected]')?.textContent ?? '',
    };
  }
  const field = [...doc.querySelectorAll('.kmc-field')].find((f) =>
    f.textContent?.includes('Run Purchase Actions On All Orders'),
  );
  const radios = [...(field?.querySelectorAll('input[type="radio"]') ?? [])];
  const byLabel = (t: string) => radios.find((r) => r.parentElement?.textContent?.trim() === t);
  return {
    name: radios[0]?.getAttribute('name') ?? '',
    yes: byLabel('Yes')?.getAttribute('value') ?? '',
    no: byLabel('No')?.getAttribute('value') ?? '',
    current:
      radios.find((r) => r.hasAttribute('checked'))?.parentElement?.textContent?.trim() ?? '',
  };
}

describe('settings', () => {
  it.each([
    ['demo', INLINE, 'No', 'Order'],
    ['acme', SCRIPTED, 'Yes', 'Product and Subscription Plans'],
  ])(
    '%s toggles Run Purchase Actions On All Orders (token-protected)',
    async (app, d, initial, where) => {
      const c = client(replica, app);
      let doc = parse((await c.get(d.paths.settings)).body);
      expect(doc.body.textContent).toContain(where);
      let control = settingControl(doc);
      expect(control.current).toBe(initial);
      const form = formWithButton(doc, 'Save');
      const values = formValues(form);
      const target = initial === 'Yes' ? control.no : control.yes;
      values.set(control.name, target);
      const forged = new URLSearchParams(values);
      forged.delete(d.tokenField);
      expect((await c.post(form.getAttribute('action') ?? '', forged)).body).toContain(
        'Your request could not be processed',
      );
      expect(c.account.state.setting.runPurchaseActionsOnAllOrders).toBe(initial === 'Yes');
      const res = await c.post(form.getAttribute('action') ?? '', values);
      expect(res.status).toBe(302);
      expect(c.account.state.setting.runPurchaseActionsOnAllOrders).toBe(initial !== 'Yes');
      doc = parse((await c.get(String(res.headers.location))).body);
      control = settingControl(doc);
      expect(control.current).toBe(initial === 'Yes' ? 'No' : 'Yes');
      expect(doc.body.textContent).toContain('saved');
    },
  );
});

describe('products report', () => {
  const read = async (app: string, path: string) => {
    const doc = parse((await client(replica, app).get(path)).body);
    const table = doc.querySelector('table.zebra-striped.tabular.data-table');
    const rows = [
      ...(table?.querySelectorAll(':scope > tbody > tr.data-td, :scope > tbody > tr.alt-data-td') ??
        []),
    ];
    const value = (id: string) =>
      (doc.querySelector(`#${id}`) as HTMLInputElement | null)?.getAttribute('value');
    return {
      doc,
      rows,
      total: Number(value('numberOfRecords')),
      currentPage: value('currentPage'),
      perPage: value('perPage'),
    };
  };

  it.each([
    ['big', SCRIPTED.paths.report, 237],
    ['bigi', `${INLINE.paths.report}?reportClass=ProductSearch&view=resultsPage`, 120],
  ])('%s honours perPage/currentPage and reports the true total', async (app, path, total) => {
    const sep = path.includes('?') ? '&' : '?';
    const first = await read(app, path);
    expect(first.total).toBe(total);
    expect(first.rows).toHaveLength(50);
    expect(first.perPage).toBe('50');
    const page2 = await read(app, `${path}${sep}perPage=40&currentPage=2`);
    expect(page2.rows).toHaveLength(40);
    expect(page2.currentPage).toBe('2');
    expect(page2.rows[0]?.querySelector('td.dt')?.textContent).toBe(
      String(replica.accounts.get(app)?.state.products[40]?.id),
    );
    const all = await read(app, `${path}${sep}perPage=1000`);
    expect(all.rows).toHaveLength(total);
    const beyond = await read(app, `${path}${sep}perPage=100&currentPage=99`);
    expect(beyond.rows).toHaveLength(0);
    expect(beyond.total).toBe(total);
  });

  it('has Id, Name, Category, Price, Type columns', async () => {
    const { doc, rows } = await read(
      'demo',
      `${INLINE.paths.report}?reportClass=ProductSearch&view=resultsPage`,
    );
    expect([...doc.querySelectorAll('span.header-sort-name')].map((s) => s.textContent)).toEqual([
      'Id',
      'Name',
      'Category',
      'Price',
      'Type',
    ]);
    const checkup = rows.find((r) => r.textContent?.includes('Weekly Pool Checkup'));
    expect(
      [...(checkup?.querySelectorAll('td.dt, td.dt-wrap') ?? [])].map((t) => t.textContent),
    ).toEqual(['9', 'Weekly Pool Checkup', 'Services', '$79.00', 'Subscription']);
  });
});
