import { describe, expect, it } from 'vitest';
import { WhyDidntItRun } from '@/components/explainer/WhyDidntItRun';
import { ADVICE, getSource } from '@/lib/matrix';
import { choose, fieldset, mount, text } from './helpers';

const SETTING = 'Is "Run Purchase Actions On All Orders" on?';
const answer = (root: HTMLElement) => {
  const region = root.querySelector<HTMLElement>('[data-testid="why-answer"]');
  if (!region) throw new Error('no answer region');
  return region;
};
const verdict = (root: HTMLElement) => answer(root).querySelector('[data-answer]');

describe('WhyDidntItRun', () => {
  it('asks in radio groups with legends, and answers in a polite live region', async () => {
    const root = await mount(<WhyDidntItRun />);
    for (const legend of [
      'How was the order placed?',
      'Was a card charged?',
      'Which payment was it?',
      'What did you expect to run?',
      SETTING,
    ]) {
      expect(fieldset(root, legend).querySelectorAll('input[type="radio"]').length).toBeGreaterThan(
        1,
      );
    }
    expect(answer(root).getAttribute('aria-live')).toBe('polite');
    // The account's setting is not known by default: "I don't know" is preselected.
    const unknown = [...fieldset(root, SETTING).querySelectorAll('input')].find((i) => i.checked);
    expect(unknown?.value).toBe('unknown');
  });

  it('manual order without a card, setting No: the product set does not run; turn it on', async () => {
    const root = await mount(<WhyDidntItRun accountSetting="no" />);
    await choose(root, 'How was the order placed?', 'Added by hand in Keap');
    await choose(root, 'Was a card charged?', 'No card');
    await choose(root, 'What did you expect to run?', "The product's own actions");

    expect(verdict(root)?.getAttribute('data-answer')).toBe('does-not-run');
    expect(text(verdict(root))).toBe("The product's own actions: does not run.");
    expect(text(answer(root))).toContain('Order path 14:');
    expect(text(answer(root))).toContain('documented');
    expect(text(answer(root))).toContain(getSource('keap-purchase-actions').title);
    expect([...answer(root).querySelectorAll('li')].map(text)).toContain(ADVICE.turnSettingOn);

    // The same order with the setting on runs: the answer follows the question.
    await choose(root, SETTING, 'Yes');
    expect(verdict(root)?.getAttribute('data-answer')).toBe('runs');
  });

  it('a recurring subscription payment: no product set; use billing automation', async () => {
    const root = await mount(<WhyDidntItRun accountSetting="yes" />);
    await choose(root, 'How was the order placed?', 'A later payment of a subscription');
    await choose(root, 'What was bought?', 'Subscription');
    await choose(root, 'Which payment was it?', 'A later payment');

    expect(verdict(root)?.getAttribute('data-answer')).toBe('does-not-run');
    expect(text(answer(root))).toContain('Order path 8:');
    expect([...answer(root).querySelectorAll('li')].map(text)).toContain(
      ADVICE.billingForRecurring,
    );
  });

  it('a charged cart order runs the product set, with no advice to act on', async () => {
    const root = await mount(<WhyDidntItRun accountSetting="no" />);
    // Defaults describe it already: cart, one-time product, charged, first payment, no pay plan.
    expect(verdict(root)?.getAttribute('data-answer')).toBe('runs');
    expect(text(answer(root))).toContain('Order path 1:');
    expect(answer(root).querySelector('ul')).toBeNull();
  });

  it('an API order with the setting off is unknown, never yes or no', async () => {
    const root = await mount(<WhyDidntItRun accountSetting="no" />);
    await choose(root, 'How was the order placed?', 'By an integration');
    await choose(root, 'Which API call did the integration use?', 'OrderService.placeOrder');
    expect(verdict(root)?.getAttribute('data-answer')).toBe('unknown');
    expect(text(verdict(root))).toContain('unknown');
    expect(text(answer(root))).toContain('Order path 18:');
    expect(text(answer(root))).toContain('inferred');
  });
});
