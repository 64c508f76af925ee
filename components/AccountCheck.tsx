import type { AccountCheckView } from '@/lib/messaging/frame';

// The account check's answer in the toolbar: what the toolkit can do on this account, as a table
// the admin can read (and a screen reader can navigate), what was checked, and the page-shape
// report to attach to a bug report. CRM text is rendered by Preact only (escaped).

interface Props {
  view: AccountCheckView | undefined;
  onSaveReport(e?: Event): void;
  /** "Saved page-shape-….json", or why it could not be saved. */
  saveStatus: string;
  onHide(): void;
}

const cell = { textAlign: 'left', verticalAlign: 'top', padding: '2px 8px 2px 0' } as const;
const STATE_TEXT = { passed: 'Passed', failed: 'Failed', 'not tested': 'Not tested' } as const;

export function AccountCheck({ view, onSaveReport, saveStatus, onHide }: Props) {
  if (!view) return null;
  const r = view.result;
  const passed = r?.checks.filter((c) => c.state === 'passed').length ?? 0;
  return (
    <div class="pat-account-check" data-testid="pat-account-check" style={{ flexBasis: '100%' }}>
      {view.running && (
        <p role="status" class="pat-status">
          Checking this account (read-only: nothing is sent to it)…
        </p>
      )}
      {view.error && (
        <p role="alert" class="pat-error">
          {view.error}
        </p>
      )}
      {r && (
        <>
          <table style={{ borderCollapse: 'collapse', font: 'inherit' }}>
            <caption style={{ textAlign: 'left', fontWeight: 600 }}>
              What the toolkit can do on {r.app} (checked {r.checkedAt.slice(11, 16)} UTC)
            </caption>
            <thead>
              <tr>
                <th scope="col" style={cell}>
                  Feature
                </th>
                <th scope="col" style={cell}>
                  On this account
                </th>
              </tr>
            </thead>
            <tbody>
              {r.capabilities.map((c) => (
                <tr key={c.feature} data-feature={c.feature} data-status={c.status}>
                  <th scope="row" style={cell}>
                    {c.name}
                  </th>
                  <td style={cell}>{c.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details>
            <summary>
              What was checked ({passed} of {r.checks.length} passed)
            </summary>
            <table style={{ borderCollapse: 'collapse', font: 'inherit' }}>
              <caption style={{ textAlign: 'left' }}>
                Checks, all read-only: nothing was sent to the account
              </caption>
              <thead>
                <tr>
                  <th scope="col" style={cell}>
                    Check
                  </th>
                  <th scope="col" style={cell}>
                    Result
                  </th>
                  <th scope="col" style={cell}>
                    Found
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.checks.map((c) => (
                  <tr key={c.id} data-check={c.id} data-state={c.state}>
                    <th scope="row" style={cell}>
                      {c.label}
                    </th>
                    <td style={cell}>{STATE_TEXT[c.state]}</td>
                    <td style={cell}>{c.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
      {!view.running && (
        <p style={{ margin: '4px 0' }}>
          <button type="button" class="pat-button" onClick={onSaveReport}>
            Save a page-shape report
          </button>{' '}
          <button type="button" class="pat-link" onClick={onHide}>
            Hide
          </button>{' '}
          <span role="status" class="pat-status">
            {saveStatus ||
              'The report holds the structure of the pages the toolkit read, with no names, values or tokens: attach it to a bug report.'}
          </span>
        </p>
      )}
    </div>
  );
}
