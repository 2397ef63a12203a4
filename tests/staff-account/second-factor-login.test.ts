// The login with a second factor through app.request(), on a real in-memory database: password, then
// a pending session that may only enter its code or log out, then a fresh session.
import { describe, expect, it } from 'vitest';
import { disableStaff } from '../../db/staff.ts';
import { loginKey } from '../../server/staff/login-throttle.ts';
import { PENDING_TIMEOUT_MS } from '../../server/staff/sessions.ts';
import { totpStep } from '../../server/staff/totp.ts';
import { createTestApp } from '../helpers.ts';
import { addStaff, TEST_PASSWORD } from '../staff-helpers.ts';
import { codeNow, cookieOf, csrfIn, postLogin, withCookie, withSecondFactor } from './helpers.ts';

async function setUp() {
  const { app, ctx } = await createTestApp();
  const staff = await addStaff(ctx, { role: 'staff', departments: ['tiefbau'], login: 'mmuster', name: 'Maria Muster' });
  await withSecondFactor(ctx, staff.id);
  return { app, ctx, staff };
}

/** Password step: returns the pending session's request function and its CSRF token. */
async function passwordStep(app: Awaited<ReturnType<typeof setUp>>['app'], extra: Record<string, string> = {}) {
  const res = await postLogin(app, 'mmuster', TEST_PASSWORD, extra);
  expect(res.status).toBe(303);
  const request = withCookie(app, cookieOf(res));
  const page = await request('/intern/anmelden/code');
  expect(page.status).toBe(200);
  return { res, request, cookie: cookieOf(res), csrf: csrfIn(await page.text()) };
}

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

describe('login with a second factor', () => {
  it('a right password leads to the code page with a pending session; the right code starts a fresh session', async () => {
    const { app, ctx, staff } = await setUp();
    const { res, request, cookie, csrf } = await passwordStep(app);
    expect(res.headers.get('location')).toBe('/intern/anmelden/code');
    const pending = await ctx.db.selectFrom('staff_sessions').selectAll().executeTakeFirstOrThrow();
    expect(pending.mfa_pending).toBe(1);

    const html = await (await request('/intern/anmelden/code')).text();
    expect(html).toContain('<h1>Anmelden: Code eingeben</h1>');
    expect(html).toContain('autocomplete="one-time-code"');
    expect(html).not.toContain('href="/intern/meldungen"'); // no sections before the code

    const done = await request('/intern/anmelden/code', form({ csrf, code: codeNow(ctx) }));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/intern');
    const fresh = cookieOf(done);
    expect(fresh).not.toBe(cookie);
    // The pending session is over; the new one is a full session.
    expect((await request('/intern')).headers.get('location')).toBe('/intern/anmelden');
    const full = await withCookie(app, fresh)('/intern');
    expect(full.status).toBe(200);
    const fullHtml = await full.text();
    expect(fullHtml).toContain('Angemeldet als Maria Muster');
    const rows = await ctx.db.selectFrom('staff_sessions').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.mfa_pending, r.ended_at !== null])).toEqual([[1, true], [0, false]]);
    // The full session has its own CSRF token, not the pending one's.
    expect(csrfIn(fullHtml)).not.toBe(csrf);
    const state = await ctx.db.selectFrom('staff').select('totp_last_step').where('id', '=', staff.id).executeTakeFirstOrThrow();
    expect(state.totp_last_step).toBe(totpStep(ctx.clock.now()));
  });

  it('a pending session is refused everywhere else: pages get 303 to the code page, other requests 401, POSTs change nothing', async () => {
    const { app, ctx, staff } = await setUp();
    const { request, csrf } = await passwordStep(app);
    for (const path of ['/intern', '/intern/meldungen', '/intern/konto', '/intern/meldungen/1', '/intern/aufkleber.pdf']) {
      const res = await request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/intern/anmelden/code');
    }
    const json = await request('/intern/meldungen', { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(401);
    const post = await request('/intern/konto/zweiter-faktor/abschalten', form({ csrf, bestaetigung: TEST_PASSWORD }));
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/intern/anmelden/code');
    const row = await ctx.db.selectFrom('staff').select(['totp_enabled_at', 'totp_secret']).where('id', '=', staff.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
    expect(row.totp_secret).not.toBeNull();
  });

  it('a wrong code re-renders the page with 401 and the message at the field; a malformed one 422; no session is started', async () => {
    const { app, ctx } = await setUp();
    const { request, csrf } = await passwordStep(app);
    const wrongCode = codeNow(ctx, 5);
    const wrong = await request('/intern/anmelden/code', form({ csrf, code: wrongCode }));
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(html).toContain('id="code-error" role="alert"');
    expect(html).toContain('Dieser Code stimmt nicht oder wurde schon verwendet.');
    expect(html).toContain('aria-invalid="true"');
    const malformed = await request('/intern/anmelden/code?lang=en', form({ csrf, code: '12 34' }));
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('Please enter the six digits the app shows right now.');
    expect(malformed.headers.get('set-cookie')).toBeNull();
    expect((await ctx.db.selectFrom('staff_sessions').selectAll().execute()).filter((s) => s.mfa_pending === 0)).toHaveLength(0);
  });

  it("accepts a code only once, even in a new login; the next step's code works", async () => {
    const { app, ctx } = await setUp();
    const code = codeNow(ctx);
    const first = await passwordStep(app);
    expect((await first.request('/intern/anmelden/code', form({ csrf: first.csrf, code }))).status).toBe(303);
    ctx.clock.advance(5_000);
    const second = await passwordStep(app);
    expect((await second.request('/intern/anmelden/code', form({ csrf: second.csrf, code }))).status).toBe(401);
    ctx.clock.advance(30_000);
    expect((await second.request('/intern/anmelden/code', form({ csrf: second.csrf, code: codeNow(ctx) }))).status).toBe(303);
  });

  it('of two requests with the same code at the same moment (a double click, a replay race) only one gets in', async () => {
    const { app, ctx } = await setUp();
    const a = await passwordStep(app);
    const b = await passwordStep(app);
    const code = codeNow(ctx);
    const results = await Promise.all([a.request('/intern/anmelden/code', form({ csrf: a.csrf, code })), b.request('/intern/anmelden/code', form({ csrf: b.csrf, code }))]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 401]);
  });

  it('accepts the code of the step before or after (clock drift), not two steps away', async () => {
    const { app, ctx } = await setUp();
    const { request, csrf } = await passwordStep(app);
    expect((await request('/intern/anmelden/code', form({ csrf, code: codeNow(ctx, 2) }))).status).toBe(401);
    expect((await request('/intern/anmelden/code', form({ csrf, code: codeNow(ctx, -1) }))).status).toBe(303);
  });

  it('keeps the page that asked for the login through the code step, but only under /intern', async () => {
    const { app, ctx } = await setUp();
    const { res, request, csrf } = await passwordStep(app, { ziel: '/intern/meldungen/1' });
    expect(res.headers.get('location')).toBe('/intern/anmelden/code?ziel=%2Fintern%2Fmeldungen%2F1');
    expect(await (await request('/intern/anmelden/code?ziel=%2Fintern%2Fmeldungen%2F1')).text()).toContain('name="ziel" value="/intern/meldungen/1"');
    const done = await request('/intern/anmelden/code', form({ csrf, code: codeNow(ctx), ziel: '/intern/meldungen/1' }));
    expect(done.headers.get('location')).toBe('/intern/meldungen/1');
    ctx.clock.advance(30_000);
    const again = await passwordStep(app);
    const evil = await again.request('/intern/anmelden/code', form({ csrf: again.csrf, code: codeNow(ctx), ziel: 'https://evil.example/' }));
    expect(evil.headers.get('location')).toBe('/intern');
  });

  it('refuses the code step without the CSRF token (403) and without a session (303 to the login, 401 for a POST)', async () => {
    const { app, ctx } = await setUp();
    const { request } = await passwordStep(app);
    const noCsrf = await request('/intern/anmelden/code', form({ code: codeNow(ctx) }));
    expect(noCsrf.status).toBe(403);
    expect((await app.request('/intern/anmelden/code')).headers.get('location')).toBe('/intern/anmelden');
    expect((await app.request('/intern/anmelden/code', form({ code: codeNow(ctx) }))).status).toBe(401);
    expect((await ctx.db.selectFrom('staff').select('totp_last_step').executeTakeFirstOrThrow()).totp_last_step).toBe(totpStep(ctx.clock.now()) - 2);
  });

  it('a pending session may log out, and it expires after 10 minutes with the "expired" notice', async () => {
    const { app, ctx } = await setUp();
    const { request, csrf } = await passwordStep(app);
    const out = await request('/intern/abmelden', form({ csrf }));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/intern/anmelden?abgemeldet=1');
    expect((await request('/intern/anmelden/code')).headers.get('location')).toBe('/intern/anmelden');

    const late = await passwordStep(app);
    ctx.clock.advance(PENDING_TIMEOUT_MS - 1000);
    expect((await late.request('/intern/anmelden/code')).status).toBe(200);
    ctx.clock.advance(1000);
    const page = await late.request('/intern/anmelden/code');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/intern/anmelden?abgelaufen=1');
    expect(page.headers.get('set-cookie')).toMatch(/^stadtmelder=; Max-Age=0/);
    const afterwards = await late.request('/intern/anmelden/code', form({ csrf: late.csrf, code: codeNow(ctx) }));
    expect(afterwards.status).toBe(401);
    expect((await ctx.db.selectFrom('staff_sessions').select('mfa_pending').where('ended_at', 'is', null).execute())).toHaveLength(0);
  });

  it('disabling the account ends its pending session too', async () => {
    const { app, ctx, staff } = await setUp();
    const { request, csrf } = await passwordStep(app);
    await disableStaff(ctx.db, staff.id, ctx.clock.now().toISOString());
    expect((await request('/intern/anmelden/code', form({ csrf, code: codeNow(ctx) }))).status).toBe(401);
    expect((await ctx.db.selectFrom('staff_sessions').select('ended_at').executeTakeFirstOrThrow()).ended_at).not.toBeNull();
  });

  it('a full session opening the code page is sent on to /intern', async () => {
    const { app, ctx } = await setUp();
    const { request, csrf } = await passwordStep(app);
    const done = await request('/intern/anmelden/code', form({ csrf, code: codeNow(ctx) }));
    const full = withCookie(app, cookieOf(done));
    expect((await full('/intern/anmelden/code')).headers.get('location')).toBe('/intern');
  });
});

describe('throttled codes', () => {
  it('after 5 wrong codes within 15 minutes answers 429 even to the right code, and a new password does not reset the count', async () => {
    const { app, ctx } = await setUp();
    const first = await passwordStep(app);
    for (let i = 0; i < 5; i++) expect((await first.request('/intern/anmelden/code', form({ csrf: first.csrf, code: codeNow(ctx, 10 + i) }))).status).toBe(401);
    const blocked = await first.request('/intern/anmelden/code', form({ csrf: first.csrf, code: codeNow(ctx) }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60);
    const html = await blocked.text();
    expect(html).toContain('<h1>Zu viele falsche Codes</h1>');
    expect(html).toContain('<a href="/intern/anmelden">Zurück zur Anmeldung</a>');
    expect(blocked.headers.get('set-cookie')).toBeNull();
    // Logging in with the password again (which succeeds) does not open another 5 guesses.
    const second = await passwordStep(app);
    expect((await second.request('/intern/anmelden/code', form({ csrf: second.csrf, code: codeNow(ctx) }))).status).toBe(429);
    const json = await second.request('/intern/anmelden/code?lang=en', { ...form({ csrf: second.csrf, code: codeNow(ctx) }), headers: { Accept: 'application/json' } });
    expect(await json.json()).toEqual({ error: { status: 429, message: 'There were too many wrong codes. Please wait 15 minutes and then try again.' } });
    // The window passes.
    ctx.clock.advance(15 * 60_000);
    const third = await passwordStep(app);
    expect((await third.request('/intern/anmelden/code', form({ csrf: third.csrf, code: codeNow(ctx) }))).status).toBe(303);
  });

  it('counts per account: another account with its own second factor is not throttled by these failures', async () => {
    const { app, ctx } = await setUp();
    const other = await addStaff(ctx, { role: 'admin', login: 'kollege' });
    await withSecondFactor(ctx, other.id);
    const first = await passwordStep(app);
    for (let i = 0; i < 5; i++) await first.request('/intern/anmelden/code', form({ csrf: first.csrf, code: codeNow(ctx, 10 + i) }));
    expect((await first.request('/intern/anmelden/code', form({ csrf: first.csrf, code: codeNow(ctx) }))).status).toBe(429);
    const res = await postLogin(app, 'kollege', TEST_PASSWORD);
    const request = withCookie(app, cookieOf(res));
    const csrf = csrfIn(await (await request('/intern/anmelden/code')).text());
    expect((await request('/intern/anmelden/code', form({ csrf, code: codeNow(ctx) }))).status).toBe(303);
    const keys = (await ctx.db.selectFrom('login_attempts').select('key').distinct().execute()).map((r) => r.key).sort();
    // One key per account, a keyed hash of the login (never the login itself).
    expect(keys.filter((k) => k.startsWith('totp:'))).toEqual([loginKey(ctx.config.secret, 'totp', 'kollege'), loginKey(ctx.config.secret, 'totp', 'mmuster')].sort());
    expect(JSON.stringify(keys)).not.toMatch(/kollege|mmuster/);
  });
});
