// The bin register pages through the routes: who may open and change what, search and pages, the
// history, edit with its refusals, a new code, retiring (which closes the open tasks).
import { describe, expect, it } from 'vitest';
import { findDistrict } from '../../domain/routing.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import { createTestApp, departmentId, pointIn } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { form, hoursBefore, plainBins, press } from '../staff-crew/fixtures.ts';

async function setup() {
  const { app, ctx } = await createTestApp();
  const [bin] = await plainBins(ctx.db, 'Altstadt', 1);
  return { app, ctx, bin: bin! };
}

const binRow = (ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number) => ctx.db.selectFrom('bins').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const binEvents = (ctx: Awaited<ReturnType<typeof setup>>['ctx']) => ctx.db.selectFrom('bin_events').selectAll().orderBy('id').execute();

/** The edit form's fields as the page fills them, with some changed. */
function editForm(csrf: string, values: Record<string, string>) {
  return form({ csrf, bin_type: 'Papierkorb', volume_l: '50', description: 'Am Markt', lat: '49.9995', lon: '8.2738', department_id: '', next_emptying_at: '', ...values });
}

describe('access to the bin pages', () => {
  it('sends people without a session to the login page (401 for scripts) and refuses crews with 403', async () => {
    const { app, ctx, bin } = await setup();
    const list = await app.request('/intern/papierkoerbe');
    expect(list.status).toBe(303);
    expect(list.headers.get('Location')).toContain('/intern/anmelden');
    expect((await app.request(`/intern/papierkoerbe/${bin.id}/neuer-code`, { method: 'POST', body: form({}) })).status).toBe(401);
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    for (const path of ['/intern/papierkoerbe', `/intern/papierkoerbe/${bin.id}`, `/intern/papierkoerbe/aufkleber.pdf?format=3659&bin=${bin.id}`]) {
      const res = await crew.request(path);
      expect(res.status, path).toBe(403);
    }
    const post = await crew.request(`/intern/papierkoerbe/${bin.id}/neuer-code`, { method: 'POST', body: form({ csrf: crew.csrfToken }) });
    expect(post.status).toBe(403);
    expect((await binRow(ctx, bin.id)).code).toBe(bin.code);
  });

  it('lets admin, dispatcher and staff read; staff of another department see the bin read-only and get 403 on every change', async () => {
    const { app, ctx, bin } = await setup();
    for (const role of ['admin', 'dispatcher'] as const) {
      const who = await asStaff(app, ctx, { role });
      expect((await who.request('/intern/papierkoerbe')).status).toBe(200);
    }
    const road = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'] });
    const page = await road.request(`/intern/papierkoerbe/${bin.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('gehört nicht zu Ihren Fachämtern; Sie können ihn ansehen');
    expect(html).not.toContain('neuer-code');
    for (const [path, body] of [
      [`/intern/papierkoerbe/${bin.id}`, editForm(road.csrfToken, { description: 'fremd' })],
      [`/intern/papierkoerbe/${bin.id}/neuer-code`, form({ csrf: road.csrfToken })],
      [`/intern/papierkoerbe/${bin.id}/ausmustern`, form({ csrf: road.csrfToken, bestaetigt: '1' })],
    ] as const) {
      expect((await road.request(path, { method: 'POST', body })).status, path).toBe(403);
    }
    expect(await binEvents(ctx)).toEqual([]);
    expect((await binRow(ctx, bin.id)).active).toBe(1);
  });

  it('answers 404 for an unknown bin and 403 for a POST without CSRF token', async () => {
    const { app, ctx, bin } = await setup();
    const admin = await asStaff(app, ctx, { role: 'admin' });
    expect((await admin.request('/intern/papierkoerbe/999999')).status).toBe(404);
    expect((await admin.request('/intern/papierkoerbe/abc')).status).toBe(404);
    expect((await admin.request('/intern/papierkoerbe/999999/ausmustern', { method: 'POST', body: form({ csrf: admin.csrfToken }) })).status).toBe(404);
    expect((await admin.request(`/intern/papierkoerbe/${bin.id}/ausmustern`, { method: 'POST', body: form({ bestaetigt: '1' }) })).status).toBe(403);
    expect((await binRow(ctx, bin.id)).active).toBe(1);
  });
});

describe('GET /intern/papierkoerbe', () => {
  it('lists 50 bins a page with links between pages, and searches code (as printed), ref, description and district', async () => {
    const { app, ctx, bin } = await setup();
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const first = await (await admin.request('/intern/papierkoerbe')).text();
    expect(first).toContain('Gefundene Papierkörbe: 300.');
    expect(first).toContain('Seite 1 von 6');
    expect(first.match(/class="bins-check"/g)).toHaveLength(50);
    expect(first).toContain('href="/intern/papierkoerbe?seite=2"');
    const second = await (await admin.request('/intern/papierkoerbe?seite=2')).text();
    expect(second).toContain('Seite 2 von 6');
    expect(second).toContain('rel="prev"');

    const typed = `${bin.code.slice(0, 3).toLowerCase()} ${bin.code.slice(3)}`;
    const byCode = await (await admin.request(`/intern/papierkoerbe?q=${encodeURIComponent(typed)}`)).text();
    expect(byCode).toContain('<p role="status">Gefundene Papierkörbe: 1.</p>');
    expect(byCode).toContain(`href="/intern/papierkoerbe/${bin.id}"`);
    const byRef = await (await admin.request(`/intern/papierkoerbe?q=${bin.external_ref}`)).text();
    expect(byRef).toContain(`href="/intern/papierkoerbe/${bin.id}"`);
    // demo-1-1 is also part of demo-1-10 … demo-1-19: a search finds what contains the text.
    expect(byRef).toContain('<p role="status">Gefundene Papierkörbe: 11.</p>');
    const byDescription = await (await admin.request(`/intern/papierkoerbe?q=${encodeURIComponent(bin.description)}`)).text();
    expect(byDescription).toContain(bin.description);
    const byDistrict = await (await admin.request('/intern/papierkoerbe?q=finthen')).text();
    expect(byDistrict).toContain('<p role="status">Gefundene Papierkörbe: 20.</p>');
    const nothing = await (await admin.request('/intern/papierkoerbe?q=%25_nichts')).text();
    expect(nothing).toContain('Keine Papierkörbe gefunden.');
  });

  it('shows retired bins only when asked, and without a print checkbox', async () => {
    const { app, ctx, bin } = await setup();
    const admin = await asStaff(app, ctx, { role: 'admin' });
    await admin.request(`/intern/papierkoerbe/${bin.id}/ausmustern`, { method: 'POST', body: form({ csrf: admin.csrfToken, bestaetigt: '1' }) });
    expect(await (await admin.request(`/intern/papierkoerbe?q=${bin.code}`)).text()).toContain('Keine Papierkörbe gefunden.');
    const withRetired = await (await admin.request(`/intern/papierkoerbe?q=${bin.code}&ausgemustert=1`)).text();
    expect(withRetired).toContain('<p role="status">Gefundene Papierkörbe: 1.</p>');
    expect(withRetired).toContain('außer Betrieb');
    expect(withRetired).not.toContain('class="bins-check"');
  });

  it('speaks English with ?lang=en and keeps the language in the GET forms', async () => {
    const { app, ctx } = await setup();
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const html = await (await admin.request('/intern/papierkoerbe?lang=en')).text();
    expect(html).toContain('Bins found: 300.');
    expect(html).toContain('<input type="hidden" name="lang" value="en"');
  });
});

describe('GET /intern/papierkoerbe/{id}', () => {
  it('shows facts, open tasks and the history of reports and emptyings', async () => {
    const { app, ctx, bin } = await setup();
    const task = await press(ctx.db, bin, 'papierkorb-voll', hoursBefore(ctx.clock.now(), 3), 2);
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'], name: 'Kai Kolonne' });
    await crew.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: crew.csrfToken, bin: String(bin.id) }) });
    await press(ctx.db, bin, 'papierkorb-beschaedigt', ctx.clock.now());
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const html = await (await admin.request(`/intern/papierkoerbe/${bin.id}`)).text();
    expect(html).toContain(`<h1>Papierkorb ${bin.code}</h1>`);
    expect(html).toContain('nach Zuständigkeitsregeln (Entsorgungsbetrieb)');
    expect(html).toContain(`${bin.lat.toFixed(5)}, ${bin.lon.toFixed(5)}`);
    // The small map: the bin's district highlighted, a dot inside the picture.
    expect(html).toContain('<title id="bin-map-title">Lage des Papierkorbs im Ortsbezirk Altstadt (roter Punkt)</title>');
    const [, width, height] = html.match(/viewBox="0 0 (\d+) (\d+)"/)!.map(Number);
    const [, cx, cy] = html.match(/<circle cx="([\d.]+)" cy="([\d.]+)"/)!.map(Number);
    expect(cx).toBeGreaterThan(0);
    expect(cx).toBeLessThan(width!);
    expect(cy).toBeGreaterThan(0);
    expect(cy).toBeLessThan(height!);
    expect(html.match(/class="bins-map-own"/g)).toHaveLength(1);
    expect(html).toContain(`Meldung ${task}: Papierkorb voll / überfüllt, Erledigt, gemeldet: 2×`);
    expect(html).toContain('Geleert; erledigte Aufgaben: 1');
    expect(html).toContain('Kai Kolonne');
    expect(html).toMatch(/Offene Aufgaben<\/h2><ul><li><a href="\/intern\/meldungen\/\d+">Meldung \d+<\/a>: Papierkorb beschädigt/);
  });
});

describe('POST /intern/papierkoerbe/{id} (edit)', () => {
  it('saves the changed fields, re-derives the district and records before and after', async () => {
    const { app, ctx, bin } = await setup();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['entsorgung'] });
    const point = await pointIn(ctx.db, 'Neustadt');
    const res = await staff.request(`/intern/papierkoerbe/${bin.id}`, {
      method: 'POST',
      body: editForm(staff.csrfToken, { bin_type: 'Unterflurbehälter', volume_l: '120', description: 'Neustadt, Goetheplatz', lat: String(point.lat).replace('.', ','), lon: String(point.lon), next_emptying_at: '2026-11-23T06:00', department_id: String(await departmentId(ctx.db, 'entsorgung')) }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/intern/papierkoerbe/${bin.id}?gespeichert=1`);
    const after = await binRow(ctx, bin.id);
    const neustadt = findDistrict(point, (await loadRoutingTable(ctx.db)).districts)!;
    expect(after).toMatchObject({ bin_type: 'Unterflurbehälter', volume_l: 120, description: 'Neustadt, Goetheplatz', lat: point.lat, lon: point.lon, district_id: neustadt.id, next_emptying_at: '2026-11-23T05:00:00.000Z' });
    const [event] = await binEvents(ctx);
    expect(event).toMatchObject({ bin_id: bin.id, type: 'edited', actor: `staff:${staff.staff.id}` });
    const body = JSON.parse(event!.body!);
    expect(body.volume_l).toEqual([bin.volume_l, 120]);
    expect(body.district_id).toEqual([bin.district_id, neustadt.id]);
    const page = await (await staff.request(res.headers.get('Location')!)).text();
    expect(page).toContain('Gespeichert.');
    expect(page).toContain('Bearbeitet: Art, Volumen, Beschreibung, Breitengrad, Längengrad, Fachamt, Nächste Leerung');
    expect(page).toContain('value="2026-11-23T06:00"');
  });

  it('refuses bad values with 422, each message at its field, the input kept, nothing written', async () => {
    const { app, ctx, bin } = await setup();
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const res = await admin.request(`/intern/papierkoerbe/${bin.id}`, {
      method: 'POST',
      body: editForm(admin.csrfToken, { bin_type: '', volume_l: 'zehn', description: 'x'.repeat(201), lat: '52.52', lon: '13.40', department_id: '999', next_emptying_at: '2026-02-30T06:00' }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<p class="field-error" id="bin_type-error">Bitte geben Sie die Art an');
    expect(html).toContain('<p class="field-error" id="volume_l-error">Bitte eine ganze Zahl');
    expect(html).toContain('<p class="field-error" id="description-error">Höchstens 200 Zeichen.');
    expect(html).toContain('<p class="field-error" id="lat-error">Dieser Standort liegt außerhalb der Stadt.');
    expect(html).toContain('<p class="field-error" id="department_id-error">Dieses Fachamt gibt es nicht.');
    expect(html).toContain('<p class="field-error" id="next_emptying_at-error">Bitte Datum und Uhrzeit');
    expect(html).toContain('value="zehn"');
    expect(html).toContain('value="52.52"');
    expect(html).toContain('aria-invalid="true" aria-describedby="volume_l-error"');
    expect(html).toContain('<title>Fehler: Papierkorb');
    expect(await binRow(ctx, bin.id)).toEqual(bin);
    expect(await binEvents(ctx)).toEqual([]);
    const lonBad = await admin.request(`/intern/papierkoerbe/${bin.id}`, { method: 'POST', body: editForm(admin.csrfToken, { lon: 'acht' }) });
    expect(lonBad.status).toBe(422);
    expect(await lonBad.text()).toContain('<p class="field-error" id="lon-error">Bitte eine Zahl wie 49.99950.');
  });

  it("refuses staff handing the bin to a department that is not theirs (422), and saving nothing new says so", async () => {
    const { app, ctx, bin } = await setup();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['entsorgung'] });
    const res = await staff.request(`/intern/papierkoerbe/${bin.id}`, { method: 'POST', body: editForm(staff.csrfToken, { department_id: String(await departmentId(ctx.db, 'gruen')) }) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('So gehörte der Papierkorb nicht mehr zu Ihren Fachämtern');
    expect(await binEvents(ctx)).toEqual([]);
    const same = await staff.request(`/intern/papierkoerbe/${bin.id}`, {
      method: 'POST',
      body: editForm(staff.csrfToken, { bin_type: bin.bin_type, volume_l: String(bin.volume_l ?? ''), description: bin.description, lat: String(bin.lat), lon: String(bin.lon), next_emptying_at: (await (await staff.request(`/intern/papierkoerbe/${bin.id}`)).text()).match(/name="next_emptying_at" value="([^"]*)"/)![1]! }),
    });
    expect(same.headers.get('Location')).toBe(`/intern/papierkoerbe/${bin.id}?unveraendert=1`);
    expect(await binEvents(ctx)).toEqual([]);
  });
});

describe('new code and retiring', () => {
  it('issues a new code: the old one revoked, the new one shown with a link to print it, recorded', async () => {
    const { app, ctx, bin } = await setup();
    const admin = await asStaff(app, ctx, { role: 'dispatcher' });
    const res = await admin.request(`/intern/papierkoerbe/${bin.id}/neuer-code?lang=en`, { method: 'POST', body: form({ csrf: admin.csrfToken }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/intern/papierkoerbe/${bin.id}?neuer-code=1&lang=en`);
    const after = await binRow(ctx, bin.id);
    expect(after.code).not.toBe(bin.code);
    const codes = await ctx.db.selectFrom('bin_codes').select(['code', 'revoked_at']).where('bin_id', '=', bin.id).orderBy('issued_at').execute();
    expect(codes).toEqual([{ code: bin.code, revoked_at: ctx.clock.now().toISOString() }, { code: after.code, revoked_at: null }]);
    expect((await binEvents(ctx)).map((e) => [e.type, JSON.parse(e.body!)])).toEqual([['code_reissued', { from: bin.code, to: after.code }]]);
    const html = await (await admin.request(res.headers.get('Location')!)).text();
    expect(html).toContain(`New code: ${after.code}. The old code ${bin.code} is revoked.`);
    expect(html).toContain(`href="/intern/aufkleber.pdf?format=3659&amp;codes=${after.code}"`);
  });

  it('retires the bin and closes its open tasks as "no action possible", each with its event; a second retire is 409', async () => {
    const { app, ctx, bin } = await setup();
    const full = await press(ctx.db, bin, 'papierkorb-voll', hoursBefore(ctx.clock.now(), 2));
    const damaged = await press(ctx.db, bin, 'papierkorb-beschaedigt', hoursBefore(ctx.clock.now(), 1));
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['entsorgung'] });
    // Without the tick that the bin is really gone: 422 at the checkbox, nothing written.
    const unconfirmed = await staff.request(`/intern/papierkoerbe/${bin.id}/ausmustern`, { method: 'POST', body: form({ csrf: staff.csrfToken }) });
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain('<p class="field-error" id="retire-error">Bitte bestätigen Sie, dass der Papierkorb nicht mehr steht.');
    expect((await binRow(ctx, bin.id)).active).toBe(1);
    expect(await binEvents(ctx)).toEqual([]);
    const res = await staff.request(`/intern/papierkoerbe/${bin.id}/ausmustern`, { method: 'POST', body: form({ csrf: staff.csrfToken, bestaetigt: '1' }) });
    expect(res.status).toBe(303);
    const after = await binRow(ctx, bin.id);
    expect([after.active, after.retired_at]).toEqual([0, ctx.clock.now().toISOString()]);
    const reports = await ctx.db.selectFrom('reports').select(['id', 'state']).where('id', 'in', [full, damaged]).orderBy('id').execute();
    expect(reports.map((r) => r.state)).toEqual(['no_action', 'no_action']);
    const events = await ctx.db.selectFrom('report_events').select(['report_id', 'to_state', 'actor']).where('type', '=', 'state_changed').where('report_id', 'in', [full, damaged]).orderBy('report_id').execute();
    expect(events).toEqual([
      { report_id: full, to_state: 'no_action', actor: `staff:${staff.staff.id}` },
      { report_id: damaged, to_state: 'no_action', actor: `staff:${staff.staff.id}` },
    ]);
    expect((await binEvents(ctx)).map((e) => [e.type, JSON.parse(e.body!)])).toEqual([['retired', { reports: [full, damaged] }]]);
    const html = await (await staff.request(res.headers.get('Location')!)).text();
    expect(html).toContain('Außer Betrieb genommen. Geschlossene offene Aufgaben: 2.');
    expect(html).not.toContain('neuer-code');
    expect((await staff.request(`/intern/papierkoerbe/${bin.id}/ausmustern`, { method: 'POST', body: form({ csrf: staff.csrfToken, bestaetigt: '1' }) })).status).toBe(409);
    expect((await staff.request(`/intern/papierkoerbe/${bin.id}/neuer-code`, { method: 'POST', body: form({ csrf: staff.csrfToken }) })).status).toBe(409);
  });
});
