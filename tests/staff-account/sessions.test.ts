// What was left of the session rules: the 429 page leads back to the login, a login replaces the
// browser's previous session, an expired session refuses a form POST, and the timeouts hold for a
// session started through the second factor too.
import { describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../server/staff/sessions.ts';
import { createTestApp } from '../helpers.ts';
import { addStaff, asStaff, TEST_PASSWORD } from '../staff-helpers.ts';
import { codeNow, cookieOf, csrfIn, postLogin, withCookie, withSecondFactor } from './helpers.ts';

describe('session rules', () => {
  it('the 429 page of a throttled login links back to the login page, not to the citizens\u2019 start page', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    for (let i = 0; i < 5; i++) await postLogin(app, 'chefin', 'falsch falsch falsch');
    const res = await postLogin(app, 'chefin', TEST_PASSWORD, {}, { 'Accept-Language': 'en' });
    expect(res.status).toBe(429);
    const html = await res.text();
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!;
    expect(main).toContain('<a href="/intern/anmelden">Back to the login</a>');
    expect(main).not.toContain('href="/"');
    const german = await postLogin(app, 'chefin', TEST_PASSWORD);
    expect(await german.text()).toContain('<a href="/intern/anmelden">Zurück zur Anmeldung</a>');
  });

  it('a login from a browser that still has a session ends that session (no fixation)', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin', login: 'chefin' });
    const token = /name="token" value="([^"]+)"/.exec(await (await app.request('/intern/anmelden')).text())![1]!;
    const res = await staff.request('/intern/anmelden', { method: 'POST', body: new URLSearchParams({ token, login: 'chefin', password: TEST_PASSWORD }) });
    expect(res.status).toBe(303);
    expect(cookieOf(res)).not.toBe(staff.cookie);
    expect((await staff.request('/intern')).status).toBe(303);
    expect((await withCookie(app, cookieOf(res))('/intern')).status).toBe(200);
  });

  it('an expired session refuses a form POST with 401 and changes nothing', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    ctx.clock.advance(IDLE_TIMEOUT_MS);
    const res = await staff.request('/intern/konto/zweiter-faktor/einrichten', { method: 'POST', body: new URLSearchParams({ csrf: staff.csrfToken }) });
    expect(res.status).toBe(401);
    expect((await ctx.db.selectFrom('staff').select('totp_secret').where('id', '=', staff.staff.id).executeTakeFirstOrThrow()).totp_secret).toBeNull();
  });

  it('a session started with the second factor has the same idle and absolute timeouts', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await addStaff(ctx, { role: 'admin', login: 'chefin' });
    await withSecondFactor(ctx, staff.id);
    const pending = withCookie(app, cookieOf(await postLogin(app, 'chefin', TEST_PASSWORD)));
    const csrf = csrfIn(await (await pending('/intern/anmelden/code')).text());
    const full = withCookie(app, cookieOf(await pending('/intern/anmelden/code', { method: 'POST', body: new URLSearchParams({ csrf, code: codeNow(ctx) }) })));
    for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - 25 * 60_000; elapsed += 25 * 60_000) {
      ctx.clock.advance(25 * 60_000);
      expect((await full('/intern')).status).toBe(200);
    }
    ctx.clock.advance(25 * 60_000);
    expect((await full('/intern')).headers.get('location')).toBe('/intern/anmelden?abgelaufen=1');
  });
});
