import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SnapshotPhase } from '@/components/SnapshotControl';
import { SessionExpiredError } from '@/lib/crm/polite';
import { stopsReading } from '@/lib/crm/read-set';
import { ask } from '@/lib/messaging/send';
import { notReadParts } from '@/lib/model';
import type { ActionsPageContext } from '../page';
import { discardCapture, pendingCapture, takeSnapshot } from './snapshot-run';

// "Take snapshot" on the toolbar (or in the toolbar button's pop-up, relayed by the background):
// progress, Resume after an interruption, and the scheduled snapshot that is due when the Actions
// page opens.
export async function init(_ctx: ContentScriptContext, page: ActionsPageContext): Promise<void> {
  const { app } = page;
  const setSnapshot = (s: SnapshotPhase) => {
    page.model.snapshot = s;
    page.push();
  };
  let capturing: AbortController | null = null;

  async function runSnapshot(resume: boolean, cause: 'manual' | 'scheduled' = 'manual') {
    capturing?.abort();
    const controller = new AbortController();
    capturing = controller;
    setSnapshot({ phase: 'running', done: 0, total: 0, etaMs: null });
    try {
      const s = await takeSnapshot({
        cause,
        queue: page.queue,
        signal: controller.signal,
        resume,
        onProgress: (p) => {
          if (!controller.signal.aborted) setSnapshot({ phase: 'running', ...p });
        },
      });
      setSnapshot({
        phase: 'saved',
        sets: s.sets.length,
        actions: s.sets.reduce((n, x) => n + x.actions.length, 0),
        products: s.products.length,
        notRead: notReadParts(s).length,
      });
    } catch (e) {
      // Resume only where it could do better: after a cancel, an ended session or a network
      // failure. A page the toolkit cannot read would fail the same way again.
      const resumable = controller.signal.aborted || stopsReading(e);
      if (!resumable) await discardCapture(app);
      const pending = resumable ? await pendingCapture(app) : null;
      const message = controller.signal.aborted
        ? 'Snapshot cancelled.'
        : e instanceof SessionExpiredError
          ? 'Your Keap session has ended. Log in again, then Resume: what was read is kept.'
          : `The snapshot stopped: ${e instanceof Error ? e.message : String(e)}`;
      setSnapshot({ phase: 'failed', message, resumable: pending?.sets.length ?? null });
    }
  }

  page.handle('snapshot-take', (req) => {
    // The pop-up's Take snapshot may come while one runs: that one goes on (the toolbar offers
    // Cancel, not Take, while it runs).
    if (page.model.snapshot.phase !== 'running') void runSnapshot(req.resume === true);
    return null;
  });
  page.handle('snapshot-cancel', () => {
    capturing?.abort(new Error('cancelled'));
    return null;
  });
  page.handle('snapshot-discard', async () => {
    await discardCapture(app);
    setSnapshot({ phase: 'idle', resumable: null });
    return null;
  });

  const pending = await pendingCapture(app);
  if (pending?.sets.length) setSnapshot({ phase: 'idle', resumable: pending.sets.length });
  else {
    // A scheduled snapshot that is due runs now, with its progress on the toolbar like any other.
    const schedule = await ask({ type: 'snapshot-due' });
    if (schedule?.due) void runSnapshot(false, 'scheduled');
  }
}
