// The account check on generated dialects (issue 13): a dialect that labels its product rows
// "Product: <name>" still pairs them with the products report; one whose "Add New Action" is a
// select that navigates on change, captioned by the cell before it, is followed (a read) to one
// new action's form. The controls: the hand-written dialects' checks are unchanged elsewhere.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkAccount } from '@/lib/crm/account-check';
import { generateDialect } from '../../replica/dialects.ts';
import { type Replica, startReplica } from '../../replica/index.ts';
import { checkSetup } from './account-check.setup';

// Seed 6 labels product rows "Product: …"; seed 5 has an onchange "Add New Action" in table cells.
const GEN = { generate: { products: 6, maxActions: 3, seed: 5 } };
let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'prefixed', dialect: 'generated:6', seed: GEN },
      { app: 'onchange', dialect: 'generated:5', seed: GEN },
    ],
  });
});
afterAll(() => replica?.stop());
afterEach(() => vi.unstubAllGlobals());

const stateOf = async (app: string, id: string) => {
  const { input, account } = await checkSetup(replica, app);
  const run = await checkAccount(input);
  expect(account.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  return run.result.checks.find((c) => c.id === id);
};

describe('the account check on generated dialects', () => {
  it('pairs "Product: <name>" rows with the products report', async () => {
    expect(generateDialect(6).markup?.productPrefix).toBe(true);
    expect(await stateOf('prefixed', 'products-report')).toMatchObject({ state: 'passed' });
  });

  it('follows an "Add New Action" select that navigates on change to a new action form', async () => {
    expect(generateDialect(5).markup).toMatchObject({ addNew: 'onchange', labels: 'cell' });
    expect(await stateOf('onchange', 'add-new-action')).toMatchObject({ state: 'passed' });
    expect(await stateOf('onchange', 'action-form')).toMatchObject({ state: 'passed' });
  });
});
