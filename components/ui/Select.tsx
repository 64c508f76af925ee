import { useId } from 'preact/hooks';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

export interface SelectGroup<T extends string> {
  label: string;
  options: readonly SelectOption<T>[];
}

export interface SelectProps<T extends string> {
  label: string;
  value: T;
  /** Flat options, or groups rendered as <optgroup>. */
  options: readonly (SelectOption<T> | SelectGroup<T>)[];
  onChange: (value: T) => void;
  disabled?: boolean;
  /** Shown under the control and tied to it with aria-describedby. */
  hint?: string;
}

function isGroup<T extends string>(o: SelectOption<T> | SelectGroup<T>): o is SelectGroup<T> {
  return 'options' in o;
}

/** A labelled native <select>: keyboard and screen-reader support come with the element. */
export function Select<T extends string>(props: SelectProps<T>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const all = props.options.flatMap((o) => (isGroup(o) ? o.options : [o]));
  const option = (o: SelectOption<T>) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <div class="ui-select">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(e) => {
          // Only values we rendered can come back; anything else is ignored, not cast.
          const picked = all.find((o) => o.value === e.currentTarget.value);
          if (picked) props.onChange(picked.value);
        }}
      >
        {props.options.map((o) =>
          isGroup(o) ? (
            <optgroup key={o.label} label={o.label}>
              {o.options.map(option)}
            </optgroup>
          ) : (
            option(o)
          ),
        )}
      </select>
      {props.hint && (
        <span id={hintId} class="ui-hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}
