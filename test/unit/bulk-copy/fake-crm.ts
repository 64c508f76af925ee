import type { WriteOps } from '@/lib/bulk-copy/engine';
import type { Action } from '@/lib/model';

// An in-memory CRM for the write engine: sets by editor URL, with switchable faults. Its reads
// take `expected` the way the real reader does (an unchanged list keeps the expected
// configuration), so a test can tell whether the engine planned against a full read.

export const act = (label: string, summary: string, extra: Partial<Action> = {}): Action => ({
  label,
  summary,
  config: { value: summary },
  ...extra,
});
export const tag = (t: string) => act('Apply/Remove Tag', `Apply tag: ${t}`);
export const mail = (t: string) => act('Send an email', `Send email: ${t}`);
export const summaries = (as: readonly Action[] | undefined) => (as ?? []).map((a) => a.summary);

/** This CRM has no tag "Missing": an action naming it can be neither added nor added back. */
const lacks = (action: Action) => (action.summary.includes('Missing') ? ['tag "Missing"'] : []);

export class UncertainError extends Error {}
export class SessionError extends Error {}

export const hooks = {
  app: 'demo',
  isSessionError: (e: unknown) => e instanceof SessionError,
  isUncertainWrite: (e: unknown) => e instanceof UncertainError,
};

export const target = (url: string, current: Action[]) => ({
  key: url,
  ref: { kind: 'product' as const, name: url },
  name: url,
  editorUrl: url,
  current,
});

/** Resolves on a later turn of the event loop, as a network answer does. */
const later = () => new Promise<void>((r) => setTimeout(r, 0));

export function fakeCrm(sets: Record<string, Action[]>, opts: { slow?: boolean } = {}) {
  const log: string[] = [];
  const faults = { loseNextAddAnswer: false, expireAfterWrites: Infinity };
  /** Every write the CRM received, in order. */
  const writes: string[] = [];
  const wait = async () => {
    if (opts.slow) await later();
  };
  const ops: WriteOps = {
    currentApp: () => 'demo',
    async readSet(url, expected) {
      log.push(`read ${url}`);
      await wait();
      const held = sets[url] ?? [];
      const listSame =
        expected !== undefined &&
        expected.length === held.length &&
        expected.every((e, i) => e.label === held[i]?.label && e.summary === held[i]?.summary);
      return held.map((a, i) => ({
        ...a,
        ...(listSame ? { config: expected?.[i]?.config, rules: expected?.[i]?.rules } : {}),
        crmId: `${url}#${i}`,
      }));
    },
    async missingToAddBack(url, action) {
      log.push(`check ${url} ${action.summary}`);
      await wait();
      return lacks(action);
    },
    async addAction(url, action) {
      if (writes.length >= faults.expireAfterWrites) throw new SessionError('expired');
      const missing = lacks(action);
      if (missing.length) return { ok: false, missing };
      log.push(`add ${url} ${action.summary}`);
      writes.push(`add ${url} ${action.summary}`);
      await wait();
      const set = sets[url] ?? [];
      sets[url] = set;
      set.push({ label: action.label, summary: action.summary, config: action.config });
      if (faults.loseNextAddAnswer) {
        faults.loseNextAddAnswer = false;
        throw new UncertainError('answer lost');
      }
      return { ok: true };
    },
    async deleteAction(url, index) {
      if (writes.length >= faults.expireAfterWrites) throw new SessionError('expired');
      log.push(`delete ${url} ${index}`);
      writes.push(`delete ${url} ${index}`);
      await wait();
      sets[url]?.splice(index, 1);
    },
  };
  return { ops, log, faults, sets, writes };
}
