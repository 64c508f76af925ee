// The data against an independent literal copy of Keap's table, so a typo in lib/matrix/data.ts
// (or here) fails. Columns: billingAutocharge, productSpecific, global, campaignGoal.
import { describe, expect, it } from 'vitest';
import {
  type Automation,
  automationKeys,
  automations,
  cellFor,
  defaultSets,
  facts,
  getPath,
  MatrixSchema,
  orderPaths,
  type Setting,
  SourceIdSchema,
  sources,
} from '../../../lib/matrix';

const TABLE = `
 1 cart-product                          P YYYY
 2 cart-subscription-initial             S YYYY
 3 manual-order-charge-now               P YYNY
 4 manual-subscription-invoice-charge    S YYNY
 5 manual-subscription-scheduler-charge  S YYNY
 6 legacy-action-order-product           P YYNY
 7 legacy-action-order-subscription-first S YYNY
 8 recurring-payment                     S YNNN
 9 cart-payplan-initial-payment          P YYYY
10 manual-order-payplan                  P YYNN
11 payplan-payoff                        P YYNN
12 recurring-payment-manual-card         S YNNN
13 recurring-payment-manual-no-card      S NNNN
14 manual-order-no-card                  P NYNN
15 manual-subscription-no-card           S NYNN
16 api-charge-invoice                    P YYNY
17 api-charge-invoice-subscription       S YYNY
18 api-place-order                       P YYYY
19 api-place-order-subscription          S YYYY
20 api-add-manual-payment                P NYNN
`;

type Row = { n: number; id: string; kind: string; yn: string };
const rows: Row[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [n, id, kind, yn] = line.trim().split(/\s+/);
    return { n: Number(n), id: String(id), kind: String(kind), yn: String(yn) };
  });

const letter = { yes: 'Y', no: 'N', unknown: '?' } as const;
const conf = { documented: 'D', inferred: 'I' } as const;

/** One column for one setting as a 20-letter string, e.g. "YYNN...". */
function column(key: Automation, setting: Setting): string {
  return orderPaths.map((p) => letter[cellFor(p, key, setting).value]).join('');
}
function confidences(key: Automation, setting: Setting): string {
  return orderPaths.map((p) => conf[cellFor(p, key, setting).confidence]).join('');
}

describe('the published table (setting = Yes)', () => {
  it('has 20 rows numbered 1-20 that validate against the exported schema', () => {
    expect(rows).toHaveLength(20);
    expect(() => MatrixSchema.parse(orderPaths)).not.toThrow();
    expect(orderPaths.map((p) => p.number)).toEqual(rows.map((r) => r.n));
  });

  it.each(rows)('row $n ($id): id, P/S and all four cells', (row) => {
    const path = orderPaths[row.n - 1];
    expect(path?.id).toBe(row.id);
    expect(path?.kind).toBe(row.kind === 'P' ? 'product' : 'subscription');
    automationKeys.forEach((key, i) => {
      const cell = path?.cells[key];
      expect(cell && letter[cell.value], `${row.id} ${key}`).toBe(row.yn[i]);
      // Every published cell is documented and cites the article.
      expect(cell?.confidence).toBe('documented');
      expect(cell?.source).toBe('keap-ecommerce-actions-run');
    });
  });

  it('marks exactly rows 13, 14, 15 and 20 as paths without a card', () => {
    expect(orderPaths.filter((p) => !p.cardCharged).map((p) => p.number)).toEqual([13, 14, 15, 20]);
  });

  it('keeps N in row 10 campaign goal, noting the scan read "Z"', () => {
    const cell = orderPaths[9]?.cells.campaignGoal;
    expect(cell?.value).toBe('no');
    expect(cell?.note).toMatch(/"Z"/);
  });

  it('groups paths into channels a UI can filter on', () => {
    const byChannel = (c: string) => orderPaths.filter((p) => p.channel === c).map((p) => p.number);
    expect(byChannel('cart')).toEqual([1, 2, 9]);
    expect(byChannel('manual')).toEqual([3, 4, 5, 10, 14, 15]);
    expect(byChannel('legacy')).toEqual([6, 7]);
    expect(byChannel('recurring')).toEqual([8, 12, 13]);
    expect(byChannel('payplan')).toEqual([11]);
    expect(byChannel('api')).toEqual([16, 17, 18, 19, 20]);
    expect(orderPaths.filter((p) => p.channel === 'api').map((p) => p.apiMethod)).toEqual([
      'chargeInvoice',
      'chargeInvoice',
      'placeOrder',
      'placeOrder',
      'addManualPayment',
    ]);
  });

  it('the schema rejects a broken matrix', () => {
    const broken = orderPaths.map((p) => ({ ...p }));
    const first = broken[0];
    if (first) first.cardCharged = false; // contradicts its billing cell
    expect(() => MatrixSchema.parse(broken)).toThrow(/cardCharged/);
    expect(() => MatrixSchema.parse(orderPaths.slice(1))).toThrow();
  });
});

describe('"Run Purchase Actions On All Orders" = No', () => {
  it('product-specific: manual rows documented N, legacy and payoff inferred N, API unknown', () => {
    expect(column('productSpecific', 'no')).toBe('YYNNNNNNYNNNNNN?????');
    expect(confidences('productSpecific', 'no')).toBe('DDDDDIIIDDIIIDDIIIII');
  });

  it.each(['billingAutocharge', 'global', 'campaignGoal'] as const)(
    '%s is unchanged, but only inferred',
    (key) => {
      expect(column(key, 'no')).toBe(column(key, 'yes'));
      expect(confidences(key, 'no')).toBe('I'.repeat(20));
    },
  );
});

describe('setting unknown', () => {
  it('product-specific is unknown wherever Yes and No differ', () => {
    expect(column('productSpecific', 'unknown')).toBe('YY?????NY??NN???????');
    // Rows 1, 2, 9 rest on two documented cells; the rest lean on an inference.
    expect(confidences('productSpecific', 'unknown')).toBe('DDIIIIIIDIIIIIIIIIII');
    const cell = cellFor(getPath(3), 'productSpecific', 'unknown');
    expect(cell.note).toMatch(/Yes → yes, No → no/);
  });

  it.each(['billingAutocharge', 'global', 'campaignGoal'] as const)(
    '%s keeps its value, inferred',
    (key) => {
      expect(column(key, 'unknown')).toBe(column(key, 'yes'));
      expect(confidences(key, 'unknown')).toBe('I'.repeat(20));
    },
  );
});

describe('sources, automations and facts as data', () => {
  it('has one source per id, each with a title and an https address or an explicit null', () => {
    expect(sources.map((s) => s.id).sort()).toEqual([...SourceIdSchema.options].sort());
    for (const s of sources) expect(s.url === null || s.url.startsWith('https://')).toBe(true);
    expect(sources.find((s) => s.id === 'keap-community-45716')?.url).toContain('/45716');
  });

  it('names the four automations and five Default Settings sets', () => {
    expect(automations.map((a) => a.key)).toEqual([...automationKeys]);
    expect(defaultSets.map((d) => d.key)).toEqual([
      'onLogin',
      'contactCreation',
      'successful',
      'failed',
      'error',
    ]);
  });

  it('carries the further facts with their rows', () => {
    const fact = (id: string) => facts.find((f) => f.id === id);
    expect(fact('payplan-every-payment')?.rows).toEqual([9, 10, 11]);
    expect(fact('add-manual-payment')?.source).toBe('infusionsoft-php-isdk');
    expect(fact('integration-paths')?.text).toMatch(/FunnelService\.achieveGoal/);
    expect(fact('contact-creation')?.text).toMatch(/first name, last name and email/);
    expect(fact('on-login')?.text).toMatch(/no purchase/);
    expect(fact('failed-error-subscriptions')?.text).toMatch(/billed successfully/);
    expect(fact('pro-max-not-mixed')?.text).toMatch(/Purchase When/);
  });
});
