import { describe, expect, it } from 'vitest';
import { runTargets } from '@/lib/bulk-copy/engine';
import { planTarget } from '@/lib/bulk-copy/plan';
import { fakeCrm, hooks, mail, tag, target } from './fake-crm';

// Issue 10, finding 6: a journal write that fails (quota, store error) stops the job before the
// next CRM write; a write the journal does not know about could not be undone.

const urls = ['a', 'b', 'c', 'd'];
const source = [mail('Receipt'), tag('Customer')];

function journalFailingOn(n: number, crm: ReturnType<typeof fakeCrm>) {
  let count = 0;
  const at: { writes: number | null } = { writes: null };
  const write = async () => {
    await Promise.resolve();
    if (++count === n) {
      at.writes = crm.writes.length;
      throw new Error('QuotaExceededError: the store is full');
    }
  };
  return {
    at,
    hooks: {
      onStart: write,
      beforeFirstWrite: write,
      onOutcome: write,
    },
  };
}

describe('a failed journal write', () => {
  it.each([1, 2])(
    'stops the run before the next CRM write (concurrency %i)',
    async (concurrency) => {
      const crm = fakeCrm(Object.fromEntries(urls.map((u) => [u, []])), { slow: true });
      const plan = urls.map((u) => planTarget(source, target(u, []), 'add'));
      const journal = journalFailingOn(3, crm);
      await expect(
        runTargets(plan, crm.ops, { ...hooks, concurrency, ...journal.hooks }),
      ).rejects.toMatchObject({
        why: 'journal',
        message: expect.stringContaining('QuotaExceededError'),
      });
      expect(journal.at.writes).not.toBeNull();
      expect(crm.writes.length).toBe(journal.at.writes);
    },
  );

  it('with one worker, the third journal write (a target done) leaves the rest unwritten', async () => {
    const crm = fakeCrm(Object.fromEntries(urls.map((u) => [u, []])), { slow: true });
    const plan = urls.map((u) => planTarget(source, target(u, []), 'add'));
    const journal = journalFailingOn(3, crm);
    await expect(
      runTargets(plan, crm.ops, { ...hooks, concurrency: 1, ...journal.hooks }),
    ).rejects.toMatchObject({ why: 'journal' });
    // onStart(a), kept(a), writes to a, onOutcome(a) fails: b, c, d untouched.
    expect(crm.writes).toEqual(['add a Send email: Receipt', 'add a Apply tag: Customer']);
  });

  it('the control case: a journal that works lets every target be written', async () => {
    const crm = fakeCrm(Object.fromEntries(urls.map((u) => [u, []])), { slow: true });
    const plan = urls.map((u) => planTarget(source, target(u, []), 'add'));
    const journal = journalFailingOn(Infinity, crm);
    await runTargets(plan, crm.ops, { ...hooks, concurrency: 2, ...journal.hooks });
    expect(crm.writes.length).toBe(urls.length * source.length);
  });
});
