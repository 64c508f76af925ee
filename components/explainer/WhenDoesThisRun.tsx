import type { CSSProperties } from 'preact';
import { useId, useState } from 'preact/hooks';
import { type PathRun, pathsThatRun, type RunSetKind, type Setting, type Tri } from '@/lib/matrix';
import { SETTING_NAME, SETTING_WORDS, setName } from './words';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface WhenDoesThisRunProps {
  kind: RunSetKind;
  setting: Setting;
  /** Why the setting could not be read; shown above the answer. */
  settingNote?: string;
  /**
   * The action count the CRM prints beside the row's Actions button, when it does: said in
   * words here, since a bare "(3)" next to our button reads as if it counted something of ours.
   */
  actionCount?: number | null;
}

// Mounted inside a shadow root on the CRM page: no stylesheet of ours applies there and the
// page's rem differs, so every style is inline and in px.
type Style = CSSProperties;
const S = {
  // The answer opens in the row itself and pushes the rows below down: a floating box covered
  // the next rows' Actions buttons and could run past the window's edge.
  root: {
    font: '13px/1.4 system-ui, sans-serif',
    color: '#1f2328',
    display: 'inline-block',
    maxWidth: 'min(480px, calc(100vw - 32px))',
    // Inherited through the shadow root from the CRM's table cells (often nowrap).
    whiteSpace: 'normal',
    textAlign: 'left',
  },
  button: {
    font: '12px/1.2 system-ui, sans-serif',
    padding: '3px 8px',
    border: '1px solid #8c959f',
    borderRadius: '4px',
    background: '#f6f8fa',
    color: '#1f2328',
    cursor: 'pointer',
  },
  panel: {
    display: 'block',
    boxSizing: 'border-box',
    width: 'min(480px, calc(100vw - 32px))',
    marginTop: '6px',
    padding: '8px 10px',
    border: '1px solid #d0d7de',
    borderRadius: '6px',
    background: '#ffffff',
  },
  count: { marginRight: '8px', color: '#57606a', fontSize: '12px' },
  note: { margin: '0 0 6px', padding: '4px 6px', background: '#fff8c5', borderRadius: '4px' },
  heading: { margin: '6px 0 2px', fontSize: '13px', fontWeight: 600 },
  list: { margin: '0', paddingLeft: '18px', listStyle: 'disc' },
  item: { margin: '1px 0' },
  confidence: { color: '#57606a', fontSize: '12px' },
} satisfies Record<string, Style>;

const GROUPS: { value: Tri; title: string; color: string }[] = [
  { value: 'yes', title: 'Runs', color: '#1a7f37' },
  { value: 'no', title: 'Does not run', color: '#cf222e' },
  { value: 'unknown', title: 'Unknown', color: '#9a6700' },
];

/** A "When does this run?" disclosure for one Default Settings set or a product's set. */
export function WhenDoesThisRun({ kind, setting, settingNote, actionCount }: WhenDoesThisRunProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const runs = open ? pathsThatRun(kind, setting) : [];

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the disclosure (its button or its panel) closes it.
    <div
      style={S.root}
      data-when-kind={kind}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) setOpen(false);
      }}
    >
      {actionCount != null && (
        <span style={S.count} data-testid="pat-when-count">
          {actionCount === 1 ? 'action in this set' : 'actions in this set'}
        </span>
      )}
      <button
        type="button"
        style={S.button}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        When does this run?
      </button>
      {/* Always rendered (hidden when closed) so aria-controls never points at nothing. */}
      <section
        id={id}
        style={open ? S.panel : { display: 'none' }}
        hidden={!open}
        aria-label={`When ${setName(kind)} runs`}
      >
        {open && (
          <>
            <p style={{ margin: '0 0 4px' }}>
              {`${setName(kind)}, with "${SETTING_NAME}" ${setting === 'unknown' ? 'not known' : `set to ${SETTING_WORDS[setting]}`}:`}
            </p>
            {settingNote && <p style={S.note}>{settingNote}</p>}
            {GROUPS.map((g) => (
              <Group
                key={g.value}
                title={g.title}
                color={g.color}
                runs={runs.filter((r) => r.value === g.value)}
              />
            ))}
          </>
        )}
      </section>
    </div>
  );
}

function Group({ title, color, runs }: { title: string; color: string; runs: PathRun[] }) {
  if (runs.length === 0) return null;
  return (
    <div data-group={title}>
      <p style={{ ...S.heading, color }}>{`${title}: ${plural(runs.length, 'order path')}`}</p>
      {/* A bullet list: the numbers are the rows of the dashboard's trigger matrix, not a count. */}
      <ul style={S.list}>
        {runs.map((r) => (
          <li key={r.path.id} style={S.item} data-path={r.path.number}>
            {`${r.path.label} `}
            <span style={S.confidence}>
              {`(matrix row ${r.path.number}, ${r.confidence === 'documented' ? 'documented' : 'inferred'})`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
