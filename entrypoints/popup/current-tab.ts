import browser from 'webextension-polyfill';
import type { PopupStatus } from '@/entrypoints/background/popup-status';
import { ask } from '@/lib/messaging/send';

/**
 * The tab the pop-up is about: the active tab of the window whose toolbar button was clicked.
 * `?tab=<id>` names one explicitly (the pop-up page opened in a tab of its own, as tests do).
 */
export async function currentTabId(search = location.search): Promise<number | null> {
  const named = Number(new URLSearchParams(search).get('tab') ?? Number.NaN);
  if (Number.isInteger(named) && named >= 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function loadStatus(tabId: number): Promise<PopupStatus> {
  return (await ask({ type: 'popup-status', tabId })) ?? { kind: 'other' };
}
