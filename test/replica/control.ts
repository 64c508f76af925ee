// HTTP twin of the in-process control API, under /__replica/. Never faulted, never logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDialectName } from './dialects.ts';
import type { Account } from './state/account.ts';
import type { AccountSpec, Faults } from './state/types.ts';

export interface ControlHost {
  accounts: Map<string, Account>;
  createAccount(spec: AccountSpec): Account;
}

const send = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(value));
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseSpec(body: unknown): AccountSpec {
  const raw = isRecord(body) && isRecord(body.spec) ? body.spec : body;
  if (!isRecord(raw)) throw new Error('spec must be an object');
  const { app, dialect, seed, sessionTtlMs, settingRunOnAllOrders } = raw;
  if (typeof app !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(app) || app === 'app') {
    throw new Error('spec.app must be a subdomain-safe name (not "app")');
  }
  if (typeof dialect !== 'string' || !isDialectName(dialect))
    throw new Error(
      'spec.dialect must be inline, scripted, generated:<seed> or a registered custom:<name>',
    );
  let parsedSeed: AccountSpec['seed'];
  if (seed === 'demo' || seed === 'acme' || seed === 'empty') parsedSeed = seed;
  else if (isRecord(seed) && isRecord(seed.generate)) {
    const g = seed.generate;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);
    const products = n(g.products);
    const maxActions = n(g.maxActions);
    const s = n(g.seed);
    if ([products, maxActions, s].some(Number.isNaN))
      throw new Error('seed.generate needs products, maxActions, seed');
    parsedSeed = { generate: { products, maxActions, seed: s } };
  } else throw new Error('spec.seed must be demo, acme, empty or {generate}');
  return {
    app: app.toLowerCase(),
    dialect,
    seed: parsedSeed,
    ...(typeof sessionTtlMs === 'number' ? { sessionTtlMs } : {}),
    ...(typeof settingRunOnAllOrders === 'boolean' ? { settingRunOnAllOrders } : {}),
  };
}

function parseFaults(body: unknown): Partial<Faults> {
  if (!isRecord(body)) throw new Error('faults must be an object');
  const out: Partial<Faults> = {};
  const keys = [
    'latencyMs',
    'error5xxRate',
    'rate429',
    'retryAfterSec',
    'dropRate',
    'slowPageMs',
    'seed',
  ] as const;
  for (const k of keys) {
    const v = body[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`${k} must be a number >= 0`);
    out[k] = v;
  }
  const mode = body.popupMode;
  if (mode !== undefined) {
    if (mode !== 'normal' && mode !== 'open-other-first' && mode !== 'late')
      throw new Error('popupMode must be normal, open-other-first or late');
    out.popupMode = mode;
  }
  return out;
}

export async function handleControl(
  host: ControlHost,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: string,
): Promise<void> {
  try {
    const parts = path.split('/').filter(Boolean).slice(1); // drop "__replica"
    const method = req.method ?? 'GET';
    const parsed: unknown = body ? JSON.parse(body) : {};
    if (parts[0] !== 'accounts') return send(res, 404, { error: 'unknown control path' });
    if (parts.length === 1) {
      if (method === 'GET') return send(res, 200, [...host.accounts.keys()]);
      if (method === 'POST') {
        const account = host.createAccount(parseSpec(parsed));
        return send(res, 201, { app: account.app, dialect: account.spec.dialect });
      }
    }
    const account = host.accounts.get(parts[1] ?? '');
    if (!account) return send(res, 404, { error: 'Account not found' });
    const action = `${method} ${parts[2] ?? ''}`;
    switch (action) {
      case 'GET state':
        return send(res, 200, account.state);
      case 'GET log':
        return send(res, 200, account.requestLog);
      case 'GET faults':
        return send(res, 200, account.faults);
      case 'POST faults':
        return send(res, 200, account.setFaults(parseFaults(parsed)));
      case 'POST sessions':
        return send(res, 201, account.createSession());
      case 'POST expire':
        account.expireSessions();
        return send(res, 200, { ok: true });
      default:
        return send(res, 404, { error: 'unknown control path' });
    }
  } catch (e) {
    return send(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
