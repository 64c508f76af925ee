// From a report to a test (issue 13): the page-shape report the account check would save, turned
// back into a replica dialect, gives pages the detectors and readers take exactly as they took
// the original's: for both hand-written dialects and for generated ones. Each derived dialect is
// served to an account holding the same data as the original.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dialectSpec, registerDialect } from '../../replica/dialects.ts';
import { dialectFromReport } from '../../replica/from-report.ts';
import { type AccountSpec, type Replica, startReplica } from '../../replica/index.ts';
import { checkAndReport, deepReadings, readingsOf } from './any-dialect';

const GEN = { generate: { products: 6, maxActions: 3, seed: 5 } };
const ORIGINALS: AccountSpec[] = [
  { app: 'zqinline', dialect: 'inline', seed: 'demo' },
  { app: 'zqscripted', dialect: 'scripted', seed: 'acme' },
  ...[2, 3, 4, 5, 6, 8, 9, 10].map((s) => ({
    app: `zqgen${s}`,
    dialect: `generated:${s}` as const,
    seed: GEN,
  })),
];

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ accounts: ORIGINALS });
});
afterAll(() => replica?.stop());
afterEach(() => vi.unstubAllGlobals());

describe.each(ORIGINALS.map((o) => [o.dialect, o] as const))('%s through its report', (_d, o) => {
  it('derives a dialect whose pages read as the original pages did', async () => {
    const { report, run } = await checkAndReport(replica, o.app);
    const { recipe, guessed } = dialectFromReport(JSON.parse(JSON.stringify(report)), o.app);
    registerDialect(recipe);
    const copy = `${o.app}rt`;
    replica.createAccount({ ...o, app: copy, dialect: recipe.name as AccountSpec['dialect'] });
    const [before, after] = [await readingsOf(replica, o.app), await readingsOf(replica, copy)];
    // Counts written in words are reduced in the report: then only the sets themselves compare.
    const sets = (r: typeof before) => ({ ...r, defaults: r.defaults?.map(([ref]) => ref) });
    expect(recipe.markup.counts === 'none' ? sets(after) : after).toEqual(
      recipe.markup.counts === 'none' ? sets(before) : before,
    );
    // Every set reads the same, configuration included, as a snapshot reads it (or fails the same).
    expect(await deepReadings(replica, copy)).toEqual(await deepReadings(replica, o.app));
    // The account check says the same of both: what works there, and what does not.
    const states = (x: typeof run) => x.result.checks.map((c) => `${c.id}: ${c.state}`);
    expect(states((await checkAndReport(replica, copy)).run)).toEqual(states(run));
    // What the report carries is learned, not guessed.
    const d = dialectSpec(o.dialect);
    expect(recipe.paths).toMatchObject({
      actions: d.paths.actions,
      report: d.paths.report,
      editorPost: d.paths.editorPost,
    });
    if (!guessed.includes('the editor')) {
      expect(recipe.paths.editor).toBe(d.paths.editor);
      expect([recipe.tokenField, recipe.p.cmd, recipe.p.copyFrom]).toEqual([
        d.tokenField,
        d.p.cmd,
        d.p.copyFrom,
      ]);
    }
    console.log(`${o.dialect}: guessed ${guessed.join(', ') || 'nothing'}`);
  });
});
