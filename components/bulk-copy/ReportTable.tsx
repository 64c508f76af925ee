import type { RunProgress, TargetState } from './types';
import { stateWords } from './words';

// Failures first, then sets someone else changed: they are what the admin has to act on; done
// sets are the least interesting.
const ORDER: Record<TargetState, number> = {
  failed: 0,
  changed: 1,
  writing: 2,
  queued: 3,
  skipped: 4,
  done: 5,
};

/** Step 6: one row per target with its outcome, live while the job runs. */
export function ReportTable({ progress, undoing }: { progress: RunProgress; undoing: boolean }) {
  const rows = [...progress.targets].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  return (
    <div class="pat-bc-table-wrap">
      <table class="pat-bc-table" data-testid="pat-bc-report">
        <caption class="pat-bc-sr">Result per set</caption>
        <thead>
          <tr>
            <th scope="col">Set</th>
            <th scope="col">Result</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.key} class={`pat-bc-state-${t.state}`} data-target-key={t.key}>
              <td>{t.name}</td>
              <td>{stateWords(t.state, undoing)}</td>
              <td>{t.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
