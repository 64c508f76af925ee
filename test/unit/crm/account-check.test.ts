// The account check (issue 13) against the in-process replica, in both dialects: what it finds,
// what it says when something is missing, and that it never writes. lib/crm knows neither
// dialect; this test may (it resolves the scripted dialect's editor addresses from the dialect
// table, as the page bridge would at click time).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkAccount } from '@/lib/crm/account-check';
import type { Transport } from '@/lib/crm/transport';
import { type Replica, startReplica } from '../../replica/index.ts';
import { checkSetup } from './account-check.setup';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'acme', dialect: 'scripted', seed: 'acme' },
      { app: 'empty', dialect: 'scripted', seed: 'empty' },
    ],
  });
});
afterAll(() => replica.stop());
afterEach(() => vi.unstubAllGlobals());

const setup = (app: string, wrap?: (t: Transport) => Transport) => checkSetup(replica, app, wrap);

const stateOf = (r: Awaited<ReturnType<typeof checkAccount>>) =>
  Object.fromEntries(r.result.checks.map((c) => [c.id, c.state]));
const capOf = (r: Awaited<ReturnType<typeof checkAccount>>) =>
  Object.fromEntries(r.result.capabilities.map((c) => [c.feature, c.status]));

describe('checkAccount on the replica', () => {
  it.each(['demo', 'acme'])('%s: every check passes and every feature is ready', async (app) => {
    const { account, input } = await setup(app);
    const run = await checkAccount(input);
    expect(run.result.app).toBe(app);
    expect(run.result.checks.filter((c) => c.state !== 'passed')).toEqual([]);
    expect(capOf(run)).toEqual({
      snapshot: 'ready',
      'bulk-copy': 'ready',
      restore: 'ready',
      undo: 'ready',
      explainer: 'ready',
    });
    const setting = run.result.checks.find((c) => c.id === 'run-on-all-orders');
    expect(setting?.detail).toContain(
      account.state.setting.runPurchaseActionsOnAllOrders ? 'Yes' : 'No',
    );
    // The pages a page-shape report needs were all read.
    expect(run.pages.map((p) => p.role).sort()).toEqual(
      [
        'action-form',
        'action-form',
        'actions-page',
        'editor',
        'products-report',
        'settings',
      ].sort(),
    );
  });

  it.each(['demo', 'acme'])(
    '%s: the check sends only GETs (the replica logged 0 POSTs)',
    async (app) => {
      const { account, input, sent } = await setup(app);
      const run = await checkAccount(input);
      const log = account.requestLog;
      expect(log.length).toBeGreaterThanOrEqual(run.requests); // control: the log sees the check
      expect(log.length).toBeGreaterThan(5);
      expect(log.filter((e) => e.method !== 'GET')).toEqual([]);
      expect(sent.filter((s) => s.method !== 'GET')).toEqual([]);
    },
  );

  it('an account with no actions at all: Edit and Delete are "not tested", Undo waits for one', async () => {
    const { input } = await setup('empty');
    const run = await checkAccount(input);
    expect(stateOf(run)['edit-form']).toBe('not tested');
    expect(stateOf(run)['delete-control']).toBe('not tested');
    expect(capOf(run).snapshot).toBe('ready');
    expect(capOf(run)['bulk-copy']).toBe('ready');
    expect(capOf(run).undo).toBe('not available');
  });

  it('editor addresses it cannot learn: bulk copy and snapshot are not available, and say why', async () => {
    const { input } = await setup('demo');
    const run = await checkAccount({ ...input, editorUrls: () => new Map() });
    expect(stateOf(run)['editor-addresses']).toBe('failed');
    const bulk = run.result.capabilities.find((c) => c.feature === 'bulk-copy');
    expect(bulk?.status).toBe('not available');
    expect(bulk?.text).toMatch(
      /^Not available because where each Actions button leads: could not tell/,
    );
    expect(capOf(run).snapshot).toBe('not available');
    expect(capOf(run).explainer).toBe('ready'); // the setting does not need an editor
  });

  const headedAs = (header: string) =>
    setup('acme', (t) => async (url, init) => {
      const res = await t(url, init);
      if (!/productCatalog\/report/.test(url)) return res;
      const html = (await res.text()).replace(
        /<span class="header-sort-name">Name<\/span>/,
        `<span class="header-sort-name">${header}</span>`,
      );
      const out = new Response(html, { status: res.status, headers: res.headers });
      Object.defineProperty(out, 'url', { value: res.url });
      return out;
    });

  // Issue 13's first refusal: a report headed "Product Name" read 0 products. Now read.
  it('a products report headed "Product Name" is read', async () => {
    const run = await checkAccount((await headedAs('Product Name')).input);
    expect(run.result.checks.find((c) => c.id === 'products-report')?.state).toBe('passed');
    expect(capOf(run)).toMatchObject({ snapshot: 'ready', 'bulk-copy': 'ready' });
  });

  it('a name column headed in words we do not know: the check fails it, snapshot is sets only, bulk copy refuses', async () => {
    const run = await checkAccount((await headedAs('Offering')).input);
    const report = run.result.checks.find((c) => c.id === 'products-report');
    expect(report?.state).toBe('failed');
    expect(report?.detail).toMatch(
      /read 0 products on the first page but the report says there are 6/,
    );
    expect(capOf(run)).toMatchObject({
      snapshot: 'partial',
      'bulk-copy': 'not available',
      undo: 'not available',
    });
    expect(run.result.capabilities.find((c) => c.feature === 'snapshot')?.text).toMatch(
      /^Sets only/,
    );
  });

  it('a session that ends mid-way fails what is left, saying so', async () => {
    const { account, input } = await setup('demo');
    account.expireSessions();
    const run = await checkAccount(input);
    expect(stateOf(run)['actions-page']).toBe('passed'); // read from the page itself
    const editor = run.result.checks.find((c) => c.id === 'editor-list');
    expect(editor?.state).toBe('failed');
    expect(editor?.detail).toMatch(/session ended/);
  });

  it('an Add New Action form that posts is never sent: action form fails, no POST goes out', async () => {
    const { account, input, sent } = await setup('demo', (t) => async (url, init) => {
      const res = await t(url, init);
      if (!/editActionSet/.test(url) || /view=/.test(url)) return res;
      const html = (await res.text()).replace(
        /<form method="get"([^>]*class="add-action")/,
        '<form method="post"$1',
      );
      const out = new Response(html, { status: res.status, headers: res.headers });
      Object.defineProperty(out, 'url', { value: res.url });
      return out;
    });
    const run = await checkAccount(input);
    const form = run.result.checks.find((c) => c.id === 'action-form');
    expect(form?.state).toBe('failed');
    expect(form?.detail).toMatch(/sends a form, and the check never sends one/);
    expect(capOf(run)['bulk-copy']).toBe('not available');
    expect(sent.filter((s) => s.method !== 'GET')).toEqual([]);
    expect(account.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});
