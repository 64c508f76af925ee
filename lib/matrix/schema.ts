// Zod schemas for the trigger matrix. The data (data.ts, facts.ts, sources.ts) is typed from
// these and validated with them once, by the unit tests (test/unit/matrix/data.test.ts): the
// shipped code never parses its own constants at load.
import * as z from 'zod/mini';

export const automationKeys = [
  'billingAutocharge',
  'productSpecific',
  'global',
  'campaignGoal',
] as const;
export const AutomationSchema = z.enum(automationKeys);
export type Automation = z.infer<typeof AutomationSchema>;

export const TriSchema = z.enum(['yes', 'no', 'unknown']);
export type Tri = z.infer<typeof TriSchema>;

/** `documented`: a public source says so. `inferred`: our reading; the UI must label it so. */
export const ConfidenceSchema = z.enum(['documented', 'inferred']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

export const sourceIds = [
  'keap-ecommerce-actions-run',
  'keap-purchase-actions',
  'keap-failed-error-purchases',
  'keap-community-45716',
  'redbear-purchase-action-more-than-once',
  'infusionsoft-php-isdk',
  'ultracart-infusionsoft',
  'keap-purchase-when',
] as const;
export const SourceIdSchema = z.enum(sourceIds);
export type SourceId = z.infer<typeof SourceIdSchema>;

const text = () => z.string().check(z.minLength(1));
const rowNumber = () => z.int().check(z.minimum(1), z.maximum(20));
const slug = () => z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/));

export const SourceSchema = z.strictObject({
  id: SourceIdSchema,
  title: text(),
  // null where the team has the title but no verified address: better than a guessed link.
  url: z.nullable(z.url()),
});
export type Source = z.infer<typeof SourceSchema>;

export const CellSchema = z.strictObject({
  value: TriSchema,
  confidence: ConfidenceSchema,
  source: SourceIdSchema,
  note: z.optional(text()),
});
export type Cell = z.infer<typeof CellSchema>;

export const CellsSchema = z.strictObject({
  billingAutocharge: CellSchema,
  productSpecific: CellSchema,
  global: CellSchema,
  campaignGoal: CellSchema,
});
export type Cells = z.infer<typeof CellsSchema>;

export const KindSchema = z.enum(['product', 'subscription']);
export type Kind = z.infer<typeof KindSchema>;

// Grouped so a UI can filter cart / manual / legacy / recurring / API, plus pay-plan payoffs,
// which Keap files under "any order" (cart or manual).
export const ChannelSchema = z.enum(['cart', 'manual', 'legacy', 'recurring', 'api', 'payplan']);
export type Channel = z.infer<typeof ChannelSchema>;

export const ApiMethodSchema = z.enum(['placeOrder', 'chargeInvoice', 'addManualPayment']);
export type ApiMethod = z.infer<typeof ApiMethodSchema>;

export const PaymentSchema = z.enum(['first', 'later', 'payoff']);
export type Payment = z.infer<typeof PaymentSchema>;

export const SettingSchema = z.enum(['yes', 'no', 'unknown']);
/** The value of "Run Purchase Actions On All Orders", or `unknown` if it was not read. */
export type Setting = z.infer<typeof SettingSchema>;

export const OrderPathSchema = z.strictObject({
  number: rowNumber(),
  id: slug(),
  label: text(),
  /** The row as written in Keap's table (rows 17-20: the team's transcription), for citing. */
  tableWording: text(),
  kind: KindSchema,
  channel: ChannelSchema,
  payment: PaymentSchema,
  payPlan: z.boolean(),
  /** Keap processes a card on this path (false: cash, check, manual card entry, API payment). */
  cardCharged: z.boolean(),
  apiMethod: z.optional(ApiMethodSchema),
  /** The published table: "Run Purchase Actions On All Orders" = Yes. */
  cells: CellsSchema,
  /** Derived from `settingNoRules`: the same setting = No. */
  cellsWhenSettingNo: CellsSchema,
});
export type OrderPath = z.infer<typeof OrderPathSchema>;

export const MatrixSchema = z.array(OrderPathSchema).check(
  z.length(20),
  z.superRefine((rows, ctx) => {
    const ids = new Set<string>();
    rows.forEach((row, i) => {
      if (row.number !== i + 1) {
        ctx.addIssue({ code: 'custom', message: `row ${i + 1} is numbered ${row.number}` });
      }
      if (ids.has(row.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${row.id}` });
      ids.add(row.id);
      // The published table says Y exactly where a card is attempted (thread 45716).
      if (row.cardCharged !== (row.cells.billingAutocharge.value === 'yes')) {
        ctx.addIssue({ code: 'custom', message: `row ${row.number}: cardCharged vs billing cell` });
      }
      if ((row.channel === 'api') !== (row.apiMethod !== undefined)) {
        ctx.addIssue({ code: 'custom', message: `row ${row.number}: apiMethod only on API rows` });
      }
      for (const key of automationKeys) {
        if (row.cells[key].value === 'unknown') {
          ctx.addIssue({ code: 'custom', message: `row ${row.number}: the table has no unknowns` });
        }
      }
    });
  }),
);

export const SettingNoRuleSchema = z.strictObject({
  rows: z.array(rowNumber()).check(z.minLength(1)),
  automation: AutomationSchema,
  value: TriSchema,
  confidence: ConfidenceSchema,
  source: SourceIdSchema,
  note: text(),
});
export type SettingNoRule = z.infer<typeof SettingNoRuleSchema>;

export const AutomationInfoSchema = z.strictObject({
  key: AutomationSchema,
  name: text(),
  description: text(),
});
export type AutomationInfo = z.infer<typeof AutomationInfoSchema>;

export const defaultSetKeys = [
  'onLogin',
  'contactCreation',
  'successful',
  'failed',
  'error',
] as const;
export const DefaultSetKindSchema = z.enum(defaultSetKeys);
export type DefaultSetKind = z.infer<typeof DefaultSetKindSchema>;

export const DefaultSetInfoSchema = z.strictObject({
  key: DefaultSetKindSchema,
  name: text(),
  description: text(),
  source: SourceIdSchema,
});
export type DefaultSetInfo = z.infer<typeof DefaultSetInfoSchema>;

export const FactSchema = z.strictObject({
  id: slug(),
  text: text(),
  confidence: ConfidenceSchema,
  source: SourceIdSchema,
  rows: z.optional(z.array(rowNumber())),
});
export type Fact = z.infer<typeof FactSchema>;
