// Hand-written accounts. `demo` follows the seed screenshots in crm-facts ("Product names seen in
// the seed screenshots"); `acme` exists to carry hostile names; `empty` is the blank account.
import { StateBuilder } from './builder.ts';
import type { AccountState, Dialect } from './types.ts';

function commonLookups(b: StateBuilder): void {
  for (const u of ['Pat Rivera', 'Sam Okafor', 'Lee Chen']) b.named('users', u);
  for (const l of ['Ship Physical Goods', 'Welcome Kit']) b.list('fulfillmentLists', l);
  for (const l of ['Thank You Letter', 'Past Due Notice']) b.named('letterTemplates', l);
}

export function demoSeed(app: string, dialect: Dialect): AccountState {
  const b = new StateBuilder(app, dialect);
  commonLookups(b);
  const customer = b.tag('Customer - Pool Supplies');
  const lead = b.tag('New Lead - Web', 'Lead Source');
  const club = b.tag('Pool Club Member');
  b.tag('Chemicals Buyer', 'Interest');
  const receipt = b.named('emailTemplates', 'Order Receipt');
  const welcome = b.named('emailTemplates', 'Welcome to Pool Club');
  const usage = b.named('emailTemplates', 'How to use your Pool Shock');
  b.named('emailTemplates', 'Monthly Newsletter');
  const nurture = b.named('namedActionSets', 'Pool Club Nurture');
  b.named('namedActionSets', 'VIP Upgrade');
  const onboarding = b.list('followUpSequences', 'New Customer Onboarding');
  b.list('followUpSequences', 'Win-back');

  const mitt = b.product('Pool scrubbing Mitt', 'Accessories', 12.99);
  const stabilizer = b.product('Pool Stabilizer / Conditioner', 'Chemicals', 24.5);
  const shock = b.product('Super Sock It Pool Shock', 'Chemicals', 39.95);
  const checkup = b.product('Weekly Pool Checkup', 'Services', 79, 'Subscription');
  const kit = b.product('Calcium Hardness Kit', 'Chemicals', 18.75);
  const test = b.product('Test Product', 'Accessories', 1);
  b.product('Pool Filter Cartridge', 'Accessories', 32);
  b.product('Chlorine Tablets 25 lb', 'Chemicals', 89.99);

  b.action('successfulPurchase', 'sendEmail', { templateId: String(receipt) });
  b.action('successfulPurchase', 'applyRemoveTag', { mode: 'apply', tagId: String(customer) });
  b.action('contactCreation', 'applyRemoveTag', { mode: 'apply', tagId: String(lead) });
  // Failed Purchase stays empty on purpose (crm-facts scenario: nothing follows a declined card).
  b.action('errorPurchase', 'createTask', {
    title: 'Order error: call the customer',
    userId: String(b.state.users[0]?.id ?? ''),
    dueInDays: '1',
  });
  // Double-run cases: same email / same tag as Successful Purchase.
  b.action(mitt, 'sendEmail', { templateId: String(receipt) });
  b.action(stabilizer, 'applyRemoveTag', { mode: 'apply', tagId: String(customer) });
  b.action(shock, 'sendEmail', { templateId: String(usage) });
  b.action(shock, 'applyRemoveTag', { mode: 'apply', tagId: String(customer) });
  // The subscription's welcome email repeats on every payment.
  b.action(checkup, 'sendEmail', { templateId: String(welcome) });
  b.action(checkup, 'applyRemoveTag', { mode: 'apply', tagId: String(club) });
  b.action(checkup, 'startSequence', { sequenceId: String(onboarding) });
  // Points at a named action set that no longer exists.
  b.action(kit, 'runActionSet', { actionSetId: '9999' });
  b.action(kit, 'runActionSet', { actionSetId: String(nurture) });
  b.action(
    test,
    'httpPost',
    { postUrl: 'https://hooks.example.com/keap/order' },
    { match: 'all', criteria: [{ field: 'Country', operator: 'eq', value: 'United States' }] },
  );
  b.state.setting.runPurchaseActionsOnAllOrders = false;
  return b.state;
}

export function acmeSeed(app: string, dialect: Dialect): AccountState {
  const b = new StateBuilder(app, dialect);
  commonLookups(b);
  const buyer = b.tag('Buyer');
  const vip = b.tag('VIP <script>alert(1)</script>', 'Status');
  const thanks = b.named('emailTemplates', 'Thanks for your order, "friend" & family');
  b.named('emailTemplates', 'Café newsletter');
  b.named('namedActionSets', 'Refund Handling');
  b.list('followUpSequences', 'Anvil Safety Course');

  const img = b.product('<img src=x onerror=alert(1)>', 'Hostile', 1.5);
  const tom = b.product('Tom & Jerry\'s "Deluxe" Kit', 'Toys', 49.99);
  const long = b.product(
    'Extra Long Product Name For The Industrial Grade Rocket Powered Roller Skates With Optional Anvil Accessory Bundle (2026 Edition)',
    'Transport',
    899,
  );
  const cafe = b.product('Café Crème Ölfilter', 'Ölfilter & Zubehör', 7.25);
  const plan = b.product('Anvil of the Month', 'Heavy', 29, 'Subscription');
  b.product('Giant Magnet', 'Heavy', 15);

  b.action('successfulPurchase', 'applyRemoveTag', { mode: 'apply', tagId: String(buyer) });
  b.action('failedPurchase', 'sendEmail', { templateId: String(thanks) });
  b.action(img, 'applyRemoveTag', { mode: 'apply', tagId: String(vip) });
  b.action(tom, 'sendEmail', { templateId: String(thanks) });
  b.action(tom, 'createNote', { subject: 'Bought <b>Deluxe</b> & more', body: 'Line 1\n"quoted"' });
  b.action(long, 'httpPost', { postUrl: 'https://hooks.example.com/?a=1&b=<2>' });
  b.action(cafe, 'setFieldValue', { field: 'LeadSource', value: 'Café & Crème' });
  b.action(plan, 'createOrder', {
    productIds: [String(cafe)],
    payPlan: 'full',
    autoCharge: true,
    chargeTax: false,
    emailInvoice: true,
  });
  b.state.setting.runPurchaseActionsOnAllOrders = true;
  return b.state;
}

export function emptySeed(app: string, dialect: Dialect): AccountState {
  const b = new StateBuilder(app, dialect);
  commonLookups(b);
  b.tag('Customer');
  b.named('emailTemplates', 'Receipt');
  return b.state;
}
