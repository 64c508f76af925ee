// "Why didn't it run?": maps an admin's plain description of an order onto a row of the matrix,
// asks `evaluate`, and adds advice. Pure; unmatched descriptions answer `unknown`, never a guess.
import * as z from 'zod/mini';
import { differsBySetting, evaluate, getPath } from './evaluate';
import {
  ApiMethodSchema,
  type Automation,
  AutomationSchema,
  automationKeys,
  type Confidence,
  KindSchema,
  type OrderPath,
  PaymentSchema,
  SettingSchema,
  type SourceId,
} from './schema';
import { automations, settingInfo } from './sources';

export const WhyQuestionSchema = z.strictObject({
  placedVia: z.enum(['cart', 'manual', 'legacy', 'api', 'recurring']),
  card: z.enum(['charged', 'declined', 'none']),
  payment: PaymentSchema,
  kind: KindSchema,
  apiMethod: z.optional(ApiMethodSchema),
  /** The order has a pay plan (splits cart row 1 from 9 and manual row 3 from 10). */
  payPlan: z.optional(z.boolean()),
  expected: AutomationSchema,
  setting: SettingSchema,
});
export type WhyQuestion = z.infer<typeof WhyQuestionSchema>;

export type WhyAnswer = {
  /** null when no row of Keap's table describes the order. */
  path: OrderPath | null;
  answer: 'runs' | 'does-not-run' | 'unknown';
  reason: string;
  confidence: Confidence;
  source: SourceId;
  advice: string[];
};

export const ADVICE = {
  turnSettingOn: `Turn on "${settingInfo.name}" (${settingInfo.locations.join(', or ')}): with it off, product-specific actions do not run for manual and legacy orders.`,
  checkSetting: `Check "${settingInfo.name}" (${settingInfo.locations.join(', or ')}): the answer depends on it.`,
  onceOnly:
    'Each pay-plan payment counts as a purchase, so product-specific actions run on every instalment: move actions that must run once to billing automation or a campaign purchase goal.',
  billingForRecurring:
    'Keap runs neither purchase actions nor the purchase goal for subscription payments after the first order; for follow-up on every recurring payment use billing automation (E-Commerce > Settings > Billing Automation, credit card autocharge attempt).',
  billingNeedsCard:
    'Billing automation runs only on a real card attempt (charged or declined); a payment without a card never triggers it: use product-specific actions instead.',
  apiGoal:
    'For an integration that records payments with InvoiceService.addManualPayment, reach an API goal with FunnelService.achieveGoal(integration, callName, contactId), or run an action set with ContactService.runActionSequence(contactId, actionSetId).',
  placeOrder:
    'Or let the integration create the order with OrderService.placeOrder, which runs everything (UltraCart: keep the Keap account in test merchant mode so the card is not charged twice).',
  globalCartOnly:
    'The Default Settings sets run only for order forms, the shopping cart and OrderService.placeOrder: put the actions in the product set or a campaign purchase goal.',
  declined:
    'A declined card runs the Failed Purchase set (where Default Settings sets run) and billing automation decline triggers: put decline follow-up there.',
  apiUndocumented:
    'Keap does not document API orders with the setting off: test with a test product, or turn the setting on.',
  describeOrder:
    "Open the order from the contact's Orders tab to see how it was created and paid, then ask again.",
} as const;

type Resolved = { path: OrderPath; caveat?: string } | { path: null; reason: string };

const MIDDLE_INSTALMENT =
  'Keap lists only the first payment and the payoff of a pay plan; a middle instalment is read like the payoff (inferred).';

function byPayment(q: WhyQuestion, first: number, later: number | null, payoff: number | null) {
  const row = q.payment === 'first' ? first : q.payment === 'later' ? later : payoff;
  return row;
}

/** Which row of Keap's table describes the order. */
function resolvePath(q: WhyQuestion): Resolved {
  const none = (reason: string): Resolved => ({ path: null, reason });
  const noCard = q.card === 'none';
  const sub = q.kind === 'subscription';
  let row: number | null = null;
  let caveat: string | undefined;
  switch (q.placedVia) {
    case 'cart':
      row = sub ? byPayment(q, 2, 8, null) : byPayment(q, q.payPlan ? 9 : 1, 11, 11);
      break;
    case 'manual':
      if (sub) row = noCard ? byPayment(q, 15, 13, null) : byPayment(q, 4, 12, null);
      else row = noCard ? byPayment(q, 14, null, null) : byPayment(q, q.payPlan ? 10 : 3, 11, 11);
      break;
    case 'legacy':
      row = sub ? byPayment(q, 7, 8, null) : byPayment(q, 6, 11, 11);
      break;
    case 'recurring':
      if (q.payment === 'first')
        return none('The first payment is not a recurring payment: say how the order was placed.');
      row = sub ? (q.payment === 'later' ? 8 : null) : 11;
      break;
    case 'api': {
      const method = q.apiMethod ?? (noCard ? 'addManualPayment' : undefined);
      if (!method)
        return none(
          'Which API call the integration used decides it: placeOrder, chargeInvoice or addManualPayment.',
        );
      if (method === 'addManualPayment') {
        row = 20;
        if (sub)
          caveat =
            "Keap's row for addManualPayment is a one-time product; read the same for a subscription (inferred).";
      } else if (method === 'placeOrder') row = sub ? 19 : 18;
      else row = sub ? 17 : 16;
      break;
    }
  }
  if (row === null) return none("No row of Keap's table describes this combination.");
  const path = getPath(row);
  if (noCard && path.cardCharged)
    return none("Keap's table has no row for this order without a card.");
  if (q.payment === 'later' && !sub && path.number === 11) caveat = MIDDLE_INSTALMENT;
  return caveat ? { path, caveat } : { path };
}

function names(keys: Automation[]): string {
  return keys.map((k) => automations.find((a) => a.key === k)?.name ?? k).join('; ');
}

export function why(input: WhyQuestion): WhyAnswer {
  const q = WhyQuestionSchema.parse(input);
  const { expected } = q;

  // Documented whatever the path: no card attempt, no billing automation.
  if (expected === 'billingAutocharge' && q.card === 'none') {
    const resolved = resolvePath(q);
    return {
      path: resolved.path,
      answer: 'does-not-run',
      reason: 'No card was attempted, and billing automation runs only on a card attempt.',
      confidence: 'documented',
      source: 'keap-community-45716',
      advice: [ADVICE.billingNeedsCard],
    };
  }

  const resolved = resolvePath(q);
  if (resolved.path === null) {
    return {
      path: null,
      answer: 'unknown',
      reason: resolved.reason,
      confidence: 'inferred',
      source: 'keap-ecommerce-actions-run',
      advice: [ADVICE.describeOrder],
    };
  }
  const path = resolved.path;
  const outcome = q.card === 'declined' ? 'declined' : 'charged';
  const result = evaluate({ path: path.number, setting: q.setting, outcome });
  const main = result.reasons.find((r) => r.automation === expected);
  if (!main) throw new Error(`evaluate gave no reason for ${expected}`);
  const answer = main.value === 'yes' ? 'runs' : main.value === 'no' ? 'does-not-run' : 'unknown';

  const advice: string[] = [];
  const notRunning = answer !== 'runs';
  const settingMatters = differsBySetting(path, expected) && path.cells[expected].value === 'yes';
  if (result.impossible) advice.push(ADVICE.describeOrder);
  else if (outcome === 'declined' && notRunning && expected !== 'billingAutocharge') {
    advice.push(ADVICE.declined);
  } else if (notRunning) {
    if (settingMatters && q.setting === 'no' && path.channel === 'api')
      advice.push(ADVICE.apiUndocumented);
    else if (settingMatters && q.setting === 'no') advice.push(ADVICE.turnSettingOn);
    else if (settingMatters) advice.push(ADVICE.checkSetting);
    if (expected === 'billingAutocharge' && !path.cardCharged) advice.push(ADVICE.billingNeedsCard);
    if (path.channel === 'recurring' && expected !== 'billingAutocharge') {
      advice.push(path.cardCharged ? ADVICE.billingForRecurring : ADVICE.billingNeedsCard);
    }
    if (
      path.apiMethod === 'addManualPayment' &&
      (expected === 'global' || expected === 'campaignGoal')
    ) {
      advice.push(ADVICE.apiGoal, ADVICE.placeOrder);
    } else if (expected === 'global' && path.channel !== 'recurring') {
      advice.push(ADVICE.globalCartOnly);
    }
    // Point at what does run on this path, so the admin has somewhere to put the actions.
    const running = automationKeys.filter((k) => k !== expected && result[k] === 'yes');
    if (running.length > 0) advice.push(`On this path these do run: ${names(running)}.`);
  }
  if (path.payPlan && expected === 'productSpecific' && answer === 'runs')
    advice.push(ADVICE.onceOnly);

  const caveat = 'caveat' in resolved ? resolved.caveat : undefined;
  return {
    path,
    answer,
    reason: caveat ? `${main.text} ${caveat}` : main.text,
    confidence: caveat ? 'inferred' : main.confidence,
    source: main.source,
    advice,
  };
}
