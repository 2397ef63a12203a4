// The report form resolves a typed address with the city's addresses (here the demo addresses of the
// seed), without JavaScript: one match is filed at the house; several or none exactly bring the form
// back with "Meinten Sie …" and everything typed kept; a choice is taken only for the address it was
// offered for; "only the district" files a report marked as placed at the district.
import { describe, expect, it } from 'vitest';
import { addressLabel } from '../../db/addresses.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { postReportForm } from '../report/helpers.ts';

type Ctx = Awaited<ReturnType<typeof createTestApp>>['ctx'];
const lastReport = (ctx: Ctx) => ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
const districtId = async (ctx: Ctx, name: string) => String((await ctx.db.selectFrom('districts').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
const house = (ctx: Ctx, street: string, number: string) =>
  ctx.db.selectFrom('addresses').selectAll().where('street', '=', street).where('house_number', '=', number).orderBy('id').execute();
const radios = (html: string) => [...html.matchAll(/<input type="radio" name="adresse" value="([^"]+)"[^>]*\/?>\s*([^<]+)/g)].map((m) => [m[1]!, m[2]!.trim()]);

describe('a typed address without JavaScript', () => {
  it('one match: filed at that house, German spelling variants included, the house named publicly', async () => {
    const { app, ctx } = await createTestApp();
    const [target] = await house(ctx, 'Breite Straße', '20');
    expect(target, 'the demo data has Breite Straße 20').toBeDefined();
    // Two categories: the second report would otherwise be offered the first as "Schon gemeldet?".
    for (const [category, typed] of [['gehweg', 'breite str. 20'], ['graffiti', 'BREITE STRASSE 20, 55124 Mainz']] as const) {
      const res = await postReportForm(app, ctx, category, { fields: { strasse: typed } });
      expect(res.status, typed).toBe(303);
      const report = await lastReport(ctx);
      expect(report).toMatchObject({ lat: target!.lat, lon: target!.lon, address: typed, location_source: 'address', geocoded_address: 'Breite Straße 20, 55124 Mainz' });
      expect(await (await app.request(`/m/${report.id}`)).text()).toContain('Breite Straße 20, 55124 Mainz');
    }
  });

  it('several matches: "Meinten Sie" lists them as radio buttons, keeps what was typed, and files the chosen one', async () => {
    const { app, ctx } = await createTestApp();
    // Kirchstraße exists in Drais and in Marienborn (one postcode): find a number both have.
    const rows = await ctx.db.selectFrom('addresses').select(['id', 'house_number', 'lat', 'lon']).where('street', '=', 'Kirchstraße').execute();
    const number = rows.map((r) => r.house_number).find((n, i, all) => all.indexOf(n) !== i)!;
    expect(number).toBeDefined();
    const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: `Kirchstr ${number}`, beschreibung: 'Platte locker' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Meinten Sie …?');
    expect(html).toContain(`Die Adresse „Kirchstr ${number}“ gibt es mehrmals.`);
    const choices = radios(html);
    expect(choices.map(([, label]) => label)).toEqual([`Kirchstraße ${number}, 55127 Mainz`, `Kirchstraße ${number}, 55127 Mainz`, expect.stringContaining('Keine davon')]);
    expect(html).toContain('>Platte locker</textarea>');
    expect(html).toContain(`name="gefragt" value="Kirchstr ${number}"`);
    expect(await ctx.db.selectFrom('reports').select('id').where('description', '=', 'Platte locker').execute()).toEqual([]);

    const chosen = rows.find((r) => String(r.id) === choices[1]![0])!;
    const filed = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: `Kirchstr ${number}`, beschreibung: 'Platte locker', adresse: String(chosen.id), gefragt: `Kirchstr ${number}` } });
    expect(filed.status).toBe(303);
    expect(await lastReport(ctx)).toMatchObject({ lat: chosen.lat, lon: chosen.lon, location_source: 'address', description: 'Platte locker' });
  });

  it('several matches and a chosen district: the one inside it, at once', async () => {
    const { app, ctx } = await createTestApp();
    const rows = await ctx.db.selectFrom('addresses').select(['house_number', 'lat', 'lon']).where('street', '=', 'Kirchstraße').orderBy('id').execute();
    const number = rows.map((r) => r.house_number).find((n, i, all) => all.indexOf(n) !== i)!;
    const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: `Kirchstraße ${number}`, ortsbezirk: await districtId(ctx, 'Drais') } });
    expect(res.status).toBe(303);
    const report = await lastReport(ctx);
    expect(report.district_id).toBe(Number(await districtId(ctx, 'Drais')));
  });

  it('no exact match: the nearest numbers of the street are offered', async () => {
    const { app, ctx } = await createTestApp();
    const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: 'Breite Straße 999' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Die Adresse „Breite Straße 999“ haben wir so nicht gefunden. Meinten Sie eine dieser?');
    expect(radios(html).length).toBeGreaterThan(1);
    expect(radios(html)[0]![1]).toMatch(/^Breite Straße \d+a?, 55124 Mainz$/);
  });

  it('a street without a number asks for the number', async () => {
    const { app, ctx } = await createTestApp();
    const html = await (await postReportForm(app, ctx, 'gehweg', { fields: { strasse: 'Große Bleiche' } })).text();
    expect(html).toContain('Zu „Große Bleiche“ fehlt die Hausnummer.');
  });

  it('nothing like it: only "the district", which files a report marked as placed at the district', async () => {
    const { app, ctx } = await createTestApp();
    const altstadt = await districtId(ctx, 'Altstadt');
    const typed = 'Gibtsnichtweg 4';
    const step = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: typed, ortsbezirk: altstadt } });
    const html = await step.text();
    expect(html).toContain('Die Adresse „Gibtsnichtweg 4“ kennen wir nicht.');
    expect(radios(html).map(([v]) => v)).toEqual(['ortsbezirk']);
    // The district only, but no district chosen: said so.
    const noDistrict = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: typed, adresse: 'ortsbezirk', gefragt: typed } });
    expect(noDistrict.status).toBe(400);
    expect(await noDistrict.text()).toContain('Bitte wählen Sie den Ortsbezirk');
    const filed = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: typed, ortsbezirk: altstadt, adresse: 'ortsbezirk', gefragt: typed } });
    expect(filed.status).toBe(303);
    const report = await lastReport(ctx);
    expect(report).toMatchObject({ location_source: 'district', geocoded_address: null, district_id: Number(altstadt) });
    expect(await (await app.request(`/m/${report.id}`)).text()).toContain('(nur der Ortsbezirk ist bekannt, nicht der genaue Ort)');
  });

  it('a choice made for another address is not taken: the changed address is looked up afresh', async () => {
    const { app, ctx } = await createTestApp();
    const [other] = await house(ctx, 'Große Bleiche', '3');
    const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: 'Breite Straße 20', adresse: String(other!.id), gefragt: 'Große Bleiche 3' } });
    expect(res.status).toBe(303);
    expect(await lastReport(ctx)).toMatchObject({ geocoded_address: 'Breite Straße 20, 55124 Mainz' });
  });

  it('with no addresses imported at all, an address with a district is placed there (as before), marked as such', async () => {
    const { app, ctx } = await createTestApp();
    await ctx.db.deleteFrom('addresses').execute();
    const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: 'Breite Straße 20', ortsbezirk: await districtId(ctx, 'Gonsenheim') } });
    expect(res.status).toBe(303);
    expect(await lastReport(ctx)).toMatchObject({ location_source: 'district' });
  });
});

describe('"Schon gemeldet?" names the place of each report offered', () => {
  it('shows the candidate’s public address, measured from the house', async () => {
    const { app, ctx } = await createTestApp();
    const [target] = await house(ctx, 'Breite Straße', '20');
    await createReport(ctx, { category: 'gehweg', lat: target!.lat, lon: target!.lon, geocodedAddress: undefined } as never);
    const earlier = await lastReport(ctx);
    await ctx.db.updateTable('reports').set({ geocoded_address: addressLabel({ street: 'Breite Straße', houseNumber: '20', postcode: '55124', city: 'Mainz' }) }).where('id', '=', earlier.id).execute();
    const html = await (await postReportForm(app, ctx, 'gehweg', { fields: { strasse: 'Breite Straße 20' } })).text();
    expect(html).toContain('Schon gemeldet?');
    expect(html).toContain(`Meldung Nr. ${earlier.id}: Breite Straße 20, 55124 Mainz, 0 m entfernt`);
  });
});
