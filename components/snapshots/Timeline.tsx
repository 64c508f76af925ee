import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { VisuallyHidden } from '@/components/ui/VisuallyHidden';
import type { SnapshotMeta } from '@/lib/model';
import { CAUSE_WORDS, countsLine, provenanceLines, snapshotTitle, when } from './words';

export type ExportKind = 'json' | 'csv' | 'audit';

export interface TimelineActions {
  onOpen(id: string): void;
  onFindings(id: string): void;
  onRename(id: string, name: string): void;
  onPin(id: string, pinned: boolean): void;
  onDelete(id: string): void;
  onExport(id: string, kind: ExportKind): void;
  onToggleCompare(id: string): void;
}

export interface TimelineProps extends TimelineActions {
  items: readonly SnapshotMeta[];
  /** Ids ticked for comparison (at most two). */
  compare: readonly string[];
}

/** One account's snapshots, newest first, each with what can be done to it. */
export function Timeline({ items, compare, ...actions }: TimelineProps) {
  return (
    <ol class="snap-timeline">
      {items.map((m) => (
        <Row key={m.id} meta={m} ticked={compare.includes(m.id)} actions={actions} />
      ))}
    </ol>
  );
}

type Mode = 'idle' | 'rename' | 'delete';

function Row({
  meta: m,
  ticked,
  actions: a,
}: {
  meta: SnapshotMeta;
  ticked: boolean;
  actions: TimelineActions;
}) {
  const id = useId();
  const [mode, setMode] = useState<Mode>('idle');
  const [name, setName] = useState(m.name ?? '');
  const title = snapshotTitle(m);
  const nameInput = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  /** Menu items close the menu, so it does not cover the form or the row below. */
  const then = (fn: () => void) => () => {
    if (menu.current) menu.current.open = false;
    fn();
  };
  // Opening the rename form is a request to type: put the caret there.
  useEffect(() => {
    if (mode === 'rename') nameInput.current?.focus();
  }, [mode]);
  return (
    <li class="snap-row" data-snapshot-id={m.id}>
      <div class="snap-row-main">
        <h3 class="snap-row-title" id={`${id}-t`}>
          {m.name ?? when(m.takenAt)}
          {m.pinned && ' '}
          {m.pinned && <span class="snap-badge snap-pinned">Pinned</span>}
        </h3>
        <p class="snap-row-meta">
          {m.name ? `${when(m.takenAt)} · ` : ''}
          {`${CAUSE_WORDS[m.cause]} · ${countsLine(m)}`}
        </p>
        {provenanceLines(m).map((line) => (
          <p key={line} class="snap-row-note">
            {line}
          </p>
        ))}
      </div>
      <div class="snap-row-actions">
        <button type="button" class="snap-button" onClick={() => a.onOpen(m.id)}>
          Open<VisuallyHidden>{` ${title}`}</VisuallyHidden>
        </button>
        <button type="button" class="snap-button" onClick={() => a.onFindings(m.id)}>
          Findings<VisuallyHidden>{` of ${title}`}</VisuallyHidden>
        </button>
        <label class="ui-check">
          <input type="checkbox" checked={ticked} onChange={() => a.onToggleCompare(m.id)} />
          Compare<VisuallyHidden>{` ${title}`}</VisuallyHidden>
        </label>
        {/* Less frequent actions in a disclosure: native, so keyboard and screen readers work. */}
        <details
          class="snap-more"
          ref={menu}
          onKeyDown={(e) => {
            // Escape closes the menu and returns to its toggle, as with any pop-up menu.
            if (e.key === 'Escape' && menu.current?.open) {
              menu.current.open = false;
              menu.current.querySelector('summary')?.focus();
            }
          }}
        >
          <summary>
            More<VisuallyHidden>{` for ${title}`}</VisuallyHidden>
          </summary>
          <div class="snap-menu">
            <button type="button" onClick={then(() => setMode('rename'))}>
              Rename
            </button>
            <button type="button" onClick={then(() => a.onPin(m.id, !m.pinned))}>
              {m.pinned ? 'Unpin' : 'Pin'}
            </button>
            <button type="button" onClick={then(() => a.onExport(m.id, 'json'))}>
              Export JSON
            </button>
            <button type="button" onClick={then(() => a.onExport(m.id, 'csv'))}>
              Export CSV
            </button>
            <button type="button" onClick={then(() => a.onExport(m.id, 'audit'))}>
              Audit report (HTML)
            </button>
            <button
              type="button"
              disabled={m.pinned}
              aria-describedby={m.pinned ? `${id}-pin` : undefined}
              onClick={then(() => setMode('delete'))}
            >
              Delete
            </button>
            {m.pinned && (
              <span id={`${id}-pin`} class="ui-hint">
                Pinned snapshots cannot be deleted: unpin it first.
              </span>
            )}
          </div>
        </details>
      </div>
      {mode === 'rename' && (
        <form
          class="snap-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            a.onRename(m.id, name);
            setMode('idle');
          }}
        >
          <label for={`${id}-name`}>{`New name for ${title}`}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={200}
            onInput={(e) => setName(e.currentTarget.value)}
            ref={nameInput}
          />
          <span class="ui-hint">Leave empty to show the date instead.</span>
          <button type="submit" class="snap-button">
            Save name
          </button>
          <button type="button" class="snap-button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      )}
      {mode === 'delete' && (
        <div class="snap-inline-form">
          <p>{`Delete the snapshot ${title}? This cannot be undone.`}</p>
          <button
            type="button"
            class="snap-button snap-danger"
            onClick={() => {
              a.onDelete(m.id);
              setMode('idle');
            }}
          >
            Yes, delete it
          </button>
          <button type="button" class="snap-button" onClick={() => setMode('idle')}>
            Keep it
          </button>
        </div>
      )}
    </li>
  );
}
