import browser from 'webextension-polyfill';
import * as z from 'zod/mini';

/** How the action-set editor opens (the pop-up-blocker workaround). */
export const EditorOpening = z.enum(['when-blocked', 'always-extension', 'tab', 'in-page']);
export type EditorOpening = z.infer<typeof EditorOpening>;

const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

export const Options = z.object({
  editorOpening: z._default(EditorOpening, 'when-blocked'),
  /** How long an editor may take to announce itself before we open it ourselves. */
  editorWaitMs: z._default(int(500, 30_000), 4000),
  maxInFlight: z._default(int(1, 8), 4),
  maxPerSecond: z._default(z.number().check(z.minimum(0.5), z.maximum(25)), 8),
});
export type Options = z.infer<typeof Options>;

const KEY = 'options';

export async function loadOptions(): Promise<Options> {
  const raw = (await browser.storage.local.get(KEY))[KEY];
  const parsed = Options.safeParse(raw ?? {});
  // A stored value that no longer parses is reported, and defaults are used for this session
  // only: the stored record stays for the user to see and fix in the options page.
  if (!parsed.success)
    console.warn('[Purchase Actions Toolkit] stored options invalid', parsed.error);
  return parsed.success ? parsed.data : Options.parse({});
}

export async function saveOptions(patch: Partial<Options>): Promise<Options> {
  const next = Options.parse({ ...(await loadOptions()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

export function watchOptions(onChange: (o: Options) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && KEY in changes) void loadOptions().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
