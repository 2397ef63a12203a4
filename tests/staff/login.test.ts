// Login, logout, sessions, CSRF and throttling through app.request(), on a real in-memory database.
import { describe, expect, it } from 'vitest';
import { disableStaff } from '../../db/staff.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../server/staff/sessions.ts';
import { createTestApp } from '../helpers.ts';
import { addStaff, asStaff, sessionFor, TEST_PASSWORD } from '../staff-helpers.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>['app'];

/** GET the login page and take the form's signed token, as a browser would. */
async function loginToken(app: TestApp): Promise<string> {
  const html = await (await app.request('/intern/anmelden')).text();
  return /name="token" value="([^"]+)"/.exec(html)![1]!;
}

async function postLogin(app: TestApp, login: string, password: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ token: await loginToken(app), login, password, ...extra });
  return app.request('/intern/anmelden', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
}

const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

describe('login and logout', () => {
  it('logs in with the right password: a 303 to /intern and an HttpOnly, SameSite=Lax session cookie', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'staff', departments: ['tiefbau'], login: 'mmuster', name: 'Maria Muster' });
    const res = await postLogin(app, 'MMuster', TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/intern');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^stadtmelder=[\w-]{24}; Path=\/; HttpOnly; SameSite=Lax$/);
    const page = await app.request('/intern', { headers: { Cookie: cookieOf(res) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Angemeldet als Maria Muster (Sachbearbeitung).');
    // Only the hash of the token is stored.
    const token = cookieOf(res).split('=')[1]!;
    const rows = await ctx.db.selectFrom('staff_sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('uses a __Host- cookie with Secure when the public URL is https', async () => {
    const { app, ctx } = await createTestApp({ config: { publicBaseUrl: 'https://melder.mainz.de' } });
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const res = await postLogin(app, 'chefin', TEST_PASSWORD);
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-stadtmelder=[\w-]{24}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('refuses a wrong password or an unknown login with the same message, keeping the login', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    for (const [login, password] of [['chefin', 'falsches Passwort'], ['niemand', TEST_PASSWORD]] as const) {
      const res = await postLogin(app, login, password);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      const html = await res.text();
      expect(html).toContain('Anmeldename oder Passwort stimmen nicht.');
      expect(html).toContain(`value="${login}"`);
      expect(html).not.toContain(password);
    }
    expect(await ctx.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(0);
  });

  it('returns to the page that asked for the login, but never outside /intern', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const first = await app.request('/intern/meldungen/1');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/intern/anmelden?ziel=%2Fintern%2Fmeldungen%2F1');
    expect((await postLogin(app, 'chefin', TEST_PASSWORD, { ziel: '/intern/meldungen/1' })).headers.get('location')).toBe('/intern/meldungen/1');
    for (const bad of ['https://evil.example/', '//evil.example/intern', '/karte', '/intern//evil.example']) {
      expect((await postLogin(app, 'chefin', TEST_PASSWORD, { ziel: bad })).headers.get('location'), bad).toBe('/intern');
    }
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    expect((await staff.request('/intern')).status).toBe(200);
    const out = await staff.request('/intern/abmelden', { method: 'POST', body: new URLSearchParams({ csrf: staff.csrfToken }) });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/intern/anmelden?abgemeldet=1');
    expect(out.headers.get('set-cookie')).toMatch(/^stadtmelder=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
    const again = await staff.request('/intern');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/intern/anmelden');
    const row = await ctx.db.selectFrom('staff_sessions').selectAll().executeTakeFirstOrThrow();
    expect(row.ended_at).toBe(ctx.clock.now().toISOString());
    expect(await (await app.request('/intern/anmelden?abgemeldet=1')).text()).toContain('Sie sind abgemeldet.');
  });

  it('disabling an account ends all its sessions', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'] });
    const second = await sessionFor(ctx, staff.staff.id);
    await disableStaff(ctx.db, staff.staff.id, ctx.clock.now().toISOString());
    expect((await staff.request('/intern')).status).toBe(303);
    expect((await app.request('/intern', { headers: { Cookie: second.cookie } })).status).toBe(303);
    const rows = await ctx.db.selectFrom('staff_sessions').select('ended_at').execute();
    expect(rows.map((r) => r.ended_at)).toEqual([ctx.clock.now().toISOString(), ctx.clock.now().toISOString()]);
    expect((await postLogin(app, staff.staff.login, TEST_PASSWORD)).status).toBe(401);
  });
});

describe('session timeouts', () => {
  it('ends a session idle for 30 minutes and redirects to the login saying so', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    ctx.clock.advance(IDLE_TIMEOUT_MS - 1000);
    expect((await staff.request('/intern')).status).toBe(200);
    ctx.clock.advance(IDLE_TIMEOUT_MS - 1000); // active a moment ago: still fine
    expect((await staff.request('/intern')).status).toBe(200);
    ctx.clock.advance(IDLE_TIMEOUT_MS);
    const res = await staff.request('/intern');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/intern/anmelden?abgelaufen=1');
    expect(res.headers.get('set-cookie')).toMatch(/^stadtmelder=; Max-Age=0/);
    expect(await (await app.request(res.headers.get('location')!)).text()).toContain('Ihre Sitzung ist abgelaufen.');
    ctx.clock.advance(1000);
    expect((await staff.request('/intern')).headers.get('location')).toBe('/intern/anmelden');
  });

  it('ends any session after 12 hours, however busy', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - 20 * 60_000; elapsed += 20 * 60_000) {
      ctx.clock.advance(20 * 60_000);
      expect((await staff.request('/intern')).status).toBe(200);
    }
    ctx.clock.advance(20 * 60_000);
    expect((await staff.request('/intern')).headers.get('location')).toBe('/intern/anmelden?abgelaufen=1');
  });
});

describe('CSRF', () => {
  it('refuses a POST under /intern without or with a wrong token (403), and logout with a good one works', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    for (const body of [new URLSearchParams(), new URLSearchParams({ csrf: 'falsch' }), new URLSearchParams({ csrf: staff.csrfToken.slice(0, -1) + 'x' })]) {
      const res = await staff.request('/intern/abmelden', { method: 'POST', body });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Das Formular ist abgelaufen oder kam nicht von dieser Seite.');
    }
    const json = await staff.request('/intern/abmelden?lang=en', { method: 'POST', body: new URLSearchParams(), headers: { Accept: 'application/json' } });
    expect(await json.json()).toEqual({ error: { status: 403, message: 'The form has expired or did not come from this site. Please reload the page and try again.' } });
    expect((await staff.request('/intern')).status).toBe(200); // still logged in
    // Another session's token does not fit this session.
    const other = await sessionFor(ctx, staff.staff.id);
    expect((await staff.request('/intern/abmelden', { method: 'POST', body: new URLSearchParams({ csrf: other.csrfToken }) })).status).toBe(403);
    const crossSite = await staff.request('/intern/abmelden', { method: 'POST', body: new URLSearchParams({ csrf: staff.csrfToken }), headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect((await staff.request('/intern/abmelden', { method: 'POST', body: new URLSearchParams({ csrf: staff.csrfToken }) })).status).toBe(303);
  });

  it('refuses a login without a valid signed form token or from another site', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const form = (token: string) => new URLSearchParams({ token, login: 'chefin', password: TEST_PASSWORD });
    const type = { 'Content-Type': 'application/x-www-form-urlencoded' };
    for (const token of ['', '123.abc', `${ctx.clock.now().getTime()}.AAAAAAAAAAAAAAAAAAAAAA`]) {
      expect((await app.request('/intern/anmelden', { method: 'POST', body: form(token), headers: type })).status, token).toBe(403);
    }
    const stale = await loginToken(app);
    ctx.clock.advance(3 * 3600_000);
    expect((await app.request('/intern/anmelden', { method: 'POST', body: form(stale), headers: type })).status).toBe(403);
    expect((await postLogin(app, 'chefin', TEST_PASSWORD, {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await postLogin(app, 'chefin', TEST_PASSWORD, {}, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303);
  });

  it('GET never changes anything: GET /intern/abmelden does not log out', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    expect((await staff.request('/intern/abmelden')).status).toBe(404);
    expect((await staff.request('/intern')).status).toBe(200);
  });
});

describe('login throttling', () => {
  it('after 5 failures for an account within 15 minutes, answers 429 even to the right password', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    for (let i = 0; i < 5; i++) expect((await postLogin(app, 'chefin', `falsch-${i}-xxxxxx`, {}, { 'X-Forwarded-For': `10.0.0.${i}` })).status).toBe(401);
    const res = await postLogin(app, 'chefin', TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(15 * 60);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<h1>Zu viele Anmeldeversuche</h1>');
    expect(html).toContain('Bitte warten Sie 15 Minuten');
    // Other accounts are not affected by this account's limit.
    await addStaff(ctx, { role: 'admin', login: 'kollege' });
    expect((await postLogin(app, 'kollege', TEST_PASSWORD)).status).toBe(303);
    // The window passes: the right password works again.
    ctx.clock.advance(15 * 60_000);
    expect((await postLogin(app, 'chefin', TEST_PASSWORD)).status).toBe(303);
    // The attempts table holds no address and no login, only keyed hashes of the account and the client.
    const keys = (await ctx.db.selectFrom('login_attempts').select('key').execute()).map((r) => r.key);
    expect(keys.every((k) => /^account:[\w-]{22}$|^client:[\w-]{22}$/.test(k))).toBe(true);
    expect(JSON.stringify(keys)).not.toMatch(/127\.0\.0|10\.0\.0|unknown|chefin|kollege/);
  });

  it('a successful login resets the account count', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    for (let i = 0; i < 4; i++) await postLogin(app, 'chefin', 'falsch falsch falsch');
    expect((await postLogin(app, 'chefin', TEST_PASSWORD)).status).toBe(303);
    for (let i = 0; i < 4; i++) expect((await postLogin(app, 'chefin', 'falsch falsch falsch')).status).toBe(401);
    expect((await postLogin(app, 'chefin', TEST_PASSWORD)).status).toBe(303);
  });

  it('after 20 failures from one client within 15 minutes, that client gets 429 for any account', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    // app.request has no socket: every request here is the same client ("unknown" address).
    for (let i = 0; i < 20; i++) expect((await postLogin(app, `geraten${i}`, 'falsch falsch falsch')).status).toBe(401);
    const res = await postLogin(app, 'chefin', TEST_PASSWORD);
    expect(res.status).toBe(429);
    const en = await postLogin(app, 'chefin', TEST_PASSWORD, {}, { Accept: 'application/json', 'Accept-Language': 'en' });
    expect((await en.json()).error.message).toMatch(/^There were too many failed login attempts\. Please wait 15 minutes/);
    ctx.clock.advance(15 * 60_000 + 1000);
    expect((await postLogin(app, 'chefin', TEST_PASSWORD)).status).toBe(303);
  });
});

describe('citizen pages stay cookie-free', () => {
  it('sets no cookie on citizen pages even for a logged-in staff member, and GET /intern/anmelden sets none either', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    for (const path of ['/', '/karte', '/melden', '/m/1']) expect((await staff.request(path)).headers.get('set-cookie'), path).toBeNull();
    expect((await app.request('/intern/anmelden')).headers.get('set-cookie')).toBeNull();
  });
});
