import { useId } from 'preact/hooks';
import type { CopyMode } from './types';

const MODES: { value: CopyMode; label: string }[] = [
  { value: 'add', label: "Add the source's actions (skip ones a target already has)" },
  { value: 'replace', label: "Replace the target's actions" },
];

/** Step 3: add or replace; replace says plainly what it removes before anything is read. */
export function ModeStep({ value, onChange }: { value: CopyMode; onChange(m: CopyMode): void }) {
  const id = useId();
  return (
    <div class="pat-bc-step">
      <fieldset class="pat-bc-group">
        <legend>How to copy</legend>
        {MODES.map((m) => (
          <label key={m.value} class="pat-bc-option">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m.value}
              checked={value === m.value}
              onChange={() => onChange(m.value)}
            />
            <span>{m.label}</span>
          </label>
        ))}
      </fieldset>
      {value === 'replace' && (
        <p class="pat-bc-warning" data-testid="pat-bc-replace-warning">
          Replace removes every action a target has now and puts the source's actions in their
          place. A snapshot of each target is taken first, so Undo can put them back.
        </p>
      )}
    </div>
  );
}
