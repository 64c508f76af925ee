import type { DefaultTrigger } from '../model';

// Visible labels are the only thing both markup dialects (and, we bet, the real CRM) share.
// Sources: Keap help "Automate follow-up when a purchase is made" (crm-facts.md).
export const DEFAULT_TRIGGER_LABELS: Record<DefaultTrigger, string> = {
  onLogin: 'On Login (Multi-Step Cart)',
  contactCreation: 'Contact Creation Action',
  successful: 'Successful Purchase Action',
  failed: 'Failed Purchase Action',
  error: 'Error Purchase Action',
};

export const ACTIONS_BUTTON_TEXT = 'Actions';
export const DEFAULT_SETTINGS_HEADING = 'Default Settings';
export const PRODUCTS_HEADING = 'Products';
export const ADD_NEW_ACTION = 'Add New Action';
export const RUN_ON_ALL_ORDERS = 'Run Purchase Actions On All Orders';

/** Action type labels confirmed in Keap's public docs; the editor's drop-down shows them. */
export const CONFIRMED_ACTION_TYPES = [
  'Apply/Remove Tag',
  'Send an email',
  'Run another Action Set',
  'Send an HTTP post to another server',
  'Create An Order',
  'Cancel a Subscription',
] as const;
