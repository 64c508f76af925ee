import { describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model';
import { diffSnapshots } from '@/lib/snapshot/diff';

const email = (template: string, crmId: string): Action => ({
  crmId,
  label: 'Send an email',
  summary: `Send email: ${template}`,
  config: { Template: template },
});
const snap = (app: string, actions: Action[]) => ({
  app,
  sets: [
    {
      ref: { kind: 'default' as const, trigger: 'successful' as const },
      name: 'Successful Purchase Action',
      actions,
    },
  ],
});

describe('diff of a one-field action edited in place', () => {
  it('within one account, the same CRM id makes it "changed", field by field', () => {
    const d = diffSnapshots(
      snap('demo', [email('Receipt', '302')]),
      snap('demo', [email('Welcome', '302')]),
    );
    expect([d.counts.actionsChanged, d.counts.actionsAdded, d.counts.actionsRemoved]).toEqual([
      1, 0, 0,
    ]);
    expect(d.sets[0]?.changed[0]?.changes).toContainEqual({
      field: 'config.Template',
      was: 'Receipt',
      is: 'Welcome',
    });
  });
  it('across accounts ids mean nothing: content alone decides', () => {
    const d = diffSnapshots(
      snap('demo', [email('Receipt', '302')]),
      snap('acme', [email('Welcome', '302')]),
    );
    expect([d.counts.actionsChanged, d.counts.actionsAdded, d.counts.actionsRemoved]).toEqual([
      0, 1, 1,
    ]);
  });
});
