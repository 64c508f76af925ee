import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Refusal } from '@/entrypoints/background/refusals';
import { DB_NAME } from '@/lib/store';
import { sampleSnapshot } from '../store/fixtures';

// Issue 11: the background owns the extension's IndexedDB and the dashboard asks it. Only the
// dashboard page may: a CRM page's content script, or the toolkit's frame inside a CRM page,
// is refused (the refusal log says so, and the store is unchanged), each with the dashboard as
// the control that the same call does work.

let bg: typeof import('@/entrypoints/background/dashboard');
beforeEach(async () => {
  vi.resetModules(); // a fresh store core per test
  bg = await import('@/entrypoints/background/dashboard');
  indexedDB.deleteDatabase(DB_NAME);
});

const dashboard = () => ({
  url: fakeBrowser.runtime.getURL('/dashboard.html#/snapshots'),
  frameId: 0,
});
const refusals = async () =>
  ((await fakeBrowser.storage.session.get('refusals')).refusals ?? []) as Refusal[];

describe('store calls', () => {
  it('(control) the dashboard imports, lists and reads back a snapshot', async () => {
    const s = sampleSnapshot();
    const stored = (await bg.storeCall('importSnapshots', [[s]], dashboard())) as {
      value: { id: string; app: string }[];
    };
    expect(stored.value).toHaveLength(1);
    const list = (await bg.storeCall('timeline', [s.app], dashboard())) as {
      value: { items: { id: string }[] };
    };
    expect(list.value.items.map((m) => m.id)).toEqual([stored.value[0]?.id]);
    expect(await refusals()).toEqual([]);
  });

  it("answers a store error as the store said it, so the dashboard shows the store's words", async () => {
    expect(await bg.storeCall('getSnapshot', ['nope', 'ab123'], dashboard())).toEqual({
      error: 'There is no snapshot "nope" of "ab123" any more.',
    });
  });

  it.each([
    ['a CRM page', { url: 'https://ab123.infusionsoft.com/app/purchaseActions', frameId: 0 }],
    [
      "the toolkit's frame in a CRM page",
      { url: fakeBrowser.runtime.getURL('/toolkit-frame.html'), frameId: 4 },
    ],
    [
      'the dashboard framed somewhere',
      { url: fakeBrowser.runtime.getURL('/dashboard.html'), frameId: 2 },
    ],
  ])('refuses %s: nothing is read or changed', async (_who, sender) => {
    const s = sampleSnapshot();
    await bg.storeCall('importSnapshots', [[s]], dashboard());
    expect(await bg.storeCall('accountSummaries', [], sender)).toBeUndefined();
    expect(await bg.storeCall('importSnapshots', [[sampleSnapshot()]], sender)).toBeUndefined();
    const id = (
      (await bg.storeCall('timeline', [s.app], dashboard())) as {
        value: { items: { id: string }[] };
      }
    ).value.items[0]?.id;
    expect(await bg.storeCall('deleteSnapshot', [id, s.app], sender)).toBeUndefined();
    expect((await refusals()).map((r) => r.what)).toEqual([
      'store-call',
      'store-call',
      'store-call',
    ]);
    // Still exactly the one snapshot the dashboard stored.
    const after = (await bg.storeCall('timeline', [s.app], dashboard())) as {
      value: { items: { id: string }[] };
    };
    expect(after.value.items.map((m) => m.id)).toEqual([id]);
  });
});
