// Test client for the replica: raw https with a Host header (self-signed cert), a tiny cookie
// jar, and form handling that reads the page the way a browser would.
import { request as httpsRequest } from 'node:https';
import { Window } from 'happy-dom';
import type { Replica } from '../../replica/index.ts';

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ReqOpts {
  method?: string;
  host?: string;
  cookie?: string;
  form?: URLSearchParams;
  json?: unknown;
}

export function send(replica: Replica, path: string, o: ReqOpts = {}): Promise<Res> {
  const body = o.form
    ? o.form.toString()
    : o.json !== undefined
      ? JSON.stringify(o.json)
      : undefined;
  const host = o.host ?? 'demo.infusionsoft.com';
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: replica.port,
        path,
        method: o.method ?? (body === undefined ? 'GET' : 'POST'),
        servername: host,
        rejectUnauthorized: false,
        headers: {
          Host: host,
          ...(o.cookie ? { Cookie: o.cookie } : {}),
          ...(o.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          ...(o.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A signed-in client for one account (cookie from the in-process control API). */
export function client(replica: Replica, app: string) {
  const account = replica.accounts.get(app);
  if (!account) throw new Error(`no account ${app}`);
  const { name, value } = account.createSession();
  const cookie = `${name}=${value}`;
  const host = `${app}.infusionsoft.com`;
  return {
    account,
    cookie,
    get: (path: string) => send(replica, path, { host, cookie }),
    post: (path: string, form: URLSearchParams) => send(replica, path, { host, cookie, form }),
  };
}

const window = new Window();

export function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** What a browser would submit for this form, before the user changes anything. */
export function formValues(form: Element): URLSearchParams {
  const out = new URLSearchParams();
  for (const el of form.querySelectorAll('input, select, textarea')) {
    const name = el.getAttribute('name');
    if (!name) continue;
    if (el.tagName === 'SELECT') {
      const selected = [...el.querySelectorAll('option')].filter((o) => o.hasAttribute('selected'));
      const multiple = el.hasAttribute('multiple');
      const first = el.querySelector('option');
      const chosen = selected.length ? selected : !multiple && first ? [first] : [];
      for (const o of chosen) out.append(name, o.getAttribute('value') ?? o.textContent ?? '');
    } else if (el.tagName === 'TEXTAREA') {
      out.append(name, el.textContent ?? '');
    } else {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'button') continue;
      if ((type === 'checkbox' || type === 'radio') && !el.hasAttribute('checked')) continue;
      out.append(name, el.getAttribute('value') ?? (type === 'checkbox' ? 'on' : ''));
    }
  }
  return out;
}

/** Name of the control labelled `label` inside a form (label[for], wrapping label, legend). */
export function fieldName(form: Element, label: string): string {
  const labels = [...form.querySelectorAll('label, legend')];
  const text = (l: Element) => l.textContent?.replace(/\s*\*$/, '').trim() ?? '';
  // Exact label first ("Tag" must not hit "Tag action"), then a prefix.
  const ordered = [
    ...labels.filter((l) => text(l) === label),
    ...labels.filter((l) => text(l).startsWith(label)),
  ];
  for (const l of ordered) {
    const forId = l.getAttribute('for');
    const el = forId ? form.querySelector(`#${forId}`) : l.querySelector('input, select, textarea');
    const inFieldset = l.tagName === 'LEGEND' ? l.parentElement?.querySelector('input') : null;
    const name = (el ?? inFieldset)?.getAttribute('name');
    if (name) return name;
  }
  throw new Error(`no field labelled ${label}`);
}

export function optionValue(select: Element, text: string): string {
  const o = [...select.querySelectorAll('option')].find((x) => x.textContent?.trim() === text);
  if (!o) throw new Error(`no option ${text}`);
  return o.getAttribute('value') ?? '';
}

export function formWithButton(doc: Document | Element, value: string): HTMLFormElement {
  for (const f of doc.querySelectorAll('form')) {
    const inputs = [...f.querySelectorAll('input[type="submit"]')].map((i) =>
      i.getAttribute('value'),
    );
    const buttons = [...f.querySelectorAll('button')].map((b) => b.textContent?.trim());
    if (inputs.includes(value) || buttons.includes(value)) return f as HTMLFormElement;
  }
  throw new Error(`no form with button ${value}`);
}

export const pathOf = (form: Element): string => form.getAttribute('action') ?? '';

export interface OpenCall {
  url: string;
  name: string;
  features: string;
}

/**
 * Loads a page into a scripted happy-dom window at its real URL, with window.open recorded and
 * fetch answered by `fetchBody`, so tests can click the Actions buttons like a user.
 */
export async function scriptedWindow(url: string, html: string, fetchBody = '') {
  const w = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  const opened: OpenCall[] = [];
  const fetched: string[] = [];
  Object.assign(w, {
    open: (u: string, name: string, features: string) => {
      opened.push({ url: u, name, features });
      return null;
    },
    fetch: (u: string) => {
      fetched.push(String(u));
      return Promise.resolve(new w.Response(fetchBody));
    },
  });
  w.document.write(html);
  await w.happyDOM.waitUntilComplete();
  return { window: w, document: w.document as unknown as Document, opened, fetched };
}
