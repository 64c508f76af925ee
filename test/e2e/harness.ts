import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type AccountSpec, type Replica, startReplica } from '../replica';

// The e2e world: the replica CRM on a free port, and Debian's Chromium with the *production*
// build loaded, resolving the CRM's real host names to the replica (DEVELOPERS.md).

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface World {
  replica: Replica;
  context: BrowserContext;
  extensionId: string;
  /** Gives the browser a logged-in session for `app` (as if the admin had logged in). */
  login(app: string): Promise<void>;
  /** Opens `path` on the app's own host, e.g. https://demo.infusionsoft.com/<path>. */
  open(app: string, path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface WorldOptions {
  accounts?: AccountSpec[];
  /** Keep Chromium's pop-up blocker on (Playwright turns it off by default). */
  popupBlocker?: boolean;
  /** Extra unpacked extensions to load beside ours (e.g. a test "blocker"). */
  extraExtensions?: string[];
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No production build at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const replica = await startReplica({ port: 0, accounts: opts.accounts });
  const profile = mkdtempSync(join(tmpdir(), 'pat-e2e-'));
  const extensions = [EXTENSION_DIR, ...(opts.extraExtensions ?? [])].join(',');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: opts.popupBlocker ? ['--disable-popup-blocking'] : [],
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${replica.hostResolverRules}`,
    ],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  return {
    replica,
    context,
    extensionId,
    async login(app) {
      const account = replica.accounts.get(app);
      if (!account) throw new Error(`The replica has no account "${app}"`);
      const { name, value } = account.createSession();
      await context.addCookies([
        { name, value, domain: `${app}.infusionsoft.com`, path: '/', secure: true, httpOnly: true },
      ]);
    },
    async open(app, path) {
      const page = await context.newPage();
      await page.goto(`${replica.origin(app)}${path}`);
      return page;
    },
    async close() {
      await context.close();
      await replica.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
