// evaluate(), lookups and the per-set "When does this run?" helper. Expected values are written
// out by row number so a change in the rules shows up as a specific failing row.
import { describe, expect, it } from 'vitest';
import {
  differsBySetting,
  evaluate,
  getPath,
  IMPOSSIBLE_DECLINE,
  type Outcome,
  orderPaths,
  pathsThatRun,
  type RunSetKind,
  type Setting,
  type Tri,
} from '../../../lib/matrix';

const settings: Setting[] = ['yes', 'no', 'unknown'];
const outcomes: Outcome[] = ['charged', 'declined', 'error'];

/** Row numbers whose value is `value` in a pathsThatRun answer. */
function rowsWhere(kind: RunSetKind, setting: Setting, value: Tri): number[] {
  return pathsThatRun(kind, setting)
    .filter((r) => r.value === value)
    .map((r) => r.path.number);
}

describe('evaluate: the example from the brief', () => {
  it('row 14, setting No, charged, known contact: nothing runs, product set documented', () => {
    const r = evaluate({ path: 14, setting: 'no', outcome: 'charged', newContact: false });
    expect(r.path.id).toBe('manual-order-no-card');
    expect([r.billingAutocharge, r.productSpecific, r.global, r.campaignGoal]).toEqual([
      'no',
      'no',
      'no',
      'no',
    ]);
    expect(r.defaultSets).toEqual({
      successful: 'no',
      failed: 'no',
      error: 'no',
      contactCreation: 'no',
    });
    const product = r.reasons.find((x) => x.automation === 'productSpecific');
    expect(product).toMatchObject({ value: 'no', confidence: 'documented' });
    expect(product?.text).toMatch(/only when the setting is on/);
    expect(r.impossible).toBeUndefined();
  });

  it('the same row with setting Yes runs the product set', () => {
    expect(evaluate({ path: 14, setting: 'yes', outcome: 'charged' }).productSpecific).toBe('yes');
    expect(evaluate({ path: 14, setting: 'unknown', outcome: 'charged' }).productSpecific).toBe(
      'unknown',
    );
  });
});

describe('evaluate: outcomes', () => {
  it('a declined cart order: billing and Failed run, nothing else', () => {
    const r = evaluate({ path: 'cart-product', setting: 'yes', outcome: 'declined' });
    expect(r).toMatchObject({
      billingAutocharge: 'yes',
      productSpecific: 'no',
      global: 'yes',
      campaignGoal: 'no',
      defaultSets: { successful: 'no', failed: 'yes', error: 'no' },
    });
    const billing = r.reasons.find((x) => x.automation === 'billingAutocharge');
    expect(billing).toMatchObject({ confidence: 'documented', source: 'keap-community-45716' });
    // The Failed set is an inference from the Successful column and must say so.
    expect(r.reasons.find((x) => x.set === 'failed')?.confidence).toBe('inferred');
    expect(r.reasons.find((x) => x.automation === 'productSpecific')?.confidence).toBe('inferred');
  });

  it('an error on a cart order: Error set runs, billing unknown', () => {
    const r = evaluate({ path: 1, setting: 'yes', outcome: 'error' });
    expect(r).toMatchObject({
      billingAutocharge: 'unknown',
      productSpecific: 'no',
      global: 'yes',
      campaignGoal: 'no',
      defaultSets: { successful: 'no', failed: 'no', error: 'yes' },
    });
  });

  it('a declined manual order: billing runs, no Default Settings set (global N)', () => {
    const r = evaluate({ path: 3, setting: 'yes', outcome: 'declined' });
    expect([r.billingAutocharge, r.global, r.defaultSets.failed]).toEqual(['yes', 'no', 'no']);
  });

  it('an error where no card is processed: billing stays no', () => {
    const r = evaluate({ path: 14, setting: 'yes', outcome: 'error' });
    expect([r.billingAutocharge, r.productSpecific, r.defaultSets.error]).toEqual([
      'no',
      'no',
      'no',
    ]);
  });

  it('recurring payments that billed before: Failed/Error documented on row 8, unknown on 12', () => {
    const declined = evaluate({ path: 8, setting: 'yes', outcome: 'declined' });
    expect(declined.defaultSets.failed).toBe('yes');
    expect(declined.reasons.find((x) => x.set === 'failed')).toMatchObject({
      confidence: 'documented',
      source: 'keap-failed-error-purchases',
    });
    expect(evaluate({ path: 8, setting: 'yes', outcome: 'error' }).defaultSets.error).toBe('yes');
    expect(evaluate({ path: 8, setting: 'yes', outcome: 'charged' }).defaultSets.successful).toBe(
      'no',
    );
    expect(evaluate({ path: 12, setting: 'yes', outcome: 'declined' }).defaultSets.failed).toBe(
      'unknown',
    );
  });

  it.each([13, 14, 15, 20])('row %i: a decline is impossible, flagged, not thrown', (n) => {
    const r = evaluate({ path: n, setting: 'yes', outcome: 'declined' });
    expect(r.impossible).toBe(IMPOSSIBLE_DECLINE);
    expect(r.impossible).toBe('no card is charged on this path');
    expect([r.billingAutocharge, r.productSpecific, r.global, r.campaignGoal]).toEqual([
      'no',
      'no',
      'no',
      'no',
    ]);
  });

  it('every path, setting and outcome answers consistently', () => {
    for (const path of orderPaths) {
      for (const setting of settings) {
        for (const outcome of outcomes) {
          const r = evaluate({ path: path.id, setting, outcome });
          expect(r.impossible !== undefined).toBe(outcome === 'declined' && !path.cardCharged);
          // At most one of Successful / Failed / Error can apply to one payment.
          const sets = [r.defaultSets.successful, r.defaultSets.failed, r.defaultSets.error];
          expect(sets.filter((v) => v !== 'no').length).toBeLessThanOrEqual(1);
          if (outcome !== 'charged') {
            expect([r.productSpecific, r.campaignGoal, r.defaultSets.successful]).toEqual([
              'no',
              'no',
              'no',
            ]);
          }
          expect(r.reasons.map((x) => x.automation)).toEqual(
            expect.arrayContaining([
              'billingAutocharge',
              'productSpecific',
              'global',
              'campaignGoal',
            ]),
          );
        }
      }
    }
  });
});

describe('evaluate: Contact Creation', () => {
  it('runs for a new buyer where the Default Settings sets run (cart, placeOrder)', () => {
    for (const n of [1, 2, 9, 18, 19]) {
      const r = evaluate({ path: n, setting: 'yes', outcome: 'charged', newContact: true });
      expect(r.defaultSets.contactCreation, `row ${n}`).toBe('yes');
      expect(r.reasons.find((x) => x.set === 'contactCreation')?.confidence).toBe('inferred');
    }
  });

  it('no for a known buyer, unknown when not said, no where global sets never run', () => {
    const at = (path: number, newContact?: boolean) =>
      evaluate({
        path,
        setting: 'yes',
        outcome: 'charged',
        ...(newContact === undefined ? {} : { newContact }),
      }).defaultSets.contactCreation;
    expect(at(1, false)).toBe('no');
    expect(at(1)).toBe('unknown');
    expect(at(3, true)).toBe('no');
    expect(at(20, true)).toBe('no');
  });
});

describe('lookups', () => {
  it('finds a path by number, by id and by a numeric string', () => {
    expect(getPath(1).id).toBe('cart-product');
    expect(getPath('api-add-manual-payment').number).toBe(20);
    expect(getPath('14').id).toBe('manual-order-no-card');
    expect(
      evaluate({ path: 'manual-order-charge-now', setting: 'yes', outcome: 'charged' }).path.number,
    ).toBe(3);
  });

  it.each([0, 21, 'nope', 'Cart-Product'])('rejects %s with a clear error', (bad) => {
    expect(() => getPath(bad)).toThrow(/Unknown order path .*1-20.*cart-product/);
    expect(() => evaluate({ path: bad, setting: 'yes', outcome: 'charged' })).toThrow(
      /Unknown order path/,
    );
  });

  it('differsBySetting marks only the product-specific cells the setting changes', () => {
    const differing = orderPaths
      .filter((p) => differsBySetting(p, 'productSpecific'))
      .map((p) => p.number);
    expect(differing).toEqual([3, 4, 5, 6, 7, 10, 11, 14, 15, 16, 17, 18, 19, 20]);
    expect(differsBySetting('cart-product', 'productSpecific')).toBe(false);
    expect(orderPaths.some((p) => differsBySetting(p.number, 'global'))).toBe(false);
  });
});

describe('pathsThatRun ("When does this run?")', () => {
  it('Successful Purchase: cart and placeOrder paths', () => {
    expect(rowsWhere('successful', 'yes', 'yes')).toEqual([1, 2, 9, 18, 19]);
    expect(rowsWhere('successful', 'no', 'yes')).toEqual([1, 2, 9, 18, 19]);
  });

  it('Failed: where Successful runs plus recurring billing; row 12 unknown', () => {
    expect(rowsWhere('failed', 'yes', 'yes')).toEqual([1, 2, 8, 9, 18, 19]);
    expect(rowsWhere('failed', 'yes', 'unknown')).toEqual([12]);
    const noCard = pathsThatRun('failed', 'yes').find((r) => r.path.number === 14);
    expect(noCard?.text).toMatch(/no card is charged/);
  });

  it('Error and Contact Creation', () => {
    expect(rowsWhere('error', 'yes', 'yes')).toEqual([1, 2, 8, 9, 18, 19]);
    expect(rowsWhere('contactCreation', 'yes', 'yes')).toEqual([1, 2, 9, 18, 19]);
  });

  it('On Login: only possible on cart paths, never certain', () => {
    expect(rowsWhere('onLogin', 'yes', 'unknown')).toEqual([1, 2, 9]);
    expect(rowsWhere('onLogin', 'yes', 'yes')).toEqual([]);
  });

  it('a product set follows the setting', () => {
    expect(rowsWhere('product', 'yes', 'yes')).toEqual([
      1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20,
    ]);
    expect(rowsWhere('product', 'no', 'yes')).toEqual([1, 2, 9]);
    expect(rowsWhere('product', 'no', 'unknown')).toEqual([16, 17, 18, 19, 20]);
    expect(rowsWhere('product', 'unknown', 'unknown')).toEqual([
      3, 4, 5, 6, 7, 10, 11, 14, 15, 16, 17, 18, 19, 20,
    ]);
  });
});
