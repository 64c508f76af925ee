import { describe, expect, it } from 'vitest';
import { WhatWillRun } from '@/components/explainer/WhatWillRun';
import { choose, mount, pick, poolSnapshot, text } from './helpers';

const PATH = 'How is the order placed or paid? (order path)';
const PRODUCTS = 'Which products were bought?';
const plan = (root: HTMLElement) => {
  const el = root.querySelector<HTMLElement>('[data-testid="plan"]');
  if (!el) throw new Error('no plan');
  return el;
};
const runningSets = (root: HTMLElement) =>
  [...plan(root).querySelectorAll('article[data-set]')].map((a) => a.getAttribute('data-set'));
const warnings = (root: HTMLElement, kind: string) =>
  [...plan(root).querySelectorAll(`[data-warning="${kind}"]`)].map(text);

describe('WhatWillRun', () => {
  it("a charged cart order runs Successful Purchase and the product's set, with their actions", async () => {
    const root = await mount(<WhatWillRun snapshot={poolSnapshot()} />);
    await choose(root, PRODUCTS, 'Pool scrubbing Mitt');
    await choose(root, 'Is the buyer new to Keap?', 'No, an existing contact');
    expect(runningSets(root)).toEqual(['default:successful', 'product:pool scrubbing mitt']);
    const successful = plan(root).querySelector('[data-set="default:successful"]');
    expect(text(successful)).toContain('Send Email: Send email: Pool Club Welcome');
    expect(text(successful)).toContain('Apply/Remove Tag: Apply tag: Customer');
    expect(text(plan(root).querySelector('.ex-not-running'))).toContain('Failed Purchase Action');
  });

  it('warns that the tag "Customer" runs twice (product set + Successful Purchase)', async () => {
    const root = await mount(<WhatWillRun snapshot={poolSnapshot()} />);
    expect(warnings(root, 'double')).toEqual([]);
    await choose(root, PRODUCTS, 'Pool scrubbing Mitt');
    expect(warnings(root, 'double')).toEqual([
      'The tag "Customer" is in both "Successful Purchase Action" and "Pool scrubbing Mitt": it runs twice on this order.',
    ]);
    // The two actions involved are marked where they are listed.
    expect(plan(root).querySelectorAll('.ex-actions li .ex-badge-warn').length).toBe(2);
    // The announced summary counts it; Contact Creation is unknown until the buyer is known.
    expect(text(plan(root).querySelector('[aria-live="polite"]'))).toBe(
      '2 action sets run, 1 may run (unknown); 1 warning.',
    );
  });

  it('no double-run warning when the card is declined (neither set runs)', async () => {
    const root = await mount(<WhatWillRun snapshot={poolSnapshot()} />);
    await choose(root, PRODUCTS, 'Pool scrubbing Mitt');
    await choose(root, 'What happens to the payment?', 'Card declined');
    expect(warnings(root, 'double')).toEqual([]);
    expect(runningSets(root)).toContain('default:failed');
    expect(runningSets(root)).not.toContain('product:pool scrubbing mitt');
  });

  it('warns that product actions repeat on every pay-plan payment (path 9)', async () => {
    const root = await mount(<WhatWillRun snapshot={poolSnapshot()} />);
    await choose(root, PRODUCTS, 'Pool scrubbing Mitt');
    expect(warnings(root, 'repeat')).toEqual([]);
    await pick(root, PATH, '9');
    const [repeat] = warnings(root, 'repeat');
    expect(repeat).toContain(
      'Every action in "Pool scrubbing Mitt" runs again on each pay-plan payment',
    );
    expect(repeat).toContain('documented');
    expect(text(plan(root))).toContain('repeats on every payment');
  });

  it('shows an undocumented answer as unknown, never as yes or no', async () => {
    const root = await mount(<WhatWillRun snapshot={poolSnapshot({ runOnAllOrders: 'no' })} />);
    await choose(root, PRODUCTS, 'Pool scrubbing Mitt');
    await pick(root, PATH, '18');
    const mitt = plan(root).querySelector('[data-set="product:pool scrubbing mitt"]');
    expect(text(mitt?.querySelector('.ex-status'))).toBe('Unknown: may run');
    expect(warnings(root, 'double')[0]).toContain('it may run twice');
    // Contact Creation without knowing whether the buyer is new: unknown too.
    const contact = plan(root).querySelector('[data-set="default:contactCreation"]');
    expect(text(contact)).toContain('Unknown: may run');
    expect(text(contact)).toContain('did not read this set');
  });

  it('a manual order with the setting No runs no product set', async () => {
    const root = await mount(<WhatWillRun snapshot={poolSnapshot({ runOnAllOrders: 'no' })} />);
    await choose(root, PRODUCTS, 'Pool scrubbing Mitt');
    await pick(root, PATH, '14');
    expect(runningSets(root)).not.toContain('product:pool scrubbing mitt');
    expect(text(plan(root).querySelector('.ex-not-running'))).toContain('Pool scrubbing Mitt');
  });
});
