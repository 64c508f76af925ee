import { describe, expect, it, vi } from 'vitest';
import { CrmRequestError, PoliteQueue } from '@/lib/crm/polite';
import { submitForm, type Transport, WriteUncertainError } from '@/lib/crm/transport';

const queue = () =>
  new PoliteQueue({ maxInFlight: 1, maxPerSecond: 1000, retries: 3, backoffMs: 1 });
const form = (html: string) =>
  new DOMParser().parseFromString(html, 'text/html').querySelector('form') as HTMLFormElement;
const BASE = 'https://demo.infusionsoft.com/app/editor/list?set=3';

describe('submitForm', () => {
  it('POSTs urlencoded fields once to the resolved action', async () => {
    const t = vi.fn<Transport>(async () => new Response('<p>ok</p>'));
    const f = form('<form method="POST" action="save?x=1"></form>');
    const page = await submitForm(f, new URLSearchParams({ a: '1 2', b: '&' }), queue(), t, {
      base: BASE,
    });
    expect(page.html).toBe('<p>ok</p>');
    expect(t).toHaveBeenCalledTimes(1);
    const [url, init] = t.mock.calls[0] ?? [];
    expect(url).toBe('https://demo.infusionsoft.com/app/editor/save?x=1');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('a=1+2&b=%26');
    expect(new Headers(init?.headers).get('content-type')).toBe(
      'application/x-www-form-urlencoded',
    );
  });

  it.each([503, 429])(
    'never retries a POST answered %i: the write is uncertain',
    async (status) => {
      const t = vi.fn<Transport>(async () => new Response('busy', { status }));
      const f = form('<form method="post" action="/save"></form>');
      await expect(
        submitForm(f, new URLSearchParams(), queue(), t, { base: BASE }),
      ).rejects.toBeInstanceOf(WriteUncertainError);
      expect(t).toHaveBeenCalledTimes(1);
    },
  );

  it('treats a dropped POST as uncertain, and a 404 as a plain refusal', async () => {
    const f = form('<form method="post" action="/save"></form>');
    const dropped: Transport = async () => {
      throw new TypeError('socket hang up');
    };
    await expect(
      submitForm(f, new URLSearchParams(), queue(), dropped, { base: BASE }),
    ).rejects.toBeInstanceOf(WriteUncertainError);
    const missing: Transport = async () => new Response('', { status: 404 });
    await expect(
      submitForm(f, new URLSearchParams(), queue(), missing, { base: BASE }),
    ).rejects.toBeInstanceOf(CrmRequestError);
  });

  it('GET forms replace the action query with the fields and retry like any read', async () => {
    const answers = [new Response('', { status: 503 }), new Response('<p>form</p>')];
    const t = vi.fn<Transport>(async () => answers.shift() ?? new Response('', { status: 500 }));
    const f = form('<form action="/app/editor/list?old=1#top"></form>');
    const page = await submitForm(f, new URLSearchParams({ type: 'Send an email' }), queue(), t, {
      base: BASE,
    });
    expect(page.html).toBe('<p>form</p>');
    expect(t).toHaveBeenCalledTimes(2);
    expect(t.mock.calls[1]?.[0]).toBe(
      'https://demo.infusionsoft.com/app/editor/list?type=Send+an+email',
    );
    expect(t.mock.calls[1]?.[1]?.method).toBeUndefined();
  });
});
