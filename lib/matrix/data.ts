// The 20 order paths of Keap's "When E-commerce Actions Run" table, numbered as in the article,
// and what the "Run Purchase Actions On All Orders" setting changes. Cells are written as the
// article's Y/N strings (billing, product-specific, global, goal) so a review against the source
// is a glance; `buildPath` expands them into cited cells. Plain typed data: the unit tests
// (test/unit/matrix/data.test.ts) check it against the schemas, so nothing parses it at load.
import {
  type ApiMethod,
  type Automation,
  automationKeys,
  type Cell,
  type Cells,
  type Channel,
  type Kind,
  type OrderPath,
  type Payment,
  type SettingNoRule,
} from './schema';

/** What "Run Purchase Actions On All Orders" = No changes; anything not listed is unchanged. */
export const settingNoRules: readonly SettingNoRule[] = [
  {
    rows: [1, 2, 9],
    automation: 'productSpecific',
    value: 'yes',
    confidence: 'documented',
    source: 'keap-purchase-actions',
    note: 'Cart and order-form purchases run purchase actions by default, whatever the setting.',
  },
  {
    rows: [3, 4, 5, 10, 14, 15],
    automation: 'productSpecific',
    value: 'no',
    confidence: 'documented',
    source: 'keap-purchase-actions',
    note: 'Manual orders run product-specific actions only when the setting is on.',
  },
  {
    rows: [6, 7, 11],
    automation: 'productSpecific',
    value: 'no',
    confidence: 'inferred',
    source: 'keap-purchase-actions',
    note:
      'Read as "legacy order form purchases and manual orders", which need the setting on; ' +
      'Keap does not name this path.',
  },
  {
    rows: [16, 17, 18, 19, 20],
    automation: 'productSpecific',
    value: 'unknown',
    confidence: 'inferred',
    source: 'keap-ecommerce-actions-run',
    note: 'Keap documents API orders only with the setting on; with it off the result is unknown.',
  },
];

// Row 20 is corroborated by the PHP iSDK's own note on addManualPayment.
const ISDK_NOTE =
  'Agrees with the PHP iSDK: addManualPayment "will not complete Purchase Goals or Successful Purchase Actions".';

const UNCHANGED_NOTE = 'The setting is not known to change this column (inferred).';

type Spec = {
  n: number;
  id: string;
  label: string;
  keap: string;
  kind: Kind;
  channel: Channel;
  payment?: Payment;
  payPlan?: boolean;
  api?: ApiMethod;
  /** No card is processed (cash, check, manual card entry, API manual payment). */
  noCard?: true;
  /** Y/N for billingAutocharge, productSpecific, global, campaignGoal. */
  yn: string;
  notes?: Partial<Record<Automation, string>>;
};

// One row per line mirrors the article's table; the formatter would spread each over ten lines.
// biome-ignore format: table layout
const specs: Spec[] = [
  { n: 1, id: 'cart-product', label: 'One-time product bought through an order form or the shopping cart', keap: 'Product From Order Form/Shopping Cart', kind: 'product', channel: 'cart', yn: 'YYYY' },
  { n: 2, id: 'cart-subscription-initial', label: 'First payment of a subscription bought through an order form or the shopping cart', keap: 'Initial Subscription From Order Form/Shopping Cart', kind: 'subscription', channel: 'cart', yn: 'YYYY' },
  { n: 3, id: 'manual-order-charge-now', label: 'Manual order, card charged now (Add Order > Add Payment > Charge Credit Card Now)', keap: 'Manual - Add Order - Add Payment - Charge Credit - Card Now', kind: 'product', channel: 'manual', yn: 'YYNY' },
  { n: 4, id: 'manual-subscription-invoice-charge', label: 'Manual subscription, card charged with the Invoice button (Add Subscription > Autocharge Credit Card)', keap: 'Manual - Add Subscription - Autocharge Credit Card - Invoice Button', kind: 'subscription', channel: 'manual', yn: 'YYNY' },
  { n: 5, id: 'manual-subscription-scheduler-charge', label: 'Manual subscription, card charged later by the billing scheduler', keap: 'Manual - Add Subscription - Allow Cron to Charge Card', kind: 'subscription', channel: 'manual', yn: 'YYNY' },
  { n: 6, id: 'legacy-action-order-product', label: 'One-time product ordered by the legacy "Add Order" action', keap: 'Legacy Action - Add Order - Product', kind: 'product', channel: 'legacy', yn: 'YYNY' },
  { n: 7, id: 'legacy-action-order-subscription-first', label: 'Subscription ordered by the legacy "Add Order" action, first payment', keap: 'Legacy Action - Add Order - Subscription - 1st Iteration', kind: 'subscription', channel: 'legacy', yn: 'YYNY' },
  { n: 8, id: 'recurring-payment', label: 'Recurring subscription payment by card after the first order', keap: 'Recurring Order Credit Card Payment AFTER Initial Order', kind: 'subscription', channel: 'recurring', payment: 'later', yn: 'YNNN' },
  { n: 9, id: 'cart-payplan-initial-payment', label: 'Product with a pay plan from the cart, first payment (balance still due)', keap: 'Product w/ Pay Plan from Cart w/ Balance Due - Initial', kind: 'product', channel: 'cart', payPlan: true, yn: 'YYYY' },
  { n: 10, id: 'manual-order-payplan', label: 'Manual order with a pay plan and a remaining balance', keap: 'Manual Order with Pay Plan and Remaining Balance', kind: 'product', channel: 'manual', payPlan: true, yn: 'YYNN', notes: { campaignGoal: 'The scanned copy in our seed material read this cell as "Z"; Keap\'s published article reads "N".' } },
  { n: 11, id: 'payplan-payoff', label: 'Pay-plan order (any channel): payment that pays off the balance', keap: 'Any Order with Pay Plan and Payoff Balance', kind: 'product', channel: 'payplan', payment: 'payoff', payPlan: true, yn: 'YYNN' },
  { n: 12, id: 'recurring-payment-manual-card', label: 'Recurring payment after the first order, charged by hand (Add Payment > Credit Card Now)', keap: 'Manual Process of Recurring Order Payment AFTER Initial Order - Add Payment - Credit Card Now', kind: 'subscription', channel: 'recurring', payment: 'later', yn: 'YNNN' },
  { n: 13, id: 'recurring-payment-manual-no-card', label: 'Recurring payment after the first order, recorded by hand without a card (Add Payment > Manual)', keap: 'Manual Process of Recurring Order Payment AFTER Initial Order - Add Payment - Manual', kind: 'subscription', channel: 'recurring', payment: 'later', noCard: true, yn: 'NNNN' },
  { n: 14, id: 'manual-order-no-card', label: 'Manual order paid without processing a card (manual card entry, cash, check...)', keap: 'Manual Order - Add Order - Add Payment - No Card Processed (CC Manual, Cash, Check, etc)', kind: 'product', channel: 'manual', noCard: true, yn: 'NYNN' },
  { n: 15, id: 'manual-subscription-no-card', label: 'Manual subscription paid without processing a card', keap: 'Manual Order - Add Subscription - Add Payment - No Card Processed (CC Manual, Cash, Check, etc)', kind: 'subscription', channel: 'manual', noCard: true, yn: 'NYNN' },
  { n: 16, id: 'api-charge-invoice', label: 'Invoice charged through the API (InvoiceService.chargeInvoice)', keap: 'Invoices charged by API service Invoice.chargeInvoice', kind: 'product', channel: 'api', api: 'chargeInvoice', yn: 'YYNY' },
  { n: 17, id: 'api-charge-invoice-subscription', label: 'Subscription\'s first invoice charged through the API (InvoiceService.chargeInvoice)', keap: 'Invoice charged through the API: chargeInvoice, initial invoice as recurring', kind: 'subscription', channel: 'api', api: 'chargeInvoice', yn: 'YYNY' },
  { n: 18, id: 'api-place-order', label: 'Order created and charged through the API (OrderService.placeOrder)', keap: 'Order created and charged through the API: OrderService.placeOrder', kind: 'product', channel: 'api', api: 'placeOrder', yn: 'YYYY' },
  { n: 19, id: 'api-place-order-subscription', label: 'Subscription order created and charged through the API (OrderService.placeOrder)', keap: 'Subscription order created and charged through the API: OrderService.placeOrder', kind: 'subscription', channel: 'api', api: 'placeOrder', yn: 'YYYY' },
  { n: 20, id: 'api-add-manual-payment', label: 'Payment recorded through the API without a card (InvoiceService.addManualPayment)', keap: 'Manual payment added through the API: InvoiceService.addManualPayment', kind: 'product', channel: 'api', api: 'addManualPayment', noCard: true, yn: 'NYNN', notes: { global: ISDK_NOTE, campaignGoal: ISDK_NOTE } },
];

function buildPath(spec: Spec): OrderPath {
  if (!/^[YN]{4}$/.test(spec.yn)) throw new Error(`row ${spec.n}: bad Y/N string "${spec.yn}"`);
  const cells = {} as Cells;
  const whenNo = {} as Cells;
  automationKeys.forEach((key, i) => {
    const note = spec.notes?.[key];
    const yes: Cell = {
      value: spec.yn[i] === 'Y' ? 'yes' : 'no',
      confidence: 'documented',
      source: 'keap-ecommerce-actions-run',
      ...(note ? { note } : {}),
    };
    cells[key] = yes;
    const rule = settingNoRules.find((r) => r.automation === key && r.rows.includes(spec.n));
    whenNo[key] = rule
      ? { value: rule.value, confidence: rule.confidence, source: rule.source, note: rule.note }
      : { value: yes.value, confidence: 'inferred', source: yes.source, note: UNCHANGED_NOTE };
  });
  return {
    number: spec.n,
    id: spec.id,
    label: spec.label,
    tableWording: spec.keap,
    kind: spec.kind,
    channel: spec.channel,
    payment: spec.payment ?? 'first',
    payPlan: spec.payPlan ?? false,
    cardCharged: !spec.noCard,
    ...(spec.api ? { apiMethod: spec.api } : {}),
    cells,
    cellsWhenSettingNo: whenNo,
  };
}

/** The matrix: MatrixSchema holds it to the published table's shape (checked by the tests). */
export const orderPaths: readonly OrderPath[] = specs.map(buildPath);
