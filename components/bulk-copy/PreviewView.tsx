import type { ActionLine, Preview, PreviewTarget } from './types';
import { CHANGE_WORDS, plural } from './words';

/** The dry run's result: used for the copy and for Undo, which is just another preview. */
export function PreviewView({ preview }: { preview: Preview }) {
  const s = preview.summary;
  const changing = preview.targets.filter((t) => t.change !== 'none');
  const unchanged = preview.targets.filter((t) => t.change === 'none');
  return (
    <div class="pat-bc-step">
      <dl class="pat-bc-counts" data-testid="pat-bc-counts">
        <Count term="Targets" value={s.targets} />
        <Count term="Will change" value={s.changing} />
        <Count term="No change" value={s.unchanged} />
        <Count term="Actions added" value={s.adds} />
        <Count term="Actions removed" value={s.removes} />
      </dl>
      {preview.notes?.map((n) => (
        <p key={n} class="pat-bc-warn" role="note">
          {n}
        </p>
      ))}
      {preview.refused && preview.refused.length > 0 && (
        <div class="pat-bc-warn" role="note" data-testid="pat-bc-refused">
          <p>
            {plural(preview.refused.length, 'set')} will be left as{' '}
            {preview.refused.length === 1 ? 'it is' : 'they are'}:
          </p>
          <ul class="pat-bc-rows">
            {preview.refused.map((r) => (
              <li key={r.key} class="pat-bc-row" data-target-key={r.key}>
                <span class="pat-bc-name">{r.name}</span>: {r.reason}
                {r.changes.length > 0 && (
                  <ul class="pat-bc-lines">
                    {r.changes.map((c, i) => (
                      // Index keys: two changes may read the same.
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {changing.length === 0 && (
        <p class="pat-bc-muted">Every target already matches: there is nothing to copy.</p>
      )}
      <ul class="pat-bc-rows">
        {changing.map((t) => (
          <TargetRow key={t.key} target={t} />
        ))}
      </ul>
      {/* Collapsed: on a large copy the unchanged sets would bury the ones that matter. */}
      {unchanged.length > 0 && (
        <details class="pat-bc-unchanged">
          <summary>{plural(unchanged.length, 'set')} with no change</summary>
          <ul class="pat-bc-rows">
            {unchanged.map((t) => (
              <TargetRow key={t.key} target={t} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Count({ term, value }: { term: string; value: number }) {
  return (
    <div class="pat-bc-count-item">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function TargetRow({ target: t }: { target: PreviewTarget }) {
  return (
    <li class={`pat-bc-row pat-bc-change-${t.change}`} data-target-key={t.key}>
      <div class="pat-bc-row-head">
        <span class="pat-bc-name">{t.name}</span>
        <span class="pat-bc-badge">{CHANGE_WORDS[t.change]}</span>
        <span class="pat-bc-muted">
          {t.before.length} → {plural(t.after.length, 'action')}
        </span>
      </div>
      <details class="pat-bc-actions">
        <summary>Before and after</summary>
        <div class="pat-bc-before-after">
          <Lines title="Before" lines={t.before} />
          <Lines title="After" lines={t.after} />
        </div>
      </details>
    </li>
  );
}

function Lines({ title, lines }: { title: string; lines: readonly ActionLine[] }) {
  return (
    <div>
      <strong class="pat-bc-lines-title">{title}</strong>
      {lines.length === 0 ? (
        <p class="pat-bc-muted">No actions</p>
      ) : (
        <ol class="pat-bc-lines">
          {lines.map((l, i) => (
            // Index keys: the same action may legitimately appear twice in one set.
            <li key={i}>
              <b>{l.label}</b>: {l.summary}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
