import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A test-only "pop-up blocker" extension, loaded beside ours, in one of three behaviours that
// real blockers show: window.open returns null; the new window is closed at once; the call is
// swallowed (the page gets something that looks like a window, and nothing opens).
export type BlockerMode = 'null' | 'close' | 'swallow';

const MAIN_WORLD: Record<Exclude<BlockerMode, 'close'>, string> = {
  null: 'window.open = function () { return null; };',
  swallow: `window.open = function () {
    return { closed: false, focus() {}, blur() {}, close() {}, postMessage() {}, location: {}, document: {} };
  };`,
};

export function makeBlocker(mode: BlockerMode): string {
  const dir = mkdtempSync(join(tmpdir(), `pat-blocker-${mode}-`));
  mkdirSync(dir, { recursive: true });
  const manifest: Record<string, unknown> = {
    manifest_version: 3,
    name: `Test pop-up blocker (${mode})`,
    version: '1.0',
    host_permissions: ['https://*.infusionsoft.com/*'],
  };
  if (mode === 'close') {
    // Closes every pop-up window a page opens (it has an opener tab), as aggressive blockers do.
    manifest.background = { service_worker: 'background.js' };
    writeFileSync(
      join(dir, 'background.js'),
      `chrome.tabs.onCreated.addListener(async (tab) => {
        if (tab.openerTabId === undefined || tab.id === undefined) return;
        const win = await chrome.windows.get(tab.windowId);
        // A blink later, as real blockers do (the window flashes and closes).
        if (win.type === 'popup') setTimeout(() => chrome.tabs.remove(tab.id), 100);
      });`,
    );
  } else {
    manifest.content_scripts = [
      {
        matches: ['https://*.infusionsoft.com/*'],
        js: ['main.js'],
        run_at: 'document_start',
        world: 'MAIN',
      },
    ];
    writeFileSync(join(dir, 'main.js'), MAIN_WORLD[mode]);
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
