// What every page handler receives and returns. Handlers are pure functions of (ctx) -> Reply
// so the server can wrap them uniformly in sessions, faults and logging.
import type { IncomingMessage } from 'node:http';
import type { DialectSpec } from './dialects.ts';
import type { Account, Session } from './state/account.ts';

export interface Ctx {
  req: IncomingMessage;
  method: string;
  url: URL;
  query: URLSearchParams;
  form: URLSearchParams;
  account: Account;
  d: DialectSpec;
  session: Session | undefined;
  /** Other account names, for the account switcher. */
  otherApps: string[];
  /** Same-host URL; adds app_id when the account came from the query (keap.app shapes). */
  link(path: string, params?: Record<string, string>): string;
}

export interface Reply {
  status: number;
  body: string;
  type?: string;
  headers?: Record<string, string | string[]>;
}

export const html = (body: string, status = 200): Reply => ({
  status,
  body,
  type: 'text/html; charset=UTF-8',
});
export const json = (value: unknown, status = 200): Reply => ({
  status,
  body: JSON.stringify(value),
  type: 'application/json; charset=UTF-8',
});
export const redirect = (
  location: string,
  headers: Record<string, string | string[]> = {},
): Reply => ({
  status: 302,
  body: '',
  headers: { ...headers, Location: location },
});
