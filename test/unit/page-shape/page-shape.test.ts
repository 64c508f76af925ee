// The page-shape report (issue 13): privacy on the hostile `acme` account (scripted dialect) and
// on `demo` (inline), with controls showing that what must not survive was on the pages, and that
// the report keeps the labels and structure a developer needs.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CheckedPage, checkAccount, tokenField } from '@/lib/crm/account-check';
import { readActionsPage } from '@/lib/crm/actions-page';
import { readEditorRows } from '@/lib/crm/editor-page';
import { DEFAULT_TRIGGER_LABELS } from '@/lib/crm/labels';
import { pageShapeFileName, pageShapeReport } from '@/lib/page-shape';
import { codeValue, type ScrubContext, script, text, url } from '@/lib/page-shape/scrub';
import { type Account, type Replica, startReplica } from '../../replica/index.ts';
import { checkSetup } from '../crm/account-check.setup';
import { parseHtml } from '../crm/replica-client';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'acme', dialect: 'scripted', seed: 'acme' },
      { app: 'demo', dialect: 'inline', seed: 'demo' },
    ],
  });
});
afterAll(() => replica.stop());
afterEach(() => vi.unstubAllGlobals());

/** Every name the account holds: what a page-shape report must never carry. */
function secretsOf(account: Account): string[] {
  const s = account.state;
  const named = [
    ...s.products.flatMap((p) => [p.name, p.category]),
    ...s.tags.map((t) => t.name),
    ...s.emailTemplates.map((t) => t.name),
    ...s.letterTemplates.map((t) => t.name),
    ...s.namedActionSets.map((t) => t.name),
    ...s.users.map((t) => t.name),
    ...s.fulfillmentLists.map((t) => t.name),
    ...s.followUpSequences.map((t) => t.name),
  ];
  // Free-text config (note subjects, post URLs, field values) is customer data too.
  const config = s.actions.flatMap((a) =>
    Object.values(a.config).flatMap((v) => (typeof v === 'string' && !/^\d+$/.test(v) ? [v] : [])),
  );
  return [...new Set([...named, ...config])].filter(
    (x) => x.length >= 4 && !/^(apply|full)$/i.test(x),
  );
}

/** The check's pages, plus every set's editor and every action's form: all the account's names. */
async function allPages(app: string) {
  const { account, input, transport } = await checkSetup(replica, app);
  const run = await checkAccount(input);
  const pages: CheckedPage[] = [...run.pages];
  const rows = input.editorUrls(readActionsRows(input.doc) ?? []);
  for (const editorUrl of new Set(rows.values())) {
    const res = await transport(editorUrl);
    const doc = parseHtml(await res.text());
    pages.push({ role: 'editor', url: res.url, doc });
    for (const row of readEditorRows(doc)) {
      const href = row.edit.getAttribute('href');
      if (!href || href.startsWith('javascript:')) continue;
      const form = await transport(new URL(href, res.url).href);
      pages.push({ role: 'action-form', url: form.url, doc: parseHtml(await form.text()) });
    }
  }
  return { account, run, pages };
}

function readActionsRows(doc: Document) {
  const page = readActionsPage(doc);
  return page ? [...page.defaults, ...page.products] : null;
}

const visible = (pages: CheckedPage[]) =>
  pages
    .map((p) => `${p.doc.documentElement.outerHTML}\n${p.doc.documentElement.textContent}`)
    .join('\n');

describe.each(['acme', 'demo'])('page-shape report of %s', (app) => {
  it('carries no name, no token value and no app name; the pages did', async () => {
    const { account, run, pages } = await allPages(app);
    const json = JSON.stringify(pageShapeReport(pages, { checks: run.result.checks }));
    const raw = visible(pages);
    const secrets = secretsOf(account);
    expect(secrets.length).toBeGreaterThan(15);
    // Control: each secret was on the pages the report describes, as text or attribute.
    const shown = secrets.filter((s) => raw.includes(s));
    expect(shown.length).toBeGreaterThanOrEqual(account.state.products.length);
    for (const p of account.state.products) expect(shown).toContain(p.name);
    for (const s of shown) {
      expect(json).not.toContain(s);
      expect(json).not.toContain(JSON.stringify(s).slice(1, -1));
    }
    // Words of the hostile names, too (a name cut into an identifier is still the name).
    for (const word of [
      'Deluxe',
      'Ölfilter',
      'Rocket',
      'Anvil',
      'Magnet',
      'onerror',
      'Pool',
      'Mitt',
      'hooks.example',
    ]) {
      if (raw.includes(word)) expect(json).not.toContain(word);
    }
    // The anti-forgery token: on every action form, never in the report.
    const form = pages.find((p) => p.role === 'action-form')?.doc.querySelector('form');
    const name = form && tokenField(form);
    const token = form?.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '';
    expect(token.length).toBeGreaterThan(10);
    expect(raw).toContain(token);
    expect(json).not.toContain(token);
    // The account's name (and so its host) is a placeholder.
    expect(raw.toLowerCase()).toContain(app);
    expect(json.toLowerCase()).not.toContain(app);
    expect(json).toContain('{app}.infusionsoft.com');
    // The check's details name the account's sets: only ids and states travel.
    expect(json).toContain('"id":"editor-list","state":"passed"');
  });

  it('keeps the labels the toolkit knows and the structure (field names, types, targets)', async () => {
    const { run } = await allPages(app);
    const report = pageShapeReport(run.pages, { checks: run.result.checks });
    const json = JSON.stringify(report);
    for (const label of Object.values(DEFAULT_TRIGGER_LABELS)) expect(json).toContain(`"${label}"`);
    for (const label of ['Default Settings', 'Add New Action', 'Copy an existing action set']) {
      expect(json).toContain(label);
    }
    expect(json).toContain('Run Purchase Actions On All Orders');
    expect(report.pages.map((p) => p.role)).toEqual(run.pages.map((p) => p.role));
    // The token field's name stays (its value does not); the setting's control stays by name.
    const names =
      app === 'acme'
        ? ['_csrf', 'allOrdersPurchaseActions']
        : ['org.apache.struts.taglib.html.TOKEN', 'runActionsOnAllOrders'];
    for (const n of names) expect(json).toContain(`"name":"${n}"`);
    expect(json).toMatch(/"type":"hidden"/);
    expect(json).toMatch(/"method":"(get|post)"/);
    expect(json).toContain('"class":"zebra-striped tabular data-table"');
    // Non-label texts are reduced to their length.
    expect(json).toMatch(/\{text:\d+\}/);
  });
});

describe('scrubbers', () => {
  const ctx: ScrubContext = {
    app: 'acme',
    base: 'https://acme.infusionsoft.com/app/commerce/purchaseAutomation',
    dataWords: new Set(['giant', 'magnet']),
    known: new Set(['actions', 'successful purchase action']),
  };
  it('links: the account, ids and data become placeholders; paths and parameter names stay', () => {
    expect(url('/Ecommerce/editActionSet.jsp?productId=42&view=edit', ctx)).toBe(
      '/Ecommerce/editActionSet.jsp?productId={n}&view=edit',
    );
    expect(url('https://app.infusionsoft.com/app/x?app_id=acme&q=Giant%20Magnet', ctx)).toBe(
      'https://app.infusionsoft.com/app/x?app_id={app}&q={text:12}',
    );
    expect(url('https://acme.infusionsoft.com/product/giant-magnet-12', ctx)).toBe(
      'https://{app}.infusionsoft.com/product/{text:15}',
    );
    expect(url('https://other.infusionsoft.com/x', ctx)).toBe(
      'https://{other-app}.infusionsoft.com/x',
    );
    expect(url('https://hooks.example.com/a', ctx)).toBe('https://{host}/a');
  });
  it('scripts: calls and URL literals kept, other literals and numbers reduced, comments dropped', () => {
    expect(
      script(
        "window.open('/app/edit?triggerId=3', 'actionSet_T3', 'width=820'); /* Giant */ return false;",
        ctx,
      ),
    ).toBe("window.open('/app/edit?triggerId={n}', 'actionSet_T{n}', 'width={n}');  return false;");
    expect(script("pick('Giant Magnet', 12)", ctx)).toBe("pick('{text:12}', {n})");
  });
  it('texts and values: known labels kept, "Label: …" keeps the label, plain words reduced', () => {
    expect(text('Successful Purchase Action', ctx)).toBe('Successful Purchase Action');
    expect(text('Actions: Giant Magnet', ctx)).toBe('Actions: {text:12}');
    expect(text('Giant Magnet', ctx)).toBe('{text:12}');
    expect(codeValue('Buyer', ctx)).toBe('{text:5}');
    expect(codeValue('PURCHASE_SUCCESS', ctx)).toBe('PURCHASE_SUCCESS');
    expect(codeValue('a8F3kq9ZpLm2Xw7Rt5Yv0Nb', ctx)).toBe('{text:23}');
  });
  it('names the file without the account', () => {
    expect(pageShapeFileName(new Date('2026-01-02T03:04:05Z'))).toBe(
      'page-shape-2026-01-02-03-04-05.json',
    );
  });
});
