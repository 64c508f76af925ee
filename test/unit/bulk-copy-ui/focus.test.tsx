import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { tabStops } from '@/components/bulk-copy/focus';
import { check, click, open, press, text, toPreview } from './helpers';

// The dialog's focus trap: Tab from the last stop wraps to the first and back, and a group of
// radios is one stop (the browser's own Tab order), so the trap's "last" is really the last.

const label = (el: Element | null) =>
  el instanceof HTMLInputElement
    ? `${el.type}:${el.value}`
    : `${el?.tagName.toLowerCase()}:${text(el)}`;

function dialogOf(root: HTMLElement): HTMLElement {
  const d = root.querySelector<HTMLElement>('[role="dialog"]');
  if (!d) throw new Error('no dialog');
  return d;
}

describe('bulk copy dialog: focus trap', () => {
  it('counts the source radios as one tab stop, on the first radio while none is chosen', async () => {
    const { root } = await open();
    const stops = tabStops(dialogOf(root)).map(label);
    expect(stops.filter((s) => s.startsWith('radio:'))).toEqual(['radio:d1']);
    // Close, the search box, the source group; Next is disabled until a source is chosen.
    expect(stops).toEqual(['button:Close', 'search:', 'radio:d1']);
  });

  it('stands on the chosen radio once one is chosen', async () => {
    const { root } = await open();
    await check(root, 'Chlorine Tabs');
    const stops = tabStops(dialogOf(root)).map(label);
    expect(stops).toEqual(['button:Close', 'search:', 'radio:p1', 'button:Next']);
  });

  it('wraps Tab from the radio group (the last stop) to Close, and Shift+Tab back', async () => {
    const { root } = await open();
    const dialog = dialogOf(root);
    // Focus a radio that is not the group's own stop: still "on" the last stop of the dialog.
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    await act(() => radios[2]?.focus());
    await press(root, 'Tab');
    expect(label(document.activeElement)).toBe('button:Close');
    await press(root, 'Tab', true);
    expect(label(document.activeElement)).toBe('radio:d1');
  });

  it('does not wrap from the middle: the browser moves focus on', async () => {
    const { root } = await open();
    await check(root, 'Chlorine Tabs');
    const radio = root.querySelector<HTMLInputElement>('input[type="radio"]:checked');
    await act(() => radio?.focus());
    const e = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    await act(() => {
      dialogOf(root).dispatchEvent(e);
    });
    // Next is after the group: the trap leaves this Tab to the browser.
    expect(e.defaultPrevented).toBe(false);
    await click(root, 'Next');
    expect(text(root.querySelector('h2'))).toBe('Choose the sets to copy into');
  });

  it('has a heading structure: the title is the h1, each step an h2', async () => {
    const { root } = await open();
    const headings = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(
      (h) => `${h.tagName}:${text(h)}`,
    );
    expect(headings).toEqual(['H1:Bulk copy purchase actions', 'H2:Choose the set to copy from']);
  });

  it("moves focus to a new step's heading as the step appears, not a frame later", async () => {
    // An admin who presses Tab the moment the preview shows must keep the focus they moved: the
    // heading takes focus in the same task as the step appears. (With a plain effect it took it
    // a frame later, so Enter on "Copy to" landed on the heading and nothing started.)
    const { root, fake } = await open();
    fake.holdPreview();
    await toPreview(root);
    let whenShown: string | null = null;
    const seen = new MutationObserver(() => {
      const copy = [...root.querySelectorAll('button')].find((b) => text(b).startsWith('Copy to'));
      if (!copy || whenShown !== null) return;
      whenShown = label(document.activeElement);
      copy.focus();
    });
    seen.observe(root, { childList: true, subtree: true });
    fake.releasePreview();
    // Real time, past the next frame and Preact's 100 ms fallback for effects.
    await new Promise((r) => setTimeout(r, 300));
    seen.disconnect();
    expect(whenShown).toBe('h2:Preview');
    expect(label(document.activeElement)).toMatch(/^button:Copy to/);
  });
});
