import { Tooltip } from '@/components/ui/Tooltip';
import { type Automation, differsBySetting, type OrderPath } from '@/lib/matrix';
import { AUTOMATION_WORDS, CONFIDENCE_WORDS, sourceTitle, TRI_WORDS } from './words';

export interface MatrixCellProps {
  path: OrderPath;
  automation: Automation;
  /** The matrix shows one setting at a time; `unknown` is for the other explainers. */
  setting: 'yes' | 'no';
  /** The grid's one tab stop (roving tabindex): the other cells are reached with arrow keys. */
  tabbable?: boolean;
}

/**
 * One answer of the matrix. Focusable (by arrow keys inside the grid; see MatrixTable) so
 * keyboard users get the same confidence + source tooltip as mouse users; a cell that the setting changes says so in visible text, so the
 * highlight is not carried by colour alone.
 */
export function MatrixCell({ path, automation, setting, tabbable = true }: MatrixCellProps) {
  const cell = setting === 'yes' ? path.cells[automation] : path.cellsWhenSettingNo[automation];
  const changed = differsBySetting(path, automation);
  const yesValue = TRI_WORDS[path.cells[automation].value];
  const noValue = TRI_WORDS[path.cellsWhenSettingNo[automation].value];
  const classes = [
    'ex-cell',
    `ex-cell-${cell.value}`,
    cell.confidence === 'inferred' ? 'ex-cell-inferred' : '',
    changed ? 'ex-cell-changed' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const tip = (
    <>
      <strong>{TRI_WORDS[cell.value]}</strong>
      {` · ${AUTOMATION_WORDS[automation].plain}, order path ${path.number}.`}
      <br />
      {`Confidence: ${CONFIDENCE_WORDS[cell.confidence]}.`}
      <br />
      {`Source: ${sourceTitle(cell.source)}.`}
      {cell.note && (
        <>
          <br />
          {cell.note}
        </>
      )}
      {changed && (
        <>
          <br />
          {`Setting Yes: ${yesValue}. Setting No: ${noValue}.`}
        </>
      )}
    </>
  );

  return (
    <td class={classes} data-row={path.number} data-automation={automation} data-value={cell.value}>
      <Tooltip content={tip}>
        {(trigger) => (
          <span class="ex-cell-focus" {...trigger} tabIndex={tabbable ? 0 : -1}>
            <span class="ex-cell-value">{TRI_WORDS[cell.value]}</span>
            {/* Spaces between the parts: assistive tech joins inline text as written. */}
            {cell.confidence === 'inferred' && (
              <>
                {' '}
                <span class="ex-badge">inferred</span>
              </>
            )}
            {changed && ' '}
            {changed && (
              <span class="ex-cell-change">
                {setting === 'yes'
                  ? `changes when the setting is No (${noValue})`
                  : `changed by the setting No (Yes: ${yesValue})`}
              </span>
            )}
          </span>
        )}
      </Tooltip>
    </td>
  );
}
