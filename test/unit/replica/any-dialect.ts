// The account check and the page readers on an account of any dialect (hand-written, generated,
// derived from a report), in process: what the extension would read from the replica's pages.
import { type AccountCheckRun, checkAccount } from '@/lib/crm/account-check';
import { readActionsPage } from '@/lib/crm/actions-page';
import { detectPage } from '@/lib/crm/detect';
import { readSet } from '@/lib/crm/editor-ops';
import { readEditorRows } from '@/lib/crm/editor-page';
import { PoliteQueue } from '@/lib/crm/polite';
import { readReportPage } from '@/lib/crm/products-report';
import { readRunOnAllOrders } from '@/lib/crm/settings-page';
import { type PageShapeReport, pageShapeReport } from '@/lib/page-shape';
import { dialectSpec } from '../../replica/dialects.ts';
import type { Account, Replica } from '../../replica/index.ts';
import { savedPages } from '../../replica/saved-pages.ts';
import { ACTION_TYPES, summarize } from '../../replica/state/action-types.ts';
import { type SetOwner, TRIGGERS } from '../../replica/state/types.ts';
import { checkSetup, TRIGGER } from '../crm/account-check.setup';
import { parseHtml, replicaTransport } from '../crm/replica-client';

/** Runs the account check on `app` and returns it with the page-shape report it would save. */
export async function checkAndReport(
  replica: Replica,
  app: string,
): Promise<{ run: AccountCheckRun; report: PageShapeReport; account: Account }> {
  const { account, input } = await checkSetup(replica, app);
  const run = await checkAccount(input);
  const report = pageShapeReport(run.pages, {
    checks: run.result.checks,
    now: new Date('2026-01-01T00:00:00Z'),
  });
  return { run, report, account };
}

/** What the toolkit's readers make of each saved page of `app`: comparable across dialects. */
export async function readingsOf(replica: Replica, app: string) {
  const pages = await savedPages(replica, app);
  const docs = Object.fromEntries(
    Object.entries(pages).map(([name, p]) => {
      const doc = parseHtml(p.html);
      Object.defineProperty(doc, 'location', {
        value: { href: `${replica.origin(app)}${p.path}` },
      });
      return [name, doc];
    }),
  ) as Record<string, Document>;
  const actions = readActionsPage(docs['actions-page'] as Document);
  const rows = (name: string) =>
    readEditorRows(docs[name] as Document).map((r) => [r.action.label, r.action.summary]);
  return {
    kinds: Object.fromEntries(Object.entries(docs).map(([n, doc]) => [n, detectPage(doc)])),
    defaults: actions?.defaults.map((r) => [r.ref, r.count]) ?? null,
    products: actions?.products.map((r) => r.name.replace(/^Product: /, '')) ?? null,
    productSet: rows('editor-product-set'),
    successful: rows('editor-successful-purchase'),
    report: readReportPage(docs['other-products-report'] as Document).products.map((p) => [
      p.id,
      p.name,
      p.kind,
    ]),
    setting: readRunOnAllOrders(docs['settings-run-on-all-orders'] as Document)?.value ?? null,
  };
}

const TRIGGER_REF = Object.fromEntries(Object.entries(TRIGGER).map(([ref, key]) => [key, ref]));

/** What `readingsOf` must find, from the replica's own state. */
export function replicaReadings(replica: Replica, app: string) {
  const account = replica.accounts.get(app) as Account;
  const d = dialectSpec(account.spec.dialect);
  const s = account.state;
  const shown = d.markup ? d.markup.counts !== 'none' : d.name === 'inline';
  const rows = (owner: SetOwner) =>
    account
      .actionsOf(owner)
      .map((a) => [ACTION_TYPES.find((t) => t.key === a.type)?.label, summarize(a, s)]);
  const product = s.actionSets.find((x) => x.owner.kind === 'product' && x.actionIds.length);
  if (!product) throw new Error('no product set');
  return {
    defaults: TRIGGERS.map((t) => [
      { kind: 'default', trigger: TRIGGER_REF[t.key] },
      shown ? account.actionsOf({ kind: 'trigger', trigger: t.key }).length : null,
    ]),
    products: s.products
      .filter((p) => account.actionsOf({ kind: 'product', productId: p.id }).length)
      .map((p) => p.name),
    productSet: rows(product.owner),
    successful: rows({ kind: 'trigger', trigger: 'successfulPurchase' }),
    report: s.products.map((p) => [String(p.id), p.name, p.type.toLowerCase()]),
    setting: s.setting.runPurchaseActionsOnAllOrders ? 'yes' : 'no',
  };
}

/**
 * Every set of `app` read whole as a snapshot reads it (list, then each action's form), or the
 * error that stopped the read: without crm ids, which differ between accounts.
 */
export async function deepReadings(replica: Replica, app: string) {
  const account = replica.accounts.get(app) as Account;
  const d = dialectSpec(account.spec.dialect);
  const rt = replicaTransport(replica, account);
  const queue = new PoliteQueue({ maxInFlight: 4, maxPerSecond: 1000, retries: 1, backoffMs: 1 });
  const owners: SetOwner[] = [
    ...TRIGGERS.map((t): SetOwner => ({ kind: 'trigger', trigger: t.key })),
    ...account.state.products.map((p): SetOwner => ({ kind: 'product', productId: p.id })),
  ];
  const out: unknown[] = [];
  for (const owner of owners) {
    const url = `${replica.origin(app)}${d.paths.editor}?${new URLSearchParams(d.ownerParams(owner))}`;
    try {
      const { actions } = await readSet(url, {
        queue,
        transport: rt.transport,
        parseHtml,
        deep: true,
      });
      out.push(actions.map(({ crmId: _, ...a }) => a));
    } catch (e) {
      out.push(`${(e as Error).name}`);
    }
  }
  return out;
}
