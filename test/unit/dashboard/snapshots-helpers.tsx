// Shared by the snapshots section tests: a fresh store per test and ways to drive the section
// the way a user does (by button text, labels and rows).
import { IDBFactory } from 'fake-indexeddb';
import { act } from 'preact/test-utils';
import type { DownloadFile } from '@/components/snapshots/files';
import { createStoreSource, type SnapshotSource } from '@/entrypoints/dashboard/data';
import { SnapshotsSection } from '@/entrypoints/dashboard/snapshots';
import type { Snapshot } from '@/lib/model';
import { openStore } from '@/lib/store';
import { mount, settle as settleOnce, text } from '../explainer/helpers';

/** Store work takes more ticks than the memory source: a few rounds of the shared settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await settleOnce();
}

/**
 * A store source on its own fake IndexedDB, so no test sees another's snapshots. The snapshots
 * are stored as they are (ids, causes and dates kept), as captures would have stored them.
 */
export async function storeWith(snapshots: Snapshot[] = []): Promise<SnapshotSource> {
  const factory = new IDBFactory();
  const seed = await openStore({ factory, storage: null });
  for (const s of snapshots) await seed.putSnapshot(s);
  await seed.close();
  return createStoreSource({ factory, storage: null });
}

export async function section(source: SnapshotSource, app: string | null = 'poolsupply') {
  const files: DownloadFile[] = [];
  const root = await mount(
    <SnapshotsSection source={source} app={app} download={(f) => files.push(f)} />,
  );
  await settle();
  return { root, files };
}

/** The button whose visible text (plus any screen-reader text) starts with `label`. */
export function button(root: Element, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => text(b).startsWith(label));
  if (!found) throw new Error(`No button "${label}" in: ${text(root).slice(0, 300)}`);
  return found;
}

export async function click(root: Element, label: string): Promise<void> {
  const b = button(root, label);
  await act(() => b.click());
  await settle();
}

export function row(root: Element, id: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-snapshot-id="${CSS.escape(id)}"]`);
  if (!found) throw new Error(`No timeline row for "${id}"`);
  return found;
}

export function inputByLabel(root: Element, label: string): HTMLInputElement {
  const l = [...root.querySelectorAll('label')].find((x) => text(x).startsWith(label));
  const input = l?.htmlFor
    ? root.querySelector<HTMLInputElement>(`#${CSS.escape(l.htmlFor)}`)
    : null;
  if (!input) throw new Error(`No input labelled "${label}"`);
  return input;
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function pickFile(root: Element, name: string, content: string): Promise<void> {
  const input = inputByLabel(root, 'Import snapshots');
  const file = new File([content], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

/**
 * Waits until `check` stops throwing: store reads and writes take a variable number of ticks
 * (more when the whole suite runs in parallel), so a fixed number of settles would be flaky.
 */
export async function until(check: () => unknown | Promise<unknown>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await settle();
    }
  }
}
