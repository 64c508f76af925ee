import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@/lib/model';
import { exportJson } from '@/lib/snapshot/export';
import { importFile } from '@/lib/snapshot/import';
import { openStore, type Store } from '@/lib/store';
import { rawGetAll } from '../store/fixtures';
import { email, runSet, tag } from './helpers';

// 10,000 mutations of a valid export (types, sizes, depth, duplicate ids, unicode, truncation,
// prototype keys). Every outcome must be a clean accept or a clean refusal with a message
// (nothing thrown past the validator), a refused file must leave every store byte-for-byte as it
// was, and an accepted one may only ADD records (deleting what it added restores the bytes).
const NAME = 'import-property';
const NOW = new Date('2026-06-01T12:00:00.000Z');
const STORES = ['snapshots', 'meta', 'jobs', 'settings'] as const;
let factory: IDBFactory;
let store: Store;

function base(id: string, takenAt: string, pinned = false): Snapshot {
  return {
    id,
    app: 'poolsupply',
    host: 'poolsupply.infusionsoft.com',
    build: null,
    takenAt,
    cause: 'manual',
    pinned,
    runOnAllOrders: 'yes',
    products: [{ id: '7', name: 'Pool Shock', kind: 'product' }],
    sets: [
      {
        ref: { kind: 'default', trigger: 'successful' },
        name: 'Successful Purchase Action',
        actions: [tag('Buyer'), email('Welcome')],
      },
      {
        ref: { kind: 'product', name: 'Pool Shock', id: '7' },
        name: 'Pool Shock',
        actions: [
          {
            ...runSet('Upsell'),
            rules: { match: 'all', criteria: [{ field: 'State', operator: 'is', value: 'CA' }] },
          },
        ],
      },
    ],
  };
}

const STORED = [base('stored-pinned', '2026-01-01T00:00:00.000Z', true)];
const VALID = JSON.parse(
  exportJson([
    base('stored-pinned', '2026-02-01T00:00:00.000Z', true),
    base('b', '2026-03-01T00:00:00.000Z'),
  ]),
) as unknown;

/** Every record of every store, in key order, as one string. */
async function bytes(): Promise<string> {
  const parts: unknown[] = [];
  for (const s of STORES) parts.push(await rawGetAll(factory, NAME, s));
  return JSON.stringify(parts);
}

type Path = (string | number)[];
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  } else if (v && typeof v === 'object')
    for (const k of Object.keys(v)) paths((v as never)[k], [...at, k], out);
  return out;
}
/** A shallow copy that can be indexed either way (an array stays an array). */
const shallow = (root: unknown) =>
  (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = shallow(root);
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}
function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return root;
  if (path.length === 1) {
    if (Array.isArray(root)) return root.filter((_, i) => i !== path[0]);
    const { [path[0] as string]: _gone, ...rest } = root as Record<string, unknown>;
    return rest;
  }
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = shallow(root);
  copy[head] = deleteAt(copy[head], rest);
  return copy;
}
const pick = (seed: number, list: Path[]): Path => list[seed % list.length] ?? [];

const weird = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // lone surrogates included
  fc.constantFrom('\u202e', '\u0000', '\ud800', '<img src=x onerror=alert(1)>', '=cmd()'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '2026-02-31T00:00:00.000Z',
    '2099-01-01T00:00:00.000Z',
    '2026-06-01T12:00:00.001Z',
    'yesterday',
  ),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.integer({ min: 190, max: 5000 }).map((n) => 'x'.repeat(n)), // sizes around the limits
  fc.integer({ min: 1, max: 40 }).map((n) => JSON.parse(`${'['.repeat(n)}1${']'.repeat(n)}`)),
);

type Mutation = (v: unknown) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), weird).map(
    ([i, w]): Mutation =>
      (v) =>
        JSON.stringify(setAt(v, pick(i, paths(v)), w)),
  ),
  fc.nat().map(
    (i): Mutation =>
      (v) =>
        JSON.stringify(deleteAt(v, pick(i, paths(v)))),
  ),
  fc.nat().map(
    (i): Mutation =>
      (v) => {
        // Duplicate a snapshot (duplicate ids) or a set or an action.
        const lists = paths(v).filter(
          (p) => Array.isArray(get(v, p)) && (get(v, p) as unknown[]).length,
        );
        if (!lists.length) return JSON.stringify(v);
        const p = pick(i, lists);
        const list = get(v, p) as unknown[];
        return JSON.stringify(setAt(v, p, [...list, list[i % list.length]]));
      },
  ),
  fc.tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype')).map(
    ([i, key]): Mutation =>
      (v) => {
        // Own prototype keys can only be written as text: JSON.stringify drops __proto__.
        const objects = paths(v).filter((p) => {
          const x = get(v, p);
          return x !== null && typeof x === 'object' && !Array.isArray(x);
        });
        if (!objects.length) return JSON.stringify(v);
        const p = pick(i, objects);
        const marker = '"__marker__":0';
        const text = JSON.stringify(setAt(v, [...p, '__marker__'], 0));
        return text.replace(marker, `"${key}":{"polluted":true}`);
      },
  ),
  fc.nat().map(
    (i): Mutation =>
      (v) => {
        const t = JSON.stringify(v);
        return t.slice(0, i % t.length); // truncation
      },
  ),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(
    ([i, s]): Mutation =>
      (v) => {
        const t = JSON.stringify(v);
        const at = i % t.length;
        return t.slice(0, at) + s + t.slice(at + 1); // a flipped character
      },
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([a, b]): Mutation =>
      (v) => {
        // A subtree moved elsewhere: right values in the wrong places.
        const all = paths(v);
        return JSON.stringify(setAt(v, pick(a, all), get(v, pick(b, all))));
      },
  ),
);
function get(v: unknown, p: Path): unknown {
  return p.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)?.[k], v);
}

beforeAll(async () => {
  factory = new IDBFactory();
  store = await openStore({ factory, name: NAME, storage: null });
  for (const s of STORED) await store.putSnapshot(s);
});
afterAll(async () => store.close());

describe('import: property-based', () => {
  it('10,000 mutated exports: a clean accept or a clean refusal, and a refusal changes nothing', async () => {
    const baseline = await bytes();
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        let text = JSON.stringify(VALID);
        for (const m of ms) {
          let v: unknown;
          try {
            v = JSON.parse(text);
          } catch {
            break; // already not JSON: later mutations need a value
          }
          text = m(v);
        }
        const outcome = await importFile(text, (list) => store.importSnapshots(list, NOW), NOW);
        if (!outcome.ok) {
          refused++;
          expect(outcome.error.length).toBeGreaterThan(0);
          expect(await bytes()).toBe(baseline);
          return;
        }
        accepted++;
        // An accepted file only added: new ids, causes "import", nothing pinned, the stored
        // pinned snapshot untouched; taking the additions away gives back the same bytes.
        expect(outcome.stored.map((s) => s.id)).not.toContain('stored-pinned');
        for (const s of outcome.stored) {
          const back = await store.getSnapshot(s.id);
          expect(back).toMatchObject({ cause: 'import', pinned: false });
          await store.deleteSnapshot(s.id);
        }
        expect(await bytes()).toBe(baseline);
      }),
      { numRuns: 10_000, seed: Number(process.env.FC_SEED ?? 20260601) },
    );
    // Both kinds of outcome were reached, so neither branch above is vacuous.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
  }, 120_000);
});
