// Priority, assignee, forwarding, and corrections of category and location: what each writes into
// the report and its history, and what it refuses with 422 (nothing written, input kept).
import { describe, expect, it } from 'vitest';
import { dueAt } from '../../db/reports.ts';
import { categoryId, createReport, createTestApp, departmentId, pointIn } from '../helpers.ts';
import { addStaff, asStaff } from '../staff-helpers.ts';
import { eventsOf, postForm, reportRow, snapshot, textOf } from './helpers.ts';

async function setup(options: { category?: string } = {}) {
  const { app, ctx } = await createTestApp();
  const tim = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  const report = await createReport(ctx, { category: options.category ?? 'strassenschaden' });
  return { app, ctx, tim, report, path: (action: string) => `/intern/meldungen/${report.id}/${action}` };
}

describe('priority', () => {
  it('sets urgent with an event old → new, and a repeat changes nothing', async () => {
    const s = await setup();
    expect((await postForm(s.tim, s.path('prioritaet'), { prioritaet: '2' })).status).toBe(303);
    expect((await reportRow(s.ctx, s.report.id)).priority).toBe(2);
    const events = await eventsOf(s.ctx, s.report.id);
    expect(events.at(-1)).toMatchObject({ type: 'priority_changed', detail: '{"from":0,"to":2}', public: 0 });
    const again = await postForm(s.tim, s.path('prioritaet'), { prioritaet: '2' });
    expect(again.headers.get('Location')).toContain('erledigt=unveraendert');
    expect(await eventsOf(s.ctx, s.report.id)).toHaveLength(events.length);
    const page = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(page).toContain('Priorität geändert Normal → Dringend Tim Tiefbau');
  });

  it('refuses anything but 0, 1, 2 with 422', async () => {
    const s = await setup();
    const before = await snapshot(s.ctx);
    for (const value of ['3', '-1', '', 'hoch', '1.5']) {
      const res = await postForm(s.tim, s.path('prioritaet'), { prioritaet: value });
      expect(res.status).toBe(422);
      expect(textOf(await res.text())).toContain('Bitte wählen Sie eine der Prioritäten.');
    }
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('assign', () => {
  it('assigns a member of the department, then nobody; refuses anyone else with 422', async () => {
    const s = await setup();
    const tina = await addStaff(s.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tina', name: 'Tina Teer' });
    const lea = await addStaff(s.ctx, { role: 'staff', departments: ['licht'], login: 'lea', name: 'Lea Licht' });
    const page = await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text();
    const select = /<select id="assignee"[\s\S]*?<\/select>/.exec(page)![0];
    expect(select).toContain('Tina Teer');
    expect(select).not.toContain('Lea Licht');

    expect((await postForm(s.tim, s.path('zuweisen'), { bearbeitung: String(tina.id) })).status).toBe(303);
    expect((await reportRow(s.ctx, s.report.id)).assigned_staff_id).toBe(tina.id);
    expect((await postForm(s.tim, s.path('zuweisen'), { bearbeitung: '' })).status).toBe(303);
    expect((await reportRow(s.ctx, s.report.id)).assigned_staff_id).toBeNull();
    const events = (await eventsOf(s.ctx, s.report.id)).filter((e) => e.type === 'assigned');
    expect(events.map((e) => e.detail)).toEqual([`{"from":null,"to":${tina.id}}`, `{"from":${tina.id},"to":null}`]);
    const history = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(history).toContain('Zugewiesen niemand → Tina Teer Tim Tiefbau');
    expect(history).toContain('Zugewiesen Tina Teer → niemand Tim Tiefbau');

    const before = await snapshot(s.ctx);
    for (const value of [String(lea.id), '99999', 'tina']) {
      const res = await postForm(s.tim, s.path('zuweisen'), { bearbeitung: value });
      expect(res.status).toBe(422);
      expect(textOf(await res.text())).toContain('Zuweisen lässt sich eine Meldung nur an Mitglieder ihres Fachamts.');
    }
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('forward', () => {
  it('a dispatcher forwards out of the central desk: department changes, assignee cleared, state kept, reason in the event', async () => {
    const s = await setup({ category: 'graffiti' });
    const zentrale = await departmentId(s.ctx.db, 'zentrale');
    const tiefbau = await departmentId(s.ctx.db, 'tiefbau');
    const dora = await asStaff(s.app, s.ctx, { role: 'dispatcher', login: 'dora', name: 'Dora Disponentin' });
    const zara = await addStaff(s.ctx, { role: 'staff', departments: ['zentrale'], login: 'zara', name: 'Zara Zentrale' });
    // As the central desk gets it when no rule could route it, assigned to a colleague there.
    await s.ctx.db.updateTable('reports').set({ department_id: zentrale, assigned_staff_id: zara.id, state: 'acknowledged' }).where('id', '=', s.report.id).execute();

    const res = await postForm(dora, s.path('weiterleiten'), { fachamt: String(tiefbau), grund: 'Graffiti an einer Brücke: Bauwerk des Tiefbauamts.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/intern/meldungen/${s.report.id}?erledigt=weiterleiten`);
    const row = await reportRow(s.ctx, s.report.id);
    expect(row).toMatchObject({ department_id: tiefbau, assigned_staff_id: null, state: 'acknowledged' });
    expect((await eventsOf(s.ctx, s.report.id)).at(-1)).toMatchObject({
      type: 'forwarded',
      body: 'Graffiti an einer Brücke: Bauwerk des Tiefbauamts.',
      public: 0,
      actor: `staff:${dora.staff.id}`,
      detail: `{"from":${zentrale},"to":${tiefbau},"assignee":${zara.id}}`,
    });
    const page = textOf(await (await dora.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(page).toContain('Weitergeleitet Zentrale Meldestelle → Tiefbauamt Dora Disponentin Graffiti an einer Brücke');
    // The colleague of Tiefbau now sees it, the public page does not show the reason.
    expect((await s.tim.request(`/intern/meldungen/${s.report.id}`)).status).toBe(200);
    expect(await (await s.app.request(`/m/${s.report.id}`)).text()).not.toContain('Bauwerk des Tiefbauamts');
  });

  it('refuses a missing reason, a missing, unknown or the same department with 422', async () => {
    const s = await setup();
    const licht = String(await departmentId(s.ctx.db, 'licht'));
    const before = await snapshot(s.ctx);
    const cases: Array<[Record<string, string>, string]> = [
      [{ fachamt: licht, grund: '  ' }, 'Bitte geben Sie den Grund der Weiterleitung an.'],
      [{ fachamt: '', grund: 'x' }, 'Bitte wählen Sie das Fachamt.'],
      [{ fachamt: '99999', grund: 'x' }, 'Dieses Fachamt gibt es nicht.'],
      [{ fachamt: String(s.report.department_id), grund: 'x' }, 'Die Meldung liegt schon bei diesem Fachamt.'],
    ];
    for (const [fields, message] of cases) {
      const res = await postForm(s.tim, s.path('weiterleiten'), fields);
      expect(res.status).toBe(422);
      expect(textOf(await res.text())).toContain(message);
    }
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('correct the category', () => {
  it('recomputes the due time from created_at and the new target time; the department stays', async () => {
    const s = await setup();
    const gully = await categoryId(s.ctx.db, 'gully'); // 72 h instead of 120 h
    expect((await postForm(s.tim, s.path('kategorie'), { kategorie: String(gully) })).status).toBe(303);
    const row = await reportRow(s.ctx, s.report.id);
    expect(row.category_id).toBe(gully);
    expect(row.department_id).toBe(s.report.department_id);
    expect(row.due_at).toBe(dueAt(s.report.created_at, 72));
    expect((await eventsOf(s.ctx, s.report.id)).at(-1)).toMatchObject({ type: 'category_changed', detail: expect.stringContaining(`"to":${gully}`) });
    const page = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(page).toContain('Kategorie korrigiert Straßenschaden / Schlagloch → Gully / Kanaldeckel');
    const en = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}?lang=en`)).text());
    expect(en).toContain('Category corrected Road damage / pothole → Drain / manhole cover');
  });

  it('refuses a bin category for a defect, an unknown and an inactive category with 422', async () => {
    const s = await setup();
    const bin = await categoryId(s.ctx.db, 'papierkorb-voll');
    const gehweg = await categoryId(s.ctx.db, 'gehweg');
    await s.ctx.db.updateTable('categories').set({ active: 0 }).where('id', '=', gehweg).execute();
    const before = await snapshot(s.ctx);
    for (const value of [String(bin), '99999', String(gehweg), '']) {
      const res = await postForm(s.tim, s.path('kategorie'), { kategorie: value });
      expect(res.status).toBe(422);
      expect(textOf(await res.text())).toContain('Bitte wählen Sie eine Kategorie aus der Liste.');
    }
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('correct the location', () => {
  it('moves the report and finds the district again; a German decimal comma is fine', async () => {
    const s = await setup();
    const neustadt = await pointIn(s.ctx.db, 'Neustadt');
    const fields = { lat: neustadt.lat.toFixed(6).replace('.', ','), lon: neustadt.lon.toFixed(6) };
    expect((await postForm(s.tim, s.path('ort'), fields)).status).toBe(303);
    const row = await reportRow(s.ctx, s.report.id);
    const district = await s.ctx.db.selectFrom('districts').select('id').where('name', '=', 'Neustadt').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lat: Number(neustadt.lat.toFixed(6)), lon: Number(neustadt.lon.toFixed(6)), district_id: district.id });
    expect((await eventsOf(s.ctx, s.report.id)).at(-1)!.type).toBe('location_changed');
    const page = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(page).toMatch(/Ort korrigiert [0-9.]+, [0-9.]+ \(Altstadt\) → [0-9.]+, [0-9.]+ \(Neustadt\)/);
  });

  it('refuses a point outside Mainz and coordinates that are not numbers with 422, input kept', async () => {
    const s = await setup();
    const before = await snapshot(s.ctx);
    const outside = await postForm(s.tim, s.path('ort'), { lat: '50.1109', lon: '8.6821' }); // Frankfurt
    expect(outside.status).toBe(422);
    const html = await outside.text();
    expect(textOf(html)).toContain('außerhalb des Stadtgebiets von Mainz');
    expect(html).toContain('value="50.1109"');
    const garbage = await postForm(s.tim, s.path('ort'), { lat: 'Mainz', lon: '' });
    expect(garbage.status).toBe(422);
    const text = textOf(await garbage.text());
    expect(text).toContain('Bitte geben Sie die Breite als Zahl in Grad an');
    expect(text).toContain('Bitte geben Sie die Länge als Zahl in Grad an');
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('correct the address in words', () => {
  it('rewords or removes the public address (a name taken out), recorded in the history, the point kept', async () => {
    const s = await setup();
    const before = await reportRow(s.ctx, s.report.id);
    await s.ctx.db.updateTable('reports').set({ address: 'vor dem Haus von Familie Beispiel, Große Bleiche 12', location_source: 'address' }).where('id', '=', s.report.id).execute();
    const fields = { lat: before.lat.toFixed(6), lon: before.lon.toFixed(6) };
    const form = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(form).toContain('Adresse (öffentlich sichtbar)');

    expect((await postForm(s.tim, s.path('ort'), { ...fields, adresse: '  Große   Bleiche 12 ' })).status).toBe(303);
    // Reworded only: how the report was placed stays as it was.
    expect(await reportRow(s.ctx, s.report.id)).toMatchObject({ address: 'Große Bleiche 12', location_source: 'address', lat: before.lat });
    const publicPage = textOf(await (await s.app.request(`/m/${s.report.id}`)).text());
    expect(publicPage).toContain('Große Bleiche 12');
    expect(publicPage).not.toContain('Familie Beispiel');
    const history = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(history).toMatch(/Ort korrigiert [0-9.]+, [0-9.]+ \(Altstadt\), „vor dem Haus von Familie Beispiel, Große Bleiche 12“ → [0-9.]+, [0-9.]+ \(Altstadt\), „Große Bleiche 12“/);

    expect((await postForm(s.tim, s.path('ort'), { ...fields, adresse: '' })).status).toBe(303);
    expect((await reportRow(s.ctx, s.report.id)).address).toBeNull();
    expect((await eventsOf(s.ctx, s.report.id)).filter((e) => e.type === 'location_changed')).toHaveLength(2);
    // The same again changes nothing and writes no event.
    expect((await postForm(s.tim, s.path('ort'), { ...fields, adresse: '' })).headers.get('Location')).toContain('erledigt=unveraendert');
    expect((await eventsOf(s.ctx, s.report.id)).filter((e) => e.type === 'location_changed')).toHaveLength(2);
  });

  it('refuses an address over 200 characters with 422 at its field, nothing written, input kept', async () => {
    const s = await setup();
    const row = await reportRow(s.ctx, s.report.id);
    const before = await snapshot(s.ctx);
    const long = 'Große Bleiche '.repeat(20);
    const res = await postForm(s.tim, s.path('ort'), { lat: row.lat.toFixed(6), lon: row.lon.toFixed(6), adresse: long });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(textOf(html)).toContain('Die Adresse ist zu lang: höchstens 200 Zeichen.');
    expect(html).toContain('href="#location-address"');
    expect(html).toMatch(/id="location-address"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="location-address"/);
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});
