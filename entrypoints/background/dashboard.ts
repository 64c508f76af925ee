import browser from 'webextension-polyfill';
import type { StoreOp } from '@/lib/store/ops';
import { lazyStore, type StoreCore, storeCore } from '@/lib/store/source';
import { refuse } from './refusals';

// The background owns the extension's IndexedDB; the dashboard asks it (entrypoints/dashboard/
// data.ts). Only the dashboard page itself may: not a CRM page, and not the toolkit's frame in a
// CRM page (which gets only what its own account's features ask, through frames.ts).

let core: StoreCore | null = null;

/** The dashboard, as an extension page of its own (its own tab, top frame). */
export function isDashboard(sender: browser.Runtime.MessageSender): boolean {
  if (!sender.url || sender.frameId !== 0) return false;
  try {
    const url = new URL(sender.url);
    return (
      url.origin === new URL(browser.runtime.getURL('/')).origin &&
      url.pathname === '/dashboard.html'
    );
  } catch {
    return false;
  }
}

export async function storeCall(
  op: StoreOp,
  args: unknown[],
  sender: browser.Runtime.MessageSender,
): Promise<{ value: unknown } | { error: string } | undefined> {
  if (!isDashboard(sender)) {
    await refuse('store-call', `${op}: not the dashboard`);
    return undefined;
  }
  core ??= storeCore(lazyStore());
  const call = core[op] as (...a: unknown[]) => Promise<unknown>;
  try {
    // The store checks what it is given (snapshots are parsed before they are stored, ids and
    // apps scope every read and change), as it did when the dashboard opened it itself.
    return { value: await call(...args) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
