import { formFields } from './forms';
import { type CrmPage, CrmRequestError, fetchCrmPage, type PoliteQueue } from './polite';

/**
 * How lib/crm reaches the CRM. In the extension it is the browser's fetch in the admin's own
 * session; node tests and the benchmark pass one that talks to the replica with a cookie header.
 */
export type Transport = (url: string, init?: RequestInit) => Promise<Response>;

// Looked up at call time, so a test that stubs the global fetch is honoured.
export const browserTransport: Transport = (url, init) =>
  fetch(url, { credentials: 'include', redirect: 'follow', ...init });

/**
 * A write whose answer never arrived (dropped connection, 5xx, 429): the CRM may or may not have
 * done it. Retrying could do it twice, so the caller must re-read the set and decide.
 */
export class WriteUncertainError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(
      `A change was sent to the CRM but its answer was lost (${detail}). ` +
        'Re-read the action set to see whether it was made before trying again.',
    );
    this.name = 'WriteUncertainError';
  }
}

export interface SubmitOptions {
  signal?: AbortSignal;
  /** The URL the form's page came from, for a relative action (parsed pages have no base). */
  base?: string;
}

/** Where a form sends its fields: its own action, resolved like a browser would. */
export function formActionUrl(form: HTMLFormElement, base?: string): string {
  const action = form.getAttribute('action') ?? '';
  const docBase = form.ownerDocument.baseURI;
  const from = base ?? (/^https?:/i.test(docBase) ? docBase : undefined);
  return new URL(action, from).href;
}

/**
 * Submits a form as the browser would (application/x-www-form-urlencoded). GET forms are reads and
 * retry like fetchCrmHtml; POSTs are sent once, and a lost answer is a WriteUncertainError.
 */
export async function submitForm(
  form: HTMLFormElement,
  fields: URLSearchParams,
  queue: PoliteQueue,
  transport: Transport = browserTransport,
  opts: SubmitOptions = {},
): Promise<CrmPage> {
  const url = formActionUrl(form, opts.base);
  if ((form.getAttribute('method') ?? 'get').toLowerCase() !== 'post') {
    // A GET form replaces the action's query with its fields (HTML form submission rules).
    const target = new URL(url);
    target.search = fields.toString();
    target.hash = '';
    return fetchCrmPage(target.href, queue, opts.signal, transport);
  }
  return postOnce(url, fields, queue, transport, opts.signal);
}

async function postOnce(
  url: string,
  fields: URLSearchParams,
  queue: PoliteQueue,
  transport: Transport,
  signal?: AbortSignal,
): Promise<CrmPage> {
  let res: Response;
  try {
    res = await queue.run(
      () =>
        transport(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: fields.toString(),
          signal,
        }),
      signal,
    );
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new WriteUncertainError(url, 0, `no answer: ${String(e)}`);
  }
  if (res.ok) {
    try {
      return { html: await res.text(), url: res.url || url };
    } catch (e) {
      throw new WriteUncertainError(url, res.status, `answer cut off: ${String(e)}`);
    }
  }
  if (res.status === 429 || res.status >= 500) {
    throw new WriteUncertainError(url, res.status, `HTTP ${res.status}`);
  }
  throw new CrmRequestError(`The CRM answered ${res.status} for ${url}`, res.status);
}

/** Submits a form with the values it already holds, as clicking `submitter` would. */
export function submitAsIs(
  form: HTMLFormElement,
  submitter: Element | null,
  queue: PoliteQueue,
  transport?: Transport,
  opts?: SubmitOptions,
): Promise<CrmPage> {
  return submitForm(form, formFields(form, submitter), queue, transport, opts);
}
