import { type Automation, getFact, type Tri } from '@/lib/matrix';
import type { Action } from '@/lib/model';
import { Citation } from './Citation';
import type { DoubleRun, Plan, PlannedSet } from './plan';
import { AUTOMATION_WORDS, TRI_WORDS } from './words';

const STATUS: Record<Tri, string> = {
  yes: 'Runs',
  no: 'Does not run',
  unknown: 'Unknown: may run',
};

// Billing automation and the campaign goal live outside E-Commerce > Actions, so no snapshot
// holds their actions; their answers are still part of "what runs".
const OUTSIDE: Automation[] = ['billingAutocharge', 'campaignGoal'];

const payplanFact = getFact('payplan-every-payment');

function doubleText(d: DoubleRun): string {
  const verb = d.maybe ? 'may run twice' : 'runs twice';
  const how = d.fromSummary
    ? ' (matched on the action summary: the action details were not read)'
    : '';
  return `The ${d.what} is in both "${d.sets[0]}" and "${d.sets[1]}": it ${verb} on this order${how}.`;
}

/** The answer of "What will run?": a one-line summary (announced), warnings, then each set. */
export function PlanView({ plan }: { plan: Plan }) {
  const { evaluation, running, notRunning, doubles } = plan;
  const repeating = running.filter((s) => s.repeats && (s.set?.actions.length ?? 0) > 0);
  const warnings = doubles.length + repeating.length;
  const sure = running.filter((s) => s.value === 'yes').length;
  const maybe = running.length - sure;

  return (
    <div class="ex-plan" data-testid="plan">
      <p class="ex-verdict" aria-live="polite">
        {evaluation.impossible
          ? `This cannot happen: ${evaluation.impossible}.`
          : `${sure} action set${sure === 1 ? '' : 's'} run${sure === 1 ? 's' : ''}` +
            (maybe ? `, ${maybe} may run (unknown)` : '') +
            `; ${warnings} warning${warnings === 1 ? '' : 's'}.`}
      </p>

      {warnings > 0 && (
        <div class="ex-warnings" data-testid="plan-warnings">
          <h3>Warnings</h3>
          <ul>
            {doubles.map((d) => (
              <li key={`${d.sets.join('|')}|${d.what}`} data-warning="double">
                {doubleText(d)}
              </li>
            ))}
            {repeating.map((s) => (
              <li key={`repeat:${s.key}`} data-warning="repeat">
                {`${s.value === 'unknown' ? 'If it runs, every' : 'Every'} action in "${s.title}" runs again on each pay-plan payment, not just once. `}
                Move actions that must run once (a welcome email) to billing automation or a
                campaign purchase goal.{' '}
                <span class="ui-hint">
                  <Citation confidence={payplanFact.confidence} source={payplanFact.source} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      <h3>Action sets that run</h3>
      {running.length === 0 && <p>None of the action sets runs on this order.</p>}
      {running.map((s) => (
        <SetView key={s.key} planned={s} doubles={doubles} />
      ))}

      {notRunning.length > 0 && (
        <>
          <h3>Action sets that do not run</h3>
          <ul class="ex-not-running">
            {notRunning.map((s) => (
              <li key={s.key}>{s.title}</li>
            ))}
          </ul>
        </>
      )}

      <h3>Outside E-Commerce &gt; Actions</h3>
      <ul>
        {OUTSIDE.map((a) => (
          <li key={a}>
            {`${AUTOMATION_WORDS[a].plain} (${AUTOMATION_WORDS[a].term}): ${TRI_WORDS[evaluation[a]]}`}
          </li>
        ))}
      </ul>

      <details class="ex-reasons">
        <summary>Why: the reasons and their sources</summary>
        <ul>
          {evaluation.reasons.map((r) => (
            <li key={`${r.automation}:${r.set ?? ''}`}>
              {r.text}{' '}
              <span class="ui-hint">
                <Citation confidence={r.confidence} source={r.source} />
              </span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function SetView({ planned, doubles }: { planned: PlannedSet; doubles: DoubleRun[] }) {
  const twice = (a: Action) => doubles.some((d) => d.actions.includes(a));
  return (
    <article class={`ex-set ex-set-${planned.value}`} data-set={planned.key}>
      <h4>
        {planned.title}{' '}
        <span class={`ex-status ex-status-${planned.value}`}>{STATUS[planned.value]}</span>
      </h4>
      <p class="ui-hint">
        {planned.kind === 'default' ? 'Default Settings set' : "Product's action set"}
      </p>
      {!planned.set && <p>This snapshot did not read this set, so its actions are not known.</p>}
      {planned.set && planned.set.actions.length === 0 && <p>No actions in this set.</p>}
      {planned.set && planned.set.actions.length > 0 && (
        <ol class="ex-actions">
          {planned.set.actions.map((a, i) => (
            // Actions have no stable id across reads (a copy gets a new one): index is the key.
            <li key={i}>
              <span class="ex-action-label">{a.label}</span>
              {': '}
              {a.summary}
              {twice(a) && <span class="ex-badge ex-badge-warn">runs twice</span>}
              {planned.repeats && (
                <span class="ex-badge ex-badge-warn">repeats on every payment</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
