// evaluate(scenario): which automations run for one order path, setting and payment outcome,
// with a cited reason for each answer. Pure: no I/O, no globals beyond the matrix data.
import * as z from 'zod/mini';
import { orderPaths } from './data';
import {
  type Automation,
  type Cell,
  type Confidence,
  type OrderPath,
  type Setting,
  SettingSchema,
  type SourceId,
  type Tri,
} from './schema';
import { automations, settingInfo } from './sources';

export const OutcomeSchema = z.enum(['charged', 'declined', 'error']);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const ScenarioSchema = z.strictObject({
  path: z.union([z.int(), z.string().check(z.minLength(1))]),
  setting: SettingSchema,
  outcome: OutcomeSchema,
  newContact: z.optional(z.boolean()),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export type SetKind = 'successful' | 'failed' | 'error' | 'contactCreation';

export type Reason = {
  automation: Automation;
  /** Which Default Settings set a `global` reason is about. */
  set?: SetKind;
  value: Tri;
  confidence: Confidence;
  source: SourceId;
  text: string;
};

export type Evaluation = {
  path: OrderPath;
  setting: Setting;
  outcome: Outcome;
  billingAutocharge: Tri;
  productSpecific: Tri;
  global: Tri;
  campaignGoal: Tri;
  defaultSets: Record<SetKind, Tri>;
  reasons: Reason[];
  /** Set when the scenario cannot happen; every answer is then `no`. */
  impossible?: string;
};

export const IMPOSSIBLE_DECLINE = 'no card is charged on this path';

/** Rows where Keap documents Failed/Error for subscriptions that billed before (the scheduler). */
const FAILED_ERROR_DOCUMENTED_ROWS = [8];
/** Same subscriptions charged by hand: the article does not say whether that counts. */
const FAILED_ERROR_UNDOCUMENTED_ROWS = [12];

export function getPath(idOrNumber: number | string): OrderPath {
  const key =
    typeof idOrNumber === 'string' && /^\d+$/.test(idOrNumber) ? Number(idOrNumber) : idOrNumber;
  const found = orderPaths.find((p) => (typeof key === 'number' ? p.number : p.id) === key);
  if (!found) {
    throw new Error(
      `Unknown order path "${idOrNumber}": use a row number 1-20 or one of: ` +
        orderPaths.map((p) => p.id).join(', '),
    );
  }
  return found;
}

export function automationName(key: Automation): string {
  return automations.find((a) => a.key === key)?.name ?? key;
}

/** The cell for one setting; `unknown` merges Yes and No, and is `unknown` where they differ. */
export function cellFor(path: OrderPath, automation: Automation, setting: Setting): Cell {
  const yes = path.cells[automation];
  const no = path.cellsWhenSettingNo[automation];
  if (setting === 'yes') return yes;
  if (setting === 'no') return no;
  if (yes.value === no.value) {
    // An answer is only as strong as the weaker of the two cells it rests on.
    const confidence = yes.confidence === 'documented' ? no.confidence : yes.confidence;
    return { ...yes, confidence };
  }
  return {
    value: 'unknown',
    confidence: 'inferred',
    source: no.source,
    note:
      `Depends on "${settingInfo.name}", which was not read: ` +
      `Yes → ${yes.value}, No → ${no.value}.`,
  };
}

export function differsBySetting(path: OrderPath | number | string, automation: Automation) {
  const row = typeof path === 'object' ? path : getPath(path);
  return row.cells[automation].value !== row.cellsWhenSettingNo[automation].value;
}

const VERB: Record<Tri, string> = {
  yes: 'runs',
  no: 'does not run',
  unknown: 'may or may not run',
};

function settingPhrase(setting: Setting): string {
  return setting === 'unknown'
    ? `with "${settingInfo.name}" not known`
    : `with "${settingInfo.name}" = ${setting === 'yes' ? 'Yes' : 'No'}`;
}

function fromCell(path: OrderPath, key: Automation, setting: Setting, set?: SetKind): Reason {
  const cell = cellFor(path, key, setting);
  const head = `${automationName(key)}: ${VERB[cell.value]} on "${path.label}" ${settingPhrase(setting)}.`;
  return {
    automation: key,
    ...(set ? { set } : {}),
    value: cell.value,
    confidence: cell.confidence,
    source: cell.source,
    text: cell.note ? `${head} ${cell.note}` : head,
  };
}

function notOnFailure(key: Automation, outcome: Outcome): Reason {
  const what = outcome === 'declined' ? 'a declined card' : 'an order error';
  return {
    automation: key,
    value: 'no',
    confidence: 'inferred',
    source: 'keap-purchase-actions',
    text:
      `${automationName(key)}: needs a completed purchase; after ${what} it is not expected to ` +
      'run (inferred: Keap sends failures to the Failed and Error Purchase sets).',
  };
}

function billingReason(path: OrderPath, setting: Setting, outcome: Outcome): Reason {
  const base = fromCell(path, 'billingAutocharge', setting);
  if (outcome === 'charged' || base.value === 'no') return base;
  if (outcome === 'declined') {
    return {
      ...base,
      value: 'yes',
      confidence: 'documented',
      source: 'keap-community-45716',
      text: 'A declined card is still a card attempt: billing automation triggers run on success or decline.',
    };
  }
  return {
    ...base,
    value: 'unknown',
    confidence: 'inferred',
    source: 'keap-community-45716',
    text:
      'Billing automation runs on a card attempt; whether an error other than a decline ' +
      'happens before or after the card is attempted is not documented.',
  };
}

/** Failed / Error sets run where the Successful set would run on success (inferred). */
function failureSetReason(path: OrderPath, setting: Setting, set: 'failed' | 'error'): Reason {
  const name = set === 'failed' ? 'The Failed Purchase set' : 'The Error Purchase set';
  if (FAILED_ERROR_DOCUMENTED_ROWS.includes(path.number)) {
    return {
      automation: 'global',
      set,
      value: 'yes',
      confidence: 'documented',
      source: 'keap-failed-error-purchases',
      text: `${name} also runs for subscriptions that billed successfully before.`,
    };
  }
  if (FAILED_ERROR_UNDOCUMENTED_ROWS.includes(path.number)) {
    return {
      automation: 'global',
      set,
      value: 'unknown',
      confidence: 'inferred',
      source: 'keap-failed-error-purchases',
      text: `${name} runs for subscriptions that billed before; whether a payment charged by hand counts is not documented.`,
    };
  }
  const cell = cellFor(path, 'global', setting);
  return {
    automation: 'global',
    set,
    value: cell.value,
    confidence: 'inferred',
    source: cell.source,
    text: `${name} ${VERB[cell.value]} here (inferred: it runs on the paths where the Successful Purchase set runs on success).`,
  };
}

function contactCreationReason(path: OrderPath, setting: Setting, newContact?: boolean): Reason {
  const global = cellFor(path, 'global', setting);
  const base = {
    automation: 'global',
    set: 'contactCreation',
    source: 'keap-purchase-actions',
  } as const;
  if (global.value === 'no') {
    return {
      ...base,
      value: 'no',
      confidence: 'inferred',
      text: 'Contact Creation is a Default Settings set, and those do not run on this path (inferred).',
    };
  }
  if (newContact === undefined) {
    return {
      ...base,
      value: 'unknown',
      confidence: 'inferred',
      text: 'Contact Creation runs only if the buyer matched no contact on first name, last name and email; that was not given.',
    };
  }
  if (!newContact) {
    return {
      ...base,
      value: 'no',
      confidence: 'documented',
      text: 'The buyer was already a contact, so Contact Creation does not run.',
    };
  }
  return {
    ...base,
    value: global.value,
    confidence: 'inferred',
    text: `A new buyer on a path where the Default Settings sets run: Contact Creation ${VERB[global.value]} (inferred).`,
  };
}

function impossibleResult(path: OrderPath, scenario: Scenario): Evaluation {
  const reasons = (['billingAutocharge', 'productSpecific', 'global', 'campaignGoal'] as const).map(
    (key): Reason => ({
      automation: key,
      value: 'no',
      confidence: 'documented',
      source: 'keap-ecommerce-actions-run',
      text: `A card cannot be declined on "${path.label}": ${IMPOSSIBLE_DECLINE}.`,
    }),
  );
  return {
    path,
    setting: scenario.setting,
    outcome: scenario.outcome,
    billingAutocharge: 'no',
    productSpecific: 'no',
    global: 'no',
    campaignGoal: 'no',
    defaultSets: { successful: 'no', failed: 'no', error: 'no', contactCreation: 'no' },
    reasons,
    impossible: IMPOSSIBLE_DECLINE,
  };
}

export function evaluate(input: Scenario): Evaluation {
  // Parsed because the dashboard builds scenarios from form fields.
  const scenario = ScenarioSchema.parse(input);
  const path = getPath(scenario.path);
  const { setting, outcome } = scenario;
  if (outcome === 'declined' && !path.cardCharged) return impossibleResult(path, scenario);

  const billing = billingReason(path, setting, outcome);
  const product =
    outcome === 'charged'
      ? fromCell(path, 'productSpecific', setting)
      : notOnFailure('productSpecific', outcome);
  const goal =
    outcome === 'charged'
      ? fromCell(path, 'campaignGoal', setting)
      : notOnFailure('campaignGoal', outcome);
  const global =
    outcome === 'charged'
      ? fromCell(path, 'global', setting, 'successful')
      : failureSetReason(path, setting, outcome === 'declined' ? 'failed' : 'error');
  const contact = contactCreationReason(path, setting, scenario.newContact);

  return {
    path,
    setting,
    outcome,
    billingAutocharge: billing.value,
    productSpecific: product.value,
    global: global.value,
    campaignGoal: goal.value,
    defaultSets: {
      successful: outcome === 'charged' ? global.value : 'no',
      failed: outcome === 'declined' ? global.value : 'no',
      error: outcome === 'error' ? global.value : 'no',
      contactCreation: contact.value,
    },
    reasons: [billing, product, global, goal, contact],
  };
}
