import { useEffect, useState } from 'preact/hooks';
import { RadioGroup } from '@/components/ui/RadioGroup';
import { Select } from '@/components/ui/Select';
import { type Channel, type Outcome, orderPaths, type Setting } from '@/lib/matrix';
import type { Snapshot } from '@/lib/model';
import { PlanView } from './PlanView';
import { ProductPicker } from './ProductPicker';
import { type Plan, planRun, productNames, productSetOf } from './plan';
import { CHANNEL_WORDS, SETTING_NAME, SETTING_WORDS } from './words';

export interface WhatWillRunProps {
  snapshot: Snapshot;
}

type NewContact = 'yes' | 'no' | 'unknown';

const channels: Channel[] = ['cart', 'manual', 'legacy', 'recurring', 'payplan', 'api'];
const pathGroups = channels.map((c) => ({
  label: CHANNEL_WORDS[c],
  options: orderPaths
    .filter((p) => p.channel === c)
    .map((p) => ({ value: String(p.number), label: `${p.number}. ${p.label}` })),
}));

/** "What will run?": one order against one snapshot's action sets. */
export function WhatWillRun({ snapshot }: WhatWillRunProps) {
  const [path, setPath] = useState('1');
  const [products, setProducts] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>('charged');
  const [newContact, setNewContact] = useState<NewContact>('unknown');
  const [setting, setSetting] = useState<Setting>(snapshot.runOnAllOrders);

  // Another snapshot: its setting and its products, not the previous one's.
  useEffect(() => {
    setSetting(snapshot.runOnAllOrders);
    setProducts([]);
  }, [snapshot]);

  const plan: Plan = planRun(snapshot, {
    path: Number(path),
    products,
    outcome,
    setting,
    ...(newContact === 'unknown' ? {} : { newContact: newContact === 'yes' }),
  });
  const names = productNames(snapshot);

  return (
    <section class="ex-what" aria-labelledby="ex-what-title">
      <h2 id="ex-what-title">What will run?</h2>
      <p class="ex-lead">
        Pick how the order is placed, what is bought and how the payment goes: you see every action
        set that runs, with this snapshot's actions.
      </p>
      <form class="ex-questions" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="How is the order placed or paid? (order path)"
          value={path}
          options={pathGroups}
          onChange={setPath}
        />
        <ProductPicker
          names={names}
          picked={products}
          onChange={setProducts}
          counts={(name) => productSetOf(snapshot, name)?.actions.length ?? null}
        />
        <RadioGroup<Outcome>
          legend="What happens to the payment?"
          value={outcome}
          options={[
            { value: 'charged', label: 'Charged successfully' },
            { value: 'declined', label: 'Card declined' },
            { value: 'error', label: 'Another error stops the order' },
          ]}
          onChange={setOutcome}
        />
        <RadioGroup<NewContact>
          legend="Is the buyer new to Keap?"
          value={newContact}
          options={[
            { value: 'yes', label: 'Yes, a new contact is created' },
            { value: 'no', label: 'No, an existing contact' },
            { value: 'unknown', label: "I don't know" },
          ]}
          onChange={setNewContact}
        />
        <RadioGroup<Setting>
          legend={`"${SETTING_NAME}"`}
          value={setting}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
            { value: 'unknown', label: 'Not known' },
          ]}
          onChange={setSetting}
        />
        <p class="ui-hint">{`This snapshot read the setting as: ${SETTING_WORDS[snapshot.runOnAllOrders]}.`}</p>
      </form>
      <PlanView plan={plan} />
    </section>
  );
}
