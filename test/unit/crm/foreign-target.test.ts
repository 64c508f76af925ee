// Issue 9, point 5: a form action or link in a fetched CRM page is followed only on the editor's
// own origin and account. The replica's editors are served through a transport that rewrites
// their forms (or Edit links) to point elsewhere and records every request; a request that leaves
// the account is answered here and never reaches the replica.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAction,
  type CrmOptions,
  copyFromSet,
  deleteAction,
  ForeignTargetError,
  readSet,
  saveSet,
} from '@/lib/crm/editor-ops';
import { PoliteQueue } from '@/lib/crm/polite';
import type { Transport } from '@/lib/crm/transport';
import {
  type Account,
  INLINE,
  type Replica,
  SCRIPTED,
  type SetOwner,
  startReplica,
} from '../../replica/index.ts';
import { parseHtml, replicaTransport, type Sent } from './replica-client';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'acme', dialect: 'scripted', seed: 'acme' },
    ],
  });
});
afterAll(() => replica.stop());

/** A set of the account with actions in it (to delete, copy and re-add one). */
function full(app: string): { owner: SetOwner; name: string } {
  const account = replica.accounts.get(app) as Account;
  const owner = account.state.actionSets
    .map((s) => s.owner)
    .find((o) => o.kind === 'trigger' && account.actionsOf(o).length > 0);
  if (!owner) throw new Error(`${app} has no default set with actions`);
  return { owner, name: account.ownerName(owner) };
}

// Where the editor is reached: an account's own subdomain, or the shared host with ?app_id=.
const WAYS = [
  { app: 'demo', d: INLINE, shared: false },
  { app: 'acme', d: SCRIPTED, shared: false },
  { app: 'demo', d: INLINE, shared: true },
] as const;

type Way = (typeof WAYS)[number];

const originOf = (w: Way) =>
  w.shared ? 'https://app.infusionsoft.com' : `https://${w.app}.infusionsoft.com`;

function editorUrl(w: Way, owner: SetOwner): string {
  const q = new URLSearchParams(w.d.ownerParams(owner));
  if (w.shared) q.set('app_id', w.app);
  return `${originOf(w)}${w.d.paths.editor}?${q}`;
}

/** The test's own judgement of "off the account", independent of lib/crm. */
function offAccount(w: Way, href: string): boolean {
  const u = new URL(href);
  return u.origin !== originOf(w) || (w.shared && u.searchParams.get('app_id') !== w.app);
}

interface World {
  account: Account;
  sent: Sent[];
  /** Anti-forgery tokens seen in pages served to lib/crm. */
  tokens: Set<string>;
  opts: CrmOptions;
}

/** A transport to the replica whose pages pass through `rewrite` first. */
function world(w: Way, rewrite: (html: string) => string): World {
  const account = replica.accounts.get(w.app) as Account;
  const rt = replicaTransport(replica, account);
  const sent: Sent[] = [];
  const tokens = new Set<string>();
  const transport: Transport = async (url, init = {}) => {
    const body = init.body === undefined ? undefined : String(init.body);
    sent.push({ method: init.method ?? 'GET', url, ...(body === undefined ? {} : { body }) });
    if (offAccount(w, url)) return new Response('off the account', { status: 404 });
    const res = await rt.transport(url, init);
    const html = rewrite(await res.text());
    for (const i of Array.from(
      parseHtml(html).querySelectorAll(`input[name="${w.d.tokenField}"]`),
    )) {
      const v = i.getAttribute('value');
      if (v) tokens.add(v);
    }
    const out = new Response(html, { status: res.status, headers: res.headers });
    Object.defineProperty(out, 'url', { value: res.url });
    return out;
  };
  const queue = new PoliteQueue({ maxInFlight: 2, maxPerSecond: 1000, retries: 0, backoffMs: 1 });
  return { account, sent, tokens, opts: { queue, transport, parseHtml } };
}

/** Every form that posts to the editor's write endpoint now posts to `to`. */
const postsTo = (w: Way, to: string) => (html: string) =>
  html.replaceAll(
    new RegExp(`action="${w.d.paths.editorPost.replaceAll('/', '\\/')}[^"]*"`, 'g'),
    `action="${to.replaceAll('&', '&amp;')}"`,
  );

// The writes lib/crm makes through an editor's forms, each with what it changes in the replica.
const WRITES: Record<string, (w: Way, o: CrmOptions) => Promise<unknown>> = {
  copyFromSet: (w, o) => {
    const { owner, name } = full(w.app);
    const into: SetOwner = {
      kind: 'trigger',
      trigger:
        owner.kind === 'trigger' && owner.trigger === 'errorPurchase'
          ? 'failedPurchase'
          : 'errorPurchase',
    };
    return copyFromSet(editorUrl(w, into), name, o);
  },
  deleteAction: (w, o) => deleteAction(editorUrl(w, full(w.app).owner), 0, o),
  saveSet: (w, o) => saveSet(editorUrl(w, full(w.app).owner), o),
  addAction: async (w, o) => {
    const url = editorUrl(w, full(w.app).owner);
    const { actions } = await readSet(url, { ...o, deep: true });
    return addAction(url, actions[0] as (typeof actions)[number], o);
  },
};

describe.each(WAYS)('$app ($d.name, shared host: $shared)', (w) => {
  const other = w.app === 'demo' ? 'acme' : 'demo';
  const path = w.d.paths.editorPost;
  // Each hostile action, and the URL it resolves to (what the error must name).
  const FOREIGN: [string, string][] = [
    ['https://evil.example/steal', 'https://evil.example/steal'],
    [`https://evil.infusionsoft.com${path}`, `https://evil.infusionsoft.com${path}`],
    [`https://${other}.infusionsoft.com${path}`, `https://${other}.infusionsoft.com${path}`],
    [
      `https://app.infusionsoft.com${path}?app_id=${other}`,
      `https://app.infusionsoft.com${path}?app_id=${other}`,
    ],
    ['//evil.example/x', 'https://evil.example/x'],
    ['javascript:fetch(1)', 'javascript:fetch(1)'],
    [`http://${w.app}.infusionsoft.com${path}`, `http://${w.app}.infusionsoft.com${path}`],
  ];

  // The replica's Add New Action is a GET form without app_id, which a shared host cannot serve
  // (a browser drops the action's query too); lib/crm refuses it, so adding is tested on
  // subdomains only.
  const ops = Object.keys(WRITES).filter((op) => !(w.shared && op === 'addAction'));
  describe.each(ops)('%s', (op) => {
    const write = WRITES[op] as (w: Way, o: CrmOptions) => Promise<unknown>;

    it.each(FOREIGN)(
      'refuses a form posting to %s before sending the token',
      async (action, resolved) => {
        const x = world(w, postsTo(w, action));
        const state = JSON.stringify(x.account.state);
        const err = await write(w, x.opts).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ForeignTargetError);
        // A GET form (inline's Add New Action shares the write path) is refused as it would be
        // sent: the action with the form's fields for its query.
        const refused = (err as ForeignTargetError).url;
        expect(refused.split('?')[0]).toBe(resolved.split('?')[0]);
        expect((err as Error).message).toContain(refused);
        // Positive signals: the recorder saw the editor being read and the token it held...
        expect(x.sent.length).toBeGreaterThan(0);
        expect(x.tokens.size).toBeGreaterThan(0);
        // ...and nothing went off the account, no write was sent, no request carried the token.
        expect(x.sent.filter((s) => offAccount(w, s.url))).toEqual([]);
        expect(x.sent.filter((s) => s.method === 'POST')).toEqual([]);
        for (const t of x.tokens) {
          expect(x.sent.filter((s) => s.url.includes(t) || s.body?.includes(t))).toEqual([]);
        }
        expect(JSON.stringify(x.account.state)).toBe(state);
      },
    );

    it('control: the same write through a same-account form goes through with the token', async () => {
      // An absolute same-account action: the check looks at where it points, not its spelling.
      const own = `${originOf(w)}${path}${w.shared ? `?app_id=${w.app}` : ''}`;
      const x = world(w, postsTo(w, own));
      await write(w, x.opts);
      const posts = x.sent.filter((s) => s.method === 'POST');
      expect(posts.length).toBe(1);
      expect(posts[0]?.url).toBe(own);
      expect([...x.tokens].some((t) => posts[0]?.body?.includes(t))).toBe(true);
    });
  });

  it('refuses to follow an Edit link off the account', async () => {
    const x = world(w, (html) =>
      html.replaceAll(/href="[^"]*">Edit</g, 'href="https://evil.example/edit?id=1">Edit<'),
    );
    await expect(
      readSet(editorUrl(w, full(w.app).owner), { ...x.opts, deep: true }),
    ).rejects.toThrow(ForeignTargetError);
    expect(x.sent.length).toBe(1);
    expect(x.sent.filter((s) => offAccount(w, s.url))).toEqual([]);
    // Control: the untouched editor's Edit links are followed, one request each.
    const y = world(w, (html) => html);
    const { actions, requests } = await readSet(editorUrl(w, full(w.app).owner), {
      ...y.opts,
      deep: true,
    });
    expect(actions.length).toBeGreaterThan(0);
    expect(requests).toBe(1 + actions.length);
  });
});
