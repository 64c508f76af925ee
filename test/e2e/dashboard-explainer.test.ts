import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automationKeys, differsBySetting, orderPaths } from '@/lib/matrix';
import { openDashboard, snapshotThroughToolbar } from './dashboard';
import { replicaSets } from './expect';
import { startWorld, type World } from './harness';

// Issue 3, "Done when" (dashboard part), in the production build: the trigger matrix table, the
// "Why didn't it run?" questions, and "What will run?" against a snapshot taken through the CRM
// page's toolbar, checked against what the replica account really holds.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'scrdemo', dialect: 'scripted', seed: 'demo' },
    ],
  });
});
afterAll(async () => world?.close());

const SETTING = 'Run Purchase Actions On All Orders';

/** One answer of the matrix: row number and column (the automation's key). */
const cell = (page: Page, row: number, automation: string) =>
  page.locator(`td[data-row="${row}"][data-automation="${automation}"]`);

/** What a cell shows (its tooltip sits inside it, hidden until focused). */
const shown = (target: Locator) => target.innerText().then((t) => t.replace(/\s+/g, ' ').trim());

/** Focuses a cell (keyboard) and returns the tooltip it shows. */
async function tooltipOf(page: Page, target: Locator): Promise<string> {
  // The grid's cells are reached by arrow keys (one tab stop); focusing one directly is the same.
  await target.locator('.ex-cell-focus').focus();
  const tip = page.getByRole('tooltip');
  await expect.poll(() => tip.count()).toBe(1);
  return (await tip.textContent()) ?? '';
}

describe('the trigger matrix (#/matrix)', () => {
  it('lists the 20 order paths and follows the setting; tooltips name confidence and source', async () => {
    const page = await openDashboard(world, '#/matrix');
    await expect.poll(() => page.getByTestId('matrix-count').textContent()).toBe('20 of 20');
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await rows.locator('td.ex-num').allTextContents()).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1)),
    );
    // No snapshot yet: the account's setting is not known, so the table starts at Yes.
    await page.getByText("This account's value is not known: starting at Yes").waitFor();
    const setting = page.getByRole('group', { name: SETTING });
    expect(await setting.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);

    // Row 14 (manual order, no card): the product's own actions run only with the setting on.
    const row14 = cell(page, 14, 'productSpecific');
    expect(await shown(row14)).toContain('Runs');
    expect(await shown(row14)).toContain('changes when the setting is No (Does not run)');
    const tipYes = await tooltipOf(page, row14);
    expect(tipYes).toContain('order path 14');
    expect(tipYes).toMatch(/Confidence: (documented|inferred)/);
    expect(tipYes).toContain('Source: ');
    expect(tipYes).toContain('Setting Yes: Runs. Setting No: Does not run.');

    // The highlighted cells are exactly the ones the setting changes.
    const changedCells = orderPaths.flatMap((p) =>
      automationKeys.filter((a) => differsBySetting(p, a)).map((a) => `${p.number}:${a}`),
    );
    const highlighted = async () =>
      (
        await page
          .locator('td.ex-cell-changed')
          .evaluateAll((els) =>
            els.map((e) => `${e.getAttribute('data-row')}:${e.getAttribute('data-automation')}`),
          )
      ).sort();
    expect(await highlighted()).toEqual([...changedCells].sort());
    const runsWhenYes = await page.locator('td[data-value="yes"]').count();

    await setting.getByRole('radio', { name: 'No', exact: true }).check();
    await expect
      .poll(() => page.locator('table caption').textContent())
      .toContain(`"${SETTING}" = No`);
    expect(await shown(row14)).toContain('Does not run');
    expect(await shown(row14)).toContain('changed by the setting No (Yes: Runs)');
    // Cart orders (row 1) still run the product's actions: the setting does not touch them.
    expect(await shown(cell(page, 1, 'productSpecific'))).toBe('Runs');
    expect(await page.locator('td[data-value="yes"]').count()).toBeLessThan(runsWhenYes);
    expect(await highlighted()).toEqual([...changedCells].sort());

    const tipNo = await tooltipOf(page, row14);
    expect(tipNo).toContain('Does not run');
    expect(tipNo).toContain('Confidence: documented.');
    expect(tipNo).toContain('Source: Automate follow-up when a purchase is made (Keap help).');
    expect(tipNo).toContain(
      'Manual orders run product-specific actions only when the setting is on.',
    );
    // An inferred answer says so, in the cell and in its tooltip.
    const row6 = cell(page, 6, 'productSpecific');
    expect(await shown(row6)).toContain('inferred');
    expect(await tooltipOf(page, row6)).toContain(
      'Confidence: inferred (our reading, not stated by Keap).',
    );
    // Escape dismisses the tooltip (it does not stay over the table).
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('tooltip').count()).toBe(0);

    // "Only rows the setting changes" keeps exactly those rows.
    await page.getByLabel('Only rows the setting changes').check();
    const changedRows = orderPaths.filter((p) =>
      automationKeys.some((a) => differsBySetting(p, a)),
    );
    await expect
      .poll(() => page.getByTestId('matrix-count').textContent())
      .toBe(`${changedRows.length} of 20`);
    expect(await rows.locator('td.ex-num').allTextContents()).toEqual(
      changedRows.map((p) => String(p.number)),
    );
    expect(changedRows.map((p) => p.number)).toContain(14);
    expect(changedRows.map((p) => p.number)).not.toContain(1);
    await page.close();
  });
});

describe('"Why didn\'t it run?" (#/why)', () => {
  async function ask(page: Page, answers: Record<string, string>) {
    for (const [legend, label] of Object.entries(answers)) {
      await page
        .getByRole('group', { name: legend })
        // "No" is also inside "I don't know": short answers match whole.
        .getByRole('radio', { name: label, exact: label.length <= 3 })
        .check();
    }
    const box = page.getByTestId('why-answer');
    return {
      verdict: () => box.locator('[data-answer]').textContent(),
      answer: () => box.locator('[data-answer]').getAttribute('data-answer'),
      advice: async () => (await box.getByRole('listitem').allTextContents()).join('\n'),
      text: () => box.textContent(),
    };
  }
  const settingOn = `Is "${SETTING}" on?`;

  it('answers three different orders with the verdict, the order path and advice', async () => {
    const page = await openDashboard(world, '#/why');
    await page.getByRole('heading', { name: "Why didn't it run?" }).waitFor();

    // 1. A manual order paid without a card, setting off, product actions expected.
    const manual = await ask(page, {
      'How was the order placed?': 'Added by hand in Keap',
      'What was bought?': 'One-time product',
      'Was a card charged?': 'No card',
      'Which payment was it?': 'The first payment',
      'What did you expect to run?': "The product's own actions",
      [settingOn]: 'No',
    });
    await expect.poll(manual.answer).toBe('does-not-run');
    expect(await manual.verdict()).toBe("The product's own actions: does not run.");
    expect(await manual.text()).toContain('Order path 14:');
    expect(await manual.advice()).toContain(`Turn on "${SETTING}"`);

    // The same order with the setting on runs: the setting is the reason.
    await page
      .getByRole('group', { name: settingOn })
      .getByRole('radio', { name: 'Yes', exact: true })
      .check();
    await expect.poll(manual.answer).toBe('runs');

    // 2. A later payment of a subscription: the product set does not run; billing automation does.
    const recurring = await ask(page, {
      'How was the order placed?': 'A later payment of a subscription or pay plan',
      'What was bought?': 'Subscription',
      'Was a card charged?': 'Yes, a card was charged',
      'Which payment was it?': 'A later payment',
      'What did you expect to run?': "The product's own actions",
    });
    await expect.poll(recurring.verdict).toBe("The product's own actions: does not run.");
    expect(await recurring.text()).toContain('Order path 8:');
    expect(await recurring.advice()).toContain('billing automation');
    expect(await recurring.advice()).not.toContain('Turn on');

    // 3. A cart order, card charged: it runs, and there is nothing to advise.
    const cart = await ask(page, {
      'How was the order placed?': 'Order form or shopping cart',
      'What was bought?': 'One-time product',
      'Was a card charged?': 'Yes, a card was charged',
      'Which payment was it?': 'The first payment',
      'Does the order have a pay plan?': 'No, paid in full',
      'What did you expect to run?': "The product's own actions",
      [settingOn]: 'No',
    });
    await expect.poll(cart.verdict).toBe("The product's own actions: runs.");
    expect(await cart.text()).toContain('Order path 1:');
    expect(await page.getByRole('heading', { name: 'What to do' }).count()).toBe(0);
    await page.close();
  });
});

describe.each(['demo', 'scrdemo'])('"What will run?" (#/what) for %s', (app) => {
  it('warns of the double run with Successful Purchase and lists its actions', async () => {
    const account = world.replica.accounts.get(app);
    if (!account) throw new Error(`no account ${app}`);
    await snapshotThroughToolbar(world, app);

    // From the replica's own state: product sets that apply the same tag or send the same email
    // as Successful Purchase.
    const sets = replicaSets(account);
    const successful = sets.get('Successful Purchase Action');
    if (!successful?.length) throw new Error('Successful Purchase has no actions');
    const shared = (label: string) =>
      [...sets].flatMap(([name, actions]) => {
        const owner = account.state.products.find((p) => p.name === name);
        const hit = actions.find(
          ([l, s]) => l === label && successful.some(([l2, s2]) => l2 === l && s2 === s),
        );
        return owner && hit ? [{ product: name, summary: hit[1] }] : [];
      });
    const byTag = shared('Apply/Remove Tag')[0];
    const byEmail = shared('Send an email')[0];
    if (!byTag || !byEmail) throw new Error('the demo seed lost its double-run products');
    const tag = byTag.summary.replace(/^Apply tag: /, '');
    const email = byEmail.summary.replace(/^Send email: /, '');

    const page = await openDashboard(world, `#/what?app=${app}`);
    await page.getByRole('heading', { name: 'What will run?' }).waitFor();
    const picker = page.getByLabel('Snapshot');
    await expect.poll(() => picker.locator('option').count()).toBe(1);
    // The snapshot read the account's setting (No in the demo seed).
    await page.getByText('This snapshot read the setting as: No.').waitFor();

    await page.getByLabel('How is the order placed or paid? (order path)').selectOption({
      label: '1. One-time product bought through an order form or the shopping cart',
    });
    await page.getByRole('checkbox', { name: byTag.product }).check();
    await page.getByRole('checkbox', { name: byEmail.product }).check();
    await page
      .getByRole('group', { name: 'What happens to the payment?' })
      .getByRole('radio', { name: 'Charged successfully' })
      .check();

    const warnings = page.getByTestId('plan-warnings');
    await warnings.waitFor();
    const doubles = await warnings.locator('[data-warning="double"]').allTextContents();
    const tagWarning = doubles.find((d) => d.includes(`tag "${tag}"`));
    const emailWarning = doubles.find((d) => d.includes(`email "${email}"`));
    expect(tagWarning, doubles.join('\n')).toBeDefined();
    expect(tagWarning).toContain(`"Successful Purchase Action" and "${byTag.product}"`);
    expect(tagWarning).toContain('runs twice on this order');
    expect(emailWarning, doubles.join('\n')).toBeDefined();
    expect(emailWarning).toContain(`"Successful Purchase Action" and "${byEmail.product}"`);
    expect(emailWarning).toContain('runs twice on this order');

    // Successful Purchase runs, with the actions the replica account really has, in order.
    const set = page.locator('[data-set="default:successful"]');
    expect(await set.getByRole('heading').textContent()).toContain('Runs');
    const listed = await set.getByRole('listitem').allTextContents();
    expect(listed).toHaveLength(successful.length);
    successful.forEach(([label, summary], i) => {
      expect(listed[i]).toContain(`${label}: ${summary}`);
    });
    // Both shared actions are marked in the list.
    expect(listed.filter((l) => l.includes('runs twice'))).toHaveLength(2);

    // A declined card: Successful Purchase and the product sets no longer run, nor warn.
    await page
      .getByRole('group', { name: 'What happens to the payment?' })
      .getByRole('radio', { name: 'Card declined' })
      .check();
    await expect.poll(() => warnings.count()).toBe(0);
    expect(await page.locator('[data-set="default:successful"]').count()).toBe(0);
    await page.close();
  });
});
