import type {
  BulkCopyWork,
  CopyMode,
  Preview,
  RefusedTarget,
  RunProgress,
  SourceOption,
  TargetOption,
} from '@/components/bulk-copy/types';
import { type Target, targetCatalogue } from '@/lib/bulk-copy/catalogue';
import { RunStopped, runTargets, type TargetOutcome, type WriteOps } from '@/lib/bulk-copy/engine';
import { type JobPlan, journalEntry, newJob, planOfJob } from '@/lib/bulk-copy/job';
import { type PlannedTarget, planTarget, summarise } from '@/lib/bulk-copy/plan';
import { planRestore } from '@/lib/bulk-copy/restore';
import {
  countStates,
  type RunAgain,
  requeueWriting,
  resumeRun,
  stoppedRun,
} from '@/lib/bulk-copy/resume';
import { planUndo, prewriteSnapshot, undoTargets, withPrewriteRead } from '@/lib/bulk-copy/undo';
import { appFromUrl, ForeignTargetError, sameAccount } from '@/lib/crm/app';
import { addAction, checkAddable, copyFromSet, deleteAction, readSet } from '@/lib/crm/editor-ops';
import { type PoliteQueue, SessionExpiredError } from '@/lib/crm/polite';
import { learnProductEditorUrl } from '@/lib/crm/product-editor';
import { readAllProducts } from '@/lib/crm/products-report';
import { WriteUncertainError } from '@/lib/crm/transport';
import type { SourceSpec } from '@/lib/messaging/frame';
import type { ToBackground } from '@/lib/messaging/runtime';
import { ask, must } from '@/lib/messaging/send';
import { type Action, Snapshot, setKey } from '@/lib/model';
import { sameActions } from '@/lib/snapshot/match';
import type { Job } from '@/lib/store';

type JobUpdate = Extract<ToBackground, { type: 'job-update' }>;

import { captureTargets } from '../snapshot/snapshot-run';

// The bulk copy (and its undo) on the Actions page: the dialog's calls mapped onto
// lib/bulk-copy, in the CRM's words. Safety, in order: a dry run that reads every target; a
// pinned snapshot of every target before the first write; a journal in the extension's IndexedDB
// (survives a closed tab) whose failure stops the job; the engine's fresh read before the first
// write (a target changed since the preview is stopped, not written) and its read-back after; a
// report; Undo from the snapshot, refusing sets changed since the job.

/** A live set of this account: its editor, and the name the native copy control knows it by. */
interface Source {
  option: SourceOption;
  live: { editorUrl: string; name: string };
}

/** A run's journaled state per target, as this tab last wrote it. */
type Entry = { state: Job['targets'][number]['state']; reason?: string };

const lines = (as: readonly Action[]) => as.map((a) => ({ label: a.label, summary: a.summary }));
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface BulkCopySetup {
  /** The live sets of this page; stored sets are offered by the background, in the frame. */
  sources: SourceOption[];
  targets: TargetOption[];
  actions: BulkCopyWork;
  /** The dry run, for a source the background resolved (a stored set, or a whole snapshot). */
  previewWith(
    sourceId: string,
    keys: string[],
    mode: CopyMode,
    onRead: (done: number, total: number) => void,
    spec: SourceSpec,
  ): Promise<Preview>;
}

export async function prepareBulkCopy(queue: PoliteQueue): Promise<BulkCopySetup> {
  const app = appFromUrl(location.href);
  if (!app) throw new Error('Could not tell which Keap account this page belongs to.');
  const listed = captureTargets(document);
  const products = await readAllProducts(document, queue);
  const learn = learnProductEditorUrl(
    listed
      .filter((t) => t.ref.kind === 'product' && t.editorUrl)
      .map((t) => ({ name: t.name, url: t.editorUrl as string })),
    products,
  );
  const catalogue = targetCatalogue(listed, products, learn);
  const targets = new Map(catalogue.map((t) => [t.key, t]));

  const sources = new Map<string, Source>();
  for (const t of listed) {
    if (!t.editorUrl) continue;
    const id = `live:${setKey(t.ref)}`;
    sources.set(id, {
      option: { id, name: t.name, kind: t.ref.kind, actionCount: null, origin: 'live' },
      live: { editorUrl: t.editorUrl, name: t.name },
    });
  }
  const engine = new BulkEngine(app, queue, targets, sources);
  return {
    sources: [...sources.values()].map((s) => s.option),
    targets: catalogue.map((t) => ({
      key: t.key,
      name: t.name,
      kind: t.ref.kind,
      category: t.category,
      hasActions: t.listed,
    })),
    actions: engine.actions(),
    previewWith: (sourceId, keys, mode, onRead, spec) =>
      engine.previewWith(sourceId, keys, mode, onRead, spec),
  };
}

export class BulkEngine {
  private preview: { preview: Preview; plan: JobPlan } | null = null;
  /** The Undo preview last shown, for the job it undoes: Undo writes exactly that plan. */
  private undoShown: { jobId: string; plan: JobPlan; refused: RefusedTarget[] } | null = null;
  private controller: AbortController | null = null;
  private paused: { resolve: () => void; promise: Promise<void> } | null = null;
  /** The running job's progress report, for Pause and Resume to show at once. */
  private report: (() => void) | null = null;
  private current: Promise<RunProgress> | null = null;
  private lastJobId: string | null = null;

  constructor(
    private readonly app: string,
    private readonly queue: PoliteQueue,
    private readonly targets: Map<string, Target>,
    private readonly sources: Map<string, Source>,
  ) {}

  private opts(signal?: AbortSignal) {
    return { queue: this.queue, signal };
  }

  /** A deep read of every action's form: no configuration is taken from an earlier read. */
  private async readFull(url: string, o: { signal?: AbortSignal; expectName?: string } = {}) {
    return (await readSet(url, { ...this.opts(o.signal), deep: true, expectName: o.expectName }))
      .actions;
  }

  private ops(signal: AbortSignal): WriteOps {
    const o = this.opts(signal);
    const guard = (url: string) => {
      if (!sameAccount(url, location.href))
        throw new RunStopped('An editor address outside this account.', 'account');
      return url;
    };
    // An editor address learned from the products report (not listed on the page) is checked
    // against the editor's own title before every read and every write, not only the preview's.
    const learned = new Map(
      [...this.targets.values()].filter((t) => !t.listed).map((t) => [t.editorUrl, t.name]),
    );
    const named = (url: string) => ({ ...o, expectName: learned.get(url) });
    // A form or link that leads off this account stops the whole job, not just one target: the
    // page is not the one we planned against.
    const stay = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (e) {
        if (e instanceof ForeignTargetError) throw new RunStopped(e.message, 'account');
        throw e;
      }
    };
    return {
      currentApp: () => appFromUrl(location.href),
      // `expected` is not used: the plan's read and the read-back both read every action's form,
      // so a configuration or rule that shows in no summary is still compared (issue 10, 4).
      readSet: (url) =>
        stay(() => this.readFull(guard(url), { signal, expectName: learned.get(url) })),
      addAction: (url, action) =>
        stay(async () => {
          const r = await addAction(guard(url), action, named(url));
          return r.ok ? { ok: true as const } : { ok: false as const, missing: r.missing };
        }),
      missingToAddBack: (url, action) =>
        stay(async () => (await checkAddable(guard(url), action, named(url))).missing),
      deleteAction: (url, index, expect) =>
        stay(() => deleteAction(guard(url), index, { ...named(url), expect }).then(() => {})),
      copyFromSet: (url, name, expectAdded) =>
        stay(() => copyFromSet(guard(url), name, { ...named(url), expectAdded }).then(() => {})),
    };
  }

  /** Reads targets (deep, politely) into plans: the dry run. */
  private async readTargets(
    keys: string[],
    plan: (t: Target, current: Action[]) => PlannedTarget,
    onRead: (done: number, total: number) => void,
  ): Promise<PlannedTarget[]> {
    let done = 0;
    return Promise.all(
      keys.map(async (key) => {
        const t = this.targets.get(key);
        if (!t) throw new Error(`Unknown target ${key}.`);
        const current = await this.readFull(t.editorUrl, {
          expectName: t.listed ? undefined : t.name,
        });
        onRead(++done, keys.length);
        return plan(t, current);
      }),
    );
  }

  private async sourceActions(
    id: string,
  ): Promise<{ name: string; actions: Action[]; native?: { name: string } }> {
    const s = this.sources.get(id);
    if (!s) throw new Error('That source is no longer available.');
    const actions = await this.readFull(s.live.editorUrl);
    return { name: s.option.name, actions, native: { name: s.live.name } };
  }

  private toPreview(plan: JobPlan): Preview {
    return {
      mode: plan.mode === 'restore' ? 'replace' : plan.mode,
      sourceName: plan.sourceName,
      summary: summarise(plan.targets),
      targets: plan.targets.map((t) => ({
        key: t.key,
        name: t.name,
        change: t.change,
        before: lines(t.before),
        after: lines(t.after),
      })),
    };
  }

  /** Journal + engine for a plan; the pre-write snapshot must already exist. */
  private execute(
    job: Job,
    plan: JobPlan,
    only: PlannedTarget[],
    onProgress: (p: RunProgress) => void,
  ): Promise<RunProgress> {
    this.lastJobId = job.id;
    this.current = this.executeNow(job, plan, only, onProgress).finally(() => {
      this.current = null;
      this.report = null;
    });
    return this.current;
  }

  private async executeNow(
    job: Job,
    plan: JobPlan,
    only: PlannedTarget[],
    onProgress: (p: RunProgress) => void,
  ): Promise<RunProgress> {
    this.controller = new AbortController();
    const signal = this.controller.signal;
    const states = new Map<string, Entry>(
      job.targets.map((t) => [t.key, { state: t.state, reason: t.error }]),
    );
    const started = Date.now();
    let finishedNow = 0;
    const progress = (status: RunProgress['status'], message?: string): RunProgress => {
      const n = countStates([...states.values()]);
      const left = n.queued + n.writing;
      const per = finishedNow ? (Date.now() - started) / finishedNow : null;
      return {
        jobId: job.id,
        status,
        message,
        done: n.done,
        skipped: n.skipped,
        failed: n.failed,
        changed: n.changed,
        left,
        etaMs: per === null ? null : per * left,
        targets: job.targets.map((t) => ({
          key: t.key,
          name: t.name,
          ...(states.get(t.key) ?? { state: t.state }),
        })),
      };
    };
    // Every journal write is awaited and must be answered: a write the journal does not know
    // about could not be resumed or undone, so its failure stops the job (the engine turns the
    // throw into RunStopped 'journal' before its next CRM request).
    const journal = (msg: Partial<Pick<JobUpdate, 'status' | 'target'>>) =>
      must({ type: 'job-update', id: job.id, ...msg });
    const keepPrewrite = this.prewriteKeeper(job);
    // Paused: targets already started finish, no new one starts (the engine's gate).
    const live = () => progress(this.paused ? 'paused' : 'running');
    this.report = () => onProgress(live());
    const record = async (key: string, entry: Entry) => {
      states.set(key, entry);
      await journal({ target: { key, state: entry.state, error: entry.reason } });
      onProgress(live());
    };
    try {
      await journal({ status: 'running' });
      onProgress(progress('running'));
      await runTargets(only, this.ops(signal), {
        app: this.app,
        nativeSource: plan.nativeSource,
        isSessionError: (e) => e instanceof SessionExpiredError,
        isUncertainWrite: (e) => e instanceof WriteUncertainError,
        signal,
        concurrency: this.queue.limits.maxInFlight,
        gate: () => this.paused?.promise ?? Promise.resolve(),
        onStart: (t) => record(t.key, { state: 'writing' }),
        onOutcome: (t, o: TargetOutcome) => {
          finishedNow++;
          const e = journalEntry(o);
          return record(t.key, { state: e.state, reason: e.error });
        },
        beforeFirstWrite: async (t, current) => {
          await keepPrewrite(t, current);
          // Journaled before the first write: a Resume after a closed tab may take a part-way
          // state of this set for its own work only when this mark is there.
          await journal({ target: { key: t.key, state: 'writing', wrote: true } });
        },
      });
      await journal({ status: 'done' });
      const final = progress('done');
      onProgress(final);
      return final;
    } catch (e) {
      // Outside the engine's hooks only the journal's own 'running' and 'done' can throw.
      const stop =
        e instanceof RunStopped
          ? e
          : new RunStopped(
              `The journal could not be written, so nothing more was written: ${describe(e)}`,
              'journal',
            );
      const stopped = stoppedRun(stop.why, stop.message);
      // A target caught mid-write goes back to the queue: Resume re-reads it before writing.
      const requeued = requeueWriting([...states].map(([key, s]) => ({ key, ...s })));
      const notes: string[] = [];
      try {
        for (const t of requeued) {
          if (states.get(t.key)?.state === 'writing') {
            await journal({ target: { key: t.key, state: 'queued' } });
          }
        }
        await journal({ status: stopped.status });
      } catch (je) {
        // The journal itself is what failed: the job stays 'running' there, and is offered for
        // Resume once this tab lets go of the account (its unfinished targets are re-read).
        if (stop.why !== 'journal')
          notes.push(`The journal could not record the stop: ${describe(je)}`);
      }
      for (const t of requeued) states.set(t.key, { state: t.state, reason: t.reason });
      const final = progress(stopped.status, [stopped.message, ...notes].join(' '));
      onProgress(final);
      return final;
    }
  }

  /**
   * The hook the engine awaits just before a job's first write to a target, with its fresh read.
   * The job's pinned pre-write snapshot (stored before the job, from the preview's reads) must
   * hold exactly that read. The engine writes only on a read equal to the preview's in every
   * compared field, so the snapshot's set already matches in content; what can differ is the
   * CRM ids (an action deleted and re-added the same). Then that one set is replaced in the
   * job's own snapshot and stored again before the write; a store that refuses stops the job.
   * Writes to the snapshot are chained: workers run concurrently, and each update builds on the
   * last stored version.
   */
  private prewriteKeeper(job: Job): (t: PlannedTarget, current: Action[]) => Promise<void> {
    let snapshot: Promise<Snapshot> | null = null;
    let chain: Promise<unknown> = Promise.resolve();
    return (t, current) => {
      const next = chain.then(async () => {
        snapshot ??= this.loadSnapshot(job.snapshotBeforeId);
        const s = await snapshot;
        const kept = s.sets.find((x) => setKey(x.ref) === t.key);
        if (kept && sameRead(kept.actions, current)) return;
        const updated = withPrewriteRead(s, t, current);
        await this.putSnapshot(updated);
        snapshot = Promise.resolve(updated);
      });
      chain = next.catch(() => {});
      return next;
    };
  }

  private async loadSnapshot(id: string | null): Promise<Snapshot> {
    if (!id) throw new Error('This job names no snapshot taken before it.');
    const raw = await ask({ type: 'snapshot-get', id });
    const parsed = Snapshot.safeParse(raw);
    if (!parsed.success) throw new Error('The snapshot taken before this job could not be read.');
    return parsed.data;
  }

  private async putSnapshot(snapshot: Snapshot): Promise<string> {
    const answer = await must(
      { type: 'snapshot-put', snapshot },
      'The snapshot before writing could not be stored, so nothing was written',
    );
    return answer.id;
  }

  /** Snapshot first (pinned), then the journal's record: both before the first CRM write. */
  private async startJob(plan: JobPlan, refused: readonly RefusedTarget[] = []): Promise<Job> {
    const restoring = plan.mode === 'restore';
    const now = new Date();
    const snapshotBeforeId = await this.putSnapshot(
      prewriteSnapshot(plan, {
        app: this.app,
        host: location.host,
        cause: restoring ? 'before-restore' : 'before-bulk-copy',
        now,
      }),
    );
    const job = newJob(plan, {
      app: this.app,
      kind: restoring ? 'restore' : 'bulk-copy',
      snapshotBeforeId,
      now,
    });
    // Undo's refusals are in its report: sets it leaves alone because someone changed them.
    const withRefusals = {
      ...job,
      targets: [
        ...job.targets,
        ...refused.map((r) => ({
          key: r.key,
          name: r.name,
          state: 'changed' as const,
          attempts: 0,
          error: refusalText(r),
          updatedAt: job.createdAt,
        })),
      ],
    };
    return must(
      { type: 'job-put', job: withRefusals },
      'The journal could not be written, so nothing was written',
    );
  }

  private async loadJob(jobId: string): Promise<{ job: Job; plan: JobPlan }> {
    const job = await ask({ type: 'job-get', id: jobId });
    if (!job) throw new Error('That job is not in the journal.');
    if (job.app !== this.app) throw new Error(`That job belongs to the account "${job.app}".`);
    return { job, plan: planOfJob(job) };
  }

  async previewWith(
    sourceId: string,
    keys: string[],
    mode: CopyMode,
    onRead: (done: number, total: number) => void,
    spec: SourceSpec,
  ): Promise<Preview> {
    if (spec.kind === 'live') return this.actions().preview(sourceId, keys, mode, onRead);
    if (spec.kind === 'set') {
      const targets = await this.readTargets(
        keys,
        (t, current) => planTarget(spec.actions, { ...t, current }, mode),
        onRead,
      );
      return this.keep({ mode, sourceName: spec.name, targets });
    }
    // A whole snapshot: each target back to its own set there, matched by name across accounts
    // (the background paired them); a target it has no set for, or two, is left as it is.
    const targets = await this.readTargets(
      keys,
      (t, current) => {
        const was = spec.byKey[t.key];
        return planRestore(
          { ...t, current },
          was ? { ref: t.ref, name: t.name, actions: was } : undefined,
          mode,
        );
      },
      onRead,
    );
    const preview = this.keep({ mode: 'restore', sourceName: spec.label, targets });
    const notes = [
      ...spec.missing.map((n) => `"${n}" is not in the snapshot: left as it is.`),
      ...spec.ambiguous.map(
        (n) => `"${n}" names more than one set in the snapshot: left as it is.`,
      ),
      ...spec.unread.map(
        (n) =>
          `"${n}" was not read whole in the snapshot, so it cannot be put back: left as it is.`,
      ),
    ];
    return notes.length ? { ...preview, notes } : preview;
  }

  private keep(plan: JobPlan): Preview {
    const preview = this.toPreview(plan);
    this.preview = { preview, plan };
    return preview;
  }

  actions(): BulkCopyWork {
    return {
      preview: async (sourceId, keys, mode, onRead) => {
        const source = await this.sourceActions(sourceId);
        const targets = await this.readTargets(
          keys.filter((k) => `live:${k}` !== sourceId),
          (t, current) => planTarget(source.actions, { ...t, current }, mode),
          onRead,
        );
        return this.keep({
          mode,
          sourceName: source.name,
          nativeSource: source.native
            ? { name: source.native.name, actions: source.actions }
            : undefined,
          targets,
        });
      },
      run: async (preview, onProgress) => {
        if (this.preview?.preview !== preview)
          throw new Error('Preview again: the plan is not the one shown.');
        const { plan } = this.preview;
        const job = await this.startJob(plan);
        // A plan runs once: a second Copy of the same preview would plan against a stale read.
        this.preview = null;
        return this.execute(
          job,
          plan,
          plan.targets.filter((t) => t.change !== 'none'),
          onProgress,
        );
      },
      pause: () => {
        let resolve = () => {};
        const promise = new Promise<void>((r) => {
          resolve = r;
        });
        this.paused ??= { resolve, promise };
        this.report?.();
      },
      resume: async (onProgress) => {
        if (this.paused) {
          this.paused.resolve();
          this.paused = null;
          this.report?.();
        }
        // A job this tab is running reports on through its own call: never run it twice.
        if (this.current) return this.current;
        const open = (await ask({ type: 'jobs-open' })) ?? [];
        const job = open[0];
        if (!job) throw new Error('There is nothing to resume.');
        if (job.runningInOtherTab)
          throw new Error('This job is running in another tab: it cannot be resumed here.');
        return this.resumeJob(job.id, onProgress);
      },
      cancel: () => {
        this.paused?.resolve();
        this.paused = null;
        this.controller?.abort();
      },
      retryFailed: async (onProgress) => {
        const open = this.lastJobId;
        if (!open) throw new Error('No job to retry.');
        return this.resumeJob(open, onProgress, ['failed']);
      },
      undoPreview: async (jobId) => {
        const undo = await this.undoPlan(jobId);
        this.undoShown = { jobId, ...undo };
        const preview = this.toPreview(undo.plan);
        return undo.refused.length ? { ...preview, refused: undo.refused } : preview;
      },
      undo: async (jobId, onProgress) => {
        // Exactly what the Undo preview showed; planned afresh only when none was shown.
        const undo =
          this.undoShown?.jobId === jobId
            ? this.undoShown
            : { jobId, ...(await this.undoPlan(jobId)) };
        this.undoShown = null;
        const job = await this.startJob(undo.plan, undo.refused);
        return this.execute(
          job,
          undo.plan,
          undo.plan.targets.filter((t) => t.change !== 'none'),
          onProgress,
        );
      },
    };
  }

  async resumeJob(
    jobId: string,
    onProgress: (p: RunProgress) => void,
    again?: readonly RunAgain[],
  ): Promise<RunProgress> {
    const { job, plan } = await this.loadJob(jobId);
    this.lastJobId = job.id;
    const r = resumeRun(job, plan, again);
    return this.execute({ ...job, targets: r.journal }, plan, r.run, onProgress);
  }

  /**
   * Every set the job may have written back to its state just before the job's first write (its
   * pre-write snapshot), from a fresh read of each; a set changed since the job is refused.
   */
  private async undoPlan(jobId: string): Promise<{ plan: JobPlan; refused: RefusedTarget[] }> {
    const { job, plan } = await this.loadJob(jobId);
    const before = await this.loadSnapshot(job.snapshotBeforeId);
    const touched = undoTargets(job, plan);
    const current = new Map(
      await Promise.all(
        touched.map(async (t) => [t.key, await this.readFull(t.editorUrl)] as const),
      ),
    );
    const undo = planUndo(touched, before.sets, current);
    return {
      plan: {
        mode: 'restore',
        sourceName: `the snapshot of ${before.takenAt.slice(0, 16).replace('T', ' ')}`,
        targets: undo.targets,
      },
      refused: undo.refused,
    };
  }
}

/** Equal reads: every compared field, in order, and the same CRM ids. */
function sameRead(a: readonly Action[], b: readonly Action[]): boolean {
  return (
    sameActions(a, b, { ordered: true }) &&
    a.length === b.length &&
    a.every((x, i) => x.crmId === b[i]?.crmId)
  );
}

/** A refused set's line in the report and the journal (which holds up to 2,000 characters). */
function refusalText(r: RefusedTarget): string {
  const text = [r.reason, ...r.changes].join(' ');
  return text.length <= 2000 ? text : `${text.slice(0, 1999)}…`;
}

/** How a journaled job looks to the dialog (for Resume after a closed tab). */
export function progressOf(job: Job): RunProgress {
  const n = countStates(job.targets);
  return {
    jobId: job.id,
    status: job.status === 'running' ? 'interrupted' : (job.status as RunProgress['status']),
    message:
      job.status === 'running'
        ? 'This job stopped without finishing (the tab or browser closed). Resume re-reads each unfinished set before writing.'
        : undefined,
    done: n.done,
    skipped: n.skipped,
    failed: n.failed,
    changed: n.changed,
    left: n.queued + n.writing,
    etaMs: null,
    targets: job.targets.map((t) => ({
      key: t.key,
      name: t.name,
      state: t.state,
      reason: t.error,
    })),
  };
}
