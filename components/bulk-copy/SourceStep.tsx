import { useId, useState } from 'preact/hooks';
import type { SourceOption } from './types';
import { plural } from './words';

interface Props {
  sources: readonly SourceOption[];
  value: string | null;
  onChange(id: string): void;
}

interface Group {
  title: string;
  items: SourceOption[];
}

/** Live sets split by kind; every snapshot source together, since its origin is what matters. */
function groups(sources: readonly SourceOption[]): Group[] {
  const live = sources.filter((s) => s.origin === 'live');
  return [
    { title: 'Default Settings', items: live.filter((s) => s.kind === 'default') },
    { title: 'Products', items: live.filter((s) => s.kind === 'product') },
    { title: 'From snapshots', items: sources.filter((s) => s.origin !== 'live') },
  ];
}

export function matches(name: string, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || name.toLowerCase().includes(q);
}

/** Step 1: one radio per source; a single name across the groups so only one can be chosen. */
export function SourceStep({ sources, value, onChange }: Props) {
  const [query, setQuery] = useState('');
  const id = useId();
  const shown = groups(sources.filter((s) => matches(`${s.name} ${s.origin}`, query)));
  const empty = shown.every((g) => g.items.length === 0);
  return (
    <div class="pat-bc-step">
      <label class="pat-bc-field" for={`${id}-q`}>
        Search sources
      </label>
      <input
        id={`${id}-q`}
        class="pat-bc-search"
        type="search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <div class="pat-bc-list">
        {empty && <p class="pat-bc-muted">No source matches “{query}”.</p>}
        {shown.map(
          (g) =>
            g.items.length > 0 && (
              <fieldset key={g.title} class="pat-bc-group">
                <legend>{g.title}</legend>
                {g.items.map((s) => (
                  <label key={s.id} class="pat-bc-option">
                    <input
                      type="radio"
                      name={`${id}-source`}
                      value={s.id}
                      checked={value === s.id}
                      onChange={() => onChange(s.id)}
                    />
                    <span class="pat-bc-name">{s.name}</span>
                    {s.actionCount !== null && (
                      <span class="pat-bc-muted">{plural(s.actionCount, 'action')}</span>
                    )}
                    {s.origin !== 'live' && <span class="pat-bc-origin">{s.origin}</span>}
                  </label>
                ))}
              </fieldset>
            ),
        )}
      </div>
    </div>
  );
}
