// Public entry of the replica Keap Max Classic CRM (see README.md).
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { handle } from './server.ts';
import { Account } from './state/account.ts';
import type { AccountSpec } from './state/types.ts';

export type { DialectSpec } from './dialects.ts';
export { INLINE, SCRIPTED } from './dialects.ts';
export { DEMO_PASSWORD } from './routes/auth.ts';
export { KEEP_ALIVE_PATH } from './routes/table.ts';
export { Account } from './state/account.ts';
export type * from './state/types.ts';

export interface Replica {
  port: number;
  origin(app: string): string;
  hostResolverRules: string;
  accounts: Map<string, Account>;
  createAccount(spec: AccountSpec): Account;
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  port?: number;
  accounts?: AccountSpec[];
}

export const DEFAULT_ACCOUNTS: AccountSpec[] = [
  { app: 'demo', dialect: 'inline', seed: 'demo' },
  { app: 'acme', dialect: 'scripted', seed: 'acme' },
];

async function certificate(): Promise<{ key: string; cert: string }> {
  // EC keys generate in milliseconds; the SANs cover every host the browser maps to us.
  const pems = await generate([{ name: 'commonName', value: '*.infusionsoft.com' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: '*.infusionsoft.com' },
          { type: 2, value: 'keap.app' },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function startReplica(opts: ReplicaOptions = {}): Promise<Replica> {
  const accounts = new Map<string, Account>();
  const createAccount = (spec: AccountSpec): Account => {
    const account = new Account(spec);
    accounts.set(spec.app, account);
    return account;
  };
  for (const spec of opts.accounts ?? DEFAULT_ACCOUNTS) createAccount(spec);
  const host = { accounts, createAccount };
  const server: Server = createServer(await certificate(), (req, res) => {
    handle(host, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`replica error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: (app) => `https://${app}.infusionsoft.com`,
    hostResolverRules: `MAP *.infusionsoft.com 127.0.0.1:${port}, MAP keap.app 127.0.0.1:${port}`,
    accounts,
    createAccount,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
