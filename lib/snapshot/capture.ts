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
import { normName, reportEntryFor } from './match';

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
  /**
   * Whether an error stops the capture (an ended session, a network failure: Resume can do
   * better). Any other error is a page this account shows differently from what we know: that
   * part is recorded as "not read" with the error's words, and the capture goes on. Without
   * it, every error stops the capture.
   */
  stopsCapture?(e: unknown): boolean;
}

class ListedProductMissingError extends Error {
  constructor(readonly names: string[]) {
    super(
      `The Actions page lists ${names.length === 1 ? 'a product' : 'products'} the products report does not have: ${names.slice(0, 5).join(', ')}. The snapshot was not saved.`,
    );
    this.name = 'ListedProductMissingError';
  }
}

class UnreadableSetError extends Error {
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
function carryOver(
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

const words = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function captureSnapshot(
  deps: CaptureDeps,
  cause: SnapshotCause,
  now: () => Date = () => new Date(),
): Promise<Snapshot> {
  const stops = deps.stopsCapture ?? (() => true);
  /** Runs a read; an error that does not stop the capture becomes `fallback(reason)`. */
  const orNotRead = async <T>(read: () => Promise<T>, fallback: (reason: string) => T) => {
    try {
      return await read();
    } catch (e) {
      if (stops(e)) throw e;
      return fallback(words(e));
    }
  };
  const unreadable = deps.targets.filter((t) => !t.editorUrl).map((t) => t.name);
  if (unreadable.length && !deps.stopsCapture) throw new UnreadableSetError(unreadable);
  const notRead: NonNullable<Snapshot['notRead']> = [];

  const prev = deps.reuseUnchanged && deps.readList ? deps.previous : null;
  const previousByKey = new Map((prev?.sets ?? []).map((s) => [setKey(s.ref), s.actions]));
  const previousByName = new Map((prev?.sets ?? []).map((s) => [normName(s.name), s.actions]));
  const readWhole = async (url: string, t: CaptureTarget): Promise<Action[]> => {
    const previous = previousByKey.get(setKey(t.ref)) ?? previousByName.get(normName(t.name));
    if (prev && deps.readList && previous) {
      const list = await deps.readList(url, deps.signal);
      const carried = carryOver(list, previous, { snapshotId: prev.id, takenAt: prev.takenAt });
      if (carried) return carried;
    }
    return deps.readSet(url, undefined, deps.signal);
  };
  /** The set read whole; else its list alone; else nothing: each shortfall recorded. */
  const readOne = async (t: CaptureTarget): Promise<ActionSet> => {
    const base = { ref: t.ref, name: t.name };
    const url = t.editorUrl;
    if (!url) {
      const reason = 'Could not tell which editor its Actions button opens.';
      return { ...base, actions: [], notRead: { what: 'set', reason } };
    }
    let formReason: string;
    try {
      return { ...base, actions: await readWhole(url, t) };
    } catch (e) {
      if (stops(e)) throw e;
      formReason = words(e);
    }
    const list = deps.readList;
    return orNotRead<ActionSet>(
      async () => {
        if (!list) throw new Error(formReason);
        const actions = await list(url, deps.signal);
        return { ...base, actions, notRead: { what: 'configuration', reason: formReason } };
      },
      (reason) => ({ ...base, actions: [], notRead: { what: 'set', reason } }),
    );
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

  // Products first. A short or over-long report, or one that lacks a product the page lists,
  // is not a list of the account's products: without stopsCapture that stops the capture
  // before any editor is read; with it, the products are "not read" and the sets are read.
  let products = await orNotRead(
    () => deps.readProducts(deps.signal),
    (reason): Product[] | null => {
      notRead.push({ part: 'products', reason });
      return null;
    },
  );
  const byName = new Map((products ?? []).map((p) => [normName(p.name), p]));
  const missing = deps.targets
    .filter((t) => t.ref.kind === 'product' && products && !reportEntryFor(t.name, byName))
    .map((t) => t.name);
  if (missing.length) {
    const error = new ListedProductMissingError(missing);
    if (!deps.stopsCapture) throw error;
    notRead.push({ part: 'products', reason: error.message.replace(/ The snapshot.*$/, '') });
    products = null;
  }

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
        const set = await readOne(t);
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

  // A listed product is the report's product of that name (the page may label its rows).
  const listed = new Set<Product>();
  const sets: ActionSet[] = deps.targets.map((t) => {
    const set = done.get(setKey(t.ref)) as ActionSet;
    const product = t.ref.kind === 'product' ? reportEntryFor(t.name, byName) : undefined;
    if (!product) return set;
    listed.add(product);
    return {
      ...set,
      name: product.name,
      ref: { kind: 'product', name: product.name, ...(product.id ? { id: product.id } : {}) },
    };
  });
  // The report's other products have no actions (the page lists every set that has some).
  for (const p of products ?? []) {
    if (!listed.has(p)) {
      sets.push({ ref: { kind: 'product', name: p.name, id: p.id }, name: p.name, actions: [] });
    }
  }
  const runOnAllOrders = await orNotRead(
    () => deps.readSetting(),
    (reason): RunOnAllOrders => {
      notRead.push({ part: 'setting', reason });
      return 'unknown';
    },
  );
  if (runOnAllOrders === 'unknown' && !notRead.some((p) => p.part === 'setting'))
    notRead.push({ part: 'setting', reason: 'The settings page did not show it.' });
  const namedActionSets = await orNotRead(
    async () => deps.readNamedSets?.(),
    (reason) => {
      notRead.push({ part: 'named-sets', reason });
      return undefined;
    },
  );
  const at = now();
  return {
    id: newId(deps.app, at),
    app: deps.app,
    host: deps.host,
    build: deps.build,
    takenAt: at.toISOString(),
    cause,
    pinned: false,
    runOnAllOrders,
    products: products ?? [],
    sets,
    ...(namedActionSets ? { namedActionSets } : {}),
    ...(notRead.length ? { notRead } : {}),
  };
}
