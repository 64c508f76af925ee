// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE, type Replica, SCRIPTED, startReplica } from '../../replica/index.ts';
import { client, parse, scriptedWindow } from './helpers.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'acme', dialect: 'scripted', seed: 'acme' },
      { app: 'demo2', dialect: 'scripted', seed: 'demo' },
      { app: 'acme2', dialect: 'inline', seed: 'acme' },
    ],
  });
});
afterAll(() => replica.stop());

const LABELS = [
  'On Login (Multi-Step Cart)',
  'Contact Creation Action',
  'Successful Purchase Action',
  'Failed Purchase Action',
  'Error Purchase Action',
];
const DEMO_PRODUCTS = [
  'Pool scrubbing Mitt',
  'Pool Stabilizer / Conditioner',
  'Super Sock It Pool Shock',
  'Weekly Pool Checkup',
  'Calcium Hardness Kit',
  'Test Product',
];
const HOSTILE = '<img src=x onerror=alert(1)>';

function actionsButtons(doc: Document): Element[] {
  const content = doc.querySelector('#content');
  return [...(content?.querySelectorAll('input[type="button"], button, a') ?? [])].filter(
    (el) => (el.getAttribute('value') ?? el.textContent)?.trim() === 'Actions',
  );
}

describe('E-Commerce > Actions page', () => {
  it.each([
    ['demo', INLINE],
    ['demo2', SCRIPTED],
  ])('%s shows the five Default Settings and the products with actions', async (app, d) => {
    const res = await client(replica, app).get(d.paths.actions);
    expect(res.status).toBe(200);
    const doc = parse(res.body);
    const text = doc.body.textContent ?? '';
    expect(text).toContain('Default Settings');
    expect(text).toContain('Click inside the text box and start typing the name of a product');
    for (const label of [...LABELS, ...DEMO_PRODUCTS]) expect(text).toContain(label);
    expect(text).not.toContain('Pool Filter Cartridge');
    expect(actionsButtons(doc)).toHaveLength(LABELS.length + DEMO_PRODUCTS.length);
    expect(text).toMatch(/1\.70\.0\.\d+-sysarch-\d{12}/);
    expect(res.body).not.toMatch(/<script[^>]+src=/);
    expect(res.body).not.toMatch(/<(link|img)[^>]+(href|src)="https?:/);
  });

  it('inline: onclick window.open with a literal editor URL, and a count beside each button', async () => {
    const res = await client(replica, 'demo').get(INLINE.paths.actions);
    expect(res.body).toContain(
      `onclick="window.open('/app/purchaseActions/editActionSet?triggerId=3', 'actionSet_T3',`,
    );
    const doc = parse(res.body);
    const row = [...doc.querySelectorAll('tr')].find((tr) =>
      tr.textContent?.includes('Successful Purchase'),
    );
    expect(row?.textContent).toContain('(2)');
    const failed = [...doc.querySelectorAll('tr')].find((tr) =>
      tr.textContent?.includes('Failed Purchase'),
    );
    expect(failed?.textContent).toContain('(0)');
    const page = await scriptedWindow(replica.origin('demo') + INLINE.paths.actions, res.body);
    (actionsButtons(page.document)[5] as HTMLElement).click();
    expect(page.opened).toEqual([
      {
        url: '/app/purchaseActions/editActionSet?productId=6',
        name: 'actionSet_P6',
        features: 'width=820,height=640,scrollbars=yes,resizable=yes',
      },
    ]);
    await page.window.happyDOM.close();
  });

  it('scripted: no editor URL and no counts in the markup; the click builds the URL', async () => {
    const res = await client(replica, 'demo2').get(SCRIPTED.paths.actions);
    expect(res.body).not.toContain('actionSequence/edit');
    expect(res.body).not.toContain('sequenceRef=');
    const content = parse(res.body).querySelector('#content')?.textContent ?? '';
    expect(content).not.toMatch(/\(\d+\)|\d+ actions?/);
    expect(res.body).not.toMatch(/onclick=/i);
    const page = await scriptedWindow(replica.origin('demo2') + SCRIPTED.paths.actions, res.body);
    const buttons = actionsButtons(page.document);
    (buttons[2] as HTMLElement).click();
    (buttons[5] as HTMLElement).click();
    expect(page.opened.map((o) => o.url)).toEqual([
      '/app/commerce/actionSequence/edit?sequenceType=TRIGGER&sequenceRef=PURCHASE_SUCCESS',
      '/app/commerce/actionSequence/edit?sequenceType=PRODUCT&sequenceRef=6',
    ]);
    await page.window.happyDOM.close();
  });

  it('scripted: refreshes the products section in place on a message from the editor', async () => {
    const c = client(replica, 'demo2');
    const res = await c.get(SCRIPTED.paths.actions);
    const fragment = await c.get(SCRIPTED.paths.productFragment);
    const withExtra = fragment.body.replace(
      '</div>',
      '<div class="kmc-row"><span class="kmc-row__name">Fresh</span></div></div>',
    );
    const page = await scriptedWindow(
      replica.origin('demo2') + SCRIPTED.paths.actions,
      res.body,
      withExtra,
    );
    page.window.dispatchEvent(
      new page.window.MessageEvent('message', {
        data: { type: 'kmc:sequence-saved' },
        origin: replica.origin('demo2'),
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(page.fetched).toEqual([SCRIPTED.paths.productFragment]);
    expect(page.document.querySelector('.kmc-products')?.textContent).toContain('Fresh');
    await page.window.happyDOM.close();
  });

  it.each([
    ['acme2', INLINE],
    ['acme', SCRIPTED],
  ])('%s renders hostile product names escaped', async (app, d) => {
    const c = client(replica, app);
    const res = await c.get(d.paths.actions);
    expect(res.body).not.toContain(HOSTILE);
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const doc = parse(res.body);
    expect(doc.querySelector('img')).toBeNull();
    const text = doc.body.textContent ?? '';
    expect(text).toContain(HOSTILE);
    expect(text).toContain('Tom & Jerry\'s "Deluxe" Kit');
    expect(text).toContain('Café Crème Ölfilter');
    const report = await c.get(`${d.paths.report}?perPage=100`);
    expect(report.body).not.toContain(HOSTILE);
    expect(parse(report.body).body.textContent).toContain(HOSTILE);
  });

  it('type-ahead answers JSON in each dialect format', async () => {
    const inline = await client(replica, 'demo').get(`${INLINE.paths.typeahead}?q=pool`);
    expect(inline.headers['content-type']).toContain('application/json');
    const list = JSON.parse(inline.body) as { id: number; name: string }[];
    expect(list.map((p) => p.name)).toContain('Pool Filter Cartridge');
    expect(list.every((p) => typeof p.id === 'number')).toBe(true);
    const scripted = await client(replica, 'acme').get(`${SCRIPTED.paths.typeahead}?term=img`);
    expect(JSON.parse(scripted.body)).toEqual({
      items: [{ value: '1', text: HOSTILE }].map((i) => ({ ...i, value: expect.any(String) })),
      term: 'img',
    });
  });
});
