// Request pipeline: control API -> account from host/app_id -> faults -> session -> page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ControlHost, handleControl } from './control.ts';
import { type DialectSpec, dialectSpec } from './dialects.ts';
import type { Ctx, Reply } from './http.ts';
import { accountNotFoundPage, notFoundPage } from './pages/misc.ts';
import { type Route, routesFor } from './routes/table.ts';

// One route table per dialect, made the first time an account of that dialect is asked for.
const ROUTES = new WeakMap<DialectSpec, Map<string, Route>>();
function routesOf(d: DialectSpec): Map<string, Route> {
  let routes = ROUTES.get(d);
  if (!routes) {
    routes = routesFor(d);
    ROUTES.set(d, routes);
  }
  return routes;
}
const SHARED_HOSTS = new Set(['app.infusionsoft.com', 'keap.app', 'localhost', '127.0.0.1']);
const MAX_BODY = 1024 * 1024;

/** crm-facts "Hosts and accounts": `<app>.infusionsoft.com`, or `?app_id=` on shared hosts. */
export function resolveApp(
  host: string,
  query: URLSearchParams,
): { app: string; viaQuery: boolean } {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const sub = /^([a-z0-9-]+)\.infusionsoft\.com$/.exec(name)?.[1];
  if (sub && !SHARED_HOSTS.has(name)) return { app: sub, viaQuery: false };
  return { app: (query.get('app_id') ?? '').toLowerCase(), viaQuery: true };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

function write(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    'Content-Type': reply.type ?? 'text/html; charset=UTF-8',
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  res.end(reply.body);
}

export async function handle(
  host: ControlHost,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = Date.now();
  const hostHeader = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `https://${hostHeader.replace(/:\d+$/, '')}`);
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/__replica/')) {
    return handleControl(
      host,
      req,
      res,
      url.pathname,
      method === 'POST' ? await readBody(req) : '',
    );
  }
  // Browsers ask for it on every page; keep it out of the log so tests count real traffic.
  if (url.pathname === '/favicon.ico') return write(res, { status: 204, body: '' });
  const { app, viaQuery } = resolveApp(hostHeader, url.searchParams);
  const account = host.accounts.get(app);
  if (!account) return write(res, { status: 404, body: accountNotFoundPage(app) });

  const log = (status: number) =>
    account.requestLog.push({
      method,
      path: url.pathname + url.search,
      status,
      ms: Date.now() - started,
      time: new Date(started).toISOString(),
    });
  const f = account.faults;
  // Roll every die on every request, in a fixed order, so a seed replays the same run.
  const [drop, r429, r5xx] = [account.roll(), account.roll(), account.roll()];
  if (drop < f.dropRate) {
    log(0);
    req.socket.destroy();
    return;
  }
  if (f.latencyMs > 0) await sleep(f.latencyMs);
  if (r429 < f.rate429) {
    log(429);
    return write(res, {
      status: 429,
      body: '<html><body><h1>Too Many Requests</h1></body></html>',
      headers: { 'Retry-After': String(f.retryAfterSec) },
    });
  }
  if (r5xx < f.error5xxRate) {
    log(503);
    return write(res, {
      status: 503,
      body: '<html><body><h1>Service Unavailable</h1></body></html>',
    });
  }

  const d = dialectSpec(account.spec.dialect);
  const route: Route | undefined = routesOf(d).get(url.pathname);
  const form = new URLSearchParams(method === 'POST' ? await readBody(req).catch(() => '') : '');
  const session = account.touchSession(cookieValue(req, account.cookieName));
  const link = (path: string, params: Record<string, string> = {}) => {
    const q = new URLSearchParams(params);
    if (viaQuery) q.set('app_id', account.app);
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const ctx: Ctx = {
    req,
    method,
    url,
    query: url.searchParams,
    form,
    account,
    d,
    session,
    otherApps: [...host.accounts.keys()],
    link,
  };

  let reply: Reply;
  if (!session && !route?.public) {
    // crm-facts "Sessions": no 401; a same-host redirect to a login page that answers 200.
    const back = method === 'GET' ? url.pathname + url.search : link(d.paths.home);
    reply = {
      status: 302,
      body: '',
      headers: { Location: link(d.paths.login, { [d.returnParam]: back }) },
    };
  } else {
    const handler =
      method === 'GET' || method === 'HEAD'
        ? route?.get
        : method === 'POST'
          ? route?.post
          : undefined;
    if (route?.slow && f.slowPageMs > 0) await sleep(f.slowPageMs);
    reply = handler ? handler(ctx) : { status: 404, body: notFoundPage(ctx) };
  }
  const rewrite = account.rewritePage;
  if (
    rewrite &&
    typeof reply.body === 'string' &&
    (reply.type ?? 'text/html').startsWith('text/html')
  )
    reply = { ...reply, body: rewrite(url.pathname, reply.body) };
  log(reply.status);
  write(res, reply);
}
