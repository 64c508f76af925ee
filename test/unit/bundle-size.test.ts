// @vitest-environment node
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The always-on router (entrypoints/pat-router.content) is the toolkit's whole cost on every CRM
// page that is not one of ours: hold it to its byte budget (issue 11: 10 KB gzipped), and keep
// out what it must never carry. Bundled here the way WXT wraps a content script (its context and
// the browser polyfill), minified; a size is deterministic, so it is a test (times are in the
// bench). The production build's own pat-router.js is within a few hundred bytes of this.
const ROOT = resolve(import.meta.dirname, '../..');
const BUDGET_GZIP = 10 * 1024;

// What WXT's isolated-world entry does with a content script definition.
const WRAPPER = `
import definition from ${JSON.stringify(resolve(ROOT, 'entrypoints/pat-router.content/index.ts'))};
import { ContentScriptContext } from 'wxt/utils/content-script-context';
const { main, ...options } = definition;
main(new ContentScriptContext('pat-router', options));
`;

const bundled = build({
  stdin: { contents: WRAPPER, resolveDir: ROOT, loader: 'ts' },
  bundle: true,
  write: false,
  minify: true,
  format: 'iife',
  target: 'es2022',
  platform: 'browser',
  metafile: true,
  logLevel: 'silent',
  alias: { '@': ROOT, 'wxt/browser': '@wxt-dev/webextension-polyfill/browser' },
  define: { 'import.meta.env.MODE': '"production"', 'import.meta.env.ENTRYPOINT': '"pat-router"' },
});

describe('the always-on router bundle', () => {
  it(`is at most ${BUDGET_GZIP} bytes gzipped`, async () => {
    const out = await bundled;
    const code = out.outputFiles[0]?.contents ?? new Uint8Array();
    const gz = gzipSync(code, { level: 9 }).length;
    expect(code.length).toBeGreaterThan(1000); // it did bundle the router
    expect(gz).toBeLessThanOrEqual(BUDGET_GZIP);
  });

  it('carries detectors and labels only: no preact, no zod, no matrix data, no CSV', async () => {
    const inputs = Object.keys((await bundled).metafile.inputs);
    expect(inputs.some((p) => p.includes('lib/crm/detect.ts'))).toBe(true);
    const forbidden = [
      /node_modules\/(preact|@preact|zod|papaparse|idb)\//,
      /(^|\/)lib\/(matrix|model|store|snapshot|bulk-copy|audit)\//,
      /(^|\/)components\//,
      /purchase-actions\.content\//,
    ];
    expect(inputs.filter((p) => forbidden.some((f) => f.test(p)))).toEqual([]);
  });
});
