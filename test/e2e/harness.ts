import type { BrowserContext, Page } from 'playwright-core';
import { Snapshot } from '@/lib/model';
import { DB_NAME } from '@/lib/store/schema';
import { type AccountSpec, type Replica, startReplica } from '../replica';
import { launchWithExtension } from './browser';

// The e2e world: the replica CRM on a free port, and Debian's Chromium with the *production*
// build loaded, resolving the CRM's real host names to the replica (DEVELOPERS.md).

export interface World {
  replica: Replica;
  context: BrowserContext;
  extensionId: string;
  /** Gives the browser a logged-in session for `app` (as if the admin had logged in). */
  login(app: string): Promise<void>;
  /** Opens `path` on the app's own host, e.g. https://demo.infusionsoft.com/<path>. */
  open(app: string, path: string): Promise<Page>;
  /** Every snapshot in the extension's own IndexedDB, read from an extension page. */
  storedSnapshots(): Promise<Snapshot[]>;
  /** What the background refused, and why (background/refusals.ts), oldest first. */
  refusals(): Promise<{ at: string; what: string; why: string }[]>;
  /** Writes the extension's options, as the options page would. */
  setOptions(patch: Record<string, unknown>): Promise<void>;
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
  const replica = await startReplica({ port: 0, accounts: opts.accounts });
  const browser = await launchWithExtension({
    hostResolverRules: replica.hostResolverRules,
    popupBlocker: opts.popupBlocker,
    extraExtensions: opts.extraExtensions,
  });
  return worldOn(replica, browser, { ownsReplica: true });
}

/** Another browser profile (its own, empty extension store) against an existing replica. */
export async function secondProfile(replica: Replica): Promise<World> {
  const browser = await launchWithExtension({ hostResolverRules: replica.hostResolverRules });
  return worldOn(replica, browser, { ownsReplica: false });
}

function worldOn(
  replica: Replica,
  { context, extensionId, close }: Awaited<ReturnType<typeof launchWithExtension>>,
  { ownsReplica }: { ownsReplica: boolean },
): World {
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
    async storedSnapshots() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
      const all = await page.evaluate(snapshotRecords, DB_NAME);
      await page.close();
      return all.map((s) => Snapshot.parse(s));
    },
    async refusals() {
      const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      if (!worker) throw new Error('the extension service worker is not running');
      return worker.evaluate(async () => {
        const g = globalThis as unknown as {
          chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } };
        };
        return ((await g.chrome.storage.session.get('refusals')).refusals ?? []) as {
          at: string;
          what: string;
          why: string;
        }[];
      });
    },
    async setOptions(patch) {
      const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      if (!worker) throw new Error('the extension service worker is not running');
      await worker.evaluate(async (p) => {
        const g = globalThis as unknown as {
          chrome: {
            storage: {
              local: {
                get(k: string): Promise<Record<string, unknown>>;
                set(v: unknown): Promise<void>;
              };
            };
          };
        };
        const old = (await g.chrome.storage.local.get('options')).options ?? {};
        await g.chrome.storage.local.set({ options: { ...(old as object), ...p } });
      }, patch);
    },
    async close() {
      await close();
      if (ownsReplica) await replica.stop();
    },
  };
}

/**
 * Waits until the background has refused `what` (among the refusals after the first `since`),
 * repeating `attempt` before each look: the positive signal an attack test waits for.
 */
export async function refusedAfter(
  world: Pick<World, 'refusals'>,
  since: number,
  what: string,
  attempt: () => Promise<void> = async () => {},
) {
  for (let i = 0; i < 40; i++) {
    await attempt();
    const hit = (await world.refusals()).slice(since).find((r) => r.what === what);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the background never refused ${what}`);
}

/** Runs in one of the extension's pages: every record of its snapshot store (IndexedDB). */
export function snapshotRecords(dbName: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('snapshots').objectStore('snapshots').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    };
  });
}
