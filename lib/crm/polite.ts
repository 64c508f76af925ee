import { browserTransport, type Transport } from './transport';

// Page traffic to the CRM has no published limit (crm-facts.md): stay polite. Defaults: at most
// 4 requests in flight and 8 per second, both configurable; back off on 429 and 5xx.

export interface Politeness {
  maxInFlight: number;
  maxPerSecond: number;
  /** Retries of one request after 429/5xx/network errors before giving up. */
  retries: number;
  /** First backoff; doubles each retry unless the server sent Retry-After. */
  backoffMs: number;
}

export const DEFAULT_POLITENESS: Politeness = {
  maxInFlight: 4,
  maxPerSecond: 8,
  retries: 4,
  backoffMs: 500,
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });

/** A gate that admits at most `maxInFlight` tasks, started at most `maxPerSecond` per second. */
export class PoliteQueue {
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private starts: number[] = [];
  /** How many tasks this queue has admitted: the requests the politeness limits govern. */
  admitted = 0;

  constructor(readonly limits: Politeness = DEFAULT_POLITENESS) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    while (this.inFlight >= this.limits.maxInFlight) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight++;
    try {
      for (;;) {
        const now = Date.now();
        this.starts = this.starts.filter((t) => now - t < 1000);
        if (this.starts.length < this.limits.maxPerSecond) break;
        await sleep(1000 - (now - (this.starts[0] ?? now)) + 1, signal);
      }
    } catch (e) {
      // Cancelled while waiting for the rate: give the slot back, or it leaks for good.
      this.release();
      throw e;
    }
    this.starts.push(Date.now());
    this.admitted++;
  }

  private release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }
}

export class SessionExpiredError extends Error {
  constructor() {
    super('Your Keap session has ended. Log in again in this tab, then resume.');
    this.name = 'SessionExpiredError';
  }
}

export class CrmRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'CrmRequestError';
  }
}

function retryAfterMs(res: Response): number | null {
  const h = res.headers.get('retry-after');
  if (!h) return null;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.min(s * 1000, 120_000);
  const d = Date.parse(h);
  return Number.isNaN(d) ? null : Math.max(0, Math.min(d - Date.now(), 120_000));
}

/** A fetched page with the URL it finally came from (after redirects), for resolving its links. */
export interface CrmPage {
  html: string;
  url: string;
}

/**
 * GETs a CRM page through the admin's own session and returns its HTML. Retries 429 / 5xx /
 * dropped connections with backoff. Never trusts status alone: the caller judges the content
 * (an expired session answers 200 with a login page).
 */
export async function fetchCrmHtml(
  url: string,
  queue: PoliteQueue,
  signal?: AbortSignal,
  transport?: Transport,
): Promise<string> {
  return (await fetchCrmPage(url, queue, signal, transport)).html;
}

/** fetchCrmHtml that also reports where the answer finally came from. */
export async function fetchCrmPage(
  url: string,
  queue: PoliteQueue,
  signal?: AbortSignal,
  transport: Transport = browserTransport,
  init: RequestInit = {},
): Promise<CrmPage> {
  const { retries, backoffMs } = queue.limits;
  for (let attempt = 0; ; attempt++) {
    let wait = backoffMs * 2 ** attempt;
    try {
      const res = await queue.run(() => transport(url, { ...init, signal }), signal);
      if (res.ok) return { html: await res.text(), url: res.url || url };
      if (res.status !== 429 && res.status < 500) {
        throw new CrmRequestError(`The CRM answered ${res.status} for ${url}`, res.status);
      }
      wait = retryAfterMs(res) ?? wait;
      if (attempt >= retries) {
        throw new CrmRequestError(`The CRM kept answering ${res.status}`, res.status);
      }
    } catch (e) {
      if (signal?.aborted || e instanceof CrmRequestError) throw e;
      if (attempt >= retries) throw new CrmRequestError(`No answer from the CRM: ${String(e)}`, 0);
    }
    await sleep(wait, signal);
  }
}
