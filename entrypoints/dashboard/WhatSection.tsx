import { useEffect, useState } from 'preact/hooks';
import { WhatWillRun } from '@/components/explainer/WhatWillRun';
import { Select } from '@/components/ui/Select';
import type { SnapshotSource } from './data';
import { useAsync } from './useAsync';

const when = (iso: string) => new Date(iso).toLocaleString();

/** "What will run?" with a snapshot picker: the explainer needs one account's actions. */
export function WhatSection({ source, app }: { source: SnapshotSource; app: string | null }) {
  const list = useAsync(app ? () => source.listSnapshots(app) : null, [source, app]);
  const [picked, setPicked] = useState<string | null>(null);
  const items = list?.state === 'ready' ? list.value : [];
  // The newest snapshot until the user picks another; a new account starts over.
  useEffect(() => setPicked(items[0]?.id ?? null), [list]);
  const snapshot = useAsync(app && picked ? () => source.getSnapshot(picked, app) : null, [
    source,
    app,
    picked,
  ]);

  if (!app)
    return (
      <Message
        title="What will run?"
        text={
          "This needs a snapshot of an account, and there is none yet. Open the account's " +
          'E-Commerce > Actions page in Keap, click "Take snapshot" on the toolkit\'s toolbar, ' +
          'then come back here; or import an exported snapshot file under Snapshots.'
        }
      />
    );
  if (!list || list.state === 'loading')
    return <Message title="What will run?" text="Loading snapshots…" />;
  if (list.state === 'error')
    return <Message title="What will run?" text={`Snapshots could not be read: ${list.message}`} />;
  if (items.length === 0)
    return (
      <Message
        title="What will run?"
        text={`No snapshots of "${app}" yet: take one on the CRM's E-Commerce > Actions page.`}
      />
    );

  return (
    <div>
      <div class="dash-picker">
        <Select
          label="Snapshot"
          value={picked ?? ''}
          options={items.map((s) => ({
            value: s.id,
            label: s.name ? `${s.name} (${when(s.takenAt)})` : when(s.takenAt),
          }))}
          onChange={setPicked}
          hint="The actions shown below are the ones this snapshot recorded."
        />
      </div>
      {snapshot?.state === 'ready' && <WhatWillRun snapshot={snapshot.value} />}
      {snapshot?.state === 'loading' && <p role="status">Loading the snapshot…</p>}
      {snapshot?.state === 'error' && (
        <p role="alert">{`The snapshot could not be read: ${snapshot.message}`}</p>
      )}
    </div>
  );
}

function Message({ title, text }: { title: string; text: string }) {
  return (
    <section aria-labelledby="dash-what-msg">
      <h2 id="dash-what-msg">{title}</h2>
      <p role="status">{text}</p>
    </section>
  );
}
