// "Why didn't it run?": realistic admin questions, each checked for the row it lands on, the
// answer, how sure it is, and the advice shown.
import { describe, expect, it } from 'vitest';
import { ADVICE, type WhyQuestion, why } from '../../../lib/matrix';

/** A one-time cart order, card charged, setting Yes; each test changes what it is about. */
function ask(over: Partial<WhyQuestion>) {
  return why({
    placedVia: 'cart',
    card: 'charged',
    payment: 'first',
    kind: 'product',
    expected: 'productSpecific',
    setting: 'yes',
    ...over,
  });
}

describe('why', () => {
  it('manual order paid by check, setting No: product set does not run, turn the setting on', () => {
    const a = ask({ placedVia: 'manual', card: 'none', setting: 'no' });
    expect(a.path?.number).toBe(14);
    expect(a).toMatchObject({
      answer: 'does-not-run',
      confidence: 'documented',
      source: 'keap-purchase-actions',
    });
    expect(a.advice).toContain(ADVICE.turnSettingOn);
  });

  it('legacy Add Order, setting No: does not run, but only inferred', () => {
    const a = ask({ placedVia: 'legacy', setting: 'no' });
    expect(a.path?.number).toBe(6);
    expect(a).toMatchObject({ answer: 'does-not-run', confidence: 'inferred' });
    expect(a.advice).toContain(ADVICE.turnSettingOn);
  });

  it('recurring subscription payment: product set does not run, use billing automation', () => {
    const a = ask({ placedVia: 'recurring', payment: 'later', kind: 'subscription' });
    expect(a.path?.id).toBe('recurring-payment');
    expect(a.answer).toBe('does-not-run');
    expect(a.advice).toContain(ADVICE.billingForRecurring);
    expect(a.advice.join(' ')).toMatch(/these do run: Credit card autocharge attempt/);
    // Turning the setting on would not help here, so it must not be suggested.
    expect(a.advice).not.toContain(ADVICE.turnSettingOn);
  });

  it('integration using addManualPayment: global does not run, reach an API goal', () => {
    const a = ask({ placedVia: 'api', apiMethod: 'addManualPayment', expected: 'global' });
    expect(a.path?.number).toBe(20);
    expect(a.answer).toBe('does-not-run');
    expect(a.reason).toMatch(/will not complete Purchase Goals/);
    expect(a.advice).toContain(ADVICE.apiGoal);
    expect(a.advice.join(' ')).toMatch(/FunnelService\.achieveGoal/);
    expect(a.advice.join(' ')).toMatch(/ContactService\.runActionSequence/);
    expect(a.advice).toContain(ADVICE.placeOrder);
  });

  it('same integration, campaign goal: does not run, same API advice', () => {
    const a = ask({ placedVia: 'api', card: 'none', expected: 'campaignGoal' });
    expect(a.path?.number).toBe(20);
    expect(a.answer).toBe('does-not-run');
    expect(a.advice).toContain(ADVICE.apiGoal);
  });

  it('pay-plan payoff: product set runs again, move once-only actions', () => {
    const a = ask({ payment: 'payoff' });
    expect(a.path?.number).toBe(11);
    expect(a.answer).toBe('runs');
    expect(a.advice).toEqual([ADVICE.onceOnly]);
  });

  it('a middle instalment is read like the payoff, and says it is inferred', () => {
    const a = ask({ payment: 'later' });
    expect(a.path?.number).toBe(11);
    expect(a.confidence).toBe('inferred');
    expect(a.reason).toMatch(/middle instalment/);
  });

  it('manual order charged now: global does not run, use the product set or a goal', () => {
    const a = ask({ placedVia: 'manual', expected: 'global' });
    expect(a.path?.number).toBe(3);
    expect(a.answer).toBe('does-not-run');
    expect(a.advice).toContain(ADVICE.globalCartOnly);
    expect(a.advice.join(' ')).toMatch(/Product-specific purchase actions; Purchase goal/);
  });

  it('manual pay-plan order: the goal does not run (row 10)', () => {
    const a = ask({ placedVia: 'manual', payPlan: true, expected: 'campaignGoal' });
    expect(a.path?.number).toBe(10);
    expect(a.answer).toBe('does-not-run');
  });

  it('billing automation with no card: documented no, whatever the path', () => {
    const a = ask({ placedVia: 'manual', card: 'none', expected: 'billingAutocharge' });
    expect(a).toMatchObject({
      answer: 'does-not-run',
      confidence: 'documented',
      source: 'keap-community-45716',
    });
    expect(a.advice).toEqual([ADVICE.billingNeedsCard]);
  });

  it('declined cart order: product set does not run, Failed Purchase set does', () => {
    const a = ask({ card: 'declined' });
    expect(a.answer).toBe('does-not-run');
    expect(a.advice).toContain(ADVICE.declined);
    expect(ask({ card: 'declined', expected: 'global' }).answer).toBe('runs');
    expect(ask({ card: 'declined', expected: 'billingAutocharge' }).answer).toBe('runs');
  });

  it('placeOrder with the setting off: unknown, not a guess', () => {
    const a = ask({ placedVia: 'api', apiMethod: 'placeOrder', setting: 'no' });
    expect(a.path?.number).toBe(18);
    expect(a.answer).toBe('unknown');
    expect(a.advice).toContain(ADVICE.apiUndocumented);
  });

  it('setting not read, manual order: unknown, check the setting', () => {
    const a = ask({ placedVia: 'manual', setting: 'unknown' });
    expect(a.answer).toBe('unknown');
    expect(a.advice).toContain(ADVICE.checkSetting);
  });

  it('descriptions that match no row answer unknown with no path', () => {
    expect(ask({ placedVia: 'api' })).toMatchObject({ path: null, answer: 'unknown' });
    expect(ask({ placedVia: 'recurring', payment: 'first' }).path).toBeNull();
    expect(ask({ placedVia: 'legacy', card: 'none' }).answer).toBe('unknown');
    expect(ask({ placedVia: 'cart', kind: 'subscription', payment: 'payoff' }).path).toBeNull();
  });

  it('rejects malformed questions', () => {
    const bad = { placedVia: 'fax' } as unknown as WhyQuestion;
    expect(() => why(bad)).toThrow();
  });
});
