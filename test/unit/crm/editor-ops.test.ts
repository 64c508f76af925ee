// lib/crm's editor operations against the in-process replica, in both dialects. lib/crm knows
// neither dialect; these tests may (they compare with the replica's own state).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActionsPage } from '@/lib/crm/actions-page';
import {
  addAction,
  CopySourceError,
  CrmErrorPageError,
  type CrmOptions,
  checkAddable,
  copyFromSet,
  deleteAction,
  namedActionSets,
  readSet,
  SessionExpiredError,
  saveSet,
  WriteUncertainError,
} from '@/lib/crm/editor-ops';
import { editorOpenFromMarkup } from '@/lib/crm/editor-url';
import { PoliteQueue } from '@/lib/crm/polite';
import type { Transport } from '@/lib/crm/transport';
import type { Action, Rules } from '@/lib/model';
import {
  type Account,
  type DialectSpec,
  INLINE,
  type Replica,
  SCRIPTED,
  type SetOwner,
  startReplica,
  type TriggerKey,
} from '../../replica/index.ts';
import { ACTION_TYPES, CONTACT_FIELDS, OPERATORS } from '../../replica/state/action-types.ts';
import { parseHtml, replicaTransport } from './replica-client';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'demo2', dialect: 'scripted', seed: 'demo' },
      { app: 'acme', dialect: 'scripted', seed: 'acme' },
      { app: 'acme2', dialect: 'inline', seed: 'acme' },
    ],
  });
});
afterAll(() => replica.stop());

const DIALECT: Record<string, DialectSpec> = {
  demo: INLINE,
  demo2: SCRIPTED,
  acme: SCRIPTED,
  acme2: INLINE,
};

function setup(app: string) {
  const account = replica.accounts.get(app) as Account;
  const rt = replicaTransport(replica, account);
  const queue = new PoliteQueue({ maxInFlight: 4, maxPerSecond: 1000, retries: 2, backoffMs: 1 });
  const opts = (transport: Transport = rt.transport): CrmOptions => ({
    queue,
    transport,
    parseHtml,
  });
  /** The editor URL the way the extension gets it: from the Actions button's markup (inline); the
   * scripted dialect builds it in script, so the test builds it from the dialect table. */
  const editorUrl = async (owner: SetOwner): Promise<string> => {
    const d = DIALECT[app] as DialectSpec;
    const origin = replica.origin(app);
    if (d === INLINE && owner.kind === 'trigger') {
      const res = await rt.transport(`${origin}${d.paths.actions}`);
      const page = readActionsPage(parseHtml(await res.text()));
      const key = { successfulPurchase: 'successful', failedPurchase: 'failed' } as const;
      const row = page?.defaults.find(
        (r) => r.ref.kind === 'default' && r.ref.trigger === key[owner.trigger as keyof typeof key],
      );
      const open = row && editorOpenFromMarkup(row.button, origin);
      if (open) return open.url;
    }
    return `${origin}${d.paths.editor}?${new URLSearchParams(d.ownerParams(owner))}`;
  };
  return { account, rt, opts, editorUrl };
}

const trigger = (t: TriggerKey): SetOwner => ({ kind: 'trigger', trigger: t });

/** The replica's own record of a set, in the visible terms lib/crm reads (labels, texts). */
function expected(account: Account, owner: SetOwner) {
  const s = account.state;
  return account.actionsOf(owner).map((a) => {
    const def = ACTION_TYPES.find((t) => t.key === a.type);
    if (!def) throw new Error(a.type);
    const config: Record<string, string | string[] | boolean> = {};
    for (const f of def.fields) {
      const v = a.config[f.name];
      const opts = f.options?.(s) ?? [];
      const text = (x: string) =>
        x === '' ? '' : (opts.find((o) => o.value === x)?.label ?? `(not found, id ${x})`);
      if (f.kind === 'checkbox') config[f.label] = v === true;
      else if (f.kind === 'multiselect') config[f.label] = (Array.isArray(v) ? v : []).map(text);
      else if (f.kind === 'radio') config[f.label] = text(String(v || opts[0]?.value || ''));
      else if (f.kind === 'select') config[f.label] = text(String(v ?? ''));
      else config[f.label] = String(v ?? '');
    }
    const rules: Rules | undefined = a.rules
      ? {
          match: a.rules.match,
          criteria: a.rules.criteria.map((c) => ({
            field: CONTACT_FIELDS.find((o) => o.value === c.field)?.label ?? c.field,
            operator: OPERATORS.find((o) => o.value === c.operator)?.label ?? c.operator,
            value: c.value,
          })),
        }
      : undefined;
    return { crmId: String(a.id), label: def.label, config, rules };
  });
}

const visible = (a: Action) => ({
  crmId: a.crmId,
  label: a.label,
  config: a.config,
  rules: a.rules,
});
const portable = (a: Action) => ({
  label: a.label,
  summary: a.summary,
  config: a.config,
  rules: a.rules,
});
const allOwners = (account: Account): SetOwner[] =>
  account.state.actionSets.map((s) => s.owner).filter((o) => account.actionsOf(o).length > 0);

describe.each(['demo', 'demo2', 'acme', 'acme2'])('readSet (%s)', (app) => {
  it('reads every set deep, equal to the replica state', async () => {
    const { account, opts, editorUrl } = setup(app);
    const owners = allOwners(account);
    expect(owners.length).toBeGreaterThan(2);
    for (const owner of owners) {
      const { actions, requests } = await readSet(await editorUrl(owner), {
        ...opts(),
        deep: true,
      });
      expect(actions.map(visible)).toEqual(expected(account, owner));
      expect(requests).toBe(1 + actions.length);
    }
  });

  it('reads a set with one request when the list is unchanged since `previous`', async () => {
    const { account, opts, editorUrl } = setup(app);
    const owner = allOwners(account)[0] as SetOwner;
    const url = await editorUrl(owner);
    const first = await readSet(url, { ...opts(), deep: true });
    const again = await readSet(url, { ...opts(), deep: true, previous: first.actions });
    expect(again.requests).toBe(1);
    expect(again.actions).toEqual(first.actions);
  });
});

describe.each([
  ['demo', 'demo2'],
  ['demo2', 'demo'],
  ['acme', 'acme2'],
  ['acme2', 'acme'],
])('addAction from %s into %s', (from, to) => {
  it('adds every readable action of one dialect into the other, equal when read back', async () => {
    const src = setup(from);
    const dst = setup(to);
    const target = await dst.editorUrl(trigger('failedPurchase'));
    const before = await readSet(target, { ...dst.opts(), deep: true });
    const added: Action[] = [];
    for (const owner of allOwners(src.account)) {
      const { actions } = await readSet(await src.editorUrl(owner), { ...src.opts(), deep: true });
      for (const action of actions) {
        const r = await addAction(target, action, dst.opts());
        if (!r.ok) {
          // Only a dangling reference (a deleted set) may be missing in a same-seed account.
          expect(r.missing.join()).toMatch(/not found/);
          continue;
        }
        expect(r.added.label).toBe(action.label);
        added.push(action);
      }
    }
    expect(added.length).toBeGreaterThan(2);
    const after = await readSet(target, { ...dst.opts(), deep: true });
    expect(after.actions.slice(before.actions.length).map(portable)).toEqual(added.map(portable));
    expect(after.actions.map(visible)).toEqual(expected(dst.account, trigger('failedPurchase')));
  });
});

describe.each(['demo', 'demo2'])('writes (%s)', (app) => {
  const tagAction = (tag: string): Action => ({
    label: 'Apply/Remove Tag',
    summary: '',
    config: { 'Tag action': 'Apply', Tag: tag },
  });

  it('reports a tag the account lacks and writes nothing', async () => {
    const { account, opts, editorUrl } = setup(app);
    const state = JSON.stringify(account.state);
    const r = await addAction(
      await editorUrl(trigger('errorPurchase')),
      tagAction('No Such Tag'),
      opts(),
    );
    expect(r).toMatchObject({ ok: false, missing: ['Tag: No Such Tag'] });
    expect(JSON.stringify(account.state)).toBe(state);
  });

  it('tells an action that could not be added back (a deleted subscription) and sends nothing', async () => {
    const { account, opts, editorUrl } = setup(app);
    const owner = trigger('errorPurchase');
    const saved = account.saveAction(
      owner,
      null,
      'cancelSubscription',
      { subscriptionProductId: '99999' },
      null,
    );
    expect(saved).toBeTruthy();
    const url = await editorUrl(owner);
    const { actions } = await readSet(url, { ...opts(), deep: true });
    const dangling = actions.find((a) => a.label === 'Cancel a Subscription');
    const ordinary = actions.find((a) => a.label !== 'Cancel a Subscription');
    if (!dangling || !ordinary) throw new Error('the set lacks the actions this test needs');
    const state = JSON.stringify(account.state);
    const r = await checkAddable(url, dangling, opts());
    expect(r.missing).toEqual([expect.stringMatching(/^Subscription: .*not found/)]);
    // The control: an action the account can add again is reported addable.
    expect((await checkAddable(url, ordinary, opts())).missing).toEqual([]);
    expect(JSON.stringify(account.state)).toBe(state);
  });

  it('reports an action type the drop-down does not offer', async () => {
    const { opts, editorUrl } = setup(app);
    const r = await addAction(
      await editorUrl(trigger('errorPurchase')),
      { label: 'Teleport the buyer', summary: '' },
      opts(),
    );
    expect(r).toMatchObject({ ok: false, missing: ['Add New Action: Teleport the buyer'] });
  });

  it('adds an action with more rules than the blank form has rows', async () => {
    const { account, opts, editorUrl } = setup(app);
    const rules: Rules = {
      match: 'any',
      criteria: [
        { field: 'Country', operator: 'Equal To', value: 'Canada' },
        { field: 'State', operator: 'Not Equal To', value: 'ON' },
        { field: 'Order Total', operator: 'Greater Than', value: '100' },
      ],
    };
    const url = await editorUrl(trigger('onLogin'));
    const r = await addAction(url, { ...tagAction('Customer - Pool Supplies'), rules }, opts());
    expect(r.ok).toBe(true);
    const { actions } = await readSet(url, { ...opts(), deep: true });
    expect(actions.at(-1)?.rules).toEqual(rules);
    expect(actions.map(visible)).toEqual(expected(account, trigger('onLogin')));
  });

  it('deletes by CRM id and by position, and refuses a position whose action changed', async () => {
    const { account, opts, editorUrl } = setup(app);
    const url = await editorUrl(trigger('onLogin'));
    await addAction(url, tagAction('Customer - Pool Supplies'), opts());
    await addAction(url, tagAction('Pool Club Member'), opts());
    const { actions } = await readSet(url, opts());
    const last = actions.at(-1) as Action;
    const r = await deleteAction(url, last.crmId as string, opts());
    expect(r.actions).toEqual(actions.slice(0, -1));
    expect(account.actionsOf(trigger('onLogin')).map((a) => String(a.id))).not.toContain(
      last.crmId,
    );
    await expect(
      deleteAction(url, 0, { ...opts(), expect: { label: 'Send an email', summary: 'x' } }),
    ).rejects.toThrow(/not the expected one/);
    const r2 = await deleteAction(url, 0, { ...opts(), expect: r.actions[0] });
    expect(r2.actions).toEqual(r.actions.slice(1));
  });

  it('copies a set by name with the native control, and refuses unknown names', async () => {
    const { account, opts, editorUrl } = setup(app);
    const url = await editorUrl(trigger('contactCreation'));
    const before = account.actionsOf(trigger('contactCreation')).length;
    const source = account.actionsOf(trigger('successfulPurchase')).length;
    const r = await copyFromSet(url, 'Successful Purchase Action', {
      ...opts(),
      expectAdded: source,
    });
    expect(r.added).toBe(source);
    expect(account.actionsOf(trigger('contactCreation')).length).toBe(before + source);
    const src = await readSet(await editorUrl(trigger('successfulPurchase')), opts());
    expect(r.actions.slice(before).map(portable)).toEqual(src.actions.map(portable));
    await expect(copyFromSet(url, 'No Such Set', opts())).rejects.toBeInstanceOf(CopySourceError);
  });

  it('lists the named action sets from the Run another Action Set form', async () => {
    const { account, opts, editorUrl } = setup(app);
    const r = await namedActionSets(await editorUrl(trigger('successfulPurchase')), opts());
    expect(r.names).toEqual(account.state.namedActionSets.map((n) => n.name));
    expect(r.requests).toBe(2);
  });

  it('saves the set with its own Save button, changing nothing else', async () => {
    const { account, opts, editorUrl } = setup(app);
    const state = JSON.stringify(account.state);
    const r = await saveSet(await editorUrl(trigger('successfulPurchase')), opts());
    expect(r.requests).toBe(2);
    expect(JSON.stringify(account.state)).toBe(state);
  });

  it('detects a refused anti-forgery token and changes nothing', async () => {
    const { account, rt, opts, editorUrl } = setup(app);
    const tokenField = (DIALECT[app] as DialectSpec).tokenField;
    const badToken: Transport = (url, init) => {
      if (init?.method !== 'POST') return rt.transport(url, init);
      const body = new URLSearchParams(String(init.body));
      body.set(tokenField, 'forged');
      return rt.transport(url, { ...init, body: body.toString() });
    };
    const state = JSON.stringify(account.state);
    const url = await editorUrl(trigger('errorPurchase'));
    await expect(
      addAction(url, tagAction('Customer - Pool Supplies'), opts(badToken)),
    ).rejects.toBeInstanceOf(CrmErrorPageError);
    await expect(deleteAction(url, 0, opts(badToken))).rejects.toBeInstanceOf(CrmErrorPageError);
    expect(JSON.stringify(account.state)).toBe(state);
  });

  it('gives SessionExpiredError on an expired session, for reads and writes', async () => {
    const { account, rt, opts, editorUrl } = setup(app);
    const url = await editorUrl(trigger('successfulPurchase'));
    const expireBeforePost: Transport = (u, init) => {
      if (init?.method === 'POST') account.expireSessions();
      return rt.transport(u, init);
    };
    await expect(
      addAction(url, tagAction('Customer - Pool Supplies'), opts(expireBeforePost)),
    ).rejects.toBeInstanceOf(SessionExpiredError);
    await expect(readSet(url, opts())).rejects.toBeInstanceOf(SessionExpiredError);
  });

  it('a 5xx on a POST is a WriteUncertainError, never retried; a re-read tells what happened', async () => {
    const { account, rt, opts, editorUrl } = setup(app);
    const url = await editorUrl(trigger('errorPurchase'));
    const before = await readSet(url, opts());
    let posts = 0;
    const failPosts: Transport = async (u, init) => {
      if (init?.method !== 'POST') return rt.transport(u, init);
      posts++;
      account.setFaults({ error5xxRate: 1 });
      try {
        return await rt.transport(u, init);
      } finally {
        account.setFaults({ error5xxRate: 0 });
      }
    };
    await expect(
      addAction(url, tagAction('Customer - Pool Supplies'), opts(failPosts)),
    ).rejects.toBeInstanceOf(WriteUncertainError);
    expect(posts).toBe(1);
    const reread = await readSet(url, opts());
    expect(reread.actions).toEqual(before.actions);
  });
});
