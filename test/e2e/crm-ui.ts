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

/** In an open editor: adds an "Apply/Remove Tag" action with the first tag, then saves the set. */
export async function addTagActionAndSave(editor: Page | import('playwright-core').Frame) {
  await editor.getByLabel('Add New Action').selectOption({ label: 'Apply/Remove Tag' });
  await editor.getByText('Only run this action when certain rules are met').waitFor();
  const tag = editor.locator('#content select').first();
  const names = await tag.locator('option').allTextContents();
  await tag.selectOption({ label: names[1] ?? '' });
  await editor.locator('input[type=submit][value=Save]').click();
  await editor
    .getByText(/Apply tag/)
    .first()
    .waitFor();
  // Save the set: the editor tells its opener and closes itself.
  await editor.locator('input[type=submit][value=Save]').click();
}

/**
 * A real (trusted) mouse click at the control's centre. Unlike locator.click() it does not wait
 * on what the click opens, which hangs when a blocker closes a new pop-up at once.
 */
export async function mouseClick(page: Page, target: Locator, button: 'left' | 'middle' = 'left') {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('control is not visible');
  // When a blocker closes the new pop-up at once, the browser never acknowledges the mouse-up to
  // Playwright: the click has happened, so stop waiting after a moment.
  await Promise.race([
    page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button }),
    new Promise((r) => setTimeout(r, 3000)),
  ]);
}

/**
 * One of the toolkit's own frames on a CRM page (the toolbar, or the Bulk copy dialog). They live
 * in closed shadow roots, which locators cannot enter; the browser's frame tree still lists them.
 */
export async function toolkitFrame(
  page: Page,
  kind: 'toolbar' | 'bulk-copy',
  timeout = 30_000,
): Promise<import('playwright-core').Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page
      .frames()
      .filter((f) => !f.isDetached() && f.url().includes(`/toolkit-frame.html#${kind}.`))
      .at(-1);
    if (frame) {
      // Rendered once it has said hello to the background and drawn its UI.
      const ready = await frame
        .locator('#root > :not(style)')
        .first()
        .waitFor({ timeout: Math.max(1, deadline - Date.now()) })
        .then(
          () => true,
          () => false,
        );
      if (ready) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} frame on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const toolbar = (page: Page) => toolkitFrame(page, 'toolbar');
