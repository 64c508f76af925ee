import type { PageKind } from '../model';
import { HAS_DEFAULT_SETTINGS_HEADING, readActionsPage } from './actions-page';
import { ADD_NEW_ACTION, CONFIRMED_ACTION_TYPES } from './labels';
import { readRunOnAllOrders } from './settings-page';
import { elementsWithText, norm } from './text';

// Page detectors: pure functions of a Document, decided by content (the CRM's URLs are not
// public, and our replica has two dialects of them). Each is tested with every other detector's
// pages as negatives (test/unit/crm/detect.test.ts).

export function isActionsPage(doc: Document): boolean {
  return HAS_DEFAULT_SETTINGS_HEADING(doc) && readActionsPage(doc) !== null;
}

/** The action-set editor: an "Add New Action" drop-down offering the known action types. */
export function isActionEditor(doc: Document): boolean {
  const known = new Set(CONFIRMED_ACTION_TYPES.map((t) => t.toLowerCase()));
  const hasTypeSelect = Array.from(doc.querySelectorAll('select')).some(
    (s) =>
      Array.from(s.options).filter((o) => known.has(norm(o.textContent).toLowerCase())).length >= 3,
  );
  if (!hasTypeSelect) return false;
  return (
    elementsWithText(doc, ADD_NEW_ACTION).length > 0 ||
    Array.from(doc.querySelectorAll('label, option, th, td, span, div, h1, h2, h3, h4')).some((e) =>
      norm(e.textContent).toLowerCase().startsWith(ADD_NEW_ACTION.toLowerCase()),
    )
  );
}

export function isSettingsPage(doc: Document): boolean {
  return readRunOnAllOrders(doc) !== null;
}

/** A login form: a password box, and none of the pages we work on. */
export function isLoginPage(doc: Document): boolean {
  return doc.querySelector('input[type="password" i]') !== null;
}

export function detectPage(doc: Document): PageKind {
  if (isActionsPage(doc)) return 'actions';
  if (isActionEditor(doc)) return 'editor';
  if (isSettingsPage(doc)) return 'settings';
  if (isLoginPage(doc)) return 'login';
  return 'other';
}
