// Plain words for the matrix's terms. The explainer shows these first and Keap's own terms
// second, so an admin who has never read the article can still follow every answer.
import {
  type Automation,
  automations,
  type Channel,
  type Confidence,
  defaultSets,
  getSource,
  type Kind,
  type RunSetKind,
  type Setting,
  type SourceId,
  settingInfo,
  type Tri,
} from '@/lib/matrix';

export const SETTING_NAME = settingInfo.name;

/** Column headings: a plain name, then the matrix's own name. */
export const AUTOMATION_WORDS: Record<Automation, { plain: string; term: string }> = {
  billingAutocharge: {
    plain: 'Billing automation',
    term: automationTerm('billingAutocharge'),
  },
  productSpecific: { plain: "The product's own actions", term: automationTerm('productSpecific') },
  global: { plain: 'Default Settings sets', term: automationTerm('global') },
  campaignGoal: { plain: 'Campaign purchase goal', term: automationTerm('campaignGoal') },
};

function automationTerm(key: Automation): string {
  return automations.find((a) => a.key === key)?.name ?? key;
}

/** Never yes/no for `unknown`: the UI must not round an unknown into an answer. */
export const TRI_WORDS: Record<Tri, string> = {
  yes: 'Runs',
  no: 'Does not run',
  unknown: 'Unknown',
};

export const CONFIDENCE_WORDS: Record<Confidence, string> = {
  documented: 'documented',
  inferred: 'inferred (our reading, not stated by Keap)',
};

export const SETTING_WORDS: Record<Setting, string> = {
  yes: 'Yes',
  no: 'No',
  unknown: 'not known',
};

export const KIND_WORDS: Record<Kind, string> = {
  product: 'One-time product',
  subscription: 'Subscription',
};

export const CHANNEL_WORDS: Record<Channel, string> = {
  cart: 'Order form or shopping cart',
  manual: 'Manual order (added by hand)',
  legacy: 'Legacy "Add Order" action',
  recurring: 'Recurring payment',
  api: 'API (an integration)',
  payplan: 'Pay-plan payoff',
};

export function setName(kind: RunSetKind): string {
  if (kind === 'product') return "A product's action set";
  return defaultSets.find((s) => s.key === kind)?.name ?? kind;
}

export function sourceTitle(id: SourceId): string {
  return getSource(id).title;
}
