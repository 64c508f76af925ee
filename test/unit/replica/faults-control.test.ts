// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE, type Replica, SCRIPTED, startReplica } from '../../replica/index.ts';
import { Account } from '../../replica/state/account.ts';
import { client, send } from './helpers.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.stop());

describe('faults', () => {
  it('5xx share follows error5xxRate and is reproducible with a seed', async () => {
    const c = client(replica, 'demo');
    const run = async () => {
      c.account.setFaults({ error5xxRate: 0.3, seed: 99 });
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) statuses.push((await c.get('/app/session/keepAlive')).status);
      return statuses;
    };
    const a = await run();
    const share = a.filter((s) => s >= 500).length / a.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.45);
    expect(await run()).toEqual(a);
    c.account.setFaults({ error5xxRate: 0 });
  });

  it('429 carries Retry-After', async () => {
    const c = client(replica, 'demo');
    c.account.setFaults({ rate429: 1, retryAfterSec: 7 });
    const res = await c.get(INLINE.paths.home);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    c.account.setFaults({ rate429: 0 });
  });

  it('drop destroys the socket', async () => {
    const c = client(replica, 'demo');
    c.account.setFaults({ dropRate: 1 });
    await expect(c.get(INLINE.paths.home)).rejects.toThrow();
    c.account.setFaults({ dropRate: 0 });
    expect((await c.get(INLINE.paths.home)).status).toBe(200);
  });

  it('latency and slowPageMs delay CRM requests (slowPage only on the Actions page)', async () => {
    const c = client(replica, 'demo');
    c.account.setFaults({ latencyMs: 120 });
    let t = Date.now();
    await c.get(INLINE.paths.home);
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    c.account.setFaults({ latencyMs: 0, slowPageMs: 200 });
    t = Date.now();
    await c.get(INLINE.paths.home);
    expect(Date.now() - t).toBeLessThan(150);
    t = Date.now();
    await c.get(INLINE.paths.actions);
    expect(Date.now() - t).toBeGreaterThanOrEqual(190);
    c.account.setFaults({ slowPageMs: 0 });
  });

  it('never applies to the control API', async () => {
    const acme = replica.accounts.get('acme');
    acme?.setFaults({ dropRate: 1, error5xxRate: 1 });
    const res = await send(replica, '/__replica/accounts/acme/state', {
      host: 'acme.infusionsoft.com',
    });
    expect(res.status).toBe(200);
    acme?.setFaults({ dropRate: 0, error5xxRate: 0 });
  });
});

describe('generator', () => {
  const spec = {
    app: 'gen',
    dialect: 'inline' as const,
    seed: { generate: { products: 1000, maxActions: 12, seed: 42 } },
  };
  it('is deterministic for a seed and varies with it', () => {
    const a = new Account(spec).state;
    const b = new Account(spec).state;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = new Account({
      ...spec,
      seed: { generate: { products: 1000, maxActions: 12, seed: 43 } },
    }).state;
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
    expect(a.products).toHaveLength(1000);
    const withActions = a.actionSets.filter(
      (s) => s.owner.kind === 'product' && s.actionIds.length > 0,
    );
    expect(withActions.length / 1000).toBeGreaterThan(0.5);
    expect(withActions.length / 1000).toBeLessThan(0.7);
    expect(Math.max(...a.actionSets.map((s) => s.actionIds.length))).toBeLessThanOrEqual(12);
    expect(new Set(a.actions.map((x) => x.type)).size).toBeGreaterThan(10);
    expect(new Set(a.actions.map((x) => x.id)).size).toBe(a.actions.length);
  });
});

describe('control API over HTTP', () => {
  it('creates accounts, sets faults, makes sessions, expires them, and keeps itself out of the log', async () => {
    const ctl = (path: string, json?: unknown) =>
      send(replica, `/__replica${path}`, {
        host: 'localhost',
        ...(json !== undefined ? { json } : {}),
      });
    const created = await ctl('/accounts', {
      spec: { app: 'fresh', dialect: 'scripted', seed: 'empty', sessionTtlMs: 60_000 },
    });
    expect(created.status).toBe(201);
    const state = JSON.parse((await ctl('/accounts/fresh/state')).body) as {
      products: unknown[];
      actionSets: unknown[];
    };
    expect(state.products).toEqual([]);
    expect(state.actionSets).toHaveLength(5);
    const session = JSON.parse((await ctl('/accounts/fresh/sessions', {})).body) as {
      name: string;
      value: string;
    };
    const cookie = `${session.name}=${session.value}`;
    const host = 'fresh.infusionsoft.com';
    expect((await send(replica, SCRIPTED.paths.actions, { host, cookie })).status).toBe(200);
    const faults = JSON.parse(
      (await ctl('/accounts/fresh/faults', { rate429: 1, retryAfterSec: 3 })).body,
    ) as { rate429: number };
    expect(faults.rate429).toBe(1);
    expect((await send(replica, SCRIPTED.paths.actions, { host, cookie })).status).toBe(429);
    await ctl('/accounts/fresh/faults', { rate429: 0 });
    await ctl('/accounts/fresh/expire', {});
    expect((await send(replica, SCRIPTED.paths.actions, { host, cookie })).status).toBe(302);
    const log = JSON.parse((await ctl('/accounts/fresh/log')).body) as {
      path: string;
      status: number;
      method: string;
      ms: number;
      time: string;
    }[];
    expect(log.map((l) => l.status)).toEqual([200, 429, 302]);
    expect(log.every((l) => !l.path.startsWith('/__replica'))).toBe(true);
    expect(log[0]).toMatchObject({ method: 'GET', path: SCRIPTED.paths.actions });
    expect(
      (await ctl('/accounts', { spec: { app: 'bad name', dialect: 'inline', seed: 'empty' } }))
        .status,
    ).toBe(400);
    expect((await ctl('/accounts/nosuch/state')).status).toBe(404);
  });
});
