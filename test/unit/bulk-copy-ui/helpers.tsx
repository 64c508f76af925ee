// Drives the bulk-copy dialog the way an admin does: by button text, label text and rows.
import { act } from 'preact/test-utils';
import { BulkCopyDialog } from '@/components/bulk-copy/BulkCopyDialog';
import type { RunProgress, SourceOption, TargetOption } from '@/components/bulk-copy/types';
import { mount, settle, text } from '../explainer/helpers';
import { type FakeActions, fakeActions } from './fake-actions';

export { settle, text };

export const HOSTILE = '<img src=x onerror=alert(1)>';

export const SOURCES: SourceOption[] = [
  { id: 'd1', name: 'Successful Purchase', kind: 'default', actionCount: 2, origin: 'live' },
  { id: 'p1', name: 'Chlorine Tabs', kind: 'product', actionCount: 3, origin: 'live' },
  { id: 'p4', name: 'Test Kit', kind: 'product', actionCount: null, origin: 'live' },
  {
    id: 'snap:p9',
    name: 'Old Pump',
    kind: 'product',
    actionCount: 1,
    origin: 'acme, 2026-11-20 14:03',
  },
];

export const TARGETS: TargetOption[] = [
  { key: 'd1', name: 'Successful Purchase', kind: 'default', hasActions: true },
  { key: 'd2', name: 'Failed Purchase', kind: 'default', hasActions: false },
  { key: 'p1', name: 'Chlorine Tabs', kind: 'product', category: 'Chemicals', hasActions: true },
  { key: 'p2', name: 'Pool Brush', kind: 'product', category: 'Tools', hasActions: false },
  { key: 'p3', name: HOSTILE, kind: 'product', category: 'Chemicals', hasActions: false },
  { key: 'p4', name: 'Test Kit', kind: 'product', category: 'Chemicals', hasActions: false },
  { key: 'p5', name: 'Skimmer', kind: 'product', category: 'Tools', hasActions: true },
];

export interface Opened {
  root: HTMLElement;
  fake: FakeActions;
  closed: () => number;
}

/** Mounts the dialog with a fresh fake; `unchanged` target keys preview as "no change". */
export async function open(
  opts: {
    unchanged?: string[];
    resumeJob?: RunProgress;
    fake?: FakeActions;
    sources?: SourceOption[];
  } = {},
): Promise<Opened> {
  const fake = opts.fake ?? fakeActions(TARGETS, opts.unchanged ?? ['p4']);
  let closes = 0;
  const root = await mount(
    <BulkCopyDialog
      sources={opts.sources ?? SOURCES}
      targets={TARGETS}
      actions={fake.actions}
      resumeJob={opts.resumeJob}
      onClose={() => closes++}
    />,
  );
  return { root, fake, closed: () => closes };
}

/** Exact text first ("All products" is not "All products without actions"), then a prefix. */
export function button(root: Element, label: string): HTMLButtonElement {
  const all = [...root.querySelectorAll('button')];
  const found = all.find((b) => text(b) === label) ?? all.find((b) => text(b).startsWith(label));
  if (!found) throw new Error(`No button "${label}" in: ${text(root).slice(0, 400)}`);
  return found;
}

/**
 * The admin's own click. The dialog's Copy, Undo, Resume and Retry answer only trusted events
 * (a page script's `el.click()` is not one), so the test marks its click as the browser marks a
 * real one; `b.click()` stays what a page script could do.
 */
export function userClick(el: Element): void {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
}

/** What a page script can do to a button it can reach: an untrusted `el.click()`. */
export async function syntheticClick(root: Element, label: string): Promise<void> {
  const b = button(root, label);
  await act(() => b.click());
  await settle();
}

export async function click(root: Element, label: string): Promise<void> {
  const b = button(root, label);
  if (b.disabled) throw new Error(`Button "${label}" is disabled`);
  await act(() => userClick(b));
  await settle();
}

/** The radio or checkbox whose label text starts with `label`. */
export function option(root: Element, label: string): HTMLInputElement | null {
  const l = [...root.querySelectorAll('label')].find((x) => text(x).startsWith(label));
  return l?.querySelector('input') ?? null;
}

export async function check(root: Element, label: string): Promise<void> {
  const input = option(root, label);
  if (!input) throw new Error(`No option "${label}" in: ${text(root).slice(0, 400)}`);
  await act(() => input.click());
}

export function field<T extends HTMLElement>(root: Element, label: string): T {
  const l = [...root.querySelectorAll('label')].find((x) => text(x) === label);
  const el = l?.htmlFor ? root.querySelector<T>(`#${CSS.escape(l.htmlFor)}`) : null;
  if (!el) throw new Error(`No field labelled "${label}"`);
  return el;
}

export async function typeIn(root: Element, label: string, value: string): Promise<void> {
  const input = field<HTMLInputElement>(root, label);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function alertText(root: Element): string {
  return text(root.querySelector('[role="alert"]'));
}

export function liveText(root: Element): string {
  return text(root.querySelector('[role="status"]'));
}

/** Source "Chlorine Tabs", targets "All products without actions", the given mode: then Preview. */
export async function toPreview(root: HTMLElement, mode: 'add' | 'replace' = 'add'): Promise<void> {
  await check(root, 'Chlorine Tabs');
  await click(root, 'Next');
  await click(root, 'All products without actions');
  await click(root, 'Next');
  await check(root, mode === 'add' ? "Add the source's actions" : "Replace the target's actions");
  await click(root, 'Preview');
}

/** Through the preview to a run that the fake holds open ("running"). */
export async function toRunning(root: HTMLElement): Promise<void> {
  await toPreview(root);
  await click(root, 'Copy to');
}

export function reportRows(root: Element): string[][] {
  return [...root.querySelectorAll('[data-testid="pat-bc-report"] tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => text(td)),
  );
}

/** A key press on the dialog itself (where its Escape and Tab handling listens). */
export async function press(root: Element, key: string, shiftKey = false): Promise<void> {
  const dialog = root.querySelector('[role="dialog"]');
  if (!dialog) throw new Error('No dialog');
  await act(() => {
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
  });
}
