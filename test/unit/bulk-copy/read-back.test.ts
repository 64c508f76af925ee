import { describe, expect, it } from 'vitest';
import { writeTarget } from '@/lib/bulk-copy/engine';
import { planTarget } from '@/lib/bulk-copy/plan';
import type { Action } from '@/lib/model';
import { fakeCrm, hooks, tag, target } from './fake-crm';

// Issue 10, finding 4: a write's read-back checks every field it wrote. The fake CRM keeps an
// added action's label, summary and configuration but drops its rules (as a form that did not
// save its rules would): the list still agrees with the plan, so only a read of the written
// action's form can tell.

const ruled: Action = {
  ...tag('X'),
  rules: { match: 'all', criteria: [{ field: 'Country', operator: 'is', value: 'NZ' }] },
};

describe('the read-back after a write', () => {
  it('fails a target whose written rules did not save, though its list looks right', async () => {
    const crm = fakeCrm({ t: [tag('A')] });
    const plan = planTarget([ruled], target('t', [tag('A')]), 'add');
    const outcome = await writeTarget(plan, crm.ops, hooks);
    expect(outcome.state).toBe('failed');
    // Written once: the next attempt's fresh read sees the job's own write gone wrong.
    expect(crm.writes).toEqual(['add t Apply tag: X']);
  });

  it('the control case: an action the CRM keeps whole is done', async () => {
    const crm = fakeCrm({ t: [tag('A')] });
    const plan = planTarget([tag('X')], target('t', [tag('A')]), 'add');
    expect(await writeTarget(plan, crm.ops, hooks)).toEqual({ state: 'done' });
  });
});
