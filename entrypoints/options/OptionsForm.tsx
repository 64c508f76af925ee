import { useEffect, useRef, useState } from 'preact/hooks';
import { type EditorOpening, loadOptions, type Options, saveOptions } from '@/lib/options';

const OPENING: { value: EditorOpening; label: string; hint: string }[] = [
  {
    value: 'when-blocked',
    label: 'Only when the pop-up is blocked',
    hint: 'Keap opens its editor pop-up as usual; if none arrives, the toolkit opens it in its own window.',
  },
  {
    value: 'always-extension',
    label: 'Always open editors through the extension',
    hint: 'Every editor opens in a window the toolkit creates, which pop-up blockers do not stop.',
  },
  { value: 'tab', label: 'Open editors in a tab', hint: 'Next to the Actions page.' },
  {
    value: 'in-page',
    label: 'Open editors inside the page',
    hint: 'In a panel over the Actions page, for people who dislike extra windows.',
  },
];

/** The two politeness limits: each its own field, label and allowed range. */
const LIMITS: {
  key: 'maxInFlight' | 'maxPerSecond';
  id: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
}[] = [
  {
    key: 'maxInFlight',
    id: 'max-in-flight',
    label: 'Requests at a time',
    unit: 'at most, 1 to 8',
    min: 1,
    max: 8,
    step: 1,
  },
  {
    key: 'maxPerSecond',
    id: 'max-per-second',
    label: 'Requests per second',
    unit: 'at most, 0.5 to 25',
    min: 0.5,
    max: 25,
    step: 0.5,
  },
];

type Feedback = { kind: 'saved' | 'error'; text: string } | null;

export function OptionsForm() {
  const [options, setOptions] = useState<Options | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const clear = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    void loadOptions().then(setOptions);
    return () => clearTimeout(clear.current);
  }, []);
  if (!options) return <p role="status">Loading…</p>;

  const update = async (patch: Partial<Options>) => {
    clearTimeout(clear.current);
    try {
      setOptions(await saveOptions(patch));
      setFeedback({ kind: 'saved', text: 'Saved.' });
      // The message goes after a while, so the next save is announced again.
      clear.current = setTimeout(() => setFeedback(null), 4000);
    } catch {
      // Out of range or not a number: nothing is stored; the field shows the stored value again.
      setOptions({ ...(await loadOptions()) });
      setFeedback({ kind: 'error', text: 'Not saved: use a number within the range shown.' });
    }
  };

  return (
    <main>
      <h1>Purchase Actions Toolkit: options</h1>
      <p>
        <a href="/dashboard.html">Open the dashboard</a> for snapshots, the trigger matrix and "What
        will run?".
      </p>
      <fieldset>
        <legend>When you click Actions on the E-Commerce &gt; Actions page</legend>
        {OPENING.map((o) => (
          <label key={o.value} class="choice">
            <input
              type="radio"
              name="editorOpening"
              value={o.value}
              checked={options.editorOpening === o.value}
              onChange={() => void update({ editorOpening: o.value })}
            />
            <span>
              <b>{o.label}</b>
              <small>{o.hint}</small>
            </span>
          </label>
        ))}
        <p class="hint">
          Middle-click or Ctrl/Cmd-click on Actions always opens the editor in a tab.
        </p>
      </fieldset>
      <fieldset>
        <legend>Politeness towards the CRM (reading and writing action sets)</legend>
        {LIMITS.map((l) => (
          <div key={l.key} class="field">
            <label for={l.id}>{l.label}</label>
            <input
              id={l.id}
              type="number"
              min={l.min}
              max={l.max}
              step={l.step}
              value={options[l.key]}
              aria-describedby={`${l.id}-unit`}
              onChange={(e) => void update({ [l.key]: Number(e.currentTarget.value) })}
            />
            <span id={`${l.id}-unit`} class="unit">
              {l.unit}
            </span>
          </div>
        ))}
      </fieldset>
      <p role="status" class={`feedback ${feedback?.kind ?? ''}`} data-testid="pat-options-status">
        {feedback?.text ?? ''}
      </p>
    </main>
  );
}
