import { useId } from 'preact/hooks';

export interface RadioOption<T extends string> {
  value: T;
  label: string;
  /** A second, smaller line: the CRM's own term, or what the choice means. */
  hint?: string;
}

export interface RadioGroupProps<T extends string> {
  legend: string;
  value: T | null;
  options: readonly RadioOption<T>[];
  onChange: (value: T) => void;
  /** Extra class on the fieldset, e.g. "ui-segmented" for a compact Yes/No switch. */
  class?: string;
  name?: string;
}

/**
 * Native radios in a fieldset: arrow keys, labels and the group's name come from the browser,
 * which is more reliable across screen readers than an ARIA re-implementation.
 */
export function RadioGroup<T extends string>(props: RadioGroupProps<T>) {
  const generated = useId();
  const name = props.name ?? `radio-${generated}`;
  return (
    <fieldset class={`ui-radio-group ${props.class ?? ''}`.trim()}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} class="ui-radio">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />
          <span class="ui-radio-text">
            {o.label}
            {o.hint && ' '}
            {o.hint && <span class="ui-hint">{o.hint}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
