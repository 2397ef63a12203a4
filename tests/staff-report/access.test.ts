// Every action on a report refuses the same way: without the CSRF token (403), for a report of
// another department (403), for a crew member on a defect report (403), without a session (401),
// for an unknown report (404) — and writes nothing then. The same request by a colleague of the
// report's department succeeds with 303.
import { describe, expect, it } from 'vitest';
import { categoryId, createReport, createTestApp, departmentId, pointIn } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { postAnonymous, postForm, snapshot, textOf } from './helpers.ts';

describe('access to every report action', async () => {
  const { app, ctx } = await createTestApp();
  const tim = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  const others = await asStaff(app, ctx, { role: 'staff', departments: ['licht'], login: 'lea', name: 'Lea Licht' });
  const crew = await asStaff(app, ctx, { role: 'crew', departments: ['tiefbau'], login: 'kai', name: 'Kai Kolonne' });
  const neustadt = await pointIn(ctx.db, 'Neustadt');
  const fieldsFor = async (action: string): Promise<Record<string, string>> => {
    switch (action) {
      case 'status':
        return { status: 'in_progress' };
      case 'antwort':
      case 'notiz':
        return { text: 'Wir sehen uns das an.' };
      case 'prioritaet':
        return { prioritaet: '2' };
      case 'zuweisen':
        return { bearbeitung: String(tim.staff.id) };
      case 'weiterleiten':
        return { fachamt: String(await departmentId(ctx.db, 'licht')), grund: 'Laterne, nicht Fahrbahn.' };
      case 'duplikat':
        return { original: String((await createReport(ctx)).id) };
      case 'kategorie':
        return { kategorie: String(await categoryId(ctx.db, 'gehweg')) };
      case 'ort':
        return { lat: neustadt.lat.toFixed(6), lon: neustadt.lon.toFixed(6) };
      default:
        return {};
    }
  };

  it.each(['gesehen', 'status', 'antwort', 'notiz', 'prioritaet', 'zuweisen', 'weiterleiten', 'duplikat', 'kategorie', 'ort'])('%s', async (action) => {
    const report = await createReport(ctx);
    const path = `/intern/meldungen/${report.id}/${action}`;
    const fields = await fieldsFor(action);
    const before = await snapshot(ctx);

    expect((await postForm(tim, path, fields, { csrf: false })).status).toBe(403);
    expect((await postForm(tim, path, { ...fields, csrf: 'falsch' }, { csrf: false })).status).toBe(403);
    const foreign = await postForm(others, path, fields);
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('Dafür fehlt Ihrem Konto die Berechtigung.');
    expect((await postForm(crew, path, fields)).status).toBe(403);
    expect((await postAnonymous(app, path, fields)).status).toBe(401);
    expect((await postForm(tim, `/intern/meldungen/99999/${action}`, fields)).status).toBe(404);
    expect(await snapshot(ctx)).toEqual(before);

    const done = await postForm(tim, path, fields);
    expect(done.status).toBe(303);
    const location = done.headers.get('Location')!;
    if (action === 'weiterleiten') {
      expect(location).toBe(`/intern/meldungen?weitergeleitet=${report.id}`);
      // The queue says where the report went, since it left this colleague's sight.
      expect(textOf(await (await tim.request(location)).text())).toContain(`Meldung ${report.id} wurde weitergeleitet.`);
    } else expect(location).toBe(`/intern/meldungen/${report.id}?erledigt=${action}${action === 'antwort' ? '&mails=0' : action === 'duplikat' ? `&nummer=${fields['original']}` : ''}`);
    expect((await snapshot(ctx)).events.length).toBeGreaterThan(before.events.length);
  });

  it('the page itself: 303 to the login without a session, 403 for another department and for crews on defects', async () => {
    const report = await createReport(ctx);
    const anonymous = await app.request(`/intern/meldungen/${report.id}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('Location')).toBe(`/intern/anmelden?ziel=%2Fintern%2Fmeldungen%2F${report.id}`);
    expect((await others.request(`/intern/meldungen/${report.id}`)).status).toBe(403);
    expect((await crew.request(`/intern/meldungen/${report.id}`)).status).toBe(403);
    expect((await tim.request(`/intern/meldungen/${report.id}`)).status).toBe(200);
  });
});
