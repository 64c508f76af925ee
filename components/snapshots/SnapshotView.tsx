import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { Select } from '@/components/ui/Select';
import { type Action, type ActionSet, notReadParts, type Snapshot, setKey } from '@/lib/model';
import {
  actionHaystack,
  CAUSE_WORDS,
  carriedWords,
  countsLine,
  orderedSets,
  plural,
  rulesWords,
  when,
} from './words';

export interface SnapshotViewProps {
  snapshot: Snapshot;
  /** A set (model `setKey`) to bring into view and focus, e.g. from a finding. */
  focusSet?: string | null;
}

const SETTING_WORDS = { yes: 'Yes', no: 'No', unknown: 'not known' } as const;
const ALL_TYPES = '';

interface ShownSet {
  set: ActionSet;
  key: string;
  actions: Action[];
}

/** The sets left after the search; a set whose own name matches keeps all its actions. */
function filterSets(sets: ActionSet[], query: string, type: string): ShownSet[] {
  const q = query.trim().toLowerCase();
  const out: ShownSet[] = [];
  for (const set of sets) {
    const ofType = type === ALL_TYPES ? set.actions : set.actions.filter((a) => a.label === type);
    const nameHit = q !== '' && set.name.toLowerCase().includes(q);
    const actions =
      q === '' || nameHit ? ofType : ofType.filter((a) => actionHaystack(a).includes(q));
    // Without any filter, empty sets are shown too: an empty Failed Purchase set is news.
    const unfiltered = q === '' && type === ALL_TYPES;
    if (unfiltered || actions.length > 0 || (nameHit && type === ALL_TYPES)) {
      out.push({ set, key: setKey(set.ref), actions });
    }
  }
  return out;
}

/** One snapshot, read-only: every set with its actions, searchable. */
export function SnapshotView({ snapshot, focusSet = null }: SnapshotViewProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [type, setType] = useState(ALL_TYPES);
  const sets = useMemo(() => orderedSets(snapshot.sets), [snapshot]);
  const types = useMemo(
    () => [...new Set(snapshot.sets.flatMap((s) => s.actions.map((a) => a.label)))].sort(),
    [snapshot],
  );
  const shown = filterSets(sets, query, type);
  const list = useRef<HTMLDivElement>(null);

  // Focusing waits for a render without filters: a leftover search could hide the set.
  const [pending, setPending] = useState<string | null>(focusSet);
  useEffect(() => {
    if (!focusSet) return;
    setQuery('');
    setType(ALL_TYPES);
    setPending(focusSet);
  }, [focusSet]);
  const filtered = query.trim() !== '' || type !== ALL_TYPES;
  useEffect(() => {
    if (!pending || filtered) return;
    const target = [...(list.current?.querySelectorAll<HTMLElement>('[data-set-key]') ?? [])].find(
      (el) => el.dataset.setKey === pending,
    );
    // happy-dom and old engines lack scrollIntoView options; focus alone still moves the reader.
    target?.scrollIntoView?.({ block: 'start' });
    target?.focus();
    setPending(null);
  });

  const notRead = notReadParts(snapshot);
  return (
    <div class="snap-view">
      <dl class="snap-facts">
        <div>
          <dt>Account</dt>
          <dd>{snapshot.app}</dd>
        </div>
        <div>
          <dt>Taken</dt>
          <dd>{`${when(snapshot.takenAt)}, ${CAUSE_WORDS[snapshot.cause]}`}</dd>
        </div>
        <div>
          <dt>Host</dt>
          <dd>{snapshot.host}</dd>
        </div>
        <div>
          <dt>CRM build</dt>
          <dd>{snapshot.build ?? 'not shown by the page'}</dd>
        </div>
        <div>
          <dt>Run Purchase Actions On All Orders</dt>
          <dd>{SETTING_WORDS[snapshot.runOnAllOrders]}</dd>
        </div>
        <div>
          <dt>Completeness</dt>
          <dd data-testid="snap-completeness">
            {notRead.length === 0 ? (
              'Complete: every part was read.'
            ) : (
              <>
                {`Partial: ${plural(notRead.length, 'part')} not read.`}
                <ul class="snap-not-read">
                  {notRead.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Contents</dt>
          <dd>
            {countsLine({
              setCount: snapshot.sets.length,
              actionCount: snapshot.sets.reduce((n, s) => n + s.actions.length, 0),
              productCount: snapshot.products.length,
            })}
          </dd>
        </div>
      </dl>

      <search class="snap-controls">
        <div class="snap-search">
          <label for={`${id}-q`}>Search</label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            aria-describedby={`${id}-q-hint`}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <span id={`${id}-q-hint`} class="ui-hint">
            Product name, action type, tag, email template or URL
          </span>
        </div>
        <Select
          label="Action type"
          value={type}
          options={[
            { value: ALL_TYPES, label: 'All types' },
            ...types.map((t) => ({ value: t, label: t })),
          ]}
          onChange={setType}
        />
      </search>
      <p role="status" class="snap-count">
        {filtered
          ? `${plural(shown.length, 'set')} of ${sets.length} match.`
          : `${plural(sets.length, 'set')}.`}
      </p>

      <div ref={list} class="snap-sets">
        {shown.map(({ set, key, actions }) => (
          <SetBlock key={key} set={set} setKey={key} actions={actions} filtered={filtered} />
        ))}
      </div>
    </div>
  );
}

interface SetBlockProps {
  set: ActionSet;
  setKey: string;
  actions: Action[];
  filtered: boolean;
}

function SetBlock({ set, setKey: key, actions, filtered }: SetBlockProps) {
  const headingId = useId();
  return (
    <section
      class="snap-set"
      aria-labelledby={headingId}
      data-set-key={key}
      // Focusable by script only, so "open this set" can land here.
      tabIndex={-1}
    >
      <h3 id={headingId}>
        {set.name}{' '}
        <span class="snap-kind">{set.ref.kind === 'default' ? 'Default Settings' : 'Product'}</span>
      </h3>
      {set.notRead && (
        <p class="snap-not-read" role="note">
          {set.notRead.what === 'set'
            ? `Not read: ${set.notRead.reason}`
            : `Only the list was read (types and summaries), no action's form: ${set.notRead.reason}`}
        </p>
      )}
      {set.notRead?.what === 'set' ? null : set.actions.length === 0 ? (
        <p class="snap-empty">No actions.</p>
      ) : (
        <>
          {filtered && actions.length < set.actions.length && (
            <p class="ui-hint">{`${actions.length} of ${set.actions.length} actions match.`}</p>
          )}
          <ol class="snap-actions">
            {actions.map((a) => (
              <li key={`${set.actions.indexOf(a)}`} value={set.actions.indexOf(a) + 1}>
                <span class="snap-label">{a.label}</span>{' '}
                {a.summary && <span class="snap-summary">{a.summary}</span>}
                <span class="snap-rules">{rulesWords(a.rules) ?? 'Always runs (no rules).'}</span>
                {a.carriedFrom && (
                  <span class="snap-carried">{`Configuration and rules ${carriedWords(a.carriedFrom)}.`}</span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
