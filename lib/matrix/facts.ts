// Sourced facts around the table that the explainer shows next to it. `evaluate` and `why` use
// several of them (named by id) so the UI can cite the same sentence the logic relied on.
import type { Fact } from './schema';

export const facts: readonly Fact[] = [
  {
    id: 'payplan-every-payment',
    text:
      'Each payment of a pay plan counts as a purchase: product-specific actions run on every ' +
      'payment, so a welcome email in a product set is sent again on each instalment. Actions ' +
      'that must run once belong in billing automation or a campaign.',
    confidence: 'documented',
    source: 'redbear-purchase-action-more-than-once',
    rows: [9, 10, 11],
  },
  {
    id: 'add-manual-payment',
    text:
      'InvoiceService.addManualPayment "will not complete Purchase Goals or Successful Purchase ' +
      'Actions"; this agrees with row 20 of the table.',
    confidence: 'documented',
    source: 'infusionsoft-php-isdk',
    rows: [20],
  },
  {
    id: 'integration-paths',
    text:
      'Integrations that copy orders into Keap choose their path. OrderService.placeOrder runs ' +
      'everything (the Keap account must stay in test merchant mode so the card is not charged ' +
      'twice); InvoiceService.createBlankOrder plus a manual payment runs no goal and no global ' +
      'actions. Workarounds: reach an API goal with FunnelService.achieveGoal(integration, ' +
      'callName, contactId) or run an action set with ContactService.runActionSequence(contactId, ' +
      'actionSetId).',
    confidence: 'documented',
    source: 'ultracart-infusionsoft',
    rows: [18, 19, 20],
  },
  {
    id: 'billing-needs-card',
    text:
      'Billing automation triggers run only on a real card attempt, successful or declined, ' +
      'never when no card is on file.',
    confidence: 'documented',
    source: 'keap-community-45716',
  },
  {
    id: 'failed-error-subscriptions',
    text:
      'Failed and Error Purchase actions also run for subscriptions that billed successfully in ' +
      'the past.',
    confidence: 'documented',
    source: 'keap-failed-error-purchases',
    rows: [8],
  },
  {
    id: 'contact-creation',
    text:
      'Contact Creation actions run when the buyer did not match an existing contact on first ' +
      'name, last name and email address, and a new contact record is created.',
    confidence: 'documented',
    source: 'keap-purchase-actions',
  },
  {
    id: 'on-login',
    text:
      'On Login (Multi-Step Cart) actions run when a customer logs in to a multi-step shopping ' +
      'cart; no purchase is needed.',
    confidence: 'documented',
    source: 'keap-purchase-actions',
  },
  {
    id: 'campaign-goal-recommended',
    text:
      'Keap recommends the Campaign Builder purchase goal over Successful Purchase actions ' +
      'because it offers more reporting options.',
    confidence: 'documented',
    source: 'keap-purchase-actions',
  },
  {
    id: 'pro-max-not-mixed',
    text:
      'Keap Pro/Max (not Max Classic) has a different "Purchase When" trigger, which fires on ' +
      'the first payment only. This matrix is about Max Classic and does not cover it.',
    confidence: 'documented',
    source: 'keap-purchase-when',
  },
];

export function getFact(id: string): Fact {
  const found = facts.find((f) => f.id === id);
  if (!found) throw new Error(`No fact with id "${id}"`);
  return found;
}
