import { useState } from 'preact/hooks';

export interface ProductPickerProps {
  names: readonly string[];
  picked: readonly string[];
  onChange: (picked: string[]) => void;
  /** Action counts per product name, shown so empty sets are visible before picking. */
  counts: (name: string) => number | null;
}

// Above this many products a filter box saves scrolling through a long account's list.
const FILTER_FROM = 8;

/** Checkboxes in a fieldset: several products can be bought on one order. */
export function ProductPicker({ names, picked, onChange, counts }: ProductPickerProps) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? names.filter((n) => n.toLowerCase().includes(needle)) : names;
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...picked, name] : picked.filter((p) => p !== name));

  return (
    <fieldset class="ui-radio-group ex-products">
      <legend>Which products were bought?</legend>
      {names.length > FILTER_FROM && (
        <label class="ex-filter">
          Filter products
          <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
      )}
      {names.length === 0 && <p>This snapshot has no products.</p>}
      <div class="ex-product-list">
        {shown.map((name) => {
          const n = counts(name);
          return (
            <label key={name} class="ui-radio">
              <input
                type="checkbox"
                checked={picked.includes(name)}
                onChange={(e) => toggle(name, e.currentTarget.checked)}
              />
              <span class="ui-radio-text">
                {name}{' '}
                <span class="ui-hint">
                  {n === null ? 'no action set read' : `${n} action${n === 1 ? '' : 's'}`}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
