import { computed, signal } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AccountCheck } from '@/components/AccountCheck';
import { SnapshotControl } from '@/components/SnapshotControl';
import { emptyBar, Toolbar } from '@/components/Toolbar';
import type { ToolbarModel } from '@/lib/messaging/frame';
import { ask as askBackground } from '@/lib/messaging/send';
import { pageShapeFileName } from '@/lib/page-shape/file';
import type { FrameClient } from './client';
import { trusted, useFitHeight } from './trusted';

/** The toolbar above the Default Settings: figures, snapshot, bulk copy, and any unfinished job. */
export function ToolbarFrame({ client }: { client: FrameClient }) {
  const model = useMemo(
    () =>
      signal<ToolbarModel>({
        bar: emptyBar(client.app),
        snapshot: { phase: 'idle', resumable: null },
        bulkBusy: '',
        job: null,
      }),
    [client],
  );
  const bar = useMemo(() => computed(() => model.value.bar), [model]);
  const snapshot = useMemo(() => computed(() => model.value.snapshot), [model]);
  const bulkButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    let fitted = false;
    client.onEvent((e) => {
      if (e.type === 'focus-bulk-copy') bulkButton.current?.focus();
      if (e.type !== 'toolbar-state') return;
      model.value = e.model;
      // The router mounts this frame before the page's script listens: its first height may have
      // gone unanswered. The page's first model comes once it does: say the height again.
      if (fitted) return;
      fitted = true;
      const px = Math.ceil(document.documentElement.getBoundingClientRect().height);
      void client.call('frame-height', { px }).catch(() => {});
    });
    void client.call('toolbar-state', {}).then((m) => {
      model.value = m;
    });
  }, [client, model]);
  useFitHeight(client);

  // The background opens the dashboard and the options: Firefox gives an extension frame inside a
  // web page neither `tabs` nor `runtime.openOptionsPage` (test/e2e/firefox.test.ts).
  const openDashboard = () => void askBackground({ type: 'open-dashboard', app: client.app });
  const ask = (op: 'snapshot-cancel' | 'snapshot-discard' | 'notice-dismiss') =>
    void client.call(op, {}).catch(() => {});
  // The account check and its page-shape report (issue 13). The file is made here, in the
  // extension's frame: the CRM page never holds it.
  const [checkShown, setCheckShown] = useState(false);
  const [saveStatus, setSaveStatus] = useState('');
  const saveReport = trusted(() => {
    setSaveStatus('Preparing the page-shape report…');
    client.call('page-shape', {}).then(
      (report) => {
        const name = pageShapeFileName();
        const a = document.createElement('a');
        a.href = URL.createObjectURL(
          new Blob([JSON.stringify(report, null, 1)], { type: 'application/json' }),
        );
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
        setSaveStatus(`Saved ${name}: attach it to your bug report.`);
      },
      (e: unknown) =>
        setSaveStatus(`Could not make the report: ${e instanceof Error ? e.message : String(e)}`),
    );
  });
  const checkAccount = trusted(() => {
    setCheckShown(true);
    void client.call('account-check', {}).catch(() => {});
  });
  const m = model.value;
  const failed = m.snapshot.phase === 'failed' || /cannot start|not offered/.test(m.bulkBusy);
  return (
    <Toolbar
      state={bar}
      onDismissNotice={() => ask('notice-dismiss')}
      onOpenOptions={() => void askBackground({ type: 'open-options' })}
    >
      <SnapshotControl
        state={snapshot}
        onTake={trusted(() => void client.call('snapshot-take', { resume: false }))}
        onResume={trusted(() => void client.call('snapshot-take', { resume: true }))}
        onCancel={() => ask('snapshot-cancel')}
        onDiscard={trusted(() => ask('snapshot-discard'))}
        onOpenDashboard={openDashboard}
      />
      <button
        ref={bulkButton}
        type="button"
        class="pat-button"
        onClick={trusted(() => void client.call('bulk-open', { resume: false }))}
      >
        Bulk copy
      </button>
      <button type="button" class="pat-button" data-testid="pat-check" onClick={checkAccount}>
        Check this account
      </button>
      {m.bulkBusy && (
        <span role="status" class="pat-status">
          {m.bulkBusy}
        </span>
      )}
      {failed && !checkShown && (
        <button type="button" class="pat-link" onClick={saveReport}>
          Save a page-shape report
        </button>
      )}
      {!checkShown && saveStatus && (
        <span role="status" class="pat-status">
          {saveStatus}
        </span>
      )}
      {m.job?.runningInOtherTab && (
        <span role="status" class="pat-status" data-testid="pat-elsewhere">
          A bulk copy of this account is running in another tab (if that tab has just closed, Resume
          is offered here a few seconds later).{' '}
          <button
            type="button"
            class="pat-link"
            onClick={trusted(() => void client.call('writer-focus', {}))}
          >
            Go there
          </button>
        </span>
      )}
      {m.job && !m.job.runningInOtherTab && (
        <button
          type="button"
          class="pat-button"
          onClick={trusted(() => void client.call('bulk-open', { resume: true }))}
        >
          Resume the interrupted bulk copy
        </button>
      )}
      {checkShown && (
        <AccountCheck
          view={m.accountCheck}
          onSaveReport={saveReport}
          saveStatus={saveStatus}
          onHide={() => setCheckShown(false)}
        />
      )}
    </Toolbar>
  );
}
