// `npm run soak -- --runs N --seed S`: N randomized runs (default 50) of bulk copy (add and
// replace), restore and undo in Chromium on the production build against the replica, through
// faults, an ended session, a closed tab, a second tab and a colleague's edits (test/e2e/soak.ts).
// Each run's seed is printed; `--seed S` replays that one run (with --runs N: seeds S..S+N-1).
// Builds first when the build (.output, or PAT_OUT_DIR) is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../test/e2e/browser';
import { type RunResult, startSoak, summaryLine } from '../test/e2e/soak';

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return v;
}

const seed = arg('seed');
const runs = arg('runs') ?? (seed === undefined ? 50 : 1);
const first = seed ?? 1 + Math.floor(Math.random() * 1_000_000);

if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  console.log(`No build at ${EXTENSION_DIR}: building it first.`);
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: process.env });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const started = Date.now();
const soak = await startSoak();
const results: RunResult[] = [];
try {
  for (let i = 0; i < runs; i++) {
    results.push(await soak.run(first + i, (line) => console.log(line)));
  }
} finally {
  await soak.close();
}
const failed = results.filter((r) => r.problems.length > 0);
if (failed.length) {
  console.log(`\nRuns with problems (replay with --seed):`);
  for (const r of failed) console.log(`  --seed ${r.seed}: ${r.problems.join(' | ')}`);
}
console.log(`wall time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(summaryLine(results));
process.exit(failed.length ? 1 : 0);
