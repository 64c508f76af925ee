// A node-side Transport to the in-process replica: raw https to 127.0.0.1 with the account's Host
// header and session cookie (self-signed certificate), following redirects like fetch does.
import { request as httpsRequest } from 'node:https';
import { Window } from 'happy-dom';
import type { Transport } from '@/lib/crm/transport';
import type { Account, Replica } from '../../replica/index.ts';

interface Raw {
  status: number;
  headers: Headers;
  body: string;
}

function once(
  replica: Replica,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal?: AbortSignal | null,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: replica.port,
        path: url.pathname + url.search,
        method,
        servername: url.hostname,
        rejectUnauthorized: false,
        headers: { ...headers, Host: url.host },
        signal: signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: h,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function bodyText(body: RequestInit['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new Error('replica transport: only string bodies');
}

/** Every request the transport made, for tests that count or inspect traffic. */
export interface Sent {
  method: string;
  url: string;
  body?: string;
}

export interface ReplicaTransport {
  transport: Transport;
  sent: Sent[];
  cookie: string;
}

/** A Transport signed in to `app` (cookie minted in process, as a logged-in browser would hold). */
export function replicaTransport(replica: Replica, account: Account): ReplicaTransport {
  const { name, value } = account.createSession();
  const cookie = `${name}=${value}`;
  const sent: Sent[] = [];
  const transport: Transport = async (input, init = {}) => {
    let url = new URL(input);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = bodyText(init.body);
    const extra = Object.fromEntries(new Headers(init.headers).entries());
    for (let hops = 0; hops < 10; hops++) {
      sent.push({ method, url: url.href, ...(body !== undefined ? { body } : {}) });
      const raw = await once(replica, url, method, { ...extra, Cookie: cookie }, body, init.signal);
      const location = raw.headers.get('location');
      if ([301, 302, 303, 307, 308].includes(raw.status) && location) {
        url = new URL(location, url);
        if (raw.status <= 303) {
          method = 'GET';
          body = undefined;
          delete extra['content-type'];
        }
        continue;
      }
      const res = new Response(raw.body, { status: raw.status, headers: raw.headers });
      Object.defineProperty(res, 'url', { value: url.href });
      return res;
    }
    throw new TypeError('too many redirects');
  };
  return { transport, sent, cookie };
}

const window = new Window();

/** Parses HTML the way the extension's DOMParser would. */
export function parseHtml(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
