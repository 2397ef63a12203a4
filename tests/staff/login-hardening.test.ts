// The smaller holes of the login (hardening issue, staff side): what the throttle table stores for
// typed logins, the login form's token (single use, bound to the client), a NUL in a password, and
// the CSRF token that must not be stored as it is.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrateToLatest, migrateUpTo } from '../../db/migrate.ts';
import { createStaff } from '../../db/staff.ts';
import type { App } from '../../server/app.ts';
import { createTestApp } from '../helpers.ts';
import { addStaff, asStaff, TEST_PASSWORD } from '../staff-helpers.ts';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function loginToken(app: App, headers: Record<string, string> = {}): Promise<string> {
  const html = await (await app.request('/intern/anmelden', { headers })).text();
  return /name="token" value="([^"]+)"/.exec(html)![1]!;
}

function postWith(app: App, token: string, login: string, password: string, headers: Record<string, string> = {}) {
  return app.request('/intern/anmelden', { method: 'POST', body: new URLSearchParams({ token, login, password }), headers: { ...FORM, ...headers } });
}

async function postLogin(app: App, login: string, password: string) {
  return postWith(app, await loginToken(app), login, password);
}

describe('what the throttle stores of a typed login', () => {
  it('stores no typed login text, for unknown and known accounts alike, and still throttles an unknown login after 5 failures', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    // Someone types their password into the login field by mistake.
    const typo = 'Mein-Geheimes-Passwort-2026';
    for (let i = 0; i < 5; i++) expect((await postLogin(app, typo, 'irgendwas irgendwas')).status).toBe(401);
    // Unknown logins are throttled exactly like known ones: no way to tell them apart by 429s.
    expect((await postLogin(app, typo, 'irgendwas irgendwas')).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await postLogin(app, 'chefin', 'falsch falsch falsch')).status).toBe(401);
    expect((await postLogin(app, 'chefin', TEST_PASSWORD)).status).toBe(429);
    const keys = (await ctx.db.selectFrom('login_attempts').select('key').execute()).map((r) => r.key);
    const stored = JSON.stringify(keys).toLowerCase();
    expect(stored).not.toContain('geheimes');
    expect(stored).not.toContain('chefin');
    // Two accounts, one client: three distinct keys.
    expect(new Set(keys).size).toBe(3);
  });
});

describe('the login form token', () => {
  it('works once: a replayed token is refused with the login form again, a fresh token and a clear message', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const token = await loginToken(app);
    expect((await postWith(app, token, 'chefin', 'falsch falsch falsch')).status).toBe(401);
    const replay = await postWith(app, token, 'chefin', TEST_PASSWORD);
    expect(replay.status).toBe(403);
    expect(replay.headers.get('set-cookie')).toBeNull();
    const html = await replay.text();
    expect(html).toContain('Das Anmeldeformular war abgelaufen oder wurde schon benutzt.');
    expect(html).toContain('value="chefin"');
    const fresh = /name="token" value="([^"]+)"/.exec(html)![1]!;
    expect(fresh).not.toBe(token);
    // Someone who pressed Back and sent the form again can log in with the page they got.
    expect((await postWith(app, fresh, 'chefin', TEST_PASSWORD)).status).toBe(303);
    // A successful login's token is used up too.
    expect((await postWith(app, fresh, 'chefin', TEST_PASSWORD)).status).toBe(403);
  });

  it('is bound to the client it was issued to: a token from another address is refused', async () => {
    const { app, ctx } = await createTestApp({ config: { trustProxy: true } });
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const token = await loginToken(app, { 'X-Forwarded-For': '192.0.2.10' });
    const elsewhere = await postWith(app, token, 'chefin', TEST_PASSWORD, { 'X-Forwarded-For': '198.51.100.7' });
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.text()).toContain('Das Anmeldeformular war abgelaufen oder wurde schon benutzt.');
    // The refusal did not use the token up: its own client still logs in with it.
    expect((await postWith(app, token, 'chefin', TEST_PASSWORD, { 'X-Forwarded-For': '192.0.2.10' })).status).toBe(303);
  });

  it('keeps used tokens only until they expire', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    expect((await postLogin(app, 'chefin', TEST_PASSWORD)).status).toBe(303);
    expect(await ctx.db.selectFrom('login_form_nonces').selectAll().execute()).toHaveLength(1);
    ctx.clock.advance(3 * 3600_000);
    expect((await postLogin(app, 'chefin', TEST_PASSWORD)).status).toBe(303);
    expect(await ctx.db.selectFrom('login_form_nonces').selectAll().execute()).toHaveLength(1);
  });
});

describe('control characters in a password at login', () => {
  it('a NUL in the password fails like a wrong password (401), never a 500', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    for (const password of [`${TEST_PASSWORD}\u0000`, '\u0000', `a\u0000b\u0007c\u001bd`]) {
      const res = await postLogin(app, 'chefin', password);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('Anmeldename oder Passwort stimmen nicht.');
    }
  });
});

describe('the CSRF token', () => {
  it('is not stored in the database: the sessions table holds nothing that equals the token of the page', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const res = await postLogin(app, 'chefin', TEST_PASSWORD);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await app.request('/intern', { headers: { Cookie: cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const rows = await ctx.db.selectFrom('staff_sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(csrf);
    // And the token still works, and only for this session.
    const other = await asStaff(app, ctx, { role: 'admin', login: 'kollege' });
    expect(other.csrfToken).not.toBe(csrf);
    expect((await app.request('/intern/abmelden', { method: 'POST', body: new URLSearchParams({ csrf: other.csrfToken }), headers: { Cookie: cookie } })).status).toBe(403);
    expect((await app.request('/intern/abmelden', { method: 'POST', body: new URLSearchParams({ csrf }), headers: { Cookie: cookie } })).status).toBe(303);
  });
});

describe('migration 012 on a used database', () => {
  it('drops the stored CSRF secrets and the attempts keyed by typed logins, keeps sessions and client counts', async () => {
    const db = openDatabase(':memory:');
    await migrateUpTo(db, '010_kpi_indexes');
    const now = '2026-11-21T10:00:00.000Z';
    const staff = await createStaff(db, { login: 'chefin', displayName: 'Chefin', passwordHash: 'x', role: 'admin', now });
    await sql`insert into staff_sessions (token_hash, staff_id, csrf_secret, created_at, last_seen_at) values ('h', ${staff.id}, 'geheimes-csrf', ${now}, ${now})`.execute(db);
    for (const key of ['account:chefin', 'totp:chefin', 'account:mein passwort', 'client:abc']) {
      await db.insertInto('login_attempts').values({ key, at: now, success: 0 }).execute();
    }
    expect(await migrateToLatest(db)).toContain('012_login_hardening');
    const sessions = await db.selectFrom('staff_sessions').selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain('geheimes-csrf');
    expect((await db.selectFrom('login_attempts').select('key').execute()).map((r) => r.key)).toEqual(['client:abc']);
    await db.destroy();
  });
});
