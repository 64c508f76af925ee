// The "Add New Action" catalogue. Labels of the first six are confirmed (crm-facts "The
// action-set editor"); the rest are [assumed] campaign-step equivalents with small forms.
import type { AccountState, Action, ConfigValue } from './types.ts';

export interface Option {
  value: string;
  label: string;
}

export type FieldKind = 'select' | 'multiselect' | 'radio' | 'text' | 'textarea' | 'checkbox';

export interface FieldDef {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: (s: AccountState) => Option[];
}

export interface ActionTypeDef {
  key: string;
  label: string;
  confirmed: boolean;
  fields: FieldDef[];
  summary: (config: Record<string, ConfigValue>, s: AccountState) => string;
}

const named = (list: (s: AccountState) => { id: number; name: string }[]) => (s: AccountState) =>
  list(s).map((n) => ({ value: String(n.id), label: n.name }));

const nameOf = (list: { id: number; name: string }[], id: ConfigValue | undefined): string => {
  const found = list.find((n) => String(n.id) === String(id));
  return found ? found.name : `(not found, id ${String(id)})`;
};

const str = (v: ConfigValue | undefined): string =>
  Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '';

const PAY_PLANS: Option[] = [
  { value: 'full', label: 'Pay in full' },
  { value: '3pay', label: '3 monthly payments' },
  { value: '6pay', label: '6 monthly payments' },
];

export const CONTACT_FIELDS: Option[] = [
  { value: 'FirstName', label: 'First Name' },
  { value: 'LastName', label: 'Last Name' },
  { value: 'Email', label: 'Email' },
  { value: 'State', label: 'State' },
  { value: 'Country', label: 'Country' },
  { value: 'LeadSource', label: 'Lead Source' },
  { value: 'OrderTotal', label: 'Order Total' },
  { value: 'ProductCategory', label: 'Product Category' },
];

export const OPERATORS: Option[] = [
  { value: 'eq', label: 'Equal To' },
  { value: 'ne', label: 'Not Equal To' },
  { value: 'contains', label: 'Contains' },
  { value: 'empty', label: 'Is Empty' },
  { value: 'gt', label: 'Greater Than' },
  { value: 'lt', label: 'Less Than' },
];

const users = named((s) => s.users);
const owner: FieldDef = { name: 'userId', label: 'Assign to', kind: 'select', options: users };

export const ACTION_TYPES: ActionTypeDef[] = [
  {
    key: 'applyRemoveTag',
    label: 'Apply/Remove Tag',
    confirmed: true,
    fields: [
      {
        name: 'mode',
        label: 'Tag action',
        kind: 'radio',
        required: true,
        options: () => [
          { value: 'apply', label: 'Apply' },
          { value: 'remove', label: 'Remove' },
        ],
      },
      {
        name: 'tagId',
        label: 'Tag',
        kind: 'select',
        required: true,
        options: named((s) => s.tags),
      },
    ],
    summary: (c, s) =>
      `${c.mode === 'remove' ? 'Remove tag' : 'Apply tag'}: ${nameOf(s.tags, c.tagId)}`,
  },
  {
    key: 'sendEmail',
    label: 'Send an email',
    confirmed: true,
    fields: [
      {
        name: 'templateId',
        label: 'Email template',
        kind: 'select',
        required: true,
        options: named((s) => s.emailTemplates),
      },
    ],
    summary: (c, s) => `Send email: ${nameOf(s.emailTemplates, c.templateId)}`,
  },
  {
    key: 'runActionSet',
    label: 'Run another Action Set',
    confirmed: true,
    fields: [
      {
        name: 'actionSetId',
        label: 'Action set',
        kind: 'select',
        required: true,
        options: named((s) => s.namedActionSets),
      },
    ],
    summary: (c, s) => `Run action set: ${nameOf(s.namedActionSets, c.actionSetId)}`,
  },
  {
    key: 'httpPost',
    label: 'Send an HTTP post to another server',
    confirmed: true,
    fields: [{ name: 'postUrl', label: 'Post URL', kind: 'text', required: true }],
    summary: (c) => `HTTP post: ${str(c.postUrl)}`,
  },
  {
    key: 'createOrder',
    label: 'Create An Order',
    confirmed: true,
    fields: [
      {
        name: 'productIds',
        label: 'Products',
        kind: 'multiselect',
        required: true,
        options: (s) => s.products.map((p) => ({ value: String(p.id), label: p.name })),
      },
      {
        name: 'payPlan',
        label: 'Pay plan',
        kind: 'select',
        required: true,
        options: () => PAY_PLANS,
      },
      { name: 'autoCharge', label: 'Auto Charge this order', kind: 'checkbox' },
      { name: 'chargeTax', label: 'Charge tax', kind: 'checkbox' },
      { name: 'emailInvoice', label: 'Email invoice', kind: 'checkbox' },
    ],
    summary: (c, s) => {
      const ids = Array.isArray(c.productIds) ? c.productIds : [str(c.productIds)];
      return `Create order: ${ids.map((id) => nameOf(s.products, id)).join(', ')}`;
    },
  },
  {
    key: 'cancelSubscription',
    label: 'Cancel a Subscription',
    confirmed: true,
    fields: [
      {
        name: 'subscriptionProductId',
        label: 'Subscription',
        kind: 'select',
        required: true,
        options: (s) =>
          s.products
            .filter((p) => p.type === 'Subscription')
            .map((p) => ({ value: String(p.id), label: p.name })),
      },
    ],
    summary: (c, s) => `Cancel subscription: ${nameOf(s.products, c.subscriptionProductId)}`,
  },
  {
    key: 'createTask',
    label: 'Create a Task',
    confirmed: false,
    fields: [
      { name: 'title', label: 'Title', kind: 'text', required: true },
      owner,
      { name: 'dueInDays', label: 'Due in (days)', kind: 'text' },
    ],
    summary: (c) => `Create task: ${str(c.title)}`,
  },
  {
    key: 'createNote',
    label: 'Create a Note',
    confirmed: false,
    fields: [
      { name: 'subject', label: 'Subject', kind: 'text', required: true },
      { name: 'body', label: 'Note', kind: 'textarea' },
    ],
    summary: (c) => `Create note: ${str(c.subject)}`,
  },
  {
    key: 'createAppointment',
    label: 'Create an Appointment',
    confirmed: false,
    fields: [
      { name: 'title', label: 'Title', kind: 'text', required: true },
      owner,
      { name: 'inDays', label: 'Days from now', kind: 'text' },
    ],
    summary: (c) => `Create appointment: ${str(c.title)}`,
  },
  {
    key: 'setFieldValue',
    label: 'Set a Field Value',
    confirmed: false,
    fields: [
      {
        name: 'field',
        label: 'Field',
        kind: 'select',
        required: true,
        options: () => CONTACT_FIELDS,
      },
      { name: 'value', label: 'Value', kind: 'text' },
    ],
    summary: (c) =>
      `Set field: ${CONTACT_FIELDS.find((f) => f.value === c.field)?.label ?? str(c.field)} = ${str(c.value)}`,
  },
  {
    key: 'assignOwner',
    label: 'Assign an Owner',
    confirmed: false,
    fields: [{ ...owner, label: 'Owner', required: true }],
    summary: (c, s) => `Assign owner: ${nameOf(s.users, c.userId)}`,
  },
  ...(['add', 'remove'] as const).map(
    (dir): ActionTypeDef => ({
      key: dir === 'add' ? 'addToFulfillment' : 'removeFromFulfillment',
      label: dir === 'add' ? 'Add to Fulfillment List' : 'Remove from Fulfillment List',
      confirmed: false,
      fields: [
        {
          name: 'listId',
          label: 'Fulfillment list',
          kind: 'select',
          required: true,
          options: named((s) => s.fulfillmentLists),
        },
      ],
      summary: (c, s) =>
        `${dir === 'add' ? 'Add to' : 'Remove from'} fulfillment list: ${nameOf(s.fulfillmentLists, c.listId)}`,
    }),
  ),
  ...(['start', 'stop'] as const).map(
    (dir): ActionTypeDef => ({
      key: dir === 'start' ? 'startSequence' : 'stopSequence',
      label: dir === 'start' ? 'Start a Follow-up Sequence' : 'Stop a Follow-up Sequence',
      confirmed: false,
      fields: [
        {
          name: 'sequenceId',
          label: 'Follow-up sequence',
          kind: 'select',
          required: true,
          options: named((s) => s.followUpSequences),
        },
      ],
      summary: (c, s) =>
        `${dir === 'start' ? 'Start' : 'Stop'} sequence: ${nameOf(s.followUpSequences, c.sequenceId)}`,
    }),
  ),
  ...(['Fax', 'Letter'] as const).map(
    (kind): ActionTypeDef => ({
      key: `send${kind}`,
      label: `Send a ${kind}`,
      confirmed: false,
      fields: [
        {
          name: 'templateId',
          label: `${kind} template`,
          kind: 'select',
          required: true,
          options: named((s) => s.letterTemplates),
        },
      ],
      summary: (c, s) => `Send ${kind.toLowerCase()}: ${nameOf(s.letterTemplates, c.templateId)}`,
    }),
  ),
  {
    key: 'sendSms',
    label: 'Send an SMS',
    confirmed: false,
    fields: [{ name: 'message', label: 'Message', kind: 'textarea', required: true }],
    summary: (c) => {
      const m = str(c.message);
      return `Send SMS: ${m.length > 40 ? `${m.slice(0, 40)}…` : m}`;
    },
  },
];

export function actionType(key: string): ActionTypeDef | undefined {
  return ACTION_TYPES.find((t) => t.key === key);
}

export function summarize(action: Action, s: AccountState): string {
  const def = actionType(action.type);
  return def ? def.summary(action.config, s) : action.type;
}

/**
 * The fields of an action that name something the account no longer offers (a deleted
 * subscription, tag or action set): the CRM keeps such a value on the saved action, but no new
 * action can be saved with it.
 */
export function danglingFields(action: Action, s: AccountState): string[] {
  const def = actionType(action.type);
  if (!def) return [action.type];
  return def.fields
    .filter((f) => {
      if (!f.options) return false;
      const offered = new Set(f.options(s).map((o) => o.value));
      const v = action.config[f.name];
      const values = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
      return values.some((x) => !offered.has(x));
    })
    .map((f) => f.label);
}
