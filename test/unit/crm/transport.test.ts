import { describe, expect, it, vi } from 'vitest';
import { ForeignTargetError } from '@/lib/crm/app';
import { formFields } from '@/lib/crm/forms';
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

describe('submitForm: where a form may send', () => {
  const TOKEN = 'tok-5ecret';
  const hostile = (action: string, method = 'post') =>
    form(
      `<form method="${method}" action="${action}"><input type="hidden" name="_csrf" value="${TOKEN}"></form>`,
    );

  it.each([
    'https://evil.infusionsoft.com/app/editor/save',
    'https://acme.infusionsoft.com/app/editor/save',
    'https://app.infusionsoft.com/save?app_id=other',
    '//evil.example/x',
    'javascript:void(0)',
  ])('refuses a form whose action is %s, sending nothing', async (action) => {
    const t = vi.fn<Transport>(async () => new Response('<p>ok</p>'));
    const f = hostile(action);
    await expect(submitForm(f, formFields(f), queue(), t, { base: BASE })).rejects.toBeInstanceOf(
      ForeignTargetError,
    );
    expect(t).not.toHaveBeenCalled();
    // Control: the same token in a same-account form is sent.
    const ok = hostile('/app/editor/save');
    await submitForm(ok, formFields(ok), queue(), t, { base: BASE });
    expect(t).toHaveBeenCalledTimes(1);
    expect(String(t.mock.calls[0]?.[1]?.body)).toContain(TOKEN);
  });

  it('checks against `account` when given, not the page the form came from', async () => {
    const t = vi.fn<Transport>(async () => new Response('<p>ok</p>'));
    const f = hostile('/save');
    const redirected = 'https://acme.infusionsoft.com/app/editor/list';
    await expect(
      submitForm(f, formFields(f), queue(), t, { base: redirected, account: BASE }),
    ).rejects.toThrow('https://acme.infusionsoft.com/save');
    expect(t).not.toHaveBeenCalled();
  });

  it('refuses a GET form on a shared host whose fields drop the account', async () => {
    const t = vi.fn<Transport>(async () => new Response('<p>ok</p>'));
    const shared = 'https://app.infusionsoft.com/app/editor?app_id=demo';
    const f = form('<form action="/app/editor?app_id=demo"><input name="type" value="1"></form>');
    await expect(submitForm(f, formFields(f), queue(), t, { base: shared })).rejects.toThrow(
      'https://app.infusionsoft.com/app/editor?type=1',
    );
    const kept = form(
      '<form action="/app/editor"><input type="hidden" name="app_id" value="demo"><input name="type" value="1"></form>',
    );
    await submitForm(kept, formFields(kept), queue(), t, { base: shared });
    expect(t.mock.calls[0]?.[0]).toBe('https://app.infusionsoft.com/app/editor?app_id=demo&type=1');
  });
});
