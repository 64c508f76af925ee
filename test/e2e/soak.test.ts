import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunResult, type Soak, startSoak, summaryLine } from './soak';

// The short fault soak in `npm test`: three fixed seeds that between them copy (add and
// replace), restore and undo through 5xx, 429, dropped sockets, latency, an ended session, a
// closed tab, a second tab and a colleague's edits. `npm run soak` runs many more.
const SEEDS = [1, 8, 5];

let soak: Soak;
beforeAll(async () => {
  soak = await startSoak();
});
afterAll(async () => soak?.close());

it('loses nothing and duplicates nothing through faults, interruptions and a colleague', {
  timeout: 300_000,
}, async () => {
  const results: RunResult[] = [];
  for (const seed of SEEDS) results.push(await soak.run(seed, (line) => console.log(line)));
  console.log(summaryLine(results));
  expect(results.flatMap((r) => r.problems.map((p) => `seed ${r.seed}: ${p}`))).toEqual([]);
  expect(results.map((r) => [r.seed, r.lost, r.duplicated])).toEqual(SEEDS.map((s) => [s, 0, 0]));
  // The seeds were chosen to exercise these: a stopped-as-changed set and a resumed session.
  expect(results.reduce((n, r) => n + r.changed, 0)).toBeGreaterThan(0);
  expect(results.reduce((n, r) => n + r.resumed, 0)).toBeGreaterThan(0);
});
