// Staff accounts: creation with the password rules, changing role and departments, password reset,
// disabling (ends the sessions at once) and re-enabling, the second-factor reset, and the rules that
// keep an admin from locking themselves out.
import { describe, expect, it } from 'vitest';
import { departmentId } from '../helpers.ts';
import { verifyPassword } from '../../server/staff/passwords.ts';
import { createTestApp } from '../helpers.ts';
import { adminApp, client, flashOf, textOf } from './helpers.ts';

const NEW_PASSWORD = 'Zitadelle im Nebel 1660';

describe('creating accounts', () => {
  it('creates an account with role, departments and a hashed password', async () => {
    const { admin, ctx } = await adminApp();
    const tiefbau = await departmentId(ctx.db, 'tiefbau');
    const licht = await departmentId(ctx.db, 'licht');
    const res = await admin.post('/intern/verwaltung/konten', { login: ' Petra.Pflaster ', displayName: 'Petra Pflaster', role: 'staff', departments: [String(tiefbau), String(licht)], password: NEW_PASSWORD });
    expect(res.status).toBe(303);
    const row = await ctx.db.selectFrom('staff').selectAll().where('login', '=', 'petra.pflaster').executeTakeFirstOrThrow();
    expect(res.headers.get('Location')).toBe(`/intern/verwaltung/konten/${row.id}?ok=created`);
    expect(row).toMatchObject({ display_name: 'Petra Pflaster', role: 'staff', active: 1 });
    expect(row.password_hash).not.toContain(NEW_PASSWORD);
    expect(await verifyPassword(NEW_PASSWORD, row.password_hash)).toBe(true);
    const memberships = await ctx.db.selectFrom('staff_departments').select('department_id').where('staff_id', '=', row.id).orderBy('department_id').execute();
    expect(memberships.map((m) => m.department_id)).toEqual([tiefbau, licht].sort((a, b) => a - b));
    const list = await textOf(await admin.request('/intern/verwaltung/konten'));
    expect(list).toContain('petra.pflaster Petra Pflaster Sachbearbeitung');
    expect(list).toMatch(/Straßenbeleuchtung, Tiefbauamt|Tiefbauamt, Straßenbeleuchtung/);
  });

  it('never writes a password into the log', async () => {
    const logLines: string[] = [];
    const { app, ctx } = await createTestApp({ logLines });
    const admin = await client(app, ctx, { role: 'admin' });
    const created = await admin.post('/intern/verwaltung/konten', { login: 'lena', displayName: 'Lena', role: 'dispatcher', password: NEW_PASSWORD });
    expect(created.status).toBe(303);
    const id = Number(/konten\/(\d+)/.exec(created.headers.get('Location')!)![1]);
    await admin.post(`/intern/verwaltung/konten/${id}/passwort`, { newPassword: `${NEW_PASSWORD}!` });
    expect(logLines.join('\n')).toContain('staff password reset');
    expect(logLines.join('\n')).not.toContain('Zitadelle');
  });

  it('refuses bad logins, weak passwords, missing departments and unknown roles with 422 and writes nothing', async () => {
    const { admin, ctx } = await adminApp();
    const tiefbau = String(await departmentId(ctx.db, 'tiefbau'));
    const good = { login: 'neu', displayName: 'Neu', role: 'staff', departments: [tiefbau], password: NEW_PASSWORD };
    const count = async () => (await ctx.db.selectFrom('staff').select('id').execute()).length;
    const before = await count();
    const cases: Array<[Record<string, string | string[]>, string, string]> = [
      [{ ...good, login: 'a' }, 'login', 'Der Anmeldename braucht 2 bis 40 Zeichen'],
      [{ ...good, login: 'mit leerzeichen' }, 'login', 'Der Anmeldename braucht'],
      [{ ...good, login: 'anna-admin' }, 'login', 'Diesen Anmeldenamen gibt es schon.'],
      [{ ...good, password: 'kurz' }, 'password', 'mindestens 12 Zeichen'],
      [{ ...good, password: 'passwort1234' }, 'password', 'zu verbreitet'],
      [{ ...good, password: '' }, 'password', 'Bitte geben Sie ein Passwort ein.'],
      [{ ...good, password: 'Zitadelle\u0000im Nebel 1660' }, 'password', 'Das Passwort darf keine Steuerzeichen'],
      [{ ...good, departments: [] }, 'departments', 'Sachbearbeitung und Kolonne brauchen mindestens ein Amt.'],
      [{ ...good, role: 'crew', departments: [] }, 'departments', 'brauchen mindestens ein Amt'],
      [{ ...good, departments: ['999'] }, 'departments', 'Bitte wählen Sie nur Ämter aus der Liste.'],
      [{ ...good, role: 'superuser' }, 'role', 'Bitte wählen Sie eine Rolle.'],
      [{ ...good, displayName: '' }, 'displayName', 'Bitte füllen Sie dieses Feld aus.'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await admin.post('/intern/verwaltung/konten', fields);
      expect([field, res.status]).toEqual([field, 422]);
      const html = await res.text();
      expect([field, html.includes(message)]).toEqual([field, true]);
      expect(html).toContain(`id="${field}-error"`);
      // The password is never sent back; the rest of the input is.
      expect(html).not.toContain(NEW_PASSWORD);
      if (field !== 'login') expect(html).toContain('value="neu"');
    }
    expect(await count()).toBe(before);
    // An admin without departments is fine: admins see everything.
    expect((await admin.post('/intern/verwaltung/konten', { ...good, login: 'zweiter-admin', role: 'admin', departments: [] })).status).toBe(303);
  });
});

describe('changing accounts', () => {
  it('changes name, role and departments; the change applies to the running session at once', async () => {
    const { app, ctx, admin } = await adminApp();
    const colleague = await client(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tom' });
    expect((await colleague.request('/intern/aufkleber.pdf?format=3659&codes=ZZZZZZZ')).status).toBe(400);
    const gruen = String(await departmentId(ctx.db, 'gruen'));
    const res = await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}`, { displayName: 'Tom Grün', role: 'crew', departments: [gruen] });
    expect(res.status).toBe(303);
    expect(flashOf(res)).toBe('saved');
    expect(await ctx.db.selectFrom('staff').select(['display_name', 'role']).where('id', '=', colleague.staff.id).executeTakeFirstOrThrow()).toEqual({ display_name: 'Tom Grün', role: 'crew' });
    const memberships = await ctx.db.selectFrom('staff_departments').select('department_id').where('staff_id', '=', colleague.staff.id).execute();
    expect(memberships.map((m) => String(m.department_id))).toEqual([gruen]);
    // Crews do not print stickers: the new role holds for the session that is already open.
    expect((await colleague.request('/intern/aufkleber.pdf?format=3659&codes=ZZZZZZZ')).status).toBe(403);

    const bad = await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}`, { displayName: 'Tom', role: 'staff', departments: [] });
    expect(bad.status).toBe(422);
    expect((await ctx.db.selectFrom('staff').select('role').where('id', '=', colleague.staff.id).executeTakeFirstOrThrow()).role).toBe('crew');
    expect((await ctx.db.selectFrom('staff_departments').select('department_id').where('staff_id', '=', colleague.staff.id).execute()).length).toBe(1);
  });

  it('takes a department sent twice as one, when creating and when changing, and refuses ids written otherwise (found by the fuzz suite: was a 500)', async () => {
    const { app, ctx, admin } = await adminApp();
    const tiefbau = String(await departmentId(ctx.db, 'tiefbau'));
    const created = await admin.post('/intern/verwaltung/konten', { login: 'doppelt', displayName: 'Doppelt', role: 'staff', departments: [tiefbau, tiefbau], password: NEW_PASSWORD });
    expect((await admin.post('/intern/verwaltung/konten', { login: 'komisch', displayName: 'K', role: 'staff', departments: [`${tiefbau}.0`], password: NEW_PASSWORD })).status).toBe(422);
    expect(created.status).toBe(303);
    const id = Number(/konten\/(\d+)/.exec(created.headers.get('Location')!)![1]);
    const colleague = await client(app, ctx, { role: 'staff', departments: ['gruen'], login: 'tom' });
    const changed = await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}`, { displayName: 'Tom', role: 'staff', departments: [tiefbau, tiefbau] });
    expect(changed.status).toBe(303);
    // The same number written differently is no id the form sends.
    expect((await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}`, { displayName: 'Tom', role: 'staff', departments: [tiefbau, `0${tiefbau}`] })).status).toBe(422);
    for (const staffId of [id, colleague.staff.id]) {
      const memberships = await ctx.db.selectFrom('staff_departments').select('department_id').where('staff_id', '=', staffId).execute();
      expect(memberships.map((m) => String(m.department_id))).toEqual([tiefbau]);
    }
  });

  it('does not let an admin demote or disable themselves', async () => {
    const { admin, ctx } = await adminApp();
    const page = await textOf(await admin.request(`/intern/verwaltung/konten/${admin.staff.id}`));
    expect(page).toContain('Das ist Ihr eigenes Konto');
    const demote = await admin.post(`/intern/verwaltung/konten/${admin.staff.id}`, { displayName: 'Anna', role: 'staff', departments: [String(await departmentId(ctx.db, 'tiefbau'))] });
    expect(demote.status).toBe(422);
    expect(await demote.text()).toContain('Sie können Ihrem eigenen Konto die Rolle Administration nicht nehmen.');
    const disable = await admin.post(`/intern/verwaltung/konten/${admin.staff.id}/sperren`);
    expect(disable.status).toBe(422);
    expect(await disable.text()).toContain('Sie können Ihr eigenes Konto nicht sperren.');
    expect(await ctx.db.selectFrom('staff').select(['role', 'active', 'display_name']).where('id', '=', admin.staff.id).executeTakeFirstOrThrow()).toEqual({ role: 'admin', active: 1, display_name: 'Anna Admin' });
    expect((await admin.request('/intern/verwaltung')).status).toBe(200);
    // Renaming oneself is fine.
    expect((await admin.post(`/intern/verwaltung/konten/${admin.staff.id}`, { displayName: 'Anna A.', role: 'admin' })).status).toBe(303);
  });

  it('disabling ends the account\'s sessions and keeps the account; re-enabling lets it log in again', async () => {
    const { app, ctx, admin } = await adminApp();
    const colleague = await client(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tina' });
    expect((await colleague.request('/intern')).status).toBe(200);
    const res = await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}/sperren`);
    expect(res.status).toBe(303);
    expect(flashOf(res)).toBe('disabled');
    const gone = await colleague.request('/intern');
    expect(gone.status).toBe(303);
    expect(gone.headers.get('Location')).toMatch(/^\/intern\/anmelden/);
    const sessions = await ctx.db.selectFrom('staff_sessions').select('ended_at').where('staff_id', '=', colleague.staff.id).execute();
    expect(sessions.every((s) => s.ended_at === ctx.clock.now().toISOString())).toBe(true);
    expect(await ctx.db.selectFrom('staff').select(['active', 'disabled_at']).where('id', '=', colleague.staff.id).executeTakeFirstOrThrow()).toEqual({ active: 0, disabled_at: ctx.clock.now().toISOString() });
    expect(await textOf(await admin.request('/intern/verwaltung/konten'))).toContain('tina Test tina Sachbearbeitung Tiefbauamt gesperrt');

    expect(flashOf(await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}/entsperren`))).toBe('enabled');
    expect(await ctx.db.selectFrom('staff').select(['active', 'disabled_at']).where('id', '=', colleague.staff.id).executeTakeFirstOrThrow()).toEqual({ active: 1, disabled_at: null });
    // The old session stays ended; a fresh login works (here: a fresh session).
    expect((await colleague.request('/intern')).status).toBe(303);
    const again = await client(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tina-2' });
    expect((await again.request('/intern')).status).toBe(200);
  });

  it('resets a password: policy checked, other sessions ended, the admin\'s own session kept', async () => {
    const { app, ctx, admin } = await adminApp();
    const colleague = await client(app, ctx, { role: 'dispatcher', login: 'dora' });
    const weak = await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}/passwort`, { newPassword: 'dora' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('id="newPassword-error"');
    const nul = await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}/passwort`, { newPassword: `${NEW_PASSWORD}\u0000` });
    expect(nul.status).toBe(422);
    expect(await nul.text()).toContain('Das Passwort darf keine Steuerzeichen (etwa Tabulator oder NUL) enthalten.');
    expect((await colleague.request('/intern')).status).toBe(200);

    const res = await admin.post(`/intern/verwaltung/konten/${colleague.staff.id}/passwort`, { newPassword: NEW_PASSWORD });
    expect(flashOf(res)).toBe('passwordReset');
    const row = await ctx.db.selectFrom('staff').select('password_hash').where('id', '=', colleague.staff.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(NEW_PASSWORD, row.password_hash)).toBe(true);
    expect((await colleague.request('/intern')).status).toBe(303);

    // Own password: the session that did it stays, so the admin is not thrown out mid-task.
    expect(flashOf(await admin.post(`/intern/verwaltung/konten/${admin.staff.id}/passwort`, { newPassword: NEW_PASSWORD }))).toBe('passwordReset');
    expect((await admin.request('/intern/verwaltung')).status).toBe(200);
  });

  it('resets the second factor', async () => {
    const { ctx, admin } = await adminApp();
    await ctx.db.updateTable('staff').set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: ctx.clock.now().toISOString(), totp_last_step: 123 }).where('id', '=', admin.staff.id).execute();
    const page = await textOf(await admin.request(`/intern/verwaltung/konten/${admin.staff.id}`));
    expect(page).toContain('Zweiter Faktor eingerichtet');
    expect(await textOf(await admin.request('/intern/verwaltung/konten'))).toContain('Administration alle aktiv eingerichtet');
    const res = await admin.post(`/intern/verwaltung/konten/${admin.staff.id}/zweiter-faktor`);
    expect(flashOf(res)).toBe('secondFactorReset');
    expect(await ctx.db.selectFrom('staff').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', admin.staff.id).executeTakeFirstOrThrow()).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    expect(await textOf(await admin.request(`/intern/verwaltung/konten/${admin.staff.id}`))).toContain('Für dieses Konto ist kein zweiter Faktor eingerichtet.');
  });
});
