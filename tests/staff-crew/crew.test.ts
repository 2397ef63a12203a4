// The crew view through the routes: who sees which bin tasks, the order, the filters, and "geleert"
// for one and for several bins with its refusals (nothing is written on any refusal).
import { describe, expect, it } from 'vitest';
import { sortByUrgency, urgencyOf, type CrewBin } from '../../db/crew-tasks.ts';
import { retireBin } from '../../db/bins.ts';
import { createTestApp, departmentId } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { form, hoursBefore, plainBins, press } from './fixtures.ts';

async function setup() {
  const { app, ctx } = await createTestApp();
  const now = ctx.clock.now();
  const [a, b, c] = await plainBins(ctx.db, 'Altstadt', 3);
  const [far] = await plainBins(ctx.db, 'Finthen', 1);
  const tasks = {
    // a: pressed 5 times an hour ago; b: once, 3 days ago (waited longest); c: once, just now; far: twice.
    a: await press(ctx.db, a!, 'papierkorb-voll', hoursBefore(now, 1), 5),
    b: await press(ctx.db, b!, 'papierkorb-voll', hoursBefore(now, 72)),
    c: await press(ctx.db, c!, 'papierkorb-umfeld', hoursBefore(now, 0.1)),
    far: await press(ctx.db, far!, 'papierkorb-voll', hoursBefore(now, 2), 2),
    // Dog bags go to Grün: an Entsorgung crew must not see them; emptying does not settle them.
    dogbags: await press(ctx.db, c!, 'hundekotbeutel', hoursBefore(now, 5)),
  };
  return { app, ctx, bins: { a: a!, b: b!, c: c!, far: far! }, tasks };
}

const codesOn = (html: string) => [...html.matchAll(/<span class="crew-code">([^<]+)<\/span>/g)].map((m) => m[1]);
const stateOf = async (ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number) =>
  (await ctx.db.selectFrom('reports').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe('urgency', () => {
  const bin = (presses: number, hoursAgo: number, binId: number): CrewBin => ({
    binId, code: `C${binId}`, description: '', lat: 0, lon: 0, districtName: null, tasks: [], presses, oldestAt: hoursBefore(new Date('2026-11-21T10:00:00Z'), hoursAgo).toISOString(), distanceM: null, emptiable: true, sharedWithOtherDepartment: false,
  });
  const now = new Date('2026-11-21T10:00:00Z');
  it('adds one press per 12 hours of waiting', () => {
    expect(urgencyOf(bin(3, 0, 1), now)).toBe(3);
    expect(urgencyOf(bin(1, 24, 1), now)).toBe(3);
  });
  it('puts more presses first, a long wait above a few presses, and the older first on a tie', () => {
    const order = sortByUrgency([bin(1, 1, 1), bin(4, 1, 2), bin(1, 72, 3), bin(2, 13, 4), bin(2, 12, 5)], now).map((b) => b.binId);
    expect(order).toEqual([3, 2, 4, 5, 1]);
  });
});

describe('GET /intern/kolonne', () => {
  it('sends people without a session to the login page, and scripts get 401', async () => {
    const { app } = await setup();
    const page = await app.request('/intern/kolonne');
    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toBe('/intern/anmelden?ziel=%2Fintern%2Fkolonne');
    expect((await app.request('/intern/kolonne', { headers: { Accept: 'application/json' } })).status).toBe(401);
  });

  it('shows a crew the bin tasks of its departments, most urgent first, with reasons, presses, age and a geo: link', async () => {
    const { app, ctx, bins } = await setup();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const res = await crew.request('/intern/kolonne');
    expect(res.status).toBe(200);
    const html = await res.text();
    // b waited 72 h (1 + 6) > a 5 presses (5 + 1/12) > far (2 + 1/6) > c (1 + ...).
    expect(codesOn(html)).toEqual([bins.b.code, bins.a.code, bins.far.code, bins.c.code]);
    expect(html).toContain('Papierkörbe mit offenen Aufgaben: 4.');
    expect(html).toContain('12 Stunden Wartezeit zählen wie eine weitere Meldung');
    expect(html).toContain(`href="geo:${bins.a.lat.toFixed(6)},${bins.a.lon.toFixed(6)}"`);
    expect(html).toContain('Voll oder überfüllt (5)');
    expect(html).toContain('Müll rund um den Papierkorb (1)');
    expect(html).not.toContain('Hundekotbeutel leer');
    expect(html).toContain('vor 1 Stunde');
    expect(html).toContain(`name="nur" value="${bins.a.id}"`);
  });

  it('shows a Grün crew only its dog-bag task, without an emptied button; staff of Tiefbau see nothing; admin sees everything', async () => {
    const { app, ctx, bins } = await setup();
    const green = await asStaff(app, ctx, { role: 'crew', departments: ['gruen'] });
    const html = await (await green.request('/intern/kolonne')).text();
    expect(codesOn(html)).toEqual([bins.c.code]);
    expect(html).toContain('Hundekotbeutel leer (1)');
    expect(html).toContain('Leeren erledigt das nicht');
    expect(html).not.toContain('name="nur"');
    const road = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'] });
    expect(await (await road.request('/intern/kolonne')).text()).toContain('Keine offenen Aufgaben.');
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const all = await (await admin.request('/intern/kolonne')).text();
    expect(codesOn(all)).toHaveLength(4);
    expect(all).toContain('Hundekotbeutel leer (1)');
  });

  it('filters by district and by position (2 km), and refuses a bad district or position with 422', async () => {
    const { app, ctx, bins } = await setup();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const finthen = await ctx.db.selectFrom('districts').select('id').where('name', '=', 'Finthen').executeTakeFirstOrThrow();
    const inFinthen = await (await crew.request(`/intern/kolonne?bezirk=${finthen.id}`)).text();
    expect(codesOn(inFinthen)).toEqual([bins.far.code]);
    expect(inFinthen).toContain('Papierkörbe mit offenen Aufgaben in Finthen: 1.');
    expect(inFinthen).toMatch(new RegExp(`<option value="${finthen.id}" selected`));
    const near = await (await crew.request(`/intern/kolonne?lat=${bins.far.lat}&lon=${bins.far.lon}`)).text();
    expect(codesOn(near)).toEqual([bins.far.code]);
    expect(near).toContain('0 m');
    expect(near).toContain('im Umkreis von 2 km');
    const badDistrict = await crew.request('/intern/kolonne?bezirk=9999');
    expect(badDistrict.status).toBe(422);
    expect(await badDistrict.text()).toContain('Diesen Ortsbezirk gibt es nicht.');
    const badPosition = await crew.request('/intern/kolonne?lat=abc&lon=8.2');
    expect(badPosition.status).toBe(422);
    expect(await badPosition.text()).toContain('Der Standort ist ungültig.');
  });

  it('shows the 100 most urgent bins and says how many there are in all', async () => {
    const { app, ctx } = await createTestApp();
    const bins = await ctx.db.selectFrom('bins').selectAll().where('department_id', 'is', null).orderBy('id').limit(105).execute();
    expect(bins).toHaveLength(105);
    for (const [i, bin] of bins.entries()) await press(ctx.db, bin, 'papierkorb-voll', hoursBefore(ctx.clock.now(), i));
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const html = await (await admin.request('/intern/kolonne')).text();
    expect(html).toContain('Papierkörbe mit offenen Aufgaben: 105.');
    expect(html).toContain('Gezeigt werden die 100 dringendsten.');
    // The oldest first (one press each), so the five newest are the ones left out.
    expect(codesOn(html)).toEqual(bins.slice(5).reverse().map((b) => b.code));
  });

  it('speaks English with ?lang=en', async () => {
    const { app, ctx } = await setup();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const html = await (await crew.request('/intern/kolonne?lang=en')).text();
    expect(html).toContain('Crew: emptying bins');
    expect(html).toContain('Full or overflowing (5)');
    expect(html).toContain('action="/intern/kolonne/geleert?lang=en"');
    expect(html).toContain('<input type="hidden" name="lang" value="en"');
  });
});

describe('POST /intern/kolonne/geleert', () => {
  it('empties several bins at once: their full/litter tasks are done by staff:<id>, the bins remember it, and the list shrinks', async () => {
    const { app, ctx, bins, tasks } = await setup();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const res = await crew.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: crew.csrfToken, bin: [String(bins.a.id), String(bins.c.id)] }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/intern/kolonne?geleert=2&aufgaben=2');
    expect(await stateOf(ctx, tasks.a)).toBe('done');
    expect(await stateOf(ctx, tasks.c)).toBe('done');
    expect(await stateOf(ctx, tasks.dogbags)).toBe('new');
    expect(await stateOf(ctx, tasks.b)).toBe('new');
    const events = await ctx.db.selectFrom('report_events').selectAll().where('report_id', 'in', [tasks.a, tasks.c]).where('type', '=', 'state_changed').execute();
    expect(events.map((e) => [e.to_state, e.actor])).toEqual([['done', `staff:${crew.staff.id}`], ['done', `staff:${crew.staff.id}`]]);
    const binRows = await ctx.db.selectFrom('bins').select(['id', 'last_emptied_at']).where('id', 'in', [bins.a.id, bins.c.id]).execute();
    expect(binRows.map((b) => b.last_emptied_at)).toEqual([ctx.clock.now().toISOString(), ctx.clock.now().toISOString()]);
    const binEvents = await ctx.db.selectFrom('bin_events').selectAll().orderBy('bin_id').execute();
    expect(binEvents.map((e) => [e.bin_id, e.type, e.actor])).toEqual([[bins.a.id, 'emptied', `staff:${crew.staff.id}`], [bins.c.id, 'emptied', `staff:${crew.staff.id}`]].sort((x, y) => Number(x[0]) - Number(y[0])));

    const after = await (await crew.request(res.headers.get('Location')!)).text();
    expect(after).toContain('Als geleert eingetragen: 2 Papierkörbe. Erledigte Aufgaben: 2.');
    expect(codesOn(after)).toEqual([bins.b.code, bins.far.code]);
  });

  it('the per-bin button empties that bin alone, and the filter and language come back in the redirect', async () => {
    const { app, ctx, bins, tasks } = await setup();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const res = await crew.request('/intern/kolonne/geleert?lang=en', {
      method: 'POST',
      body: form({ csrf: crew.csrfToken, bin: [String(bins.a.id), String(bins.b.id)], nur: String(bins.b.id), lat: String(bins.b.lat), lon: String(bins.b.lon) }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/intern/kolonne?geleert=1&aufgaben=1&lat=${bins.b.lat}&lon=${bins.b.lon}&lang=en`);
    expect(await stateOf(ctx, tasks.b)).toBe('done');
    expect(await stateOf(ctx, tasks.a)).toBe('new');
    expect(await (await crew.request(res.headers.get('Location')!)).text()).toContain('Recorded as emptied: 1 bin. Tasks done: 1.');
  });

  it('refuses an empty or broken selection with 422 and the message at the list, writing nothing', async () => {
    const { app, ctx } = await setup();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const none = await crew.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: crew.csrfToken }) });
    expect(none.status).toBe(422);
    const html = await none.text();
    expect(html).toContain('Bitte wählen Sie mindestens einen Papierkorb aus.');
    expect(html).toContain('aria-describedby="bin-error"');
    const broken = await crew.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: crew.csrfToken, bin: ['1', 'drop table'] }) });
    expect(broken.status).toBe(422);
    expect(await ctx.db.selectFrom('bin_events').selectAll().execute()).toEqual([]);
  });

  it('refuses a missing CSRF token (403) and a request without session (401)', async () => {
    const { app, ctx, bins, tasks } = await setup();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    expect((await crew.request('/intern/kolonne/geleert', { method: 'POST', body: form({ bin: String(bins.a.id) }) })).status).toBe(403);
    expect((await app.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: crew.csrfToken, bin: String(bins.a.id) }) })).status).toBe(401);
    expect(await stateOf(ctx, tasks.a)).toBe('new');
  });

  it("refuses a bin of another department with 403 and writes nothing, not even for the crew's own bins in the same request", async () => {
    const { app, ctx, bins, tasks } = await setup();
    const green = await asStaff(app, ctx, { role: 'crew', departments: ['gruen'] });
    // c has a Grün task (dog bags) but its litter task is Entsorgung's: emptying would close that one.
    const parkBin = await ctx.db.selectFrom('bins').selectAll().where('department_id', '=', await departmentId(ctx.db, 'gruen')).executeTakeFirstOrThrow();
    for (const bin of [bins.c, bins.a]) {
      const res = await green.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: green.csrfToken, bin: [String(parkBin.id), String(bin.id)] }) });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(`Papierkorb ${bin.id} gehört nicht zu Ihren Fachämtern.`);
    }
    expect(await stateOf(ctx, tasks.c)).toBe('new');
    expect(await stateOf(ctx, tasks.a)).toBe('new');
    expect(await ctx.db.selectFrom('bin_events').selectAll().execute()).toEqual([]);
    // The park bin alone is Grün's own bin: its crew may record an emptying even without a task.
    const own = await green.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: green.csrfToken, bin: String(parkBin.id) }) });
    expect(own.status).toBe(303);
    expect(own.headers.get('Location')).toBe('/intern/kolonne?geleert=1&aufgaben=0');
  });

  it('does not offer "geleert" where it would also close another department\'s task, and refuses it with 403', async () => {
    const { app, ctx, bins, tasks } = await setup();
    // Staff forwarded the litter task at bin a to Grün: emptying a would close a Grün task.
    const litter = await press(ctx.db, bins.a, 'papierkorb-umfeld', hoursBefore(ctx.clock.now(), 1));
    await ctx.db.updateTable('reports').set({ department_id: await departmentId(ctx.db, 'gruen') }).where('id', '=', litter).execute();
    const crew = await asStaff(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const html = await (await crew.request('/intern/kolonne')).text();
    expect(html).not.toContain(`name="nur" value="${bins.a.id}"`);
    expect(html).toContain('Hier ist auch eine Aufgabe eines anderen Fachamts offen');
    const res = await crew.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: crew.csrfToken, bin: String(bins.a.id) }) });
    expect(res.status).toBe(403);
    expect(await stateOf(ctx, tasks.a)).toBe('new');
    // Dispatch sees all departments and may record it.
    const dispatch = await asStaff(app, ctx, { role: 'dispatcher' });
    expect(await (await dispatch.request('/intern/kolonne')).text()).toContain(`name="nur" value="${bins.a.id}"`);
  });

  it('answers 404 for an unknown bin and 409 for a retired one, writing nothing', async () => {
    const { app, ctx, bins, tasks } = await setup();
    const admin = await asStaff(app, ctx, { role: 'dispatcher' });
    const unknown = await admin.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: admin.csrfToken, bin: [String(bins.a.id), '999999'] }) });
    expect(unknown.status).toBe(404);
    await retireBin(ctx.db, bins.b.code, ctx.clock.now().toISOString());
    const retired = await admin.request('/intern/kolonne/geleert', { method: 'POST', body: form({ csrf: admin.csrfToken, bin: [String(bins.a.id), String(bins.b.id)] }) });
    expect(retired.status).toBe(409);
    expect(await stateOf(ctx, tasks.a)).toBe('new');
    expect(await ctx.db.selectFrom('bin_events').selectAll().execute()).toEqual([]);
  });
});
