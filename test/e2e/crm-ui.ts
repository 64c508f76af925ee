import type { Locator, Page } from 'playwright-core';

// Finding things on replica pages the way a person does: by visible label, in either dialect.

/** The Actions control on the row labelled `label` (a trigger or a product name). */
export function actionsButtonFor(page: Page, label: string): Locator {
  const control = page
    .getByRole('button', { name: 'Actions', exact: true })
    .or(page.getByRole('link', { name: 'Actions', exact: true }));
  // Only the label's ancestors contain it, in document order: the last match is the innermost.
  const row = page
    .locator('tr, li, div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .filter({ has: control })
    .last();
  return row
    .getByRole('button', { name: 'Actions', exact: true })
    .or(row.getByRole('link', { name: 'Actions', exact: true }));
}
