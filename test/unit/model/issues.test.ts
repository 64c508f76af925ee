import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { ActionSet, SnapshotMeta } from '@/lib/model';
import { issueLine } from '@/lib/model/issues';
import { Job } from '@/lib/store';

// zod/mini ships no message texts ("Invalid input" for everything), so what a stored record or a
// refused snapshot says comes from issueLine: the same words as an imported file's refusal.
function lines(schema: z.ZodMiniType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => issueLine(i, value));
}

const meta = {
  id: 'a',
  app: 'demo',
  host: 'demo.infusionsoft.com',
  build: null,
  takenAt: '2026-01-01T00:00:00.000Z',
  cause: 'manual',
  pinned: false,
  runOnAllOrders: 'yes',
  setCount: 1,
  actionCount: 1,
  productCount: 1,
};

describe('issueLine', () => {
  it('names the field and what was wrong with it, in plain words', () => {
    const { productCount: _, ...noProducts } = meta;
    expect(
      lines(SnapshotMeta, { ...noProducts, takenAt: 'x', setCount: -1, actionCount: 1.5 }),
    ).toEqual([
      'takenAt: expected a date and time such as 2026-08-03T11:00:00.000Z',
      'setCount: too small (at least 0)',
      'actionCount: expected a whole number, got a number',
      'productCount: missing (expected a number)',
    ]);
    expect(lines(SnapshotMeta, { ...meta, id: '' })).toEqual(['id: too short (at least 1)']);
  });

  it('lists the kinds of action set a ref may name', () => {
    expect(lines(ActionSet, { ref: { kind: 'nope' }, name: 'x', actions: [] })).toEqual([
      'ref.kind: expected one of "default", "product"',
    ]);
  });

  it("keeps a refinement's own message", () => {
    const job = {
      id: 'j',
      app: 'demo',
      kind: 'restore',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'running',
      snapshotBeforeId: null,
      targets: [],
      source: null,
      mode: null,
    };
    expect(lines(Job, job)).toEqual([
      'snapshotBeforeId: a job that has started writing must name the snapshot taken before it',
    ]);
    const { source: _, ...noSource } = job;
    expect(lines(Job, { ...noSource, status: 'planned' })).toEqual([
      'source: missing (expected a value)',
    ]);
  });
});
