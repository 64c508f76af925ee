import { useId, useState } from 'preact/hooks';
import { matches } from './SourceStep';
import type { TargetOption } from './types';

interface Props {
  /** Already without the source: copying a set onto itself is never offered. */
  targets: readonly TargetOption[];
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
}

const ALL = '';

/** Quick picks add to the selection rather than replace it, so they can be combined. */
const QUICK_PICKS: { label: string; test(t: TargetOption): boolean }[] = [
  { label: 'All products without actions', test: (t) => t.kind === 'product' && !t.hasActions },
  { label: 'All products', test: (t) => t.kind === 'product' },
  { label: 'Default Settings sets', test: (t) => t.kind === 'default' },
];

/** Step 2: which sets receive the copy. */
export function TargetStep({ targets, selected, onChange }: Props) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState(ALL);
  const id = useId();
  const categories = [...new Set(targets.flatMap((t) => (t.category ? [t.category] : [])))].sort(
    (a, b) => a.localeCompare(b),
  );
  const shown = targets.filter(
    (t) => matches(t.name, query) && (category === ALL || t.category === category),
  );
  // Selected sets the filter hides are still copied to; saying so avoids a surprise in the preview.
  const hidden = targets.filter((t) => selected.has(t.key) && !shown.includes(t)).length;

  const add = (keys: Iterable<string>) => onChange(new Set([...selected, ...keys]));
  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };

  return (
    <div class="pat-bc-step">
      <div class="pat-bc-filters">
        <span class="pat-bc-filter">
          <label class="pat-bc-field" for={`${id}-q`}>
            Search targets
          </label>
          <input
            id={`${id}-q`}
            class="pat-bc-search"
            type="search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </span>
        {categories.length > 0 && (
          <span class="pat-bc-filter">
            <label class="pat-bc-field" for={`${id}-cat`}>
              Category
            </label>
            <select
              id={`${id}-cat`}
              class="pat-bc-select"
              value={category}
              onChange={(e) => setCategory(e.currentTarget.value)}
            >
              <option value={ALL}>All categories</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </span>
        )}
      </div>
      <fieldset class="pat-bc-quick pat-bc-group">
        <legend class="pat-bc-sr">Quick picks</legend>
        {QUICK_PICKS.map((q) => (
          <button
            key={q.label}
            type="button"
            class="pat-bc-btn pat-bc-small"
            onClick={() => add(targets.filter(q.test).map((t) => t.key))}
          >
            {q.label}
          </button>
        ))}
        <button
          type="button"
          class="pat-bc-btn pat-bc-small"
          disabled={shown.length === 0}
          onClick={() => add(shown.map((t) => t.key))}
        >
          Select all shown
        </button>
        <button
          type="button"
          class="pat-bc-btn pat-bc-small"
          disabled={selected.size === 0}
          onClick={() => onChange(new Set())}
        >
          Clear
        </button>
      </fieldset>
      <p class="pat-bc-count" aria-live="polite" data-testid="pat-bc-selected">
        {selected.size} selected
        {hidden > 0 && <span class="pat-bc-muted"> ({hidden} not shown by the filter)</span>}
      </p>
      <fieldset class="pat-bc-list pat-bc-group">
        <legend class="pat-bc-sr">Target sets</legend>
        {shown.length === 0 && <p class="pat-bc-muted">No set matches the filter.</p>}
        {shown.map((t) => (
          <label key={t.key} class="pat-bc-option">
            <input
              type="checkbox"
              value={t.key}
              checked={selected.has(t.key)}
              onChange={(e) => toggle(t.key, e.currentTarget.checked)}
            />
            <span class="pat-bc-name">{t.name}</span>
            <span class="pat-bc-muted">
              {t.kind === 'default' ? 'Default Settings' : (t.category ?? 'Product')}
              {!t.hasActions && ' · no actions'}
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
