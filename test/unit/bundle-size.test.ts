// @vitest-environment node
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { framePrecheck, OUR_LABELS_SOURCE } from '@/lib/crm/precheck';

// What the toolkit costs a CRM page that is not one of ours: the background's pre-check (a small
// function run in the page's own world) and, where that passes, the router (entrypoints/
// pat-router), held to its byte budget (issue 11: 10 KB gzipped) and kept free of what it must
// never carry. Bundled here the way WXT wraps each script, minified; a size is deterministic, so
// it is a test (times are in the bench). The production build's own pat-router.js is within a
// few hundred bytes of this.
const ROOT = resolve(import.meta.dirname, '../..');
const BUDGET_GZIP = 10 * 1024;

/**
 * A script bundled the way WXT wraps it: a content script with its context and the browser
 * polyfill; an unlisted script (the router) calls its main.
 */
function bundle(entrypoint: string, name: string, kind: 'content' | 'unlisted' = 'content') {
  const from = JSON.stringify(resolve(ROOT, entrypoint));
  const wrapper =
    kind === 'unlisted'
      ? `import definition from ${from};\ndefinition.main();\n`
      : `
import definition from ${from};
import { ContentScriptContext } from 'wxt/utils/content-script-context';
const { main, ...options } = definition;
main(new ContentScriptContext(${JSON.stringify(name)}, options));
`;
  return build({
    stdin: { contents: wrapper, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
    // The feature script's Preact; its CSS (`?raw` falls back to the file) as text, for inputs.
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'text' },
    alias: { '@': ROOT, 'wxt/browser': '@wxt-dev/webextension-polyfill/browser' },
    define: {
      'import.meta.env.MODE': '"production"',
      'import.meta.env.DEV': 'false',
      'import.meta.env.ENTRYPOINT': JSON.stringify(name),
    },
  });
}

const bundled = bundle('entrypoints/pat-router/index.ts', 'pat-router', 'unlisted');

describe("what every CRM page runs: the background's pre-check", () => {
  it('is one small self-contained function (sent as its source text)', () => {
    expect(framePrecheck.toString().length).toBeLessThan(1024);
    expect(OUR_LABELS_SOURCE.length).toBeLessThan(256);
  });
});

describe('the router bundle (only in frames the pre-check lets through)', () => {
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

// The feature script goes into the Actions page (and the editor, the settings page) of the CRM:
// only what it runs there. Full zod (its classic API carries the JIT that probes for eval) and the
// CSV writer stay out; CSV is written in the extension's own pages.
describe('the feature script bundle', () => {
  const feature = bundle('entrypoints/purchase-actions.content/index.tsx', 'purchase-actions');

  it('carries zod/mini only, and no CSV writer', async () => {
    const inputs = Object.keys((await feature).metafile.inputs);
    expect(inputs.some((p) => p.includes('node_modules/zod/v4/mini/'))).toBe(true);
    expect(inputs.some((p) => p.includes('lib/bulk-copy/engine.ts'))).toBe(true);
    const forbidden = [
      /node_modules\/zod\/v4\/classic\//,
      /node_modules\/papaparse\//,
      /(^|\/)lib\/snapshot\/export\.ts$/,
    ];
    expect(inputs.filter((p) => forbidden.some((f) => f.test(p)))).toEqual([]);
  });
});
