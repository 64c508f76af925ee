// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE, type Replica, SCRIPTED, startReplica } from '../../replica/index.ts';
import { client, formValues, parse, send } from './helpers.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({
    accounts: [
      { app: 'demo', dialect: 'inline', seed: 'demo' },
      { app: 'acme', dialect: 'scripted', seed: 'acme' },
      { app: 'brief', dialect: 'inline', seed: 'empty', sessionTtlMs: 300 },
    ],
  });
});
afterAll(() => replica.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sessions and login', () => {
  it.each([
    ['demo', INLINE],
    ['acme', SCRIPTED],
  ])('%s: no session -> 302 same-host login -> 200 login page of ~55 KB', async (app, d) => {
    const host = `${app}.infusionsoft.com`;
    const first = await send(replica, d.paths.actions, { host });
    expect(first.status).toBe(302);
    const location = String(first.headers.location);
    expect(location.startsWith(d.paths.login)).toBe(true);
    const login = await send(replica, location, { host });
    expect(login.status).toBe(200);
    expect(login.body.length).toBeGreaterThan(50_000);
    expect(login.body.length).toBeLessThan(60_000);
    const doc = parse(login.body);
    expect(doc.querySelector('input[type="email"]')).not.toBeNull();
    expect(doc.querySelector('input[type="password"]')).not.toBeNull();
    expect(doc.querySelector('button[type="submit"]')?.textContent).toBe('Log In');
  });

  it('logs in with password demo and returns to the page; wrong password shows an error', async () => {
    const host = 'demo.infusionsoft.com';
    const loginUrl = String((await send(replica, INLINE.paths.actions, { host })).headers.location);
    const doc = parse((await send(replica, loginUrl, { host })).body);
    const form = doc.querySelector('form');
    if (!form) throw new Error('no login form');
    const values = formValues(form);
    values.set('email', 'someone@example.com');
    values.set('password', 'wrong');
    const bad = await send(replica, form.getAttribute('action') ?? '', { host, form: values });
    expect(bad.status).toBe(200);
    expect(bad.body).toContain('incorrect');
    values.set('password', 'demo');
    const ok = await send(replica, form.getAttribute('action') ?? '', { host, form: values });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe(INLINE.paths.actions);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/^JSESSIONID_demo=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0] ?? '';
    const page = await send(replica, INLINE.paths.actions, { host, cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Default Settings');
  });

  it('refuses open redirects after login', async () => {
    const form = new URLSearchParams({
      email: 'a@b.c',
      password: 'demo',
      returnTo: '//evil.example/',
    });
    const res = await send(replica, INLINE.paths.login, { form });
    expect(res.headers.location).toBe(INLINE.paths.home);
  });

  it('sessions expire after the TTL, slide on use, and keepAlive extends them', async () => {
    const c = client(replica, 'brief');
    expect((await c.get(INLINE.paths.home)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      await sleep(150);
      expect((await c.get('/app/session/keepAlive')).status).toBe(200);
    }
    await sleep(400);
    const expired = await c.get(INLINE.paths.home);
    expect(expired.status).toBe(302);
    expect(String(expired.headers.location)).toContain(INLINE.paths.login);
  });

  it('expireSessions() logs everyone out; endpoints redirect too', async () => {
    const c = client(replica, 'acme');
    expect((await c.get(SCRIPTED.paths.typeahead)).status).toBe(200);
    c.account.expireSessions();
    expect((await c.get(SCRIPTED.paths.typeahead)).status).toBe(302);
    expect((await c.get('/app/session/keepAlive')).status).toBe(302);
  });

  it('a cookie of one account does not open another', async () => {
    const c = client(replica, 'demo');
    const res = await send(replica, SCRIPTED.paths.actions, {
      host: 'acme.infusionsoft.com',
      cookie: c.cookie,
    });
    expect(res.status).toBe(302);
  });
});

describe('hosts', () => {
  it('accepts app.infusionsoft.com and keap.app with app_id, keeping app_id in links', async () => {
    const { name, value } = replica.accounts.get('demo')?.createSession() ?? {
      name: '',
      value: '',
    };
    for (const host of ['app.infusionsoft.com', 'keap.app']) {
      const res = await send(replica, `${INLINE.paths.actions}?app_id=demo`, {
        host,
        cookie: `${name}=${value}`,
      });
      expect(res.status).toBe(200);
      const onclick = parse(res.body)
        .querySelector('input[value="Actions"]')
        ?.getAttribute('onclick');
      expect(onclick).toContain('/app/purchaseActions/editActionSet?triggerId=1&app_id=demo');
      const anon = await send(replica, `${INLINE.paths.actions}?app_id=demo`, { host });
      expect(String(anon.headers.location)).toContain('app_id=demo');
    }
  });

  it('unknown app -> 404 Account not found; unknown path -> 404 page', async () => {
    const res = await send(replica, '/', { host: 'nosuch.infusionsoft.com' });
    expect(res.status).toBe(404);
    expect(res.body).toContain('Account not found');
    expect((await send(replica, '/', { host: 'keap.app' })).status).toBe(404);
    const c = client(replica, 'demo');
    const missing = await c.get('/no/such/page.jsp');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('Page not found');
  });
});
