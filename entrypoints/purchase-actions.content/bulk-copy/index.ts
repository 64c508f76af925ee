import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Preview, RunProgress } from '@/components/bulk-copy/types';
import type { FrameEvent, SourceSpec } from '@/lib/messaging/frame';
import { ask } from '@/lib/messaging/send';
import type { ActionsPageContext } from '../page';
import { type BulkCopySetup, prepareBulkCopy, progressOf } from './bulk-run';

/** How often a writing tab tells the background it is alive (background/writers.ts). */
const WRITER_BEAT_MS = 4000;

// Bulk copy, restore and Undo: the dialog in its own frame over the page, the engine here (the
// page's session), one writer per account, and the unfinished job this account may have.
export function init(ctx: ContentScriptContext, page: ActionsPageContext): void {
  // One writer per account (background/writers.ts): held while this tab writes, beaten so a
  // closed or frozen tab frees it, and released when the job call settles.
  let writing = 0;
  let beat: ReturnType<typeof setInterval> | undefined;
  async function asWriter<T>(work: () => Promise<T>): Promise<T> {
    const got = await ask({ type: 'writer-acquire' });
    if (!got?.ok)
      throw new Error(
        'Another tab is writing to this account right now. Wait for it to finish, or go to that tab.',
      );
    writing++;
    beat ??= setInterval(() => void ask({ type: 'writer-beat' }), WRITER_BEAT_MS);
    try {
      return await work();
    } finally {
      if (--writing === 0) {
        clearInterval(beat);
        beat = undefined;
        await ask({ type: 'writer-release' });
      }
    }
  }

  // A write job the journal shows as unfinished: Resume, or "running in another tab".
  let resumeJob: RunProgress | null = null;
  let watchingElsewhere: ReturnType<typeof setTimeout> | undefined;
  async function findInterrupted() {
    const jobs = (await ask({ type: 'jobs-open' })) ?? [];
    const job = writing > 0 ? undefined : jobs[0];
    resumeJob = job && !job.runningInOtherTab ? progressOf(job) : null;
    page.model.job = job
      ? {
          jobId: job.id,
          left: job.targets.filter((t) => t.state === 'queued' || t.state === 'writing').length,
          runningInOtherTab: job.runningInOtherTab,
        }
      : null;
    page.push();
    // Until the other tab finishes or dies (its beat stops), look again now and then.
    clearTimeout(watchingElsewhere);
    if (job?.runningInOtherTab) watchingElsewhere = setTimeout(() => void findInterrupted(), 3000);
  }
  ctx.onInvalidated(() => clearTimeout(watchingElsewhere));

  let bulk: { setup: BulkCopySetup; resume: RunProgress | null } | null = null;
  const previews = new Map<string, Preview>();
  const dialog = createDialogHost(ctx);
  const toFrame = (event: FrameEvent) => page.toFrame('bulk-copy', event);
  const onProgress = (progress: RunProgress) => toFrame({ type: 'bulk-progress', progress });
  const withId = (p: Preview) => {
    const id = crypto.randomUUID();
    previews.clear();
    previews.set(id, p);
    return { ...p, id };
  };
  const busy = (text: string) => {
    page.model.bulkBusy = text;
    page.push();
  };

  async function openBulkCopy(resume: boolean) {
    busy(
      page.model.accountCheck?.result
        ? 'Reading the products…'
        : 'Checking this account first (read-only)…',
    );
    try {
      const refused = await page.refusalOf('bulk-copy');
      if (refused) {
        busy(`Bulk copy is not offered on this account. ${refused}`);
        return;
      }
      busy('Reading the products…');
      bulk = { setup: await prepareBulkCopy(page.queue), resume: resume ? resumeJob : null };
      busy('');
      await dialog.open();
    } catch (e) {
      busy(`Bulk copy cannot start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const engine = () => {
    if (!bulk) throw new Error('Open Bulk copy again.');
    return bulk.setup;
  };

  page.handle('bulk-open', (req) => {
    void openBulkCopy(req.resume === true);
    return null;
  });
  page.handle('bulk-setup', () => {
    const s = engine();
    return { sources: s.sources, targets: s.targets, resume: bulk?.resume ?? null };
  });
  page.handle('bulk-preview', async (req) =>
    withId(
      await engine().previewWith(
        String(req.sourceId),
        (req.keys ?? []) as string[],
        req.mode === 'replace' ? 'replace' : 'add',
        (done, total) => toFrame({ type: 'bulk-read', done, total }),
        (req.source ?? { kind: 'live' }) as SourceSpec,
      ),
    ),
  );
  page.handle('bulk-run', (req) => {
    const p = previews.get(String(req.previewId));
    if (!p) throw new Error('Preview again: the plan is not the one shown.');
    return asWriter(() => engine().actions.run(p, onProgress));
  });
  page.handle('bulk-pause', () => {
    engine().actions.pause();
    return null;
  });
  page.handle('bulk-cancel', () => {
    engine().actions.cancel();
    return null;
  });
  page.handle('bulk-resume', () => asWriter(() => engine().actions.resume(onProgress)));
  page.handle('bulk-retry', () => asWriter(() => engine().actions.retryFailed(onProgress)));
  page.handle('bulk-undo-preview', async (req) =>
    withId(await engine().actions.undoPreview(String(req.jobId))),
  );
  page.handle('bulk-undo', async (req) => {
    const refused = await page.refusalOf('undo');
    if (refused) throw new Error(`Undo is not offered on this account. ${refused}`);
    return asWriter(() => engine().actions.undo(String(req.jobId), onProgress));
  });
  page.handle('bulk-close', () => {
    bulk = null;
    previews.clear();
    dialog.close();
    // Focus goes back where the admin opened the dialog (keyboard users are not dropped on the
    // page's body): the toolbar's frame, which focuses its own Bulk copy button.
    page.focusToolbar();
    page.toFrame('toolbar', { type: 'focus-bulk-copy' });
    void findInterrupted();
    void page.refresh();
    return null;
  });
  void findInterrupted();
}

/**
 * The dialog's frame: full-window, in its own closed shadow root at the end of the body, with
 * the rest of the page inert while it is open (keyboard focus cannot wander behind it).
 */
function createDialogHost(ctx: ContentScriptContext) {
  let host: HTMLElement | null = null;
  let madeInert: Element[] = [];
  const close = () => {
    host?.remove();
    host = null;
    for (const el of madeInert) el.removeAttribute('inert');
    madeInert = [];
    void ask({ type: 'frame-close', kind: 'bulk-copy' });
  };
  ctx.onInvalidated(close);
  return {
    async open() {
      close();
      const answer = await ask({ type: 'frame-open', kind: 'bulk-copy' });
      if (!answer || !('url' in answer)) throw new Error('The toolkit could not open its dialog.');
      host = document.createElement('pat-dialog');
      const root = host.attachShadow({ mode: 'closed' });
      const frame = document.createElement('iframe');
      frame.title = 'Bulk copy purchase actions';
      frame.src = answer.url;
      frame.setAttribute(
        'style',
        'position:fixed;inset:0;width:100vw;height:100vh;border:0;margin:0;z-index:2147483647;background:transparent;color-scheme:normal',
      );
      root.append(frame);
      for (const el of document.body.children) {
        if (!el.hasAttribute('inert')) {
          el.setAttribute('inert', '');
          madeInert.push(el);
        }
      }
      document.body.append(host);
      frame.focus();
    },
    close,
  };
}
