// Sources, the four automations and the Default Settings sets, as typed data (the unit tests
// check it against the schemas). Every cell and fact in the matrix names one of these sources so
// the UI can cite it.
import type { AutomationInfo, DefaultSetInfo, Source, SourceId } from './schema';

export const sources: readonly Source[] = [
  {
    id: 'keap-ecommerce-actions-run',
    title: 'When E-commerce Actions Run (Keap help, guest author Christian Wiles)',
    url: 'https://help.infusionsoft.com/help/when-e-commerce-actions-run',
  },
  {
    id: 'keap-purchase-actions',
    title: 'Automate follow-up when a purchase is made (Keap help)',
    url: 'https://help.infusionsoft.com/help/automate-follow-up-when-a-purchase-is-made',
  },
  {
    id: 'keap-failed-error-purchases',
    title: 'Automate follow-up on failed and error purchases (Keap help)',
    url: null,
  },
  {
    id: 'keap-community-45716',
    title: 'Billing automation triggers (Keap community, thread 45716)',
    url: 'https://community.keap.com/t/billing-automation-triggers/45716',
  },
  {
    id: 'redbear-purchase-action-more-than-once',
    title: 'Why is my Purchase Action firing more than once? (Red Bear University)',
    url: 'https://redbearduniversity.com/why-is-my-purchase-action-firing-more-than-once/',
  },
  {
    id: 'infusionsoft-php-isdk',
    title: 'Infusionsoft PHP iSDK: InvoiceService.addManualPayment (manualPmt) notes',
    url: 'https://github.com/infusionsoft/PHP-iSDK',
  },
  {
    id: 'ultracart-infusionsoft',
    title: 'UltraCart documentation: Infusionsoft integration',
    url: 'https://ultracart.atlassian.net/wiki/spaces/ucdoc/pages/1376319/Infusionsoft',
  },
  {
    id: 'keap-purchase-when',
    title: 'Trigger an automation when a product is purchased in Keap (Pro/Max "Purchase When")',
    url: 'https://learn.thryv.com/hc/en-us/articles/37882367782285-Trigger-an-Automation-When-a-Product-Is-Purchased-in-Keap',
  },
];

export function getSource(id: SourceId): Source {
  const found = sources.find((s) => s.id === id);
  // Unreachable while every SourceId has a row; the sources test checks that.
  if (!found) throw new Error(`No source with id "${id}"`);
  return found;
}

export const automations: readonly AutomationInfo[] = [
  {
    key: 'billingAutocharge',
    name: 'Credit card autocharge attempt (billing automation)',
    description:
      'Triggers under E-Commerce > Settings > Billing Automation. They run only when a card is ' +
      'really attempted (charged or declined), never when no card is processed.',
  },
  {
    key: 'productSpecific',
    name: 'Product-specific purchase actions',
    description:
      'The action set of each purchased product (E-Commerce > Actions > Products). Runs for one-time and subscription purchases.',
  },
  {
    key: 'global',
    name: 'Global purchase actions',
    description:
      'The Default Settings sets: Successful Purchase, Failed Purchase (card declined), Error ' +
      'Purchase (any other error) and Contact Creation (the buyer was not a contact yet).',
  },
  {
    key: 'campaignGoal',
    name: 'Purchase goal in Campaign Builder',
    description:
      'The "Purchase Online" campaign goal. Keap recommends it over Successful Purchase actions ' +
      'because it offers more reporting options.',
  },
];

export const defaultSets: readonly DefaultSetInfo[] = [
  {
    key: 'onLogin',
    name: 'On Login (Multi-Step Cart)',
    description: 'Someone logs in to a multi-step shopping cart. No purchase is needed.',
    source: 'keap-purchase-actions',
  },
  {
    key: 'contactCreation',
    name: 'Contact Creation Action',
    description:
      'The buyer did not match an existing contact on first name, last name and email address, ' +
      'so a new contact record is created.',
    source: 'keap-purchase-actions',
  },
  {
    key: 'successful',
    name: 'Successful Purchase Action',
    description: 'An order is placed and the card charge succeeds.',
    source: 'keap-purchase-actions',
  },
  {
    key: 'failed',
    name: 'Failed Purchase Action',
    description:
      'An order is placed but the card charge fails; also for subscriptions that billed ' +
      'successfully before.',
    source: 'keap-failed-error-purchases',
  },
  {
    key: 'error',
    name: 'Error Purchase Action',
    description:
      'An error other than a card failure stops the order; also for subscriptions that billed ' +
      'successfully before.',
    source: 'keap-failed-error-purchases',
  },
];

export const settingInfo = {
  name: 'Run Purchase Actions On All Orders',
  // Keap's pages disagree on the location; the UI should read it wherever it is found.
  locations: [
    'E-Commerce > Settings > Order',
    'E-Commerce > Settings > Products > Product and Subscription Plans',
  ],
  source: 'keap-ecommerce-actions-run' satisfies SourceId,
} as const;
