// /intern/konto: setting up the second factor (QR code, key, confirming code), switching it off
// (password or current code), for every role, with CSRF, refused input and throttling.
import { describe, expect, it } from 'vitest';
import { base32Decode, totpCode, totpStep } from '../../server/staff/totp.ts';
import { createTestApp } from '../helpers.ts';
import { asStaff, sessionFor, TEST_PASSWORD } from '../staff-helpers.ts';
import { codeNow, cookieOf, csrfIn, postLogin, withCookie, withSecondFactor } from './helpers.ts';

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

async function totpRow(ctx: Awaited<ReturnType<typeof createTestApp>>['ctx'], id: number) {
  return ctx.db.selectFrom('staff').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('the account page', () => {
  it('every role sees it, German by default and English with ?lang=en; it says the second factor is off', async () => {
    const { app, ctx } = await createTestApp();
    for (const [role, departments] of [['admin', []], ['dispatcher', []], ['staff', ['tiefbau']], ['crew', ['entsorgung']]] as const) {
      const staff = await asStaff(app, ctx, { role, departments: [...departments] });
      const res = await staff.request('/intern/konto');
      expect(res.status, role).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('<h1>Ihr Konto</h1>');
      expect(html).toContain('Der zweite Faktor ist ausgeschaltet.');
      expect(html).toContain('action="/intern/konto/zweiter-faktor/einrichten"');
      const en = await (await staff.request('/intern/konto?lang=en')).text();
      expect(en).toContain('The second factor is off.');
      expect(en).toContain('action="/intern/konto/zweiter-faktor/einrichten?lang=en"');
    }
  });

  it('without a session: the page redirects to the login, a POST gets 401', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/intern/konto');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/intern/anmelden?ziel=%2Fintern%2Fkonto');
    expect((await app.request('/intern/konto/zweiter-faktor/einrichten', form({ csrf: 'x' }))).status).toBe(401);
  });
});

describe('setting up the second factor', () => {
  it('starts with a POST, shows the QR code and the key in groups, and switches on only with a right code', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'mmuster' });
    // GET changes nothing: the set-up page without a started set-up goes back to the account.
    expect((await staff.request('/intern/konto/zweiter-faktor')).headers.get('location')).toBe('/intern/konto');
    const start = await staff.request('/intern/konto/zweiter-faktor/einrichten', form({ csrf: staff.csrfToken }));
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe('/intern/konto/zweiter-faktor');
    const row = await totpRow(ctx, staff.staff.id);
    expect(row.totp_secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(row.totp_enabled_at).toBeNull();
    const secret = row.totp_secret!;

    const page = await (await staff.request('/intern/konto/zweiter-faktor')).text();
    expect(page).toContain(secret.match(/.{4}/g)!.join(' '));
    const img = /<img class="totp-qr" src="data:image\/svg\+xml;base64,([^"]+)"[^>]*alt="([^"]+)"/.exec(page)!;
    const svg = Buffer.from(img[1]!, 'base64').toString();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toContain('style=');
    expect(img[2]).toBe('QR-Code zum Einrichten des zweiten Faktors für mmuster');
    expect(page).toContain('autocomplete="one-time-code"');

    // A wrong code: 401, message at the field, still off; a malformed one: 422.
    const wrong = await staff.request('/intern/konto/zweiter-faktor/bestaetigen', form({ csrf: staff.csrfToken, code: totpCode(secret, totpStep(ctx.clock.now()) + 3) }));
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('id="code-error" role="alert"');
    expect(wrongHtml).toContain(secret.match(/.{4}/g)!.join(' ')); // the same key again
    const malformed = await staff.request('/intern/konto/zweiter-faktor/bestaetigen', form({ csrf: staff.csrfToken, code: 'abc' }));
    expect(malformed.status).toBe(422);
    expect((await totpRow(ctx, staff.staff.id)).totp_enabled_at).toBeNull();
    // Without the CSRF token: 403 and nothing changes.
    const code = totpCode(secret, totpStep(ctx.clock.now()));
    expect((await staff.request('/intern/konto/zweiter-faktor/bestaetigen', form({ code }))).status).toBe(403);
    expect((await totpRow(ctx, staff.staff.id)).totp_enabled_at).toBeNull();

    const elsewhere = await sessionFor(ctx, staff.staff.id); // e.g. a forgotten browser on another desk
    const ok = await staff.request('/intern/konto/zweiter-faktor/bestaetigen', form({ csrf: staff.csrfToken, code }));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/intern/konto?eingeschaltet=1');
    const enabled = await totpRow(ctx, staff.staff.id);
    expect(enabled.totp_enabled_at).toBe(ctx.clock.now().toISOString());
    expect(enabled.totp_last_step).toBe(totpStep(ctx.clock.now()));
    // The other session ended; this one goes on.
    expect((await app.request('/intern', { headers: { Cookie: elsewhere.cookie } })).status).toBe(303);
    const account = await (await staff.request('/intern/konto?eingeschaltet=1')).text();
    expect(account).toContain('Der zweite Faktor ist jetzt eingeschaltet.');
    expect(account).toContain('Der zweite Faktor ist eingeschaltet (seit 21.11.2026, 11:00)');
    // The key the app holds really is the stored one (20 bytes, as the QR code says).
    expect(base32Decode(secret)).toHaveLength(20);

    // The confirming code is used up: logging in with it right away is refused; the next one works.
    const login = await postLogin(app, 'mmuster', TEST_PASSWORD);
    const pending = withCookie(app, cookieOf(login));
    const csrf = csrfIn(await (await pending('/intern/anmelden/code')).text());
    expect((await pending('/intern/anmelden/code', form({ csrf, code }))).status).toBe(401);
    ctx.clock.advance(30_000);
    expect((await pending('/intern/anmelden/code', form({ csrf, code: totpCode(secret, totpStep(ctx.clock.now())) }))).status).toBe(303);
  });

  it('refuses to start a new set-up while the factor is on (409): the secret stays', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'admin' });
    await withSecondFactor(ctx, staff.staff.id);
    const before = await totpRow(ctx, staff.staff.id);
    const res = await staff.request('/intern/konto/zweiter-faktor/einrichten', form({ csrf: staff.csrfToken }));
    expect(res.status).toBe(409);
    expect(await totpRow(ctx, staff.staff.id)).toEqual(before);
    expect((await staff.request('/intern/konto/zweiter-faktor/bestaetigen', form({ csrf: staff.csrfToken, code: codeNow(ctx) }))).status).toBe(409);
    expect((await staff.request('/intern/konto/zweiter-faktor/einrichten', form({}))).status).toBe(403);
  });

  it('a new set-up replaces an unfinished one (a fresh key)', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'dispatcher' });
    await staff.request('/intern/konto/zweiter-faktor/einrichten', form({ csrf: staff.csrfToken }));
    const first = (await totpRow(ctx, staff.staff.id)).totp_secret;
    await staff.request('/intern/konto/zweiter-faktor/einrichten', form({ csrf: staff.csrfToken }));
    const second = (await totpRow(ctx, staff.staff.id)).totp_secret;
    expect(second).not.toBe(first);
    expect((await totpRow(ctx, staff.staff.id)).totp_enabled_at).toBeNull();
  });
});

describe('switching the second factor off', () => {
  async function withFactorOn() {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'mmuster' });
    await withSecondFactor(ctx, staff.staff.id);
    return { app, ctx, staff };
  }
  const off = (staff: Awaited<ReturnType<typeof withFactorOn>>['staff'], fields: Record<string, string>) =>
    staff.request('/intern/konto/zweiter-faktor/abschalten', form({ csrf: staff.csrfToken, ...fields }));

  it('with the password', async () => {
    const { ctx, staff } = await withFactorOn();
    const page = await (await staff.request('/intern/konto')).text();
    expect(page).toContain('Der zweite Faktor ist eingeschaltet');
    expect(page).toContain('action="/intern/konto/zweiter-faktor/abschalten"');
    const res = await off(staff, { bestaetigung: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/intern/konto?ausgeschaltet=1');
    expect(await totpRow(ctx, staff.staff.id)).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    expect(await (await staff.request('/intern/konto?ausgeschaltet=1')).text()).toContain('Der zweite Faktor ist jetzt ausgeschaltet.');
  });

  it('with a current code, which is then used up', async () => {
    const { ctx, staff } = await withFactorOn();
    expect((await off(staff, { bestaetigung: codeNow(ctx) })).status).toBe(303);
    expect((await totpRow(ctx, staff.staff.id)).totp_enabled_at).toBeNull();
  });

  it('refuses an empty field (422), a wrong password or code (401) and a missing CSRF token (403), and stays on', async () => {
    const { ctx, staff } = await withFactorOn();
    const before = await totpRow(ctx, staff.staff.id);
    const empty = await off(staff, { bestaetigung: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Bitte geben Sie Ihr Passwort oder einen Code ein.');
    for (const wrong of ['nicht mein Passwort', codeNow(ctx, 4)]) {
      const res = await off(staff, { bestaetigung: wrong });
      expect(res.status, wrong).toBe(401);
      const html = await res.text();
      expect(html).toContain('id="confirm-error" role="alert"');
      expect(html).not.toContain(wrong);
    }
    expect((await staff.request('/intern/konto/zweiter-faktor/abschalten', form({ bestaetigung: TEST_PASSWORD }))).status).toBe(403);
    expect(await totpRow(ctx, staff.staff.id)).toEqual(before);
  });

  it('throttles guesses: after 5 wrong passwords even the right one gets 429', async () => {
    const { ctx, staff } = await withFactorOn();
    for (let i = 0; i < 5; i++) expect((await off(staff, { bestaetigung: `falsch falsch ${i}` })).status).toBe(401);
    const res = await off(staff, { bestaetigung: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('Zu viele falsche Codes');
    expect((await totpRow(ctx, staff.staff.id)).totp_enabled_at).not.toBeNull();
  });

  it('once off, logging in needs the password only', async () => {
    const { app, ctx, staff } = await withFactorOn();
    await off(staff, { bestaetigung: TEST_PASSWORD });
    const res = await postLogin(app, 'mmuster', TEST_PASSWORD);
    expect(res.headers.get('location')).toBe('/intern');
    expect((await ctx.db.selectFrom('staff_sessions').select('mfa_pending').orderBy('id', 'desc').executeTakeFirstOrThrow()).mfa_pending).toBe(0);
  });
});
