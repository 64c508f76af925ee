import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PopupStatus } from '@/entrypoints/background/popup-status';
import { currentTabId } from '@/entrypoints/popup/current-tab';
import { Popup } from '@/entrypoints/popup/Popup';
import { mount, settle, text } from '../explainer/helpers';

/** Answers the pop-up's 'popup-status' question as the background would, recording the tab asked about. */
function background(answer: (tabId: number) => PopupStatus) {
  const asked: number[] = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown, _sender, sendResponse) => {
    const m = msg as { type: string; tabId: number };
    if (m.type !== 'popup-status') return undefined;
    asked.push(m.tabId);
    sendResponse(answer(m.tabId));
    return true;
  });
  return asked;
}

/** A focused browser window with one active tab at `url` (and the tab). */
async function activeTab(url: string, others: string[] = []) {
  const win = await fakeBrowser.windows.create({ focused: true });
  for (const u of others)
    await fakeBrowser.tabs.create({ url: u, windowId: win?.id, active: false });
  return fakeBrowser.tabs.create({ url, windowId: win?.id, active: true });
}

describe('the pop-up', () => {
  it('without ?tab= is about the active tab of its window', async () => {
    const active = await activeTab('https://two.infusionsoft.com/', [
      'https://one.infusionsoft.com/',
    ]);
    expect(await currentTabId('')).toBe(active.id);
    expect(await currentTabId('?tab=42')).toBe(42);
    expect(await currentTabId('?tab=nonsense')).toBe(active.id);
  });

  it('on a CRM tab shows the account, its last snapshot, open jobs and the way to the Actions page', async () => {
    const tab = await activeTab('https://acme.infusionsoft.com/');
    const asked = background(() => ({
      kind: 'crm',
      app: 'acme',
      onActionsPage: false,
      actionsPageUrl: null,
      lastSnapshot: {
        takenAt: '2026-11-20T10:00:00.000Z',
        cause: 'manual',
        setCount: 13,
        actionCount: 40,
        productCount: 1,
      },
      jobs: [{ kind: 'restore', status: 'paused', done: 2, total: 5 }],
    }));
    const root = await mount(<Popup />);
    await settle();
    expect(asked).toEqual([tab.id]);
    expect(text(root.querySelector('[data-testid="pat-popup-app"]'))).toBe('acme');
    expect(text(root.querySelector('[data-testid="pat-popup-last-snapshot"]'))).toMatch(
      /\(taken by hand\): 13 action sets, 40 actions, 1 product$/,
    );
    expect(text(root.querySelector('[data-testid="pat-popup-jobs"]'))).toBe(
      'Restore, paused: 2 of 5 action sets done',
    );
    expect(text(root.querySelector('[data-testid="pat-popup-actions"]'))).toContain(
      "In Keap's menu, open E-Commerce > Actions",
    );
  });

  it('on the Actions page offers Take snapshot, asked of the background for this tab only', async () => {
    const tab = await activeTab('https://acme.infusionsoft.com/app/actions');
    background(() => ({
      kind: 'crm',
      app: 'acme',
      onActionsPage: true,
      actionsPageUrl: 'https://acme.infusionsoft.com/app/actions',
      lastSnapshot: null,
      jobs: [],
    }));
    const snapshots: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((msg: unknown, _sender, sendResponse) => {
      if ((msg as { type: string }).type !== 'popup-snapshot') return undefined;
      snapshots.push(msg);
      sendResponse({ ok: true });
      return true;
    });
    const root = await mount(<Popup />);
    await settle();
    const section = root.querySelector('[data-testid="pat-popup-actions"]');
    expect(text(section)).toContain('This tab is the Actions page.');
    const take = [...(section?.querySelectorAll('button') ?? [])].find(
      (b) => text(b) === 'Take snapshot',
    );
    take?.click();
    await settle();
    expect(snapshots).toEqual([{ type: 'popup-snapshot', tabId: tab.id }]);
    expect(text(root.querySelector('[data-testid="pat-popup-snapshot-status"]'))).toBe(
      'Taking a snapshot: its progress and result are on the toolbar of this page.',
    );
  });

  it('on any other tab says where the toolkit works and keeps the dashboard and options', async () => {
    const tab = await activeTab('https://example.com/');
    const asked = background(() => ({ kind: 'other' }));
    const root = await mount(<Popup />);
    await settle();
    expect(text(root.querySelector('[data-testid="pat-popup-other"]'))).toContain(
      'The toolkit works on Keap Max Classic pages',
    );
    expect(asked).toEqual([tab.id]);
    expect(root.querySelector('[data-testid="pat-popup-app"]')).toBeNull();
    const buttons = [...root.querySelectorAll('nav button')].map(text);
    expect(buttons).toEqual(['Open the dashboard', 'Options']);
  });
});
