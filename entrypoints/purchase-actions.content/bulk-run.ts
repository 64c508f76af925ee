import browser from 'webextension-polyfill';
import type {
  BulkCopyActions,
  CopyMode,
  Preview,
  RunProgress,
  SourceOption,
  TargetOption,
} from '@/components/bulk-copy/types';
import { type EngineHooks, RunStopped, runTargets, type WriteOps } from '@/lib/bulk-copy/engine';
import { type PlannedTarget, planTarget, planTo, summarise } from '@/lib/bulk-copy/plan';
import { appFromUrl, sameAccount } from '@/lib/crm/app';
import { addAction, copyFromSet, deleteAction, readSet } from '@/lib/crm/editor-ops';
import { type PoliteQueue, SessionExpiredError } from '@/lib/crm/polite';
import { learnProductEditorUrl } from '@/lib/crm/product-editor';
import { readAllProducts } from '@/lib/crm/products-report';
import { WriteUncertainError } from '@/lib/crm/transport';
import { type Action, type SetRef, Snapshot, setKey } from '@/lib/model';
import { csvText } from '@/lib/snapshot/export';
import { normName } from '@/lib/snapshot/match';
import type { SourceSpec } from '@/lib/messaging/frame';
import type { Job } from '@/lib/store';
import { captureTargets } from './snapshot-run';

// The bulk copy (and its undo) on the Actions page: the dialog's actions, in the CRM's words.
// Safety, in order: a dry run that reads every target; a snapshot of every target before the
// first write; a journal in the extension's IndexedDB (survives a closed tab); the engine's
// re-read before and read-back after each write; a report; Undo from the snapshot.

interface Target {
  key: string;
  ref: SetRef;
  name: string;
  editorUrl: string;
  /** Listed on the Actions page; otherwise its address was learned and must be checked. */
  listed: boolean;
}

/** A live set of this account: its editor, and the name the native copy control knows it by. */
interface Source {
  option: SourceOption;
  live: { editorUrl: string; name: string };
}

interface JobPlan {
  mode: CopyMode | 'restore';
  sourceName: string;
  nativeSource?: { name: string; actions: Action[] };
  targets: PlannedTarget[];
}

const send = <T>(msg: unknown) => browser.runtime.sendMessage(msg) as Promise<T>;
const lines = (as: readonly Action[]) => as.map((a) => ({ label: a.label, summary: a.summary }));

export interface BulkCopySetup {
  /** The live sets of this page; stored sets are offered by the background, in the frame. */
  sources: SourceOption[];
  targets: TargetOption[];
  actions: BulkCopyActions;
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
  const targets = new Map<string, Target>();
  for (const t of listed) {
    if (t.editorUrl)
      targets.set(setKey(t.ref), {
        key: setKey(t.ref),
        ref: t.ref,
        name: t.name,
        editorUrl: t.editorUrl,
        listed: true,
      });
  }
  const listedNames = new Set(listed.map((t) => normName(t.name)));
  for (const p of products) {
    if (listedNames.has(normName(p.name)) || !learn || !p.id) continue;
    const ref: SetRef = { kind: 'product', name: p.name, id: p.id };
    targets.set(setKey(ref), {
      key: setKey(ref),
      ref,
      name: p.name,
      editorUrl: learn(p),
      listed: false,
    });
  }
  const category = new Map(products.map((p) => [normName(p.name), p.category]));

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
    targets: [...targets.values()].map((t) => ({
      key: t.key,
      name: t.name,
      kind: t.ref.kind,
      category: category.get(normName(t.name)),
      hasActions: t.listed,
    })),
    actions: engine.actions(),
    previewWith: (sourceId, keys, mode, onRead, spec) =>
      engine.previewWith(sourceId, keys, mode, onRead, spec),
  };
}

export class BulkEngine {
  private preview: { preview: Preview; plan: JobPlan } | null = null;
  private controller: AbortController | null = null;
  private paused: { resolve: () => void; promise: Promise<void> } | null = null;

  constructor(
    private readonly app: string,
    private readonly queue: PoliteQueue,
    private readonly targets: Map<string, Target>,
    private readonly sources: Map<string, Source>,
  ) {}

  private opts(signal?: AbortSignal) {
    return { queue: this.queue, signal };
  }

  private ops(signal: AbortSignal): WriteOps {
    const o = this.opts(signal);
    const guard = (url: string) => {
      if (!sameAccount(url, location.href))
        throw new RunStopped('An editor address outside this account.', 'account');
      return url;
    };
    return {
      currentApp: () => appFromUrl(location.href),
      readSet: async (url, expected) =>
        (await readSet(guard(url), { ...o, deep: true, previous: expected })).actions,
      addAction: async (url, action) => {
        const r = await addAction(guard(url), action, o);
        return r.ok ? { ok: true } : { ok: false, missing: r.missing };
      },
      deleteAction: async (url, index, expect) => {
        await deleteAction(guard(url), index, { ...o, expect });
      },
      copyFromSet: async (url, name, expectAdded) => {
        await copyFromSet(guard(url), name, { ...o, expectAdded });
      },
    };
  }

  private hooks(plan: JobPlan, signal: AbortSignal): EngineHooks {
    return {
      app: this.app,
      nativeSource: plan.nativeSource,
      isSessionError: (e) => e instanceof SessionExpiredError,
      isUncertainWrite: (e) => e instanceof WriteUncertainError,
      signal,
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
        const current = (
          await readSet(t.editorUrl, {
            ...this.opts(),
            deep: true,
            expectName: t.listed ? undefined : t.name,
          })
        ).actions;
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
    const actions = (await readSet(s.live.editorUrl, { ...this.opts(), deep: true })).actions;
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
    });
    return this.current;
  }

  private current: Promise<RunProgress> | null = null;

  private async executeNow(
    job: Job,
    plan: JobPlan,
    only: PlannedTarget[],
    onProgress: (p: RunProgress) => void,
  ): Promise<RunProgress> {
    this.controller = new AbortController();
    const signal = this.controller.signal;
    const states = new Map(job.targets.map((t) => [t.key, { state: t.state, reason: t.error }]));
    const started = Date.now();
    let finishedNow = 0;
    const progress = (status: RunProgress['status'], message?: string): RunProgress => {
      const all = [...states.values()];
      const left = all.filter((s) => s.state === 'queued' || s.state === 'writing').length;
      const per = finishedNow ? (Date.now() - started) / finishedNow : null;
      return {
        jobId: job.id,
        status,
        message,
        done: all.filter((s) => s.state === 'done').length,
        skipped: all.filter((s) => s.state === 'skipped').length,
        failed: all.filter((s) => s.state === 'failed').length,
        left,
        etaMs: per === null ? null : per * left,
        targets: job.targets.map((t) => ({
          key: t.key,
          name: t.name,
          ...(states.get(t.key) ?? { state: t.state }),
        })),
      };
    };
    const journal = (msg: Record<string, unknown>) =>
      send({ type: 'job-update', id: job.id, ...msg });
    await journal({ status: 'running' });
    onProgress(progress('running'));
    try {
      await runTargets(only, this.ops(signal), {
        ...this.hooks(plan, signal),
        concurrency: this.queue.limits.maxInFlight,
        gate: () => this.paused?.promise ?? Promise.resolve(),
        onStart: async (t) => {
          states.set(t.key, { state: 'writing', reason: undefined });
          await journal({ target: { key: t.key, state: 'writing' } });
          onProgress(progress('running'));
        },
        onOutcome: async (t, o) => {
          finishedNow++;
          const reason = o.state === 'done' ? undefined : o.reason;
          states.set(t.key, { state: o.state, reason });
          await journal({ target: { key: t.key, state: o.state, error: reason } });
          onProgress(progress('running'));
        },
      });
      const final = progress('done');
      await journal({ status: 'done' });
      onProgress(final);
      return final;
    } catch (e) {
      const stop = e instanceof RunStopped ? e : new RunStopped(String(e), 'breaker');
      const status: RunProgress['status'] =
        stop.why === 'session' ? 'interrupted' : stop.why === 'cancelled' ? 'cancelled' : 'failed';
      const message =
        stop.why === 'session'
          ? 'Your Keap session has ended. Log in again in this tab, then Resume: the journal has kept every step.'
          : stop.message;
      // A target caught mid-write goes back to the queue: Resume re-reads it before writing.
      for (const [key, s] of states)
        if (s.state === 'writing') states.set(key, { state: 'queued', reason: undefined });
      for (const t of only) {
        if (states.get(t.key)?.state === 'queued')
          await journal({ target: { key: t.key, state: 'queued' } });
      }
      await journal({ status });
      const final = progress(status, message);
      onProgress(final);
      return final;
    }
  }

  private async startJob(plan: JobPlan, kind: Job['kind'], beforeId: string): Promise<Job> {
    const now = new Date().toISOString();
    const job = {
      id: `${kind}-${this.app}-${Date.now().toString(36)}`,
      app: this.app,
      kind,
      createdAt: now,
      status: 'running' as const,
      snapshotBeforeId: beforeId,
      targets: plan.targets.map((t) => ({
        key: t.key,
        name: t.name,
        state: t.change === 'none' ? ('skipped' as const) : ('queued' as const),
        attempts: 0,
        error: t.change === 'none' ? 'no change' : undefined,
        updatedAt: now,
      })),
      source: { name: plan.sourceName, native: plan.nativeSource ?? null },
      mode: { mode: plan.mode, plan: plan.targets },
    };
    const stored = await send<Job | { error: string }>({ type: 'job-put', job });
    if ('error' in stored) throw new Error(`The journal could not be written: ${stored.error}`);
    return stored;
  }

  /** The snapshot every write job takes first: the targets as they are now. */
  private async snapshotBefore(
    plan: JobPlan,
    cause: 'before-bulk-copy' | 'before-restore',
  ): Promise<string> {
    const snapshot: Snapshot = {
      id: `${this.app}-${cause}-${Date.now().toString(36)}`,
      app: this.app,
      host: location.host,
      build: null,
      takenAt: new Date().toISOString(),
      cause,
      name:
        cause === 'before-bulk-copy'
          ? `Before bulk copy of ${plan.sourceName} to ${plan.targets.length} sets`
          : `Before restoring ${plan.targets.length} sets from ${plan.sourceName}`,
      pinned: true,
      runOnAllOrders: 'unknown',
      products: [],
      sets: plan.targets.map((t) => ({ ref: t.ref, name: t.name, actions: t.before })),
    };
    const answer = await send<{ ok: boolean; id?: string; error?: string }>({
      type: 'snapshot-put',
      snapshot,
    });
    if (!answer.ok || !answer.id)
      throw new Error(
        `The snapshot before writing failed, so nothing was written: ${answer.error}`,
      );
    return answer.id;
  }

  private async loadJob(jobId: string): Promise<{ job: Job; plan: JobPlan }> {
    const job = await send<Job | null>({ type: 'job-get', id: jobId });
    if (!job) throw new Error('That job is not in the journal.');
    if (job.app !== this.app) throw new Error(`That job belongs to the account "${job.app}".`);
    const mode = job.mode as { mode: JobPlan['mode']; plan: PlannedTarget[] };
    const source = job.source as { name: string; native: JobPlan['nativeSource'] | null };
    return {
      job,
      plan: {
        mode: mode.mode,
        sourceName: source.name,
        nativeSource: source.native ?? undefined,
        targets: mode.plan,
      },
    };
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
    // A whole snapshot: each target back to its own set there, found by name across accounts
    // (the background matched them); a target it has no set for, or two, is left alone and said so.
    const targets = await this.readTargets(
      keys,
      (t, current) => {
        const was = spec.byKey[t.key];
        const read = { ...t, current };
        if (!was) return planTo(read, current);
        return mode === 'add' ? planTarget(was, read, 'add') : planTo(read, was);
      },
      onRead,
    );
    const preview = this.keep({ mode: 'restore', sourceName: spec.label, targets });
    const notes = [
      ...spec.missing.map((n) => `"${n}" is not in the snapshot: left as it is.`),
      ...spec.ambiguous.map((n) => `"${n}" names more than one set in the snapshot: left as it is.`),
    ];
    return notes.length ? { ...preview, notes } : preview;
  }

  private keep(plan: JobPlan): Preview {
    const preview = this.toPreview(plan);
    this.preview = { preview, plan };
    return preview;
  }

  actions(): BulkCopyActions {
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
        const restoring = plan.mode === 'restore';
        const beforeId = await this.snapshotBefore(
          plan,
          restoring ? 'before-restore' : 'before-bulk-copy',
        );
        const job = await this.startJob(plan, restoring ? 'restore' : 'bulk-copy', beforeId);
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
      },
      resume: async (onProgress) => {
        if (this.paused) {
          this.paused.resolve();
          this.paused = null;
          if (this.current) return this.current; // the running call reports on
        }
        const open = await send<Job[]>({ type: 'jobs-open' });
        const job = open[0];
        if (!job) throw new Error('There is nothing to resume.');
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
      reportCsv: (p) =>
        csvText(
          ['set', 'state', 'reason'],
          p.targets.map((t) => [t.name, t.state, t.reason ?? '']),
        ),
      undoPreview: async (jobId) => {
        const { plan } = await this.undoPlan(jobId);
        const preview = this.toPreview(plan);
        this.preview = { preview, plan };
        return preview;
      },
      undo: async (jobId, onProgress) => {
        const { plan } =
          this.preview?.plan.mode === 'restore' ? this.preview : await this.undoPlan(jobId);
        const beforeId = await this.snapshotBefore(plan, 'before-restore');
        const job = await this.startJob(plan, 'restore', beforeId);
        return this.execute(
          job,
          plan,
          plan.targets.filter((t) => t.change !== 'none'),
          onProgress,
        );
      },
    };
  }

  private lastJobId: string | null = null;

  async resumeJob(
    jobId: string,
    onProgress: (p: RunProgress) => void,
    states = ['queued', 'writing'],
  ): Promise<RunProgress> {
    const { job, plan } = await this.loadJob(jobId);
    this.lastJobId = job.id;
    const todo = new Set(job.targets.filter((t) => states.includes(t.state)).map((t) => t.key));
    const again = {
      ...job,
      targets: job.targets.map((t) =>
        todo.has(t.key) ? { ...t, state: 'queued' as const, error: undefined } : t,
      ),
    };
    return this.execute(
      again,
      plan,
      plan.targets.filter((t) => todo.has(t.key)),
      onProgress,
    );
  }

  /** Every target a job touched, back to how the pre-write snapshot shows it. */
  private async undoPlan(jobId: string): Promise<{ plan: JobPlan }> {
    const { job } = await this.loadJob(jobId);
    if (!job.snapshotBeforeId) throw new Error('This job has no snapshot to undo from.');
    const raw = await send<unknown>({ type: 'snapshot-get', id: job.snapshotBeforeId });
    const before = Snapshot.safeParse(raw);
    if (!before.success) throw new Error('The snapshot taken before this job could not be read.');
    const touched = job.targets
      .filter((t) => t.state !== 'skipped' && t.state !== 'queued')
      .map((t) => t.key);
    const mode = job.mode as { plan: PlannedTarget[] };
    const byKey = new Map(mode.plan.map((t) => [t.key, t]));
    const setOf = new Map(before.data.sets.map((s) => [setKey(s.ref), s]));
    const targets = await Promise.all(
      touched.map(async (key) => {
        const t = byKey.get(key);
        const was = setOf.get(key);
        if (!t || !was) throw new Error(`The snapshot has no record of ${key}.`);
        const current = (await readSet(t.editorUrl, { ...this.opts(), deep: true })).actions;
        return planTo(
          { key, ref: t.ref, name: t.name, editorUrl: t.editorUrl, current },
          was.actions,
        );
      }),
    );
    return {
      plan: {
        mode: 'restore',
        sourceName: `the snapshot of ${before.data.takenAt.slice(0, 16)}`,
        targets,
      },
    };
  }
}

/** How a journaled job looks to the dialog (for Resume after a closed tab). */
export function progressOf(job: Job): RunProgress {
  const count = (st: string) => job.targets.filter((t) => t.state === st).length;
  return {
    jobId: job.id,
    status: job.status === 'running' ? 'interrupted' : (job.status as RunProgress['status']),
    message:
      job.status === 'running'
        ? 'This job stopped without finishing (the tab or browser closed). Resume re-reads each unfinished set before writing.'
        : undefined,
    done: count('done'),
    skipped: count('skipped'),
    failed: count('failed'),
    left: count('queued') + count('writing'),
    etaMs: null,
    targets: job.targets.map((t) => ({
      key: t.key,
      name: t.name,
      state: t.state,
      reason: t.error,
    })),
  };
}
