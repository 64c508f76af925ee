import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchCrmHtml, PoliteQueue } from '@/lib/crm/polite';

describe('PoliteQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never has more than maxInFlight tasks running', async () => {
    const q = new PoliteQueue({ maxInFlight: 2, maxPerSecond: 100, retries: 0, backoffMs: 1 });
    let running = 0;
    let peak = 0;
    const task = () =>
      q.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
      });
    const all = Promise.all(Array.from({ length: 7 }, task));
    await vi.runAllTimersAsync();
    await all;
    expect(peak).toBe(2);
  });

  it('starts at most maxPerSecond tasks in any second', async () => {
    const q = new PoliteQueue({ maxInFlight: 10, maxPerSecond: 3, retries: 0, backoffMs: 1 });
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 7 }, () => q.run(async () => starts.push(Date.now()))),
    );
    await vi.runAllTimersAsync();
    await all;
    const t0 = starts[0] ?? 0;
    expect(starts.filter((t) => t - t0 < 1000).length).toBe(3);
    expect(starts.at(-1)).toBeGreaterThanOrEqual(t0 + 2000);
  });

  it('gives back the slot of a task cancelled while it waited for the rate', async () => {
    const q = new PoliteQueue({ maxInFlight: 1, maxPerSecond: 1, retries: 0, backoffMs: 1 });
    await q.run(async () => {});
    const cancel = new AbortController();
    const waiting = q.run(async () => 'never', cancel.signal);
    cancel.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    const next = q.run(async () => 'ran');
    await vi.runAllTimersAsync();
    await expect(next).resolves.toBe('ran');
  });
});

describe('fetchCrmHtml', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('retries 429 after Retry-After and 5xx with backoff, then returns the page', async () => {
    const answers = [
      new Response('slow down', { status: 429, headers: { 'Retry-After': '0' } }),
      new Response('oops', { status: 503 }),
      new Response('<p>ok</p>', { status: 200 }),
    ];
    const fetchMock = vi.fn(async () => answers.shift() ?? new Response('', { status: 500 }));
    vi.stubGlobal('fetch', fetchMock);
    const q = new PoliteQueue({ maxInFlight: 1, maxPerSecond: 100, retries: 3, backoffMs: 1 });
    await expect(fetchCrmHtml('https://demo.infusionsoft.com/x', q)).resolves.toBe('<p>ok</p>');
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('gives up after its retries with the last status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 502 })),
    );
    const q = new PoliteQueue({ maxInFlight: 1, maxPerSecond: 100, retries: 2, backoffMs: 1 });
    await expect(fetchCrmHtml('https://demo.infusionsoft.com/x', q)).rejects.toThrow('502');
  });

  it('does not retry a 404', async () => {
    const fetchMock = vi.fn(async () => new Response('', { status: 404 }));
    vi.stubGlobal('fetch', fetchMock);
    const q = new PoliteQueue({ maxInFlight: 1, maxPerSecond: 100, retries: 3, backoffMs: 1 });
    await expect(fetchCrmHtml('https://demo.infusionsoft.com/x', q)).rejects.toThrow('404');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
