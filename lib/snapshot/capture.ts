import {
  type Action,
  type ActionSet,
  type CarriedFrom,
  type Product,
  type RunOnAllOrders,
  type SetRef,
  type Snapshot,
  type SnapshotCause,
  setKey,
} from '../model';
import { normName } from './match';

// Taking a snapshot: every set the Actions page lists, read through its editor, plus every
// product of the account from the products report (a product the page does not list has no
// actions). Pure orchestration: how to read a set, the products and the setting is passed in,
// so the same code runs in the content script, in tests and in the benchmark.

export interface CaptureTarget {
  ref: SetRef;
  name: string;
  /** Where its editor is; null when the page would not say (the set is then reported failed). */
  editorUrl: string | null;
}

export interface CaptureProgress {
  done: number;
  total: number;
  /** Milliseconds left at the pace so far; null before the first set is read. */
  etaMs: number | null;
}

export interface CaptureDeps {
  app: string;
  host: string;
  build: string | null;
  targets: CaptureTarget[];
  /**
   * Reads one set whole: its list and every action's edit form. Capture always passes
   * `previous` as undefined (a reader must not reuse anything); the parameter stays so readers
   * written for the older contract still fit.
   */
  readSet(url: string, previous: undefined, signal?: AbortSignal): Promise<Action[]>;
  /**
   * Only with reuseUnchanged: reads a set's list (labels and summaries) without opening any
   * edit form. Without it, reuseUnchanged has nothing to compare and every set is read whole.
   */
  readList?(url: string, signal?: AbortSignal): Promise<Action[]>;
  /**
   * The faster re-read, off by default: a set whose list (labels and summaries, in order) equals
   * the previous snapshot's keeps that snapshot's configuration and rules, and every such
   * action records in `carriedFrom` which snapshot actually read them. A change that does not
   * show in a summary (rules, a task's owner, a checkbox) is then NOT seen.
   */
  reuseUnchanged?: boolean;
  readProducts(signal?: AbortSignal): Promise<Product[]>;
  readSetting(): Promise<RunOnAllOrders>;
  readNamedSets?(): Promise<string[] | undefined>;
  previous?: Snapshot | null;
  /** Sets read at once (each set's own requests are paced by readSet's queue). */
  concurrency?: number;
  /** Sets already read by an interrupted run of the same capture (Resume). */
  resumed?: ActionSet[];
  onProgress?(p: CaptureProgress): void;
  /**
   * Called after each set is read, so an interrupted run can resume from here; the set counts as
   * read (progress) only once this has resolved, so it should resolve once the set is stored.
   */
  onSetRead?(set: ActionSet): void | Promise<void>;
  signal?: AbortSignal;
}

export class ListedProductMissingError extends Error {
  constructor(readonly names: string[]) {
    super(
      `The Actions page lists ${names.length === 1 ? 'a product' : 'products'} the products report does not have: ${names.slice(0, 5).join(', ')}. The snapshot was not saved.`,
    );
    this.name = 'ListedProductMissingError';
  }
}

export class UnreadableSetError extends Error {
  constructor(readonly names: string[]) {
    super(`Could not tell which editor opens: ${names.slice(0, 5).join(', ')}.`);
    this.name = 'UnreadableSetError';
  }
}

/**
 * The previous reading's configuration and rules on an unchanged list, each action marked with
 * the snapshot that read them (the earliest, when that one had carried them too); null when the
 * list changed or the previous reading has no configuration to give.
 */
export function carryOver(
  list: readonly Action[],
  previous: readonly Action[],
  from: CarriedFrom,
): Action[] | null {
  const same =
    list.length === previous.length &&
    list.every((a, i) => a.label === previous[i]?.label && a.summary === previous[i]?.summary);
  if (!same || !previous.every((p) => p.config)) return null;
  return list.map((a, i) => {
    const p = previous[i] as Action;
    return {
      ...a,
      config: p.config,
      ...(p.rules ? { rules: p.rules } : {}),
      ...(p.facts ? { facts: p.facts } : {}),
      carriedFrom: p.carriedFrom ?? from,
    };
  });
}

function newId(app: string, at: Date): string {
  const rand = Math.random().toString(36).slice(2, 8);
  return `${app}-${at.toISOString().replace(/[-:.TZ]/g, '')}-${rand}`;
}

export async function captureSnapshot(
  deps: CaptureDeps,
  cause: SnapshotCause,
  now: () => Date = () => new Date(),
): Promise<Snapshot> {
  const unreadable = deps.targets.filter((t) => !t.editorUrl).map((t) => t.name);
  if (unreadable.length) throw new UnreadableSetError(unreadable);

  const prev = deps.reuseUnchanged && deps.readList ? deps.previous : null;
  const previousByKey = new Map((prev?.sets ?? []).map((s) => [setKey(s.ref), s.actions]));
  const previousByName = new Map((prev?.sets ?? []).map((s) => [normName(s.name), s.actions]));
  const readOne = async (t: CaptureTarget): Promise<Action[]> => {
    const url = t.editorUrl as string;
    const previous = previousByKey.get(setKey(t.ref)) ?? previousByName.get(normName(t.name));
    if (prev && deps.readList && previous) {
      const list = await deps.readList(url, deps.signal);
      const carried = carryOver(list, previous, { snapshotId: prev.id, takenAt: prev.takenAt });
      if (carried) return carried;
    }
    return deps.readSet(url, undefined, deps.signal);
  };
  const done = new Map((deps.resumed ?? []).map((s) => [setKey(s.ref), s]));
  const started = Date.now();
  let readNow = 0;
  const report = () => {
    const left = deps.targets.length - done.size;
    const per = readNow ? (Date.now() - started) / readNow : null;
    deps.onProgress?.({
      done: done.size,
      total: deps.targets.length,
      etaMs: per === null ? null : per * left,
    });
  };
  report();

  // Products first: a short or over-long report stops the capture before any editor is read.
  const products = await deps.readProducts(deps.signal);
  const reportNames = new Set(products.map((p) => normName(p.name)));
  const missing = deps.targets
    .filter((t) => t.ref.kind === 'product' && !reportNames.has(normName(t.name)))
    .map((t) => t.name);
  if (missing.length) throw new ListedProductMissingError(missing);

  // A few sets at a time, each read whole before the next starts: the requests themselves are
  // paced by readSet's queue, and a checkpoint then holds finished sets, not half-read ones.
  const todo = deps.targets.filter((t) => !done.has(setKey(t.ref)));
  // On the first failure no new set is started, but sets already being read may finish: every
  // finished set reaches onSetRead before the error is thrown, so Resume does not read it again.
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    for (let t = todo.shift(); t && !failure; t = todo.shift()) {
      const key = setKey(t.ref);
      try {
        const actions = await readOne(t);
        const set: ActionSet = { ref: t.ref, name: t.name, actions };
        // Checkpointed before it counts as read: progress never shows a set Resume would lose.
        await deps.onSetRead?.(set);
        done.set(key, set);
        readNow++;
        report();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, worker));
  if (failure) throw (failure as { error: unknown }).error;

  const listed = new Set(
    deps.targets.filter((t) => t.ref.kind === 'product').map((t) => normName(t.name)),
  );
  const byName = new Map(products.map((p) => [normName(p.name), p]));
  const sets: ActionSet[] = deps.targets.map((t) => {
    const set = done.get(setKey(t.ref)) as ActionSet;
    const product = t.ref.kind === 'product' ? byName.get(normName(t.name)) : undefined;
    return product?.id ? { ...set, ref: { kind: 'product', name: t.name, id: product.id } } : set;
  });
  for (const p of products) {
    if (!listed.has(normName(p.name))) {
      sets.push({ ref: { kind: 'product', name: p.name, id: p.id }, name: p.name, actions: [] });
    }
  }
  const at = now();
  return {
    id: newId(deps.app, at),
    app: deps.app,
    host: deps.host,
    build: deps.build,
    takenAt: at.toISOString(),
    cause,
    pinned: false,
    runOnAllOrders: await deps.readSetting(),
    products,
    sets,
    namedActionSets: await deps.readNamedSets?.(),
  };
}
