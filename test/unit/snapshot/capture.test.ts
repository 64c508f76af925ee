import { describe, expect, it } from 'vitest';
import type { Action, ActionSet, Snapshot } from '@/lib/model';
import { type CaptureDeps, type CaptureTarget, captureSnapshot } from '@/lib/snapshot/capture';
import { checkpointer } from '@/lib/snapshot/checkpoint';
import { tag } from './helpers';

// Capture against a fake account: every set's list and forms live in `account`, so a test can
// change a rule that no summary shows, and count what was read.

const rule = (value: string) => ({
  match: 'all' as const,
  criteria: [{ field: 'State', operator: 'is', value }],
});

function fakeAccount(sets: number) {
  const account = new Map<string, Action[]>();
  const targets: CaptureTarget[] = [];
  for (let i = 0; i < sets; i++) {
    const url = `https://ab123.infusionsoft.com/editor?set=${i}`;
    account.set(url, [{ ...tag(`Tag ${i}`), rules: rule('CA') }]);
    targets.push({ ref: { kind: 'product', name: `P${i}` }, name: `P${i}`, editorUrl: url });
  }
  const reads = { forms: 0, lists: 0 };
  const list = (url: string) =>
    (account.get(url) ?? []).map(({ label, summary }) => ({ label, summary }));
  return { account, targets, reads, list };
}

function deps(a: ReturnType<typeof fakeAccount>, over: Partial<CaptureDeps> = {}): CaptureDeps {
  return {
    app: 'ab123',
    host: 'ab123.infusionsoft.com',
    build: null,
    targets: a.targets,
    // Like lib/crm's readSet: given a previous reading of an unchanged list, it reuses that
    // reading's configuration instead of opening the forms (the shortcut capture must not take
    // by default).
    readSet: async (url, previous?: readonly Action[]) => {
      const list = a.list(url);
      a.reads.lists++;
      const same =
        previous &&
        previous.length === list.length &&
        list.every((x, i) => x.label === previous[i]?.label && x.summary === previous[i]?.summary);
      if (same && previous.every((p) => p.config)) return previous.map((p) => ({ ...p }));
      a.reads.forms += list.length;
      return structuredClone(a.account.get(url) ?? []);
    },
    readList: async (url) => {
      a.reads.lists++;
      return a.list(url);
    },
    readProducts: async () => a.targets.map((t) => ({ name: t.name })),
    readSetting: async () => 'no',
    ...over,
  };
}

describe('captureSnapshot: what it claims to have read', () => {
  it('by default reads every form: a rule change no summary shows reaches the snapshot', async () => {
    const a = fakeAccount(3);
    const first = await captureSnapshot(deps(a), 'manual');
    const action = a.account.get(a.targets[1]?.editorUrl ?? '')?.[0];
    if (!action) throw new Error('fixture');
    action.rules = rule('NY'); // the summary stays "Apply Tag: Tag 1"
    a.reads.forms = 0;
    const second = await captureSnapshot(deps(a, { previous: first }), 'manual');
    expect(second.sets[1]?.actions[0]?.rules).toEqual(rule('NY'));
    expect(a.reads.forms).toBe(3);
    expect(second.sets.flatMap((s) => s.actions).some((x) => x.carriedFrom)).toBe(false);
  });

  it('with reuseUnchanged, carried-over actions say which snapshot read them', async () => {
    const a = fakeAccount(3);
    const first = await captureSnapshot(deps(a), 'manual');
    // One list changes (read whole), two do not (carried over).
    a.account.get(a.targets[2]?.editorUrl ?? '')?.push(tag('New'));
    a.reads.forms = 0;
    const second = await captureSnapshot(
      deps(a, { previous: first, reuseUnchanged: true }),
      'manual',
    );
    const from = { snapshotId: first.id, takenAt: first.takenAt };
    expect(second.sets.map((s) => s.actions.map((x) => x.carriedFrom ?? null))).toEqual([
      [from],
      [from],
      [null, null],
    ]);
    expect(a.reads.forms).toBe(2);
    // Carried again, it still names the snapshot that actually read the form.
    const third: Snapshot = await captureSnapshot(
      deps(a, { previous: second, reuseUnchanged: true }),
      'manual',
    );
    expect(third.sets[0]?.actions[0]?.carriedFrom).toEqual(from);
    expect(third.sets[2]?.actions[0]?.carriedFrom).toEqual({
      snapshotId: second.id,
      takenAt: second.takenAt,
    });
  });
});

/** Storage whose writes take `ms` and are recorded as they finish. */
function slowStorage(ms: number) {
  const finished: (readonly ActionSet[])[] = [];
  return {
    finished,
    stored: () => finished.at(-1)?.length ?? 0,
    write: (sets: readonly ActionSet[]) =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          finished.push(sets);
          resolve();
        }, ms),
      ),
  };
}

// Issue 13: read what can be read. A page this account shows differently marks that part "not
// read" and the capture goes on; only what Resume could do better (an ended session) stops it.
describe('captureSnapshot: partial snapshots', () => {
  class Structural extends Error {}
  class Session extends Error {}
  const partial = (a: ReturnType<typeof fakeAccount>, over: Partial<CaptureDeps> = {}) =>
    deps(a, { stopsCapture: (e) => e instanceof Session, ...over });

  it('the control: a capture that reads everything is complete', async () => {
    const s = await captureSnapshot(partial(fakeAccount(3)), 'manual');
    expect(s.notRead).toBeUndefined();
    expect(s.sets.every((x) => !x.notRead)).toBe(true);
  });

  it("an action form it cannot read keeps the set's list, marked, and the capture goes on", async () => {
    const a = fakeAccount(3);
    const bad = a.targets[1]?.editorUrl;
    const s = await captureSnapshot(
      partial(a, {
        readSet: async (url) => {
          if (url === bad) throw new Structural('The action form has no fields we know.');
          return structuredClone(a.account.get(url) ?? []);
        },
      }),
      'manual',
    );
    expect(s.sets.map((x) => x.notRead?.what ?? 'whole')).toEqual([
      'whole',
      'configuration',
      'whole',
    ]);
    expect(s.sets[1]?.notRead?.reason).toBe('The action form has no fields we know.');
    expect(s.sets[1]?.actions).toEqual([
      { label: 'Apply/Remove Tag', summary: 'Apply Tag: Tag 1' },
    ]);
  });

  it('a set whose editor it cannot read at all, or cannot find, is "not read"', async () => {
    const a = fakeAccount(3);
    const bad = a.targets[0]?.editorUrl;
    const t2 = a.targets[2];
    if (t2) t2.editorUrl = null;
    const s = await captureSnapshot(
      partial(a, {
        readSet: async (url) => {
          if (url === bad) throw new Structural('Not an editor.');
          return structuredClone(a.account.get(url) ?? []);
        },
        readList: async (url) => {
          if (url === bad) throw new Structural('Not an editor.');
          return a.list(url);
        },
      }),
      'manual',
    );
    expect(s.sets.map((x) => x.notRead)).toEqual([
      { what: 'set', reason: 'Not an editor.' },
      undefined,
      { what: 'set', reason: 'Could not tell which editor its Actions button opens.' },
    ]);
    expect(s.sets[0]?.actions).toEqual([]);
  });

  it('no products report, no setting, no named sets: each "not read", the sets are all read', async () => {
    const a = fakeAccount(2);
    const s = await captureSnapshot(
      partial(a, {
        readProducts: async () => {
          throw new Structural('No "Products" link on this page.');
        },
        readSetting: async () => 'unknown',
        readNamedSets: async () => {
          throw new Structural('The editor has no "Add New Action" drop-down.');
        },
      }),
      'manual',
    );
    expect(s.notRead).toEqual([
      { part: 'products', reason: 'No "Products" link on this page.' },
      { part: 'setting', reason: 'The settings page did not show it.' },
      { part: 'named-sets', reason: 'The editor has no "Add New Action" drop-down.' },
    ]);
    expect(s.products).toEqual([]);
    expect(s.sets.map((x) => x.actions.length)).toEqual([1, 1]);
  });

  it('a report that lacks a listed product is "not read"; rows labelled "Product: X" pair by name', async () => {
    const a = fakeAccount(2);
    for (const t of a.targets) t.name = `Product: ${t.name}`;
    const labelled = await captureSnapshot(
      partial(a, {
        readProducts: async () => [
          { name: 'P0', id: '7' },
          { name: 'P1', id: '8' },
        ],
      }),
      'manual',
    );
    expect(labelled.notRead).toBeUndefined();
    expect(labelled.sets.map((x) => [x.name, x.ref])).toEqual([
      ['P0', { kind: 'product', name: 'P0', id: '7' }],
      ['P1', { kind: 'product', name: 'P1', id: '8' }],
    ]);
    const short = await captureSnapshot(
      partial(a, { readProducts: async () => [{ name: 'P0' }] }),
      'manual',
    );
    expect(short.notRead?.[0]?.part).toBe('products');
    expect(short.notRead?.[0]?.reason).toContain('Product: P1');
    expect(short.products).toEqual([]);
    expect(short.sets).toHaveLength(2);
  });

  it('an ended session still stops the capture (Resume can do better)', async () => {
    const a = fakeAccount(2);
    await expect(
      captureSnapshot(
        partial(a, {
          readSet: async () => {
            throw new Session('ended');
          },
        }),
        'manual',
      ),
    ).rejects.toBeInstanceOf(Session);
  });
});

describe('checkpointing (Resume after an interrupted capture)', () => {
  it('a set counts as read only once it is stored; writes are coalesced', async () => {
    const a = fakeAccount(40);
    const storage = slowStorage(15);
    const saved = checkpointer(storage.write);
    const seen: { done: number; stored: number }[] = [];
    await captureSnapshot(
      deps(a, {
        concurrency: 8,
        onSetRead: (set) => saved.add(set),
        onProgress: (p) => seen.push({ done: p.done, stored: storage.stored() }),
      }),
      'manual',
    );
    expect(seen.at(-1)?.done).toBe(40);
    for (const s of seen) expect(s.stored).toBeGreaterThanOrEqual(s.done);
    // Fewer writes than sets: eight finish while one write is under way.
    expect(storage.finished.length).toBeLessThan(40);
  });

  it('when the session ends mid-capture, every set reported read is already stored; Resume reads only the rest', async () => {
    const a = fakeAccount(60);
    const storage = slowStorage(10);
    const saved = checkpointer(storage.write);
    let reported = 0;
    let calls = 0;
    const expiring = deps(a, {
      concurrency: 8,
      onSetRead: (set) => saved.add(set),
      onProgress: (p) => {
        reported = p.done;
      },
    });
    const readSet = expiring.readSet;
    expiring.readSet = async (url, prev, signal) => {
      calls++;
      await new Promise((r) => setTimeout(r, 2));
      if (calls > 25) throw new Error('Your Keap session has ended.');
      return readSet(url, prev, signal);
    };
    await expect(captureSnapshot(expiring, 'manual')).rejects.toThrow('session has ended');
    // No flush: a tab torn down right here keeps everything the progress counted.
    const kept = storage.finished.at(-1) ?? [];
    expect(kept.length).toBe(reported);
    expect(reported).toBeGreaterThanOrEqual(25 - 8);

    const readAgain: string[] = [];
    const resumed = deps(a, { resumed: [...kept] });
    const inner = resumed.readSet;
    resumed.readSet = async (url, prev, signal) => {
      readAgain.push(url);
      return inner(url, prev, signal);
    };
    const snap = await captureSnapshot(resumed, 'manual');
    expect(snap.sets).toHaveLength(60);
    expect(readAgain).toHaveLength(60 - kept.length);
    const keptNames = new Set(kept.map((s) => s.name));
    expect(
      a.targets.filter((t) => readAgain.includes(t.editorUrl ?? '') && keptNames.has(t.name)),
    ).toEqual([]);
  });

  it('a failed write is not counted as stored, and rejects the set', async () => {
    let fail = true;
    const saved = checkpointer(async () => {
      if (fail) throw new Error('quota');
    });
    await expect(
      saved.add({ ref: { kind: 'product', name: 'A' }, name: 'A', actions: [] }),
    ).rejects.toThrow('quota');
    fail = false;
    await expect(saved.flush()).resolves.toBeUndefined();
  });
});
