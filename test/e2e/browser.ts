import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

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
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
