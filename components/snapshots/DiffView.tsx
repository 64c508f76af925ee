import { VisuallyHidden } from '@/components/ui/VisuallyHidden';
import type { Action } from '@/lib/model';
import type { ChangedAction, FieldChange, SetDiff, SnapshotDiff } from '@/lib/snapshot/diff';
import { carriedWords, fieldWords, plural } from './words';

export interface DiffViewProps {
  diff: SnapshotDiff;
  /** What the two sides are called ("poolsupply, 1 May 2025"). */
  was: string;
  is: string;
}

const STATUS_WORDS: Record<SetDiff['status'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  unchanged: 'Unchanged',
  unknown: 'Not compared',
};

const SETTING_WORDS = { yes: 'Yes', no: 'No', unknown: 'not known' } as const;

/** Positions are shown 1-based, as an admin counts rows in the editor. */
const pos = (i: number) => `#${i + 1}`;

function ActionLine({ action }: { action: Action }) {
  return (
    <>
      <span class="snap-label">{action.label}</span>{' '}
      {action.summary && <span class="snap-summary">{action.summary}</span>}
      {action.carriedFrom && (
        <span class="snap-carried">{` (configuration ${carriedWords(action.carriedFrom)})`}</span>
      )}
    </>
  );
}

function Value({ v }: { v: string | null }) {
  return v === null ? <em class="snap-none">(none)</em> : <q>{v}</q>;
}

function Changes({ changes }: { changes: FieldChange[] }) {
  return (
    <dl class="snap-fields">
      {changes.map((f) => (
        <div key={f.field}>
          <dt>{fieldWords(f.field)}</dt>
          <dd>
            <VisuallyHidden>was </VisuallyHidden>
            <span class="snap-was">
              <Value v={f.was} />
            </span>
            <span aria-hidden="true"> → </span>
            <VisuallyHidden> now </VisuallyHidden>
            <span class="snap-is">
              <Value v={f.is} />
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ChangedItem({ c }: { c: ChangedAction }) {
  return (
    <li>
      <span class="snap-mark">{`Changed ${pos(c.to)}`}</span> <ActionLine action={c.is} />
      <Changes changes={c.changes} />
    </li>
  );
}

function SetChanges({ s }: { s: SetDiff }) {
  const edits = s.removed.length + s.added.length + s.changed.length;
  return (
    <section class={`snap-diff-set snap-${s.status}`} data-diff-set={s.key}>
      <h4>
        {s.name} <span class="snap-badge">{STATUS_WORDS[s.status]}</span>
      </h4>
      {s.notRead && <p class="snap-not-read">{`Not compared: ${s.notRead}.`}</p>}
      {edits > 0 && (
        <ul class="snap-diff-actions">
          {s.removed.map((r) => (
            <li key={`r${r.at}`} class="snap-removed-action">
              <span class="snap-mark">{`Removed ${pos(r.at)}`}</span>{' '}
              <ActionLine action={r.action} />
            </li>
          ))}
          {s.added.map((a) => (
            <li key={`a${a.at}`} class="snap-added-action">
              <span class="snap-mark">{`Added ${pos(a.at)}`}</span> <ActionLine action={a.action} />
            </li>
          ))}
          {s.changed.map((c) => (
            <ChangedItem key={`c${c.to}`} c={c} />
          ))}
        </ul>
      )}
      {s.moved.length > 0 && (
        // Apart from the edits: the run order of actions within a set is not known to matter.
        <div class="snap-order" data-order-changes>
          <h5>Order changed</h5>
          <ul>
            {s.moved.map((m) => (
              <li key={`m${m.from}-${m.to}`}>
                <ActionLine action={m.action} />{' '}
                <span class="snap-mark">{`moved ${pos(m.from)} → ${pos(m.to)}`}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Two snapshots compared: counts first, then what changed per set; unchanged sets folded away. */
export function DiffView({ diff, was, is }: DiffViewProps) {
  const c = diff.counts;
  const shown = diff.sets.filter((s) => s.status !== 'unchanged' || s.moved.length > 0);
  const quiet = diff.sets.filter((s) => s.status === 'unchanged' && s.moved.length === 0);
  const nothing = shown.length === 0 && !diff.settingChanged;
  return (
    <div class="snap-diff">
      <p class="snap-sides">
        <span class="snap-was">{`Was: ${was}`}</span>
        <span class="snap-is">{`Is: ${is}`}</span>
      </p>
      <ul class="snap-counts" aria-label="Summary of differences">
        <li>{`${plural(c.setsChanged, 'set')} changed`}</li>
        <li>{`${plural(c.setsAdded, 'set')} added`}</li>
        <li>{`${plural(c.setsRemoved, 'set')} removed`}</li>
        <li>{`${plural(c.actionsAdded, 'action')} added`}</li>
        <li>{`${plural(c.actionsRemoved, 'action')} removed`}</li>
        <li>{`${plural(c.actionsChanged, 'action')} changed`}</li>
        <li>{`${plural(c.actionsMoved, 'action')} moved (order only)`}</li>
        {c.setsUnknown > 0 && <li>{`${plural(c.setsUnknown, 'set')} not compared (not read)`}</li>}
      </ul>
      {diff.settingChanged && (
        <p class="snap-setting-change">
          {'Run Purchase Actions On All Orders: '}
          <span class="snap-was">{SETTING_WORDS[diff.settingChanged.was]}</span>
          {' → '}
          <span class="snap-is">{SETTING_WORDS[diff.settingChanged.is]}</span>
        </p>
      )}
      {diff.carried.was + diff.carried.is > 0 && (
        // A change that does not show in a summary cannot show here for these actions.
        <p class="snap-carried-note" role="note">
          {`Not every action was re-read: ${plural(diff.carried.was, 'action')} on the "was" side and ${plural(diff.carried.is, 'action')} on the "is" side carry their configuration and rules over from an earlier snapshot, so a change to those that does not show in a summary is not seen here.`}
        </p>
      )}
      {nothing && <p class="snap-same">No differences: every set has the same actions.</p>}
      {shown.map((s) => (
        <SetChanges key={s.key} s={s} />
      ))}
      {quiet.length > 0 && (
        <details class="snap-unchanged">
          <summary>{`${plural(quiet.length, 'set')} unchanged`}</summary>
          <ul>
            {quiet.map((s) => (
              <li key={s.key}>{s.name}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
