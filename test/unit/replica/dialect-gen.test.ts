// The dialect generator (issue 13, "Many dialects, not two"): a seed gives the same dialect every
// time, its names never collide, and every page of a generated account is a page of the same CRM:
// the detectors tell its kinds apart and the readers read the replica's own data from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomRecipe } from '../../replica/dialect-gen.ts';
import { dialectSpec, generateDialect } from '../../replica/dialects.ts';
import { type Replica, startReplica } from '../../replica/index.ts';
import { ACTION_TYPES } from '../../replica/state/action-types.ts';
import { readingsOf, replicaReadings } from './any-dialect';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('generateDialect', () => {
  it('is deterministic: one seed, one dialect', () => {
    expect(randomRecipe(42)).toEqual(randomRecipe(42));
    expect(randomRecipe(42)).not.toEqual(randomRecipe(43));
    expect(generateDialect(7).paths).toEqual(dialectSpec('generated:7').paths);
  });

  it.each(Array.from({ length: 300 }, (_, i) => i))('seed %i: no two names collide', (seed) => {
    const d = generateDialect(seed);
    const r = d.recipe;
    if (!r) throw new Error('no recipe');
    const paths = Object.values(d.paths).filter((p) => p !== d.paths.editorPost);
    expect(new Set(paths).size).toBe(paths.length);
    const owner =
      r.owner.style === 'split' ? [r.owner.trigger, r.owner.product] : [r.owner.kind, r.owner.ref];
    const params = [
      d.tokenField,
      d.returnParam,
      d.p.view,
      d.p.type,
      d.p.actionId,
      d.p.cmd,
      d.p.copyFrom,
      d.p.query,
      d.p.setting,
      ...owner,
      d.rules.enabled,
      d.rules.match,
    ];
    expect(new Set(params).size).toBe(params.length);
    const fields = ACTION_TYPES.flatMap((t) => t.fields.map((f) => d.fieldName(f.name)));
    expect(fields.filter((f) => params.includes(f))).toEqual([]);
    // Every code reads back as what it was made from.
    for (const t of ACTION_TYPES) expect(d.typeFromCode(d.typeCode(t.key))).toBe(t.key);
    for (const owner of [
      { kind: 'trigger', trigger: 'failedPurchase' } as const,
      { kind: 'product', productId: 31 } as const,
    ]) {
      expect(d.setFromValue(d.setValue(owner))).toEqual(owner);
      expect(d.ownerFromQuery(new URLSearchParams(d.ownerParams(owner)))).toEqual(owner);
    }
  });
});

let replica: Replica;
const GEN = { generate: { products: 6, maxActions: 3, seed: 5 } };
beforeAll(async () => {
  replica = await startReplica({
    accounts: SEEDS.map((s) => ({ app: `g${s}`, dialect: `generated:${s}` as const, seed: GEN })),
  });
});
afterAll(() => replica?.stop());

describe.each(SEEDS)('a generated:%i account', (seed) => {
  it('has pages the detectors tell apart and the readers read as the replica holds them', async () => {
    const app = `g${seed}`;
    const got = await readingsOf(replica, app);
    expect(got.kinds).toEqual({
      'actions-page': 'actions',
      'editor-product-set': 'editor',
      'editor-successful-purchase': 'editor',
      'settings-run-on-all-orders': 'settings',
      'other-home': 'other',
      'other-contacts': 'other',
      'other-products-report': 'other',
      'other-edit-action-form': 'other',
      'login-session-expired': 'login',
    });
    expect(got).toMatchObject(replicaReadings(replica, app));
  });
});
