import { type AuditResult, SEVERITIES, type Severity } from '@/lib/audit';
import { plural } from './words';

export interface FindingsViewProps {
  result: AuditResult;
  /** Opens the snapshot at the finding's set (model `setKey`). */
  onOpenSet: (setKey: string) => void;
  /** Actions of the snapshot whose configuration was carried over, not re-read. */
  carried?: number;
}

const HEADINGS: Record<Severity, string> = {
  high: 'High: fix these first',
  medium: 'Medium',
  low: 'Low',
};

/** The audit's findings grouped by severity, each saying why it matters and where it is. */
export function FindingsView({ result, onOpenSet, carried = 0 }: FindingsViewProps) {
  const c = result.counts;
  // Findings about configuration or rules are only as fresh as the snapshot that read them.
  const note = carried > 0 && (
    <p class="snap-carried-note" role="note">
      {`${plural(carried, 'action')} in this snapshot carry their configuration and rules over from an earlier snapshot (not re-read): what is found about those is as of that snapshot.`}
    </p>
  );
  if (c.total === 0)
    return (
      <>
        {note}
        <p class="snap-same">No findings: nothing in this snapshot looks risky.</p>
      </>
    );
  return (
    <div class="snap-findings">
      {note}
      <p>{`${plural(c.total, 'finding')}: ${c.high} high, ${c.medium} medium, ${c.low} low.`}</p>
      {SEVERITIES.map((severity) => {
        const list = result.findings.filter((f) => f.severity === severity);
        if (list.length === 0) return null;
        return (
          <section key={severity} class={`snap-severity snap-${severity}`} data-severity={severity}>
            <h3>{`${HEADINGS[severity]} (${list.length})`}</h3>
            <ul>
              {list.map((f, i) => (
                <li key={`${f.ruleId}-${f.setKey ?? 'account'}-${i}`} class="snap-finding">
                  <h4>{f.title}</h4>
                  <p class="snap-where">
                    {f.setName === null ? 'Account-wide' : `Set: ${f.setName}`}
                  </p>
                  <p>{f.detail}</p>
                  <p class="snap-why">
                    <strong>Why it matters: </strong>
                    {f.why}
                  </p>
                  {f.setKey !== null && (
                    <button
                      type="button"
                      class="snap-button"
                      onClick={() => f.setKey !== null && onOpenSet(f.setKey)}
                    >
                      {`Open "${f.setName ?? 'this set'}" in the snapshot`}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
