// The access matrix: role x department x endpoint, through the routes, plus the pure rules.
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../db/schema.ts';
import { canChangeReport, canSeeReport, type StaffUser } from '../../server/staff/access.ts';
import { createReport, createTestApp, departmentId } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';

describe('canSeeReport / canChangeReport', () => {
  const user = (role: StaffRole, departmentIds: number[] = []): StaffUser => ({ id: 1, login: 'x', displayName: 'X', role, departmentIds });
  const defectOf2 = { departmentId: 2, kind: 'defect' as const };
  const binOf2 = { departmentId: 2, kind: 'bin' as const };
  it.each([
    ['admin', [], defectOf2, true],
    ['dispatcher', [], defectOf2, true],
    ['staff', [2], defectOf2, true],
    ['staff', [3], defectOf2, false],
    ['staff', [], defectOf2, false],
    ['crew', [2], binOf2, true],
    ['crew', [2], defectOf2, false],
    ['crew', [3], binOf2, false],
  ] as const)('%s of %j sees %j: %s', (role, deps, report, expected) => {
    expect(canSeeReport(user(role, [...deps]), report)).toBe(expected);
    // Crews see their bin tasks but do no case work on them: they mark bins emptied in /intern/kolonne.
    expect(canChangeReport(user(role, [...deps]), report)).toBe(role === 'crew' ? false : expected);
  });
});

/** Every case-work action on a report, with fields that an office role could successfully send. */
const CASE_WORK: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ['gesehen', {}],
  ['status', { status: 'rejected', antwort: 'Wir sind nicht zuständig.' }],
  ['antwort', { text: 'Der Papierkorb wird morgen geleert.' }],
  ['notiz', { text: 'Kolonne war schon da.' }],
  ['prioritaet', { prioritaet: 'high' }],
  ['zuweisen', { bearbeitung: '' }],
  ['weiterleiten', { fachamt: '1', grund: 'Nicht unser Korb.' }],
  ['duplikat', { original: '1' }],
  ['kategorie', { kategorie: '1' }],
  ['ort', { lat: '50.0', lon: '8.27', adresse: 'Rheinufer' }],
  ['text/veroeffentlichen', {}],
  ['text/ausblenden', {}],
  ['ausblenden', {}],
  ['einblenden', {}],
  ['fotos/1/veroeffentlichen', {}],
  ['fotos/1/ausblenden', {}],
  ['fotos/1/schwaerzen', { x: '10', y: '10', breite: '20', hoehe: '20' }],
  ['fotos/1/schwaerzung-aufheben', {}],
];

describe('crews on bin tasks', () => {
  it('a crew sees its departments\' bin tasks but every case-work action on them is 403 and changes nothing', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx, { category: 'papierkorb-voll' });
    const slug = (await ctx.db.selectFrom('departments').select('slug').where('id', '=', report.department_id).executeTakeFirstOrThrow()).slug;
    const crew = await asStaff(app, ctx, { role: 'crew', departments: [slug] });
    const base = `/intern/meldungen/${report.id}`;
    expect((await crew.request(base)).status).toBe(200);
    const snapshot = async () =>
      JSON.stringify([
        await ctx.db.selectFrom('reports').selectAll().where('id', '=', report.id).execute(),
        await ctx.db.selectFrom('report_events').selectAll().where('report_id', '=', report.id).execute(),
        await ctx.db.selectFrom('photos').selectAll().execute(),
      ]);
    const before = await snapshot();
    const statuses: Array<[string, number]> = [];
    for (const [action, fields] of CASE_WORK) {
      const res = await crew.request(`${base}/${action}`, { method: 'POST', body: new URLSearchParams({ csrf: crew.csrfToken, ...fields }) });
      statuses.push([action, res.status]);
    }
    statuses.push(['GET fotos/1/schwaerzen', (await crew.request(`${base}/fotos/1/schwaerzen`)).status]);
    expect(statuses).toEqual([...CASE_WORK.map(([action]) => [action, 403] as [string, number]), ['GET fotos/1/schwaerzen', 403]]);
    expect(await snapshot()).toBe(before);
    // A colleague of the same department in the office may (so the 403 above is the role, nothing else).
    const staff = await asStaff(app, ctx, { role: 'staff', departments: [slug] });
    const ok = await staff.request(`${base}/notiz`, { method: 'POST', body: new URLSearchParams({ csrf: staff.csrfToken, text: 'Kolonne war schon da.' }) });
    expect(ok.status).toBe(303);
  });

  it('the report page offers a crew no forms it cannot use, and points to the crew view', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx, { category: 'papierkorb-voll' });
    const slug = (await ctx.db.selectFrom('departments').select('slug').where('id', '=', report.department_id).executeTakeFirstOrThrow()).slug;
    const crew = await asStaff(app, ctx, { role: 'crew', departments: [slug] });
    const html = await (await crew.request(`/intern/meldungen/${report.id}`)).text();
    expect(html).toContain(`<h1>Meldung ${report.id}</h1>`);
    expect(html).not.toMatch(new RegExp(`action="/intern/meldungen/${report.id}/`));
    expect(html).toContain('Als Kolonne bearbeiten Sie Meldungen nicht; geleerte Papierkörbe melden Sie in der Kolonnenansicht.');
    expect(html).toContain('<a href="/intern/kolonne">Zur Kolonnenansicht</a>');
    const staff = await asStaff(app, ctx, { role: 'staff', departments: [slug] });
    expect(await (await staff.request(`/intern/meldungen/${report.id}`)).text()).toMatch(new RegExp(`action="/intern/meldungen/${report.id}/status"`));
  });

  it('offers a crew no address moderation either, when the bin task has address words', async () => {
    const { app, ctx } = await createTestApp();
    // Office staff typed the place in words when they corrected it; the words are not public yet.
    const report = await createReport(ctx, { category: 'papierkorb-voll', address: 'Fischtorplatz, am Brunnen' });
    const slug = (await ctx.db.selectFrom('departments').select('slug').where('id', '=', report.department_id).executeTakeFirstOrThrow()).slug;
    const crew = await asStaff(app, ctx, { role: 'crew', departments: [slug] });
    const html = await (await crew.request(`/intern/meldungen/${report.id}`)).text();
    expect(html).toContain('Fischtorplatz, am Brunnen');
    expect(html).not.toContain('Adresse veröffentlichen');
    expect(html).not.toMatch(new RegExp(`action="/intern/meldungen/${report.id}/`));
  });
});

describe('access matrix through the routes', () => {
  it('answers 200/303/403/404 as each role and department must get', async () => {
    const { app, ctx } = await createTestApp();
    // A Tiefbau report (road damage) and an Entsorgung bin task.
    const road = await createReport(ctx, { category: 'strassenschaden' });
    expect(road.department_id).toBe(await departmentId(ctx.db, 'tiefbau'));
    const binTask = await ctx.db
      .selectFrom('reports')
      .innerJoin('categories', 'categories.id', 'reports.category_id')
      .select(['reports.id', 'reports.department_id'])
      .where('categories.kind', '=', 'bin')
      .executeTakeFirst();
    let binId = binTask?.id;
    if (!binId) {
      binId = (await createReport(ctx, { category: 'papierkorb-voll' })).id;
    }
    const binDepartment = (await ctx.db.selectFrom('reports').select('department_id').where('id', '=', binId).executeTakeFirstOrThrow()).department_id;
    const binSlug = (await ctx.db.selectFrom('departments').select('slug').where('id', '=', binDepartment).executeTakeFirstOrThrow()).slug;
    expect(binSlug).not.toBe('tiefbau');

    const who = {
      anonymous: null,
      admin: await asStaff(app, ctx, { role: 'admin' }),
      dispatcher: await asStaff(app, ctx, { role: 'dispatcher' }),
      'staff tiefbau': await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'] }),
      'staff bins': await asStaff(app, ctx, { role: 'staff', departments: [binSlug] }),
      'staff none': await asStaff(app, ctx, { role: 'staff', departments: [] }),
      'crew bins': await asStaff(app, ctx, { role: 'crew', departments: [binSlug] }),
      'crew tiefbau': await asStaff(app, ctx, { role: 'crew', departments: ['tiefbau'] }),
    };
    const road_ = `/intern/meldungen/${road.id}`;
    const bin_ = `/intern/meldungen/${binId}`;
    const endpoints = ['/intern', road_, bin_, '/intern/meldungen/999999', '/intern/aufkleber.pdf?format=3659&codes=ZZZZZZZ'] as const;
    // aufkleber with an unknown code: 400 means "let through to the sheet generator" (cheap; no PDF built).
    const expected: Record<keyof typeof who, number[]> = {
      anonymous: [303, 303, 303, 303, 303],
      admin: [200, 200, 200, 404, 400],
      dispatcher: [200, 200, 200, 404, 400],
      'staff tiefbau': [200, 200, 403, 404, 400],
      'staff bins': [200, 403, 200, 404, 400],
      'staff none': [200, 403, 403, 404, 400],
      'crew bins': [200, 403, 200, 404, 403],
      'crew tiefbau': [200, 403, 403, 404, 403],
    };
    const actual: Record<string, number[]> = {};
    for (const [name, client] of Object.entries(who)) {
      actual[name] = [];
      for (const path of endpoints) {
        const res = client ? await client.request(path) : await app.request(path);
        actual[name]!.push(res.status);
      }
    }
    expect(actual).toEqual(expected);
    // Unauthenticated non-page requests get 401, not a redirect.
    expect((await app.request('/intern', { headers: { Accept: 'application/json' } })).status).toBe(401);
    expect((await app.request('/intern/abmelden', { method: 'POST' })).status).toBe(401);
  });

  it('the report page shows what only staff may see: reporter e-mail, unpublished text, the history', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx, { description: 'Tiefes Loch vor Hausnummer 12, nachts kaum zu sehen' });
    await ctx.db.insertInto('subscriptions').values({ report_id: report.id, email: 'anna@example.org', lang: 'de', token_hash: 'h1', confirmed_at: ctx.clock.now().toISOString(), created_at: ctx.clock.now().toISOString(), removed_at: null }).execute();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'] });
    const res = await staff.request(`/intern/meldungen/${report.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain(`<h1>Meldung ${report.id}</h1>`);
    expect(html).toContain('Tiefes Loch vor Hausnummer 12');
    expect(html).toContain('nicht veröffentlicht');
    expect(html).toContain('anna@example.org');
    expect(html).toContain('(bestätigt)');
    expect(html).toContain('<h2>Verlauf</h2>');
    expect(html).toContain('Eingegangen'); // the history labels event types, never shows raw codes
    // The public page still shows neither.
    const pub = await (await app.request(`/m/${report.id}`)).text();
    expect(pub).not.toContain('anna@example.org');
    expect(pub).not.toContain('Tiefes Loch vor Hausnummer 12');
  });

  it('the start page counts open reports per own department; dispatchers see all departments', async () => {
    const { app, ctx } = await createTestApp();
    const tiefbau = await departmentId(ctx.db, 'tiefbau');
    const open = await ctx.db.selectFrom('reports').select(ctx.db.fn.countAll<number>().as('n')).where('department_id', '=', tiefbau).where('state', 'in', ['new', 'acknowledged', 'in_progress']).executeTakeFirstOrThrow();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], name: 'Tim Tiefbau' });
    const html = await (await staff.request('/intern')).text();
    expect(html).toContain('Angemeldet als Tim Tiefbau (Sachbearbeitung).');
    expect(html).toContain('<h2>Ihre Fachämter</h2>');
    expect(html).toContain(`<th scope="row">Tiefbauamt</th><td class="num">${open.n}</td>`);
    expect(html).not.toContain('Grün- und Umweltamt');
    const dispatcher = await asStaff(app, ctx, { role: 'dispatcher' });
    const all = await (await dispatcher.request('/intern')).text();
    expect(all).toContain('<h2>Alle Fachämter</h2>');
    expect(all).toContain('Zentrale Meldestelle (zentrale Meldestelle)');
    expect(all).toContain('Grün- und Umweltamt');
  });
});
