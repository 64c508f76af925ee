import { ForeignTargetError, sameAccountUrl } from './app';
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
  /**
   * A URL of the account the form must send to (default: `base`, else the form's own document).
   * A form whose action leaves that origin or account is refused before anything is sent.
   */
  account?: string;
}

/** The page a form stands on: `base`, else its document's own URL when that is a web page. */
function pageOf(form: HTMLFormElement, base?: string): string | undefined {
  const docBase = form.ownerDocument.baseURI;
  return base ?? (/^https?:/i.test(docBase) ? docBase : undefined);
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
  const page = pageOf(form, opts.base);
  const home = opts.account ?? page ?? '';
  const action = form.getAttribute('action') ?? '';
  // The action comes from fetched markup and the fields carry the anti-forgery token: the URL
  // actually requested must stay on the account before anything is sent.
  if ((form.getAttribute('method') ?? 'get').toLowerCase() !== 'post') {
    // A GET form replaces the action's query with its fields (HTML form submission rules), so
    // on a shared host the account (?app_id=) must be among them.
    let target: URL;
    try {
      target = new URL(action, page);
    } catch {
      throw new ForeignTargetError(action, home);
    }
    target.search = fields.toString();
    target.hash = '';
    const url = sameAccountUrl(target.href, undefined, home);
    return fetchCrmPage(url, queue, opts.signal, transport);
  }
  const url = sameAccountUrl(action, page, home);
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
