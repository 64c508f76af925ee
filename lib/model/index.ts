import { z } from 'zod';

// The one vocabulary every context shares. Names are the CRM's own words (crm-facts.md).

/** The five Default Settings triggers of E-Commerce > Actions, in the page's order. */
export const DefaultTrigger = z.enum(['onLogin', 'contactCreation', 'successful', 'failed', 'error']);
export type DefaultTrigger = z.infer<typeof DefaultTrigger>;

/** Which action set: one of the Default Settings sets, or a product's set. */
export const SetRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default'), trigger: DefaultTrigger }),
  // Product ids are not always visible on the page (one dialect builds URLs in script), so the
  // name is the key we can always read; the id is kept when the editor URL reveals it.
  z.object({ kind: z.literal('product'), name: z.string().min(1), id: z.string().optional() }),
]);
export type SetRef = z.infer<typeof SetRef>;

export const RuleCriterion = z.object({
  field: z.string(),
  operator: z.string(),
  value: z.string(),
});
export const Rules = z.object({
  match: z.enum(['all', 'any', 'none']),
  criteria: z.array(RuleCriterion),
});
export type Rules = z.infer<typeof Rules>;

/** One purchase action as the editor shows it. `label` is the type label the page printed. */
export const Action = z.object({
  /** The CRM's own id: never used for matching (a copied action gets a new one). */
  crmId: z.string().optional(),
  label: z.string(),
  summary: z.string(),
  /** The full configuration as the edit form shows it, field label -> value(s). */
  config: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()])).optional(),
  rules: Rules.optional(),
});
export type Action = z.infer<typeof Action>;

export const ActionSet = z.object({
  ref: SetRef,
  /** The name the page shows for the set (the trigger's label or the product's name). */
  name: z.string(),
  actions: z.array(Action),
});
export type ActionSet = z.infer<typeof ActionSet>;

/** What a content script can be looking at. Decided by content, never by URL. */
export const PageKind = z.enum(['actions', 'editor', 'settings', 'login', 'other']);
export type PageKind = z.infer<typeof PageKind>;

export const RunOnAllOrders = z.enum(['yes', 'no', 'unknown']);
export type RunOnAllOrders = z.infer<typeof RunOnAllOrders>;

export function setKey(ref: SetRef): string {
  return ref.kind === 'default' ? `default:${ref.trigger}` : `product:${ref.id ?? `name:${ref.name}`}`;
}
