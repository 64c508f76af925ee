import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

// Debian's Chromium with the production build loaded and the CRM's host names mapped to the
// replica. Shared by the e2e suite, the demo and the benchmark. Checked launch: DEVELOPERS.md.

export const EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../..',
  process.env.PAT_OUT_DIR ?? '.output',
  'chrome-mv3',
);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  hostResolverRules: string;
  headless?: boolean;
  /** Keep Chromium's pop-up blocker on (Playwright turns it off by default). */
  popupBlocker?: boolean;
  extraExtensions?: string[];
}

/**
 * The flags every Chromium run here uses: quiet (no background traffic, sync or updates), and the
 * CRM's real host names resolved to the replica, whose certificate is self-signed.
 */
export function chromiumArgs(hostResolverRules: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${hostResolverRules}`,
  ];
}

export async function launchWithExtension(opts: LaunchOptions): Promise<{
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No production build at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: sudo apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'pat-chromium-'));
  const extensions = [EXTENSION_DIR, ...(opts.extraExtensions ?? [])].join(',');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: opts.popupBlocker ? ['--disable-popup-blocking'] : [],
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      ...chromiumArgs(opts.hostResolverRules),
    ],
  });
  // Every loaded extension's service worker, named by its manifest, once its first run is over
  // (a worker answers an evaluate only after its top-level script ran, so its listeners are on):
  // ours gives the extension id, and a test blocker must be listening before a test clicks, or a
  // loaded machine lets the first pop-up through and the test is no longer about a blocker.
  const manifestOf = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      name: string;
      background?: { service_worker?: string };
    };
  const names = [EXTENSION_DIR, ...(opts.extraExtensions ?? [])]
    .map(manifestOf)
    .filter((m) => m.background?.service_worker)
    .map((m) => m.name);
  const ready = new Map<string, Worker>();
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const w of context.serviceWorkers()) {
      if (!w.url().startsWith('chrome-extension://') || [...ready.values()].includes(w)) continue;
      const name = await w
        .evaluate(
          () =>
            (
              globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string } } } }
            ).chrome.runtime.getManifest().name,
        )
        .catch(() => null);
      if (name && names.includes(name)) ready.set(name, w);
    }
    if (ready.size >= names.length) break;
    if (Date.now() > deadline)
      throw new Error(`extension workers not started: ${names.join(', ')}`);
    await context.waitForEvent('serviceworker', { timeout: 1000 }).catch(() => undefined);
  }
  // Ours is the first of `names`: our build always has a background worker.
  const worker = ready.get(names[0] ?? '');
  if (!worker) throw new Error('no service worker of the toolkit');
  return {
    context,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
