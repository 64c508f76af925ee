import * as z from 'zod/mini';

// The one vocabulary every context shares. Names are the CRM's own words (crm-facts.md).

/** The five Default Settings triggers of E-Commerce > Actions, in the page's order. */
export const DefaultTrigger = z.enum([
  'onLogin',
  'contactCreation',
  'successful',
  'failed',
  'error',
]);
export type DefaultTrigger = z.infer<typeof DefaultTrigger>;

/** Which action set: one of the Default Settings sets, or a product's set. */
export const SetRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default'), trigger: DefaultTrigger }),
  // Product ids are not always visible on the page (one dialect builds URLs in script), so the
  // name is the key we can always read; the id is kept when the editor URL reveals it.
  z.object({
    kind: z.literal('product'),
    name: z.string().check(z.minLength(1)),
    id: z.optional(z.string()),
  }),
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

/**
 * What an action does, in normalised terms the features can compare (audit, search, double-run
 * warnings). Derived by lib/crm from the summary and the edit form; absent fields mean "not seen".
 */
export const ActionFacts = z.object({
  appliesTags: z.optional(z.array(z.string())),
  removesTags: z.optional(z.array(z.string())),
  emailTemplates: z.optional(z.array(z.string())),
  urls: z.optional(z.array(z.string())),
  /** "Run another Action Set": the named set it runs. */
  runsActionSet: z.optional(z.string()),
});
export type ActionFacts = z.infer<typeof ActionFacts>;

/**
 * The snapshot an action's configuration and rules were carried over from, when a capture that
 * reuses unchanged lists did not open its edit form (only its label and summary were re-read).
 */
export const CarriedFrom = z.object({
  snapshotId: z.string().check(z.minLength(1), z.maxLength(100)),
  /** When that snapshot read the form (as it says). */
  takenAt: z.iso.datetime(),
});
export type CarriedFrom = z.infer<typeof CarriedFrom>;

/** One purchase action as the editor shows it. `label` is the type label the page printed. */
export const Action = z.object({
  /** The CRM's own id: never used for matching (a copied action gets a new one). */
  crmId: z.optional(z.string()),
  label: z.string(),
  summary: z.string(),
  /** The full configuration as the edit form shows it, field label -> value(s). */
  config: z.optional(z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]))),
  rules: z.optional(Rules),
  facts: z.optional(ActionFacts),
  /** Absent when this snapshot read the edit form itself; set when config and rules were not re-read. */
  carriedFrom: z.optional(CarriedFrom),
});
export type Action = z.infer<typeof Action>;

/** Why part of a snapshot could not be read, in plain words. */
const Reason = z.string().check(z.maxLength(1000));

export const ActionSet = z.object({
  ref: SetRef,
  /** The name the page shows for the set (the trigger's label or the product's name). */
  name: z.string(),
  actions: z.array(Action),
  /**
   * Absent: read whole. 'configuration': only the editor's list (types and summaries) was read,
   * no action's form; 'set': nothing was read (`actions` is empty, and says nothing). Either way
   * the set is unknown to diffs, restores and findings, never "empty" or "removed".
   */
  notRead: z.optional(z.object({ what: z.enum(['configuration', 'set']), reason: Reason })),
});
export type ActionSet = z.infer<typeof ActionSet>;

/** What a content script can be looking at. Decided by content, never by URL. */
export const PageKind = z.enum(['actions', 'editor', 'settings', 'login', 'other']);
export type PageKind = z.infer<typeof PageKind>;

export const RunOnAllOrders = z.enum(['yes', 'no', 'unknown']);
export type RunOnAllOrders = z.infer<typeof RunOnAllOrders>;

export function setKey(ref: SetRef): string {
  return ref.kind === 'default'
    ? `default:${ref.trigger}`
    : `product:${ref.id ?? `name:${ref.name}`}`;
}

export const SnapshotCause = z.enum([
  'manual',
  'before-bulk-copy',
  'before-restore',
  'scheduled',
  'import',
]);
export type SnapshotCause = z.infer<typeof SnapshotCause>;

export const Product = z.object({
  id: z.optional(z.string()),
  name: z.string(),
  category: z.optional(z.string()),
  kind: z.optional(z.enum(['product', 'subscription'])),
});
export type Product = z.infer<typeof Product>;

/**
 * What an imported file said about a snapshot, kept as a claim: the store gives the import its
 * own id, cause "import" and no pin, so a file can neither replace nor pin anything.
 */
export const ImportClaim = z.object({
  /** When this browser stored it. */
  at: z.iso.datetime(),
  fileId: z.string().check(z.maxLength(100)),
  fileCause: SnapshotCause,
  filePinned: z.boolean(),
});
export type ImportClaim = z.infer<typeof ImportClaim>;

/** A whole account's purchase-action configuration at one moment. */
export const Snapshot = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  app: z.string().check(z.minLength(1), z.maxLength(100)),
  host: z.string().check(z.maxLength(255)),
  build: z.nullable(z.string().check(z.maxLength(200))),
  takenAt: z.iso.datetime(),
  cause: SnapshotCause,
  name: z.optional(z.string().check(z.maxLength(200))),
  pinned: z._default(z.boolean(), false),
  runOnAllOrders: RunOnAllOrders,
  /** Every product of the account (from the products report), with or without actions. */
  products: z.array(Product),
  sets: z.array(ActionSet),
  /** Named action sets that "Run another Action Set" can pick (from the editor's drop-down). */
  namedActionSets: z.optional(z.array(z.string())),
  /**
   * Account-wide parts the capture could not read, with why; the capture went on without them.
   * 'products': the products report (`products` is then empty and says nothing); 'setting':
   * "Run Purchase Actions On All Orders"; 'named-sets': the named action sets.
   */
  notRead: z.optional(
    z
      .array(z.object({ part: z.enum(['products', 'setting', 'named-sets']), reason: Reason }))
      .check(z.maxLength(10)),
  ),
  /**
   * Set on imports only. Their takenAt is the file's claim (refused when in the future), never
   * something this browser saw: an import is never the account's "latest" (see isCaptured).
   */
  imported: z.optional(ImportClaim),
});
export type Snapshot = z.infer<typeof Snapshot>;

/**
 * Read from the CRM by this browser, as opposed to imported from a file. Only these stand for
 * the account's current state: a capture's "previous", the scheduled-snapshot clock, a source.
 */
export const isCaptured = (s: { cause: SnapshotCause }) => s.cause !== 'import';

const count = () => z.int().check(z.nonnegative());

/** What a snapshot list shows, stored apart from the body so long lists open at once. */
export const SnapshotMeta = z.extend(
  z.pick(Snapshot, {
    id: true,
    app: true,
    host: true,
    build: true,
    takenAt: true,
    cause: true,
    name: true,
    pinned: true,
    runOnAllOrders: true,
  }),
  {
    /** When it was imported (imports only). */
    importedAt: z.optional(z.iso.datetime()),
    /** Actions whose configuration was carried over from an earlier snapshot, not re-read. */
    carriedCount: z.optional(count()),
    /** Parts not read (account-wide parts and sets not read whole); absent: complete. */
    notReadCount: z.optional(count()),
    setCount: count(),
    actionCount: count(),
    productCount: count(),
  },
);
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

export function metaOf(s: Snapshot): SnapshotMeta {
  const carried = s.sets.reduce((n, set) => n + set.actions.filter((a) => a.carriedFrom).length, 0);
  const notRead = notReadParts(s).length;
  return {
    id: s.id,
    app: s.app,
    host: s.host,
    build: s.build,
    takenAt: s.takenAt,
    cause: s.cause,
    name: s.name,
    pinned: s.pinned,
    runOnAllOrders: s.runOnAllOrders,
    ...(s.imported ? { importedAt: s.imported.at } : {}),
    ...(carried > 0 ? { carriedCount: carried } : {}),
    ...(notRead > 0 ? { notReadCount: notRead } : {}),
    setCount: s.sets.length,
    actionCount: s.sets.reduce((n, set) => n + set.actions.length, 0),
    productCount: s.products.length,
  };
}

const PART_WORDS = {
  products: 'The products report',
  setting: 'The "Run Purchase Actions On All Orders" setting',
  'named-sets': 'The named action sets',
} as const;

/** Everything a snapshot did not read, one line each, for the dashboard and reports. */
export function notReadParts(s: Pick<Snapshot, 'sets' | 'notRead'>): string[] {
  return [
    ...(s.notRead ?? []).map((p) => `${PART_WORDS[p.part]}: not read: ${p.reason}`),
    ...s.sets
      .filter((set) => set.notRead)
      .map(
        (set) =>
          `${set.name}: ${set.notRead?.what === 'configuration' ? 'list read, but no action form' : 'not read'}: ${set.notRead?.reason}`,
      ),
  ];
}
