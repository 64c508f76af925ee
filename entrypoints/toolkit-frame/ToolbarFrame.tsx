import { computed, signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { SnapshotControl } from '@/components/SnapshotControl';
import { Toolbar } from '@/components/Toolbar';
import type { ToolbarModel } from '@/lib/messaging/frame';
import type { FrameClient } from './client';
import { trusted, useFitHeight } from './trusted';

/** The toolbar above the Default Settings: figures, snapshot, bulk copy, and any unfinished job. */
export function ToolbarFrame({ client }: { client: FrameClient }) {
  const model = useMemo(
    () =>
      signal<ToolbarModel>({
        bar: { app: client.app, sets: 0, actions: null, status: '', notice: '' },
        snapshot: { phase: 'idle', resumable: null },
        bulkBusy: '',
        job: null,
      }),
    [client],
  );
  const bar = useMemo(() => computed(() => model.value.bar), [model]);
  const snapshot = useMemo(() => computed(() => model.value.snapshot), [model]);
  useEffect(() => {
    client.onEvent((e) => {
      if (e.type === 'toolbar-state') model.value = e.model;
    });
    void client.call('toolbar-state', {}).then((m) => {
      model.value = m;
    });
  }, [client, model]);
  useFitHeight(client);

  const openDashboard = () =>
    void browser.tabs.create({
      url: browser.runtime.getURL(`/dashboard.html#app=${encodeURIComponent(client.app)}`),
    });
  const ask = (op: 'snapshot-cancel' | 'snapshot-discard' | 'notice-dismiss') =>
    void client.call(op, {}).catch(() => {});
  const m = model.value;
  return (
    <Toolbar
      state={bar}
      onDismissNotice={() => ask('notice-dismiss')}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
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
        type="button"
        class="pat-button"
        onClick={trusted(() => void client.call('bulk-open', { resume: false }))}
      >
        Bulk copy
      </button>
      {m.bulkBusy && (
        <span role="status" class="pat-status">
          {m.bulkBusy}
        </span>
      )}
      {m.job?.runningInOtherTab && (
        <span role="status" class="pat-status" data-testid="pat-elsewhere">
          A bulk copy of this account is running in another tab.{' '}
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
    </Toolbar>
  );
}
