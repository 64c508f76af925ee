import { describe, expect, it } from 'vitest';
import { planRun, productNames } from '@/components/explainer/plan';
import type { Snapshot } from '@/lib/model';
import { poolSnapshot } from './helpers';

const charged = { path: 1, outcome: 'charged', setting: 'yes', newContact: false } as const;

function withMittActions(actions: Snapshot['sets'][number]['actions']): Snapshot {
  const s = poolSnapshot();
  return {
    ...s,
    sets: s.sets.map((set) =>
      set.ref.kind === 'product' && set.ref.name === 'Pool scrubbing Mitt'
        ? { ...set, actions }
        : set,
    ),
  };
}

describe('planRun', () => {
  it('finds the same email template across sets, case- and space-insensitively', () => {
    const s = withMittActions([
      { label: 'Send Email', summary: 'x', facts: { emailTemplates: ['pool  club welcome'] } },
    ]);
    const plan = planRun(s, { ...charged, products: ['Pool scrubbing Mitt'] });
    // Named as the set listed first (Successful Purchase) spells it.
    expect(plan.doubles.map((d) => d.what)).toEqual(['email "Pool Club Welcome"']);
    expect(plan.doubles[0]?.fromSummary).toBe(false);
  });

  it('falls back to the summary text when an action has no facts', () => {
    const s = withMittActions([{ label: 'Send Email', summary: 'Send email: Pool Club Welcome' }]);
    const plan = planRun(s, { ...charged, products: ['Pool scrubbing Mitt'] });
    expect(plan.doubles).toHaveLength(1);
    expect(plan.doubles[0]?.what).toBe('email "Pool Club Welcome"');
    expect(plan.doubles[0]?.fromSummary).toBe(true);
  });

  it('does not match a tag inside a longer word of a summary', () => {
    const s = withMittActions([{ label: 'Apply Tag', summary: 'Apply tag: Customers 2024' }]);
    const plan = planRun(s, { ...charged, products: ['Pool scrubbing Mitt'] });
    expect(plan.doubles).toEqual([]);
  });

  it('marks product sets as repeating only on pay-plan paths', () => {
    const products = ['Pool scrubbing Mitt'];
    for (const path of [9, 10, 11]) {
      const plan = planRun(poolSnapshot(), { ...charged, path, products });
      expect(plan.running.find((p) => p.kind === 'product')?.repeats).toBe(true);
    }
    const once = planRun(poolSnapshot(), { ...charged, path: 3, products });
    expect(once.running.find((p) => p.kind === 'product')?.repeats).toBe(false);
  });

  it('a declined card on a path without a card is impossible: nothing runs', () => {
    const plan = planRun(poolSnapshot(), {
      path: 14,
      outcome: 'declined',
      setting: 'yes',
      products: ['Pool scrubbing Mitt'],
    });
    expect(plan.evaluation.impossible).toBeDefined();
    expect(plan.running).toEqual([]);
  });

  it('lists every product once, from the product list and the product sets', () => {
    const s = poolSnapshot({ products: [{ name: 'pool scrubbing mitt' }, { name: 'Filter' }] });
    expect(productNames(s)).toEqual(['Filter', 'pool scrubbing mitt', 'Pool Shock']);
  });
});
