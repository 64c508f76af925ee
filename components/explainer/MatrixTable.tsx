import { useEffect, useRef, useState } from 'preact/hooks';
import { RadioGroup } from '@/components/ui/RadioGroup';
import { Select } from '@/components/ui/Select';
import {
  automationKeys,
  type Channel,
  differsBySetting,
  type Kind,
  orderPaths,
  type Setting,
  sources,
} from '@/lib/matrix';
import { MatrixCell } from './MatrixCell';
import { AUTOMATION_WORDS, CHANNEL_WORDS, KIND_WORDS, SETTING_NAME } from './words';

export interface MatrixTableProps {
  /** The account's "Run Purchase Actions On All Orders", when it was read. */
  accountSetting?: Setting;
}

type KindFilter = Kind | 'all';
type ChannelFilter = Channel | 'all';

const channelOrder: Channel[] = ['cart', 'manual', 'legacy', 'recurring', 'payplan', 'api'];

/** Yes when the account's value is unknown: that is the setting Keap's published table assumes. */
function startSetting(account: Setting | undefined): 'yes' | 'no' {
  return account === 'no' ? 'no' : 'yes';
}

/** Where an arrow key (or Home/End, Ctrl+Home/End, PageUp/PageDown) moves in a grid of `rows` x `cols`. */
function gridMove(
  key: string,
  ctrl: boolean,
  [row, col]: readonly [number, number],
  rows: number,
  cols: number,
): [number, number] | null {
  const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max - 1);
  switch (key) {
    case 'ArrowRight':
      return [row, clamp(col + 1, cols)];
    case 'ArrowLeft':
      return [row, clamp(col - 1, cols)];
    case 'ArrowDown':
      return [clamp(row + 1, rows), col];
    case 'ArrowUp':
      return [clamp(row - 1, rows), col];
    case 'PageDown':
      return [clamp(row + 5, rows), col];
    case 'PageUp':
      return [clamp(row - 5, rows), col];
    case 'Home':
      return ctrl ? [0, 0] : [row, 0];
    case 'End':
      return ctrl ? [rows - 1, cols - 1] : [row, cols - 1];
    default:
      return null;
  }
}

/**
 * The whole trigger matrix as a filterable table, for one value of the setting at a time. The
 * answers are an ARIA grid: one tab stop (the last answer visited), arrow keys inside.
 */
export function MatrixTable({ accountSetting }: MatrixTableProps) {
  const [setting, setSetting] = useState<'yes' | 'no'>(startSetting(accountSetting));
  const [kind, setKind] = useState<KindFilter>('all');
  const [channel, setChannel] = useState<ChannelFilter>('all');
  const [onlyChanged, setOnlyChanged] = useState(false);

  // A newly picked account resets the toggle to that account's value.
  useEffect(() => setSetting(startSetting(accountSetting)), [accountSetting]);
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const table = useRef<HTMLTableElement>(null);

  const rows = orderPaths.filter(
    (p) =>
      (kind === 'all' || p.kind === kind) &&
      (channel === 'all' || p.channel === channel) &&
      (!onlyChanged || automationKeys.some((a) => differsBySetting(p, a))),
  );

  // A filter can leave fewer rows than the remembered position: keep the tab stop on a cell.
  const at: [number, number] = [Math.min(active[0], Math.max(rows.length - 1, 0)), active[1]];
  const cellAt = ([r, c]: readonly [number, number]) =>
    table.current?.querySelector<HTMLElement>(
      `td[data-row="${rows[r]?.number}"][data-automation="${automationKeys[c]}"] .ex-cell-focus`,
    );
  const onGridKey = (e: KeyboardEvent) => {
    const next = gridMove(e.key, e.ctrlKey || e.metaKey, at, rows.length, automationKeys.length);
    if (!next || !(e.target as Element | null)?.closest?.('td[data-automation]')) return;
    e.preventDefault();
    setActive(next);
    cellAt(next)?.focus();
  };
  /** A click (or any focus) on an answer makes it the grid's tab stop. */
  const onGridFocus = (e: FocusEvent) => {
    const td = (e.target as Element | null)?.closest?.('td[data-automation]');
    if (!td) return;
    const r = rows.findIndex((p) => String(p.number) === td.getAttribute('data-row'));
    const c = automationKeys.indexOf(td.getAttribute('data-automation') as never);
    if (r >= 0 && c >= 0 && (r !== at[0] || c !== at[1])) setActive([r, c]);
  };

  const settingHint =
    accountSetting === 'yes' || accountSetting === 'no'
      ? `Starts at this account's value (${accountSetting === 'yes' ? 'Yes' : 'No'}).`
      : "This account's value is not known: starting at Yes, the value Keap's table assumes.";

  return (
    <section class="ex-matrix" aria-labelledby="ex-matrix-title">
      <h2 id="ex-matrix-title">When do purchase automations run?</h2>
      <p class="ex-lead">
        Each row is one way an order can be placed or paid; each column is one kind of automation.
        Focus or point at an answer to see how sure it is and where it comes from. The answers are
        one stop for the Tab key: move between them with the arrow keys (Home and End for a row's
        first and last).
      </p>
      <div class="ex-controls">
        <RadioGroup
          legend={SETTING_NAME}
          class="ui-segmented"
          value={setting}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          onChange={setSetting}
        />
        <Select<KindFilter>
          label="What was bought"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: 'Anything' },
            { value: 'product', label: KIND_WORDS.product },
            { value: 'subscription', label: KIND_WORDS.subscription },
          ]}
        />
        <Select<ChannelFilter>
          label="How the order was placed or paid"
          value={channel}
          onChange={setChannel}
          options={[
            { value: 'all', label: 'Any way' },
            ...channelOrder.map((c) => ({ value: c, label: CHANNEL_WORDS[c] })),
          ]}
        />
        <label class="ui-check">
          <input
            type="checkbox"
            checked={onlyChanged}
            onChange={(e) => setOnlyChanged(e.currentTarget.checked)}
          />
          Only rows the setting changes
        </label>
      </div>
      <p class="ui-hint">{settingHint}</p>

      <div class="ex-table-wrap">
        <table
          ref={table}
          class="ex-table"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: role grid on a table is the ARIA grid pattern (APG "Data Grid"); the native table keeps its headers.
          role="grid"
          onKeyDown={onGridKey}
          onFocusIn={onGridFocus}
        >
          <caption>
            {`With "${SETTING_NAME}" = ${setting === 'yes' ? 'Yes' : 'No'}: `}
            <span data-testid="matrix-count">{`${rows.length} of ${orderPaths.length}`}</span>
            {' order paths shown.'}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">How the order was placed or paid</th>
              <th scope="col">Bought</th>
              {automationKeys.map((a) => (
                <th scope="col" key={a}>
                  {AUTOMATION_WORDS[a].plain}{' '}
                  <span class="ui-hint">{AUTOMATION_WORDS[a].term}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p, r) => (
              <tr key={p.id} data-row={p.number}>
                <td class="ex-num">{p.number}</td>
                <th scope="row" class="ex-path">
                  {p.label} <span class="ui-hint">{`Keap's table: ${p.tableWording}`}</span>
                </th>
                <td>{KIND_WORDS[p.kind]}</td>
                {automationKeys.map((a, c) => (
                  <MatrixCell
                    key={a}
                    path={p}
                    automation={a}
                    setting={setting}
                    tabbable={r === at[0] && c === at[1]}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p role="status">No order path matches these filters.</p>}
      </div>

      <MatrixKey />
    </section>
  );
}

function MatrixKey() {
  return (
    <div class="ex-key">
      <h3>How to read it</h3>
      <ul>
        <li>
          <span class="ex-badge">inferred</span> our reading of Keap's pages, not something Keap
          states. Everything else is documented.
        </li>
        <li>
          <span class="ex-cell-change">changes when the setting is No</span> the answer depends on "
          {SETTING_NAME}".
        </li>
        <li>
          <strong>Unknown</strong>: Keap does not document it (API orders with the setting off).
          Test with a test product before relying on it.
        </li>
      </ul>
      <h3>Sources</h3>
      <ul>
        {sources.map((s) => (
          <li key={s.id}>
            {s.url ? (
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            ) : (
              `${s.title} (no verified address)`
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
