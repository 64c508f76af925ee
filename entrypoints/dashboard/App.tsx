import { useEffect, useRef, useState } from 'preact/hooks';
import { MatrixTable } from '@/components/explainer/MatrixTable';
import { WhyDidntItRun } from '@/components/explainer/WhyDidntItRun';
import { Select } from '@/components/ui/Select';
import type { Setting } from '@/lib/matrix';
import type { SnapshotSource } from './data';
import { formatHash, parseHash, type Route, SECTION_TITLES, SECTIONS } from './route';
import { SnapshotsSection } from './snapshots';
import { type Async, useAsync } from './useAsync';
import { WhatSection } from './WhatSection';

export interface AppProps {
  source: SnapshotSource;
}

/** The dashboard: an account picker, a nav of sections, and the section the hash names. */
export function App({ source }: AppProps) {
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // An import or delete in the Snapshots section can add or remove accounts: reload the picker.
  const [changes, setChanges] = useState(0);
  useEffect(() => source.subscribe(() => setChanges((n) => n + 1)), [source]);
  const accounts = useAsync(() => source.listAccounts(), [source, changes]);
  const list = accounts?.state === 'ready' ? accounts.value.map((a) => a.app) : [];
  // The hash's account wins (a link from the CRM page); otherwise the first one we know.
  const app = route.app ?? list[0] ?? null;
  const setting = useAsync(app ? () => source.accountSetting(app) : null, [source, app]);
  const accountSetting: Setting | undefined =
    setting?.state === 'ready' ? setting.value : undefined;

  const go = (next: Route) => {
    setRoute(next);
    // replaceState: picking an account is not a step the Back button should undo.
    history.replaceState(null, '', formatHash(next));
  };

  useEffect(() => {
    document.title = `${SECTION_TITLES[route.section]} · Purchase Actions Toolkit`;
    // Move focus to the new section (not on first load) so keyboard and screen-reader users
    // land where the content changed instead of staying on the nav link.
    if (firstRender.current) firstRender.current = false;
    else main.current?.focus();
  }, [route.section]);

  return (
    <div class="dash">
      <header class="dash-header">
        <h1>Purchase Actions Toolkit</h1>
        <AccountPicker
          accounts={accounts}
          list={list}
          app={app}
          onPick={(a) => go({ ...route, app: a })}
        />
      </header>
      <nav class="dash-nav" aria-label="Sections">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a
                href={formatHash({ section: s, app: route.app })}
                aria-current={route.section === s ? 'page' : undefined}
              >
                {SECTION_TITLES[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="dash-main" ref={main} tabIndex={-1}>
        {route.section === 'snapshots' && <SnapshotsSection source={source} app={app} />}
        {route.section === 'matrix' && <MatrixTable accountSetting={accountSetting} />}
        {route.section === 'why' && <WhyDidntItRun accountSetting={accountSetting} />}
        {route.section === 'what' && <WhatSection source={source} app={app} />}
      </main>
    </div>
  );
}

interface AccountPickerProps {
  accounts: Async<{ app: string }[]> | null;
  list: string[];
  app: string | null;
  onPick: (app: string) => void;
}

function AccountPicker({ accounts, list, app, onPick }: AccountPickerProps) {
  if (!accounts || accounts.state === 'loading') return <p role="status">Loading accounts…</p>;
  if (accounts.state === 'error') {
    return <p role="status">{`Accounts could not be read: ${accounts.message}`}</p>;
  }
  if (list.length === 0 && !app) {
    return <p role="status">No accounts yet: take a snapshot on the CRM's Actions page.</p>;
  }
  // An account named in the link but not stored is still shown, so the page says what it is
  // about instead of silently switching to another account.
  const options = app && !list.includes(app) ? [app, ...list] : list;
  return (
    <div class="dash-account">
      <Select
        label="Account"
        value={app ?? ''}
        options={options.map((a) => ({ value: a, label: a }))}
        onChange={onPick}
      />
      {app && !list.includes(app) && (
        <p role="status" class="ui-hint">{`No snapshots stored for "${app}".`}</p>
      )}
    </div>
  );
}
