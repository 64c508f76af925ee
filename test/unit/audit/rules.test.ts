import { describe, expect, it } from 'vitest';
import { AUDIT_RULES, type AuditRule, audit, significantWords } from '@/lib/audit';
import type { Snapshot } from '@/lib/model';
import { parseExport } from '@/lib/snapshot/import';
import { def, email, fixtureText, prod, runSet, snap, tag, withSets } from '../snapshot/helpers';

const base = snap();
const idsOf = (s: Snapshot, ruleId: string) => audit(s).findings.filter((f) => f.ruleId === ruleId);

// Each rule: a snapshot where it fires (with the set it names) and one where it must not.
describe.each<[string, Snapshot, string | null, Snapshot]>([
  ['failed-purchase-empty', withSets(base, def('failed')), 'default:failed', base],
  ['error-purchase-empty', withSets(base, def('error')), 'default:error', base],
  [
    'manual-orders-skip-product-sets',
    withSets({ ...base, runOnAllOrders: 'no' }, prod('Kit', [tag('A')])),
    null,
    withSets({ ...base, runOnAllOrders: 'no' }, prod('Kit', [])),
  ],
  [
    'double-run-with-successful',
    withSets(
      base,
      def('successful', [email('Thanks'), tag('Customer')]),
      prod('Shock', [tag(' customer ')], '16'),
    ),
    'product:16',
    withSets(
      base,
      def('successful', [email('Thanks'), tag('Customer')]),
      prod('Shock', [tag('Shock buyer')]),
    ),
  ],
  [
    'repeats-on-each-payment',
    withSets(base, prod('Checkup', [email('WELCOME to the club')])),
    'product:name:Checkup',
    withSets(
      base,
      prod('Checkup', [email('Weekly report')]),
      def('successful', [email('Welcome')]),
    ),
  ],
  [
    'missing-named-action-set',
    withSets(
      { ...base, namedActionSets: ['Schedule first visit'] },
      prod('Kit', [runSet('Old set')]),
    ),
    'product:name:Kit',
    withSets(base, prod('Kit', [runSet('Old set')])),
  ],
  [
    'product-without-actions',
    withSets(base, prod('Pool Mitt'), prod('Pool Shock', [tag('a')]), prod('Pool Net', [tag('b')])),
    'product:name:Pool Mitt',
    withSets(base, prod('Pool Mitt'), prod('Pool Shock', [tag('a')]), prod('Net', [tag('b')])),
  ],
])('%s', (ruleId, fires, key, quiet) => {
  it('fires', () => {
    const found = idsOf(fires, ruleId);
    expect(found).toHaveLength(1);
    expect(found[0]?.setKey).toBe(key);
  });
  it('stays quiet', () => {
    expect(idsOf(quiet, ruleId)).toEqual([]);
  });
});

describe('rule details', () => {
  it.each([
    ['new customer tag', tag('New-Customer'), true],
    ['onboarding email', email('Onboarding step 1'), true],
    ['customer tag', tag('Customer'), false],
    ['newsletter email', email('Newsletter'), false],
  ])('repeats-on-each-payment: %s', (_, action, fires) => {
    expect(idsOf(withSets(base, prod('Kit', [action])), 'repeats-on-each-payment').length > 0).toBe(
      fires,
    );
  });

  it('product-without-actions counts category siblings and products without a set', () => {
    const s: Snapshot = {
      ...withSets(base, prod('Alpha', [tag('a')]), prod('Beta', [tag('b')])),
      products: [
        { name: 'Alpha', category: 'Chemicals' },
        { name: 'Beta', category: 'chemicals' },
        { name: 'Gamma', category: 'Chemicals' },
      ],
    };
    expect(idsOf(s, 'product-without-actions').map((f) => f.setName)).toEqual(['Gamma']);
  });

  it('ignores stop words when comparing names', () => {
    expect([...significantWords('Test Product Kit 2')]).toEqual([]);
    expect([...significantWords('Pool Stabilizer / Conditioner')]).toEqual([
      'pool',
      'stabilizer',
      'conditioner',
    ]);
  });

  it('mentions the pay-plan rows', () => {
    const rule = AUDIT_RULES.find((r) => r.id === 'repeats-on-each-payment');
    expect(rule?.why).toContain('rows 9-11');
  });
});

describe('audit', () => {
  it('finds what the pool demo fixture was built to show, high first', () => {
    const r = parseExport(fixtureText('pool-demo.json'));
    if (!r.ok) throw new Error(r.error);
    const result = audit(r.snapshots[0] as Snapshot);
    expect(result.findings.map((f) => `${f.ruleId} ${f.setName}`)).toEqual([
      'failed-purchase-empty Failed Purchase Action',
      'manual-orders-skip-product-sets null',
      'double-run-with-successful Super Sock It Pool Shock',
      'repeats-on-each-payment Weekly Pool Checkup',
      'product-without-actions Pool scrubbing Mitt',
    ]);
    expect(result.counts).toEqual({ high: 1, medium: 3, low: 1, total: 5 });
  });

  it('reports a rule that throws without losing the others', () => {
    const broken: AuditRule = {
      id: 'broken',
      title: 'Broken',
      severity: 'high',
      why: '',
      check: () => {
        throw new Error('boom');
      },
    };
    const result = audit(withSets(base, def('failed')), [broken, ...AUDIT_RULES]);
    // The failure is reported as low, after the real high finding.
    expect(result.findings.map((f) => f.ruleId)).toEqual(['failed-purchase-empty', 'broken']);
    expect(result.findings[1]?.detail).toBe('boom');
  });
});
