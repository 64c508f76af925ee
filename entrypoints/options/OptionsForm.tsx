import { useEffect, useState } from 'preact/hooks';
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

export function OptionsForm() {
  const [options, setOptions] = useState<Options | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void loadOptions().then(setOptions);
  }, []);
  if (!options) return <p>Loading…</p>;

  const update = async (patch: Partial<Options>) => {
    setOptions(await saveOptions(patch));
    setSaved('Saved.');
  };

  return (
    <main>
      <h1>Purchase Actions Toolkit</h1>
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
        <label class="row">
          At most
          <input
            type="number"
            min={1}
            max={8}
            value={options.maxInFlight}
            onChange={(e) => void update({ maxInFlight: Number(e.currentTarget.value) })}
          />
          requests at a time
        </label>
        <label class="row">
          At most
          <input
            type="number"
            min={0.5}
            max={25}
            step={0.5}
            value={options.maxPerSecond}
            onChange={(e) => void update({ maxPerSecond: Number(e.currentTarget.value) })}
          />
          requests per second
        </label>
      </fieldset>
      <p role="status">{saved}</p>
    </main>
  );
}
