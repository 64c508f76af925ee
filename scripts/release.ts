// `npm run release -- 1.2.0`: sets the version (package.json and its lock file), builds the
// Chrome and Firefox zips, and checks each one before anyone uploads it: the manifest carries the
// version, every file the manifest names is in the zip, and nothing of development is: no source
// maps, no tests, no replica, no test helpers. Then it prints what to commit and tag.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, process.env.PAT_OUT_DIR ?? '.output');

/** The files of a zip archive, by name (stored or deflated, as every zip tool writes them). */
export function readZip(buf: Buffer): Map<string, Buffer> {
  // The end-of-central-directory record: within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('broken central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    if (!name.endsWith('/')) {
      if (method === 0) files.set(name, raw);
      else if (method === 8) files.set(name, inflateRawSync(raw));
      else throw new Error(`${name}: unsupported compression method ${method}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

/** Every file a manifest names: icons, pages, scripts, styles, web-accessible resources. */
export function manifestFiles(m: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v) out.add(v.replace(/^\//, ''));
  };
  const values = (o: unknown) => (o && typeof o === 'object' ? Object.values(o) : []);
  const get = (o: unknown, k: string) => (o as Record<string, unknown> | undefined)?.[k];
  values(m.icons).forEach(add);
  values(get(m.action, 'default_icon')).forEach(add);
  add(get(m.action, 'default_popup'));
  add(get(m.options_ui, 'page'));
  add(get(m.background, 'service_worker'));
  for (const s of (get(m.background, 'scripts') as unknown[] | undefined) ?? []) add(s);
  for (const cs of (m.content_scripts as Record<string, unknown[]>[] | undefined) ?? []) {
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) add(f);
  }
  for (const w of (m.web_accessible_resources as { resources?: string[] }[] | undefined) ?? []) {
    for (const r of w.resources ?? []) if (!r.includes('*')) add(r);
  }
  return [...out];
}

/** Strings only development code contains: tests, the replica CRM, fakes. */
const DEVELOPMENT_MARKERS = [
  '__replica',
  'vitest',
  'fake-indexeddb',
  'fakeBrowser',
  'startReplica',
];
// Not all named by the manifest: the feature script is injected by the background at run time,
// and the toolbar and dialog frame is opened by it.
const MUST_HAVE = [
  'popup.html',
  'options.html',
  'dashboard.html',
  'icon/128.png',
  'toolkit-frame.html',
  'content-scripts/purchase-actions.js',
];

/** What is wrong with a release zip (empty when nothing is). */
export function checkZip(files: Map<string, Buffer>, version: string): string[] {
  const problems: string[] = [];
  const raw = files.get('manifest.json');
  if (!raw) return ['no manifest.json'];
  const manifest = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (manifest.version !== version)
    problems.push(`manifest version is ${String(manifest.version)}, not ${version}`);
  for (const f of new Set([...manifestFiles(manifest), ...MUST_HAVE])) {
    if (!files.has(f)) problems.push(`missing ${f}`);
  }
  for (const [name, content] of files) {
    if (name.endsWith('.map')) problems.push(`source map ${name}`);
    if (/(^|\/)(test|tests|__tests__)\/|\.test\.|\.spec\./.test(name))
      problems.push(`test file ${name}`);
    if (!/\.(js|mjs|css|html|json)$/.test(name)) continue;
    const text = content.toString('utf8');
    if (/[#@]\s*sourceMappingURL=/.test(text)) problems.push(`${name} points to a source map`);
    for (const marker of DEVELOPMENT_MARKERS) {
      if (text.includes(marker)) problems.push(`${name} contains development code ("${marker}")`);
    }
  }
  return problems;
}

function run(cmd: string, args: string[]) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
}

async function main() {
  const version = process.argv[2] ?? '';
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    console.error(
      'Usage: npm run release -- <major.minor.patch>   (e.g. npm run release -- 0.2.0)',
    );
    process.exit(2);
  }
  const name = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { name: string })
    .name;
  run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version']);
  run('npx', ['wxt', 'zip']);
  run('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3']);

  let failed = false;
  for (const browser of ['chrome', 'firefox']) {
    const zip = resolve(OUT, `${name}-${version}-${browser}.zip`);
    const problems = checkZip(readZip(readFileSync(zip)), version);
    console.log(problems.length ? `✗ ${zip}` : `✓ ${zip}`);
    for (const p of problems) console.log(`    ${p}`);
    failed ||= problems.length > 0;
  }
  if (failed) process.exit(1);
  console.log(
    `\nNext: add a "${version}" section to CHANGELOG.md, then\n` +
      `  git commit -m "Release ${version}" -- package.json package-lock.json CHANGELOG.md\n` +
      `  git tag v${version}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
