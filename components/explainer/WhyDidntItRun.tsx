import { useEffect, useState } from 'preact/hooks';
import { RadioGroup, type RadioOption } from '@/components/ui/RadioGroup';
import {
  type ApiMethod,
  type Automation,
  automationKeys,
  type Kind,
  type Payment,
  type Setting,
  type WhyAnswer,
  type WhyQuestion,
  why,
} from '@/lib/matrix';
import { Citation } from './Citation';
import { AUTOMATION_WORDS, KIND_WORDS, SETTING_NAME } from './words';

type PlacedVia = WhyQuestion['placedVia'];
type Card = WhyQuestion['card'];
type ApiChoice = ApiMethod | 'unknown';
type YesNo = 'yes' | 'no';

const placedOptions: RadioOption<PlacedVia>[] = [
  { value: 'cart', label: 'Order form or shopping cart', hint: 'the buyer checked out online' },
  { value: 'manual', label: 'Added by hand in Keap', hint: 'Add Order or Add Subscription' },
  { value: 'legacy', label: 'By the legacy "Add Order" action', hint: 'an action set created it' },
  { value: 'api', label: 'By an integration', hint: 'through the Keap API' },
  {
    value: 'recurring',
    label: 'A later payment of a subscription or pay plan',
    hint: 'charged by the billing scheduler',
  },
];

const apiOptions: RadioOption<ApiChoice>[] = [
  { value: 'placeOrder', label: 'OrderService.placeOrder', hint: 'creates and charges the order' },
  { value: 'chargeInvoice', label: 'InvoiceService.chargeInvoice', hint: 'charges an invoice' },
  { value: 'addManualPayment', label: 'InvoiceService.addManualPayment', hint: 'no card' },
  { value: 'unknown', label: "I don't know" },
];

const cardOptions: RadioOption<Card>[] = [
  { value: 'charged', label: 'Yes, a card was charged' },
  { value: 'declined', label: 'A card was tried and declined' },
  {
    value: 'none',
    label: 'No card',
    hint: 'cash, check, manual card entry, payment recorded by hand',
  },
];

const paymentOptions: RadioOption<Payment>[] = [
  { value: 'first', label: 'The first payment' },
  { value: 'later', label: 'A later payment', hint: 'a recurring payment or an instalment' },
  { value: 'payoff', label: 'The payment that paid off a pay plan' },
];

const expectedOptions: RadioOption<Automation>[] = automationKeys.map((a) => ({
  value: a,
  label: AUTOMATION_WORDS[a].plain,
  hint: AUTOMATION_WORDS[a].term,
}));

export interface WhyDidntItRunProps {
  /** The account's value of the setting, preselected when it was read. */
  accountSetting?: Setting;
}

/** "Why didn't it run?": a few plain questions, answered from the matrix by `why()`. */
export function WhyDidntItRun({ accountSetting = 'unknown' }: WhyDidntItRunProps) {
  const [placedVia, setPlacedVia] = useState<PlacedVia>('cart');
  const [api, setApi] = useState<ApiChoice>('unknown');
  const [kind, setKind] = useState<Kind>('product');
  const [card, setCard] = useState<Card>('charged');
  const [payment, setPayment] = useState<Payment>('first');
  const [payPlan, setPayPlan] = useState<YesNo>('no');
  const [expected, setExpected] = useState<Automation>('productSpecific');
  const [setting, setSetting] = useState<Setting>(accountSetting);
  useEffect(() => setSetting(accountSetting), [accountSetting]);

  const question: WhyQuestion = {
    placedVia,
    card,
    payment,
    kind,
    ...(placedVia === 'api' && api !== 'unknown' ? { apiMethod: api } : {}),
    ...(kind === 'product' ? { payPlan: payPlan === 'yes' } : {}),
    expected,
    setting,
  };
  const answer = why(question);

  return (
    <section class="ex-why" aria-labelledby="ex-why-title">
      <h2 id="ex-why-title">Why didn't it run?</h2>
      <p class="ex-lead">Describe the order; the answer below updates as you go.</p>
      <form class="ex-questions" onSubmit={(e) => e.preventDefault()}>
        <RadioGroup
          legend="How was the order placed?"
          value={placedVia}
          options={placedOptions}
          onChange={setPlacedVia}
        />
        {placedVia === 'api' && (
          <RadioGroup
            legend="Which API call did the integration use?"
            value={api}
            options={apiOptions}
            onChange={setApi}
          />
        )}
        <RadioGroup
          legend="What was bought?"
          value={kind}
          options={[
            { value: 'product', label: KIND_WORDS.product },
            { value: 'subscription', label: KIND_WORDS.subscription },
          ]}
          onChange={setKind}
        />
        <RadioGroup
          legend="Was a card charged?"
          value={card}
          options={cardOptions}
          onChange={setCard}
        />
        <RadioGroup
          legend="Which payment was it?"
          value={payment}
          options={paymentOptions}
          onChange={setPayment}
        />
        {kind === 'product' && (
          <RadioGroup
            legend="Does the order have a pay plan?"
            value={payPlan}
            options={[
              { value: 'no', label: 'No, paid in full' },
              { value: 'yes', label: 'Yes, paid in instalments' },
            ]}
            onChange={setPayPlan}
          />
        )}
        <RadioGroup
          legend="What did you expect to run?"
          value={expected}
          options={expectedOptions}
          onChange={setExpected}
        />
        <RadioGroup
          legend={`Is "${SETTING_NAME}" on?`}
          value={setting}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
            { value: 'unknown', label: "I don't know" },
          ]}
          onChange={setSetting}
        />
      </form>
      <WhyAnswerView answer={answer} expected={expected} />
    </section>
  );
}

const VERDICT: Record<WhyAnswer['answer'], string> = {
  runs: 'runs',
  'does-not-run': 'does not run',
  unknown: 'unknown: Keap does not document whether it runs',
};

function WhyAnswerView({ answer, expected }: { answer: WhyAnswer; expected: Automation }) {
  return (
    <div class="ex-answer" aria-live="polite" data-testid="why-answer">
      <h3>Answer</h3>
      <p class={`ex-verdict ex-verdict-${answer.answer}`} data-answer={answer.answer}>
        {`${AUTOMATION_WORDS[expected].plain}: ${VERDICT[answer.answer]}.`}
      </p>
      <p>
        {answer.path
          ? `Order path ${answer.path.number}: ${answer.path.label}.`
          : "No row of Keap's table matches this description."}
      </p>
      <p>{answer.reason}</p>
      <p class="ui-hint">
        <Citation confidence={answer.confidence} source={answer.source} />
      </p>
      {answer.advice.length > 0 && (
        <>
          <h4>What to do</h4>
          <ul class="ex-advice">
            {answer.advice.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
