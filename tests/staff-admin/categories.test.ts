// Categories and answer templates: edit with every field, refusals at the field, and a target time
// change that leaves existing reports' due time alone.
import { describe, expect, it } from 'vitest';
import { categoryId, createReport, departmentId } from '../helpers.ts';
import { adminApp, flashOf, textOf } from './helpers.ts';

async function formFor(ctx: Awaited<ReturnType<typeof adminApp>>['ctx'], slug: string) {
  const c = await ctx.db.selectFrom('categories').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
  return {
    category: c,
    fields: {
      name_de: c.name_de,
      name_en: c.name_en,
      help_de: c.help_de,
      help_en: c.help_en,
      group_de: c.group_de,
      group_en: c.group_en,
      department: c.default_department_id === null ? '' : String(c.default_department_id),
      target_hours: String(c.target_hours),
      notice_de: c.notice_de ?? '',
      notice_en: c.notice_en ?? '',
      duplicate_radius_m: String(c.duplicate_radius_m),
      ...(c.auto_publish ? { auto_publish: '1' } : {}),
      ...(c.active ? { active: '1' } : {}),
    } as Record<string, string>,
  };
}

describe('categories', () => {
  it('lists defects and bins apart, grouped', async () => {
    const { admin } = await adminApp();
    const html = await (await admin.request('/intern/verwaltung/kategorien')).text();
    const defects = html.indexOf('<h2>Mängel</h2>');
    const bins = html.indexOf('<h2>Papierkörbe</h2>');
    expect(defects).toBeGreaterThan(0);
    expect(bins).toBeGreaterThan(defects);
    expect(html.indexOf('Straßenschaden / Schlagloch')).toBeGreaterThan(defects);
    expect(html.indexOf('Straßenschaden / Schlagloch')).toBeLessThan(bins);
    expect(html.indexOf('Hundekotbeutelspender leer')).toBeGreaterThan(bins);
    expect(html).toContain('<caption>Straße und Verkehr</caption>');
  });

  it('saves every field; a new target time does not move existing reports', async () => {
    const { admin, ctx } = await adminApp();
    const report = await createReport(ctx, { category: 'strassenschaden' });
    const { category, fields } = await formFor(ctx, 'strassenschaden');
    const page = await textOf(await admin.request(`/intern/verwaltung/kategorien/${category.id}`));
    expect(page).toContain('Eine geänderte Zielzeit gilt nur für neue Meldungen');
    const res = await admin.post(`/intern/verwaltung/kategorien/${category.id}`, {
      ...fields,
      name_en: 'Pothole',
      help_de: 'Löcher in der Straße.',
      department: String(await departmentId(ctx.db, 'verkehr')),
      target_hours: '48',
      auto_publish: '1',
      notice_de: 'Bei Gefahr 110 anrufen.',
      notice_en: '',
      duplicate_radius_m: '75',
      active: '',
    });
    expect(res.status).toBe(303);
    expect(flashOf(res)).toBe('saved');
    const saved = await ctx.db.selectFrom('categories').selectAll().where('id', '=', category.id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      name_en: 'Pothole',
      help_de: 'Löcher in der Straße.',
      default_department_id: await departmentId(ctx.db, 'verkehr'),
      target_hours: 48,
      auto_publish: 1,
      notice_de: 'Bei Gefahr 110 anrufen.',
      notice_en: null,
      duplicate_radius_m: 75,
      active: 0,
    });
    const after = await ctx.db.selectFrom('reports').select('due_at').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(after.due_at).toBe(report.due_at);
    expect(after.due_at).toBe(new Date(Date.parse(report.created_at) + 120 * 3600_000).toISOString());
  });

  it('refuses target times outside 1–8760, bad radii, empty names and unknown departments with 422', async () => {
    const { admin, ctx } = await adminApp();
    const { category, fields } = await formFor(ctx, 'gully');
    const before = JSON.stringify(category);
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ target_hours: '0' }, 'target_hours', 'Bitte eine ganze Zahl von 1 bis 8760 Stunden.'],
      [{ target_hours: '8761' }, 'target_hours', '1 bis 8760'],
      [{ target_hours: '12.5' }, 'target_hours', '1 bis 8760'],
      [{ target_hours: '' }, 'target_hours', '1 bis 8760'],
      [{ duplicate_radius_m: '-5' }, 'duplicate_radius_m', 'Bitte eine ganze Zahl von 0 bis 1000 Metern.'],
      [{ name_de: '' }, 'name_de', 'Bitte füllen Sie dieses Feld aus.'],
      [{ help_en: 'x'.repeat(301) }, 'help_en', 'Bitte höchstens 300 Zeichen.'],
      [{ department: '9999' }, 'department', 'Bitte wählen Sie ein Amt aus der Liste.'],
    ];
    for (const [change, field, message] of cases) {
      const res = await admin.post(`/intern/verwaltung/kategorien/${category.id}`, { ...fields, ...change, name_en: 'Kept input' });
      expect([field, res.status]).toEqual([field, 422]);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain(`id="${field}-error"`);
      expect(html).toContain('value="Kept input"');
    }
    expect(JSON.stringify(await ctx.db.selectFrom('categories').selectAll().where('id', '=', category.id).executeTakeFirstOrThrow())).toBe(before);
  });
});

describe('answer templates', () => {
  it('creates one for a category and state, one for all categories, edits and deactivates them', async () => {
    const { admin, ctx } = await adminApp();
    const gully = await categoryId(ctx.db, 'gully');
    // The demo data may bring templates of its own: only the ones made here are looked at.
    const seeded = (await ctx.db.selectFrom('response_templates').select('id').execute()).map((r) => r.id);
    const created = await admin.post('/intern/verwaltung/vorlagen', { category: String(gully), state: 'done', title: 'Gully frei', body: 'Der Ablauf wurde gereinigt.' });
    expect(created.status).toBe(303);
    expect(flashOf(created)).toBe('created');
    expect((await admin.post('/intern/verwaltung/vorlagen', { category: '', state: '', title: 'Danke', body: 'Danke für Ihre Meldung.' })).status).toBe(303);
    const rows = (await ctx.db.selectFrom('response_templates').selectAll().orderBy('id').execute()).filter((r) => !seeded.includes(r.id));
    expect(rows.map((r) => [r.category_id, r.state, r.title, r.active])).toEqual([
      [gully, 'done', 'Gully frei', 1],
      [null, null, 'Danke', 1],
    ]);

    // The category's view shows its own and the general ones; another category's only the general one.
    const forGully = await textOf(await admin.request(`/intern/verwaltung/vorlagen?kategorie=${gully}`));
    expect(forGully).toContain('Gully frei');
    expect(forGully).toContain('Danke');
    const forOther = await textOf(await admin.request(`/intern/verwaltung/vorlagen?kategorie=${await categoryId(ctx.db, 'graffiti')}`));
    expect(forOther).not.toContain('Gully frei');
    expect(forOther).toContain('Danke');
    expect((await admin.request('/intern/verwaltung/vorlagen?kategorie=999')).status).toBe(404);

    const edited = await admin.post(`/intern/verwaltung/vorlagen/${rows[0]!.id}`, { category: String(gully), state: 'in_progress', title: 'Gully wird gereinigt', body: 'Wir kümmern uns.' });
    expect(edited.status).toBe(303);
    expect(await ctx.db.selectFrom('response_templates').select(['state', 'title']).where('id', '=', rows[0]!.id).executeTakeFirstOrThrow()).toEqual({ state: 'in_progress', title: 'Gully wird gereinigt' });

    const off = await admin.post(`/intern/verwaltung/vorlagen/${rows[0]!.id}/aktiv`, { active: '0' });
    expect(flashOf(off)).toBe('disabled');
    expect((await ctx.db.selectFrom('response_templates').select('active').where('id', '=', rows[0]!.id).executeTakeFirstOrThrow()).active).toBe(0);
    expect(await textOf(await admin.request(`/intern/verwaltung/vorlagen/${rows[0]!.id}`))).toContain('Diese Vorlage ist deaktiviert');
    expect(flashOf(await admin.post(`/intern/verwaltung/vorlagen/${rows[0]!.id}/aktiv`, { active: '1' }))).toBe('enabled');
    expect((await admin.post(`/intern/verwaltung/vorlagen/${rows[0]!.id}/aktiv`, { active: 'maybe' })).status).toBe(422);
  });

  it('refuses empty titles, unknown states and categories with 422 and writes nothing', async () => {
    const { admin, ctx } = await adminApp();
    const before = await ctx.db.selectFrom('response_templates').selectAll().execute();
    const cases: Array<[Record<string, string>, string]> = [
      [{ category: '', state: '', title: '', body: 'Text' }, 'title'],
      [{ category: '', state: '', title: 'T', body: '' }, 'body'],
      [{ category: '', state: 'vanished', title: 'T', body: 'Text' }, 'state'],
      [{ category: '4711', state: '', title: 'T', body: 'Text' }, 'category'],
      [{ category: '', state: '', title: 'T', body: 'x'.repeat(2001) }, 'body'],
    ];
    for (const [fields, field] of cases) {
      const res = await admin.post('/intern/verwaltung/vorlagen', fields);
      expect([field, res.status]).toEqual([field, 422]);
      expect(await res.text()).toContain(`id="${field}-error"`);
    }
    expect(await ctx.db.selectFrom('response_templates').selectAll().execute()).toEqual(before);
  });
});
