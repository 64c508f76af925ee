import browser from 'webextension-polyfill';
import * as z from 'zod/mini';

// The last value of "Run Purchase Actions On All Orders" seen for each account, wherever it was
// read (the settings page itself, or a background read from the Actions page). Keyed by app:
// one account's setting never shows under another.

export const SeenSetting = z.object({
  value: z.enum(['yes', 'no', 'unknown']),
  url: z.nullable(z.string()),
  readAt: z.string(),
  note: z.optional(z.string()),
});
export type SeenSetting = z.infer<typeof SeenSetting>;

const key = (app: string) => `setting:${app}`;

export async function loadSetting(app: string): Promise<SeenSetting | null> {
  const parsed = SeenSetting.safeParse((await browser.storage.local.get(key(app)))[key(app)]);
  return parsed.success ? parsed.data : null;
}

export async function saveSetting(app: string, seen: SeenSetting): Promise<void> {
  await browser.storage.local.set({ [key(app)]: seen });
}

export function watchSetting(app: string, onChange: (s: SeenSetting) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    const change = changes[key(app)];
    if (area !== 'local' || !change) return;
    const parsed = SeenSetting.safeParse(change.newValue);
    if (parsed.success) onChange(parsed.data);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
