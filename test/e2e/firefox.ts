import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { type AccountSpec, DEMO_PASSWORD, type Replica, startReplica } from '../replica';

// Debian's Firefox ESR with the Firefox build installed, driven by puppeteer over WebDriver BiDi
// against the replica. Firefox cannot map a host to another port, so the CRM's host names resolve
// to 127.0.0.1 (network.dns.forceResolve) and the URLs carry the replica's port.

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../..',
  process.env.PAT_OUT_DIR ?? '.output',
  'firefox-mv3',
);

export interface FirefoxWorld {
  replica: Replica;
  browser: Browser;
  extensionId: string;
  /** https://<app>.infusionsoft.com:<port> */
  origin(app: string): string;
  /** Signs in through the replica's own login form, as an admin would. */
  login(app: string): Promise<void>;
  open(app: string, path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startFirefoxWorld(accounts: AccountSpec[]): Promise<FirefoxWorld> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` first.`,
    );
  }
  const replica = await startReplica({ port: 0, accounts });
  const profile = mkdtempSync(join(tmpdir(), 'pat-firefox-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 900 },
      extraPrefsFirefox: {
        'network.dns.forceResolve': '127.0.0.1',
        // Puppeteer turns Firefox's pop-up blocker off; an admin's Firefox has it on.
        'dom.disable_open_during_load': true,
      },
    });
  } catch (e) {
    await replica.stop();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const extensionId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const origin = (app: string) => `${replica.origin(app)}:${replica.port}`;
  return {
    replica,
    browser,
    extensionId,
    origin,
    async login(app) {
      const page = await browser.newPage();
      await page.goto(`${origin(app)}/`, { waitUntil: 'load' });
      await page.type('#email', 'admin@example.com');
      await page.type('#password', DEMO_PASSWORD);
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.click('#login-button'),
      ]);
      expect(page.url()).not.toMatch(/login|signin/i);
      await page.close();
    },
    async open(app, path) {
      const page = await browser.newPage();
      await page.goto(`${origin(app)}${path}`, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await replica.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One of the toolkit's frames on a CRM page (the toolbar, or the Bulk copy dialog). They live in
 * closed shadow roots; the frame tree still lists them, though puppeteer reports an extension
 * frame's URL as about:blank (Firefox sends no navigation events for it): ask the frame itself.
 */
export async function toolkitFrame(
  page: Page,
  kind: 'toolbar' | 'bulk-copy',
  timeout = 30_000,
): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found: Frame[] = [];
    for (const f of page.frames()) {
      if (f.detached || f === page.mainFrame()) continue;
      const href = await f.evaluate(() => location.href).catch(() => '');
      if (href.includes(`/toolkit-frame.html#${kind}.`)) found.push(f);
    }
    const frame = found.at(-1);
    // Rendered once it has said hello to the background and drawn its UI.
    if (frame && (await frame.$('#root > :not(style)').catch(() => null))) return frame;
    if (Date.now() > deadline) throw new Error(`no ${kind} frame on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The trimmed text of the first element matching `selector`, or null. */
export async function textOf(frame: Frame, selector: string): Promise<string | null> {
  return frame
    .$eval(selector, (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .catch(() => null);
}

/** The element matching `selector` whose text is `text` (or contains it, for a RegExp). */
export async function byText(
  frame: Frame,
  selector: string,
  text: string | RegExp | ((text: string) => boolean),
  timeout = 30_000,
): Promise<ElementHandle<Element>> {
  const fits =
    typeof text === 'string'
      ? (t: string) => t === text
      : text instanceof RegExp
        ? (t: string) => text.test(t)
        : text;
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const el of await frame.$$(selector)) {
      const t = await el.evaluate((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
      if (fits(t)) return el;
      await el.dispose();
    }
    if (Date.now() > deadline)
      throw new Error(`no ${selector} with text ${text} in ${frame.url()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A real (trusted) click on the element with that text: the toolkit acts only on those. */
export async function clickText(frame: Frame, selector: string, text: string) {
  const el = await byText(frame, selector, text);
  await el.click();
  await el.dispose();
}

/** The Actions control on the row labelled `label` (a trigger or a product name). */
export async function actionsButtonFor(page: Page, label: string): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle((label) => {
    const isControl = (e: Element) =>
      ((e instanceof HTMLInputElement && e.type === 'button') ||
        e instanceof HTMLButtonElement ||
        e instanceof HTMLAnchorElement) &&
      ((e as HTMLInputElement).value || e.textContent || '').trim() === 'Actions';
    const labelled = [...document.querySelectorAll('body *')].filter(
      (e) => e.childElementCount === 0 && e.textContent?.trim() === label,
    );
    for (const el of labelled) {
      // The innermost row around the label that holds an Actions control.
      for (let row = el.parentElement; row; row = row.parentElement) {
        const control = [...row.querySelectorAll('input, button, a')].find(isControl);
        if (control) return control;
      }
    }
    return null;
  }, label);
  const el = handle.asElement();
  if (!el) throw new Error(`no Actions control for "${label}" on ${page.url()}`);
  return el as ElementHandle<Element>;
}
