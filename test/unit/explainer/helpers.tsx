// Render helpers for the explainer and dashboard tests: mount into a real (happy-dom) document
// and drive the UI the way a user does, by legend and label text.
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';
import type { Action, Snapshot } from '@/lib/model';

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const el of mounted.splice(0)) {
    render(null, el);
    el.remove();
  }
});

export async function mount(ui: ComponentChild): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  mounted.push(root);
  await act(() => render(ui, root));
  return root;
}

/** Lets pending promises (the snapshot source) settle and Preact re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise<void>((r) => setTimeout(r, 0)));
}

export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function fieldset(root: HTMLElement, legend: string): HTMLFieldSetElement {
  const found = [...root.querySelectorAll('fieldset')].find(
    (f) => text(f.querySelector('legend')) === legend,
  );
  if (!found) throw new Error(`No fieldset with legend "${legend}"`);
  return found;
}

/** Clicks the radio or checkbox whose label starts with `label` inside the named fieldset. */
export async function choose(root: HTMLElement, legend: string, label: string): Promise<void> {
  const option = [...fieldset(root, legend).querySelectorAll('label')].find((l) =>
    text(l).startsWith(label),
  );
  const input = option?.querySelector('input');
  if (!input) throw new Error(`No option "${label}" in "${legend}"`);
  await act(() => input.click());
}

export function selectByLabel(root: HTMLElement, label: string): HTMLSelectElement {
  const l = [...root.querySelectorAll('label')].find((x) => text(x) === label);
  const select = l ? root.querySelector<HTMLSelectElement>(`#${CSS.escape(l.htmlFor)}`) : null;
  if (!select) throw new Error(`No select labelled "${label}"`);
  return select;
}

export async function pick(root: HTMLElement, label: string, value: string): Promise<void> {
  const select = selectByLabel(root, label);
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const email = (name: string): Action => ({
  label: 'Send Email',
  summary: `Send email: ${name}`,
  facts: { emailTemplates: [name] },
});
const tag = (name: string): Action => ({
  label: 'Apply/Remove Tag',
  summary: `Apply tag: ${name}`,
  facts: { appliesTags: [name] },
});

/** A small pool-supply account: Successful Purchase and one product share the tag "Customer". */
export function poolSnapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    id: 'snap-1',
    app: 'poolsupply',
    host: 'poolsupply.infusionsoft.com',
    build: null,
    takenAt: '2025-05-01T10:00:00.000Z',
    cause: 'manual',
    pinned: false,
    runOnAllOrders: 'yes',
    products: [
      { name: 'Pool scrubbing Mitt', kind: 'product' },
      { name: 'Pool Shock', kind: 'product' },
    ],
    sets: [
      {
        ref: { kind: 'default', trigger: 'successful' },
        name: 'Successful Purchase Action',
        actions: [email('Pool Club Welcome'), tag('Customer')],
      },
      { ref: { kind: 'default', trigger: 'failed' }, name: 'Failed Purchase Action', actions: [] },
      {
        ref: { kind: 'product', name: 'Pool scrubbing Mitt' },
        name: 'Pool scrubbing Mitt',
        actions: [tag('Customer'), email('How to use your Mitt')],
      },
      {
        ref: { kind: 'product', name: 'Pool Shock' },
        name: 'Pool Shock',
        // No facts read: the warning must fall back to the summary text.
        actions: [{ label: 'Send Email', summary: 'Send email: Shock safety' }],
      },
    ],
    ...over,
  };
}
