// Routing rules (add, change, remove, refusals) and the check "which department gets a report here?"
// with every reason routeReport can give.
import { describe, expect, it } from 'vitest';
import { categoryId, departmentId, pointIn } from '../helpers.ts';
import { adminApp, flashOf, textOf } from './helpers.ts';

type Ctx = Awaited<ReturnType<typeof adminApp>>['ctx'];

async function districtId(ctx: Ctx, name: string) {
  return (await ctx.db.selectFrom('districts').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function rules(ctx: Ctx) {
  return ctx.db.selectFrom('routing_rules').select(['category_id', 'district_id', 'department_id']).orderBy('id').execute();
}

describe('routing rules', () => {
  it('lists rules per category, city-wide and per district', async () => {
    const { admin } = await adminApp();
    const text = await textOf(await admin.request('/intern/verwaltung/zustaendigkeit'));
    expect(text).toContain('Illegale Müllablagerung');
    expect(text).toMatch(/Illegale Müllablagerung Ohne passende Regel: Entsorgungsbetrieb Gilt für Amt Aktionen Altstadt/);
    expect(text).toContain('Graffiti / Wildplakatierung Ohne passende Regel: Zentrale');
    expect(text).toContain('ganze Stadt');
  });

  it('adds a district rule, changes its department and removes it', async () => {
    const { admin, ctx } = await adminApp();
    const gully = await categoryId(ctx.db, 'gully');
    const mombach = await districtId(ctx, 'Mombach');
    const before = await rules(ctx);
    const added = await admin.post('/intern/verwaltung/zustaendigkeit', { category: String(gully), district: String(mombach), department: String(await departmentId(ctx.db, 'gruen')) });
    expect(added.status).toBe(303);
    expect(flashOf(added)).toBe('created');
    const rule = await ctx.db.selectFrom('routing_rules').selectAll().where('category_id', '=', gully).where('district_id', '=', mombach).executeTakeFirstOrThrow();
    expect(rule.department_id).toBe(await departmentId(ctx.db, 'gruen'));

    const changed = await admin.post(`/intern/verwaltung/zustaendigkeit/${rule.id}`, { department: String(await departmentId(ctx.db, 'verkehr')) });
    expect(flashOf(changed)).toBe('saved');
    expect((await ctx.db.selectFrom('routing_rules').select('department_id').where('id', '=', rule.id).executeTakeFirstOrThrow()).department_id).toBe(await departmentId(ctx.db, 'verkehr'));
    const badChange = await admin.post(`/intern/verwaltung/zustaendigkeit/${rule.id}`, { department: '999' });
    expect(badChange.status).toBe(422);
    expect(await badChange.text()).toContain(`id="rule-${rule.id}-error"`);

    const removed = await admin.post(`/intern/verwaltung/zustaendigkeit/${rule.id}/entfernen`);
    expect(flashOf(removed)).toBe('removed');
    expect(await rules(ctx)).toEqual(before);
  });

  it('refuses a second rule for the same place, unknown choices and inactive districts with 422', async () => {
    const { admin, ctx } = await adminApp();
    const before = await rules(ctx);
    const dumping = String(await categoryId(ctx.db, 'illegale-ablagerung'));
    const graffiti = String(await categoryId(ctx.db, 'graffiti'));
    const altstadt = String(await districtId(ctx, 'Altstadt'));
    const gruen = String(await departmentId(ctx.db, 'gruen'));
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ category: dumping, district: altstadt, department: gruen }, 'district', 'und diesen Ortsbezirk gibt es schon eine Regel'],
      [{ category: graffiti, district: '', department: gruen }, 'district', 'schon eine stadtweite Regel'],
      [{ category: '', district: '', department: gruen }, 'category', 'Bitte wählen Sie eine Kategorie.'],
      [{ category: dumping, district: '999', department: gruen }, 'district', 'aktiven Ortsbezirk'],
      [{ category: dumping, district: '', department: '' }, 'department', 'Bitte wählen Sie ein Amt.'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await admin.post('/intern/verwaltung/zustaendigkeit', fields);
      expect([field, res.status]).toEqual([field, 422]);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain(`id="${field}-error"`);
    }
    // An inactive district is not offered and not accepted.
    const mombach = await districtId(ctx, 'Mombach');
    await ctx.db.updateTable('districts').set({ active: 0 }).where('id', '=', mombach).execute();
    expect((await admin.post('/intern/verwaltung/zustaendigkeit', { category: dumping, district: String(mombach), department: gruen })).status).toBe(422);
    expect(await rules(ctx)).toEqual(before);
  });
});

describe('routing check', () => {
  const check = async (admin: Awaited<ReturnType<typeof adminApp>>['admin'], query: Record<string, string | number>) => {
    const res = await admin.request(`/intern/verwaltung/zustaendigkeit/pruefen?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
    return { status: res.status, csp: res.headers.get('Content-Security-Policy') ?? '', html: await res.text() };
  };
  const reasonOf = (html: string) => /data-reason="([^"]+)"/.exec(html)?.[1];
  const answerOf = (html: string) => /<p class="admin-answer-department">([^<]+)<\/p>/.exec(html)?.[1];

  it('is a map page with an empty form before the first question', async () => {
    const { admin } = await adminApp();
    const res = await check(admin, {});
    expect(res.status).toBe(200);
    expect(res.csp).toContain('img-src \'self\' data: https://');
    expect(res.html).toContain('data-map="pick"');
    expect(res.html).toContain('src="/static/staff-admin.js"');
    expect(reasonOf(res.html)).toBeUndefined();
  });

  it('answers with the department and the reason for each precedence step', async () => {
    const { admin, ctx } = await adminApp();
    const altstadt = await pointIn(ctx.db, 'Altstadt');
    const gonsenheim = await pointIn(ctx.db, 'Gonsenheim');
    const cat = (slug: string) => categoryId(ctx.db, slug);

    let r = await check(admin, { kategorie: await cat('illegale-ablagerung'), lat: altstadt.lat, lon: altstadt.lon });
    expect([r.status, reasonOf(r.html), answerOf(r.html)]).toEqual([200, 'district-rule', 'Zuständig: Ordnungsamt']);
    expect(r.html).toContain('Regel für diese Kategorie im Ortsbezirk Altstadt.');

    r = await check(admin, { kategorie: await cat('illegale-ablagerung'), lat: gonsenheim.lat, lon: gonsenheim.lon });
    expect([reasonOf(r.html), answerOf(r.html)]).toEqual(['category-default', 'Zuständig: Entsorgungsbetrieb']);

    // A German decimal comma is accepted.
    r = await check(admin, { kategorie: await cat('graffiti'), lat: String(gonsenheim.lat).replace('.', ','), lon: String(gonsenheim.lon).replace('.', ',') });
    expect([r.status, reasonOf(r.html), answerOf(r.html)]).toEqual([200, 'category-rule', 'Zuständig: Ordnungsamt']);

    // Without its city-wide rule, graffiti (no default department) goes to central triage.
    await ctx.db.deleteFrom('routing_rules').where('category_id', '=', await cat('graffiti')).execute();
    r = await check(admin, { kategorie: await cat('graffiti'), lat: gonsenheim.lat, lon: gonsenheim.lon });
    expect([reasonOf(r.html), answerOf(r.html)]).toEqual(['central', 'Zuständig: Zentrale Meldestelle']);

    const bin = await ctx.db.selectFrom('bins').innerJoin('departments', 'departments.id', 'bins.department_id').select(['bins.code', 'departments.name']).where('bins.active', '=', 1).executeTakeFirstOrThrow();
    r = await check(admin, { kategorie: await cat('papierkorb-voll'), lat: '', lon: '', papierkorb: bin.code.toLowerCase() });
    expect([r.status, reasonOf(r.html), answerOf(r.html)]).toEqual([200, 'bin', `Zuständig: ${bin.name}`]);
    expect(r.html).toContain(`Papierkorb ${bin.code}: Das Amt des Papierkorbs geht vor.`);
  });

  it('answers in English with ?lang=en', async () => {
    const { admin, ctx } = await adminApp();
    const p = await pointIn(ctx.db, 'Hechtsheim');
    const r = await check(admin, { kategorie: await categoryId(ctx.db, 'strassenschaden'), lat: p.lat, lon: p.lon, lang: 'en' });
    expect(answerOf(r.html)).toBe('Responsible: Tiefbauamt');
    expect(r.html).toContain('No rule applies: the category’s default department.');
  });

  it('refuses a missing category, bad or missing coordinates, a place outside the city and an unknown bin with 422 at the field', async () => {
    const { admin, ctx } = await adminApp();
    const p = await pointIn(ctx.db, 'Altstadt');
    const road = await categoryId(ctx.db, 'strassenschaden');
    const cases: Array<[Record<string, string | number>, string, string]> = [
      [{ kategorie: '', lat: p.lat, lon: p.lon }, 'kategorie', 'Bitte wählen Sie eine Kategorie.'],
      [{ kategorie: 999, lat: p.lat, lon: p.lon }, 'kategorie', 'Bitte wählen Sie eine Kategorie.'],
      [{ kategorie: road, lat: '', lon: '' }, 'lat', 'Bitte wählen Sie einen Ort auf der Karte'],
      [{ kategorie: road, lat: '91', lon: p.lon }, 'lat', 'Bitte einen Breitengrad zwischen -90 und 90'],
      [{ kategorie: road, lat: p.lat, lon: '8.2x' }, 'lon', 'Bitte einen Längengrad zwischen -180 und 180'],
      [{ kategorie: road, lat: '48.1', lon: '11.5' }, 'lat', 'außerhalb des Stadtgebiets'],
      [{ kategorie: road, lat: '', lon: '', papierkorb: 'ZZZZZZZ' }, 'papierkorb', 'Einen Papierkorb mit dem Code ZZZZZZZ gibt es nicht.'],
    ];
    for (const [query, field, message] of cases) {
      const r = await check(admin, query);
      expect([field, r.status]).toEqual([field, 422]);
      expect(r.html).toContain(message);
      expect(r.html).toContain(`id="${field}-error"`);
      expect(reasonOf(r.html)).toBeUndefined();
    }
    // Input is kept.
    expect((await check(admin, { kategorie: road, lat: '91', lon: '8.25' })).html).toContain('value="91"');
  });
});
