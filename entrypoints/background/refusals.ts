import browser from 'webextension-polyfill';

// What the background refused, and why: the positive signal the hostile-page tests read, and a
// trail an admin's support request can include. storage.session is not readable by content
// scripts (Chrome's default access level), so a page learns nothing from it.

export interface Refusal {
  at: string;
  what: string;
  why: string;
}

const KEY = 'refusals';
let chain: Promise<unknown> = Promise.resolve();

export function refuse(what: string, why: string): Promise<void> {
  // Serialised: two refusals at once must both be kept.
  const next = chain.then(async () => {
    const list = ((await browser.storage.session.get(KEY))[KEY] ?? []) as Refusal[];
    list.push({ at: new Date().toISOString(), what, why });
    await browser.storage.session.set({ [KEY]: list.slice(-200) });
  });
  chain = next.catch(() => {});
  return next;
}
