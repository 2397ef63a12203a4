// Citizens issue (11), points 2, 4, 5 and 6 in all five languages: each state is reached through the
// form or the buttons as a citizen would, and the page must say that language's text for it (from the
// translation table, never a German string written here), carry <html lang dir>, and show no German
// sentence of the table. Points 7–10: five-languages-pages.test.ts.
import { describe, expect, it } from 'vitest';
import { addressLabel } from '../../db/addresses.ts';
import { distanceMeters, labelPoint } from '../../domain/geo.ts';
import { waitInWords, whenPast } from '../../domain/time-words.ts';
import { listActiveDistricts } from '../../db/districts.ts';
import { createReport, createTestApp, pointIn } from '../helpers.ts';
import { texture } from '../photos/images.ts';
import { formToken, photo, postReportForm } from '../report/helpers.ts';
import { demoBin, fromClient, pressBin } from '../request/scan-helpers.ts';
import { LANGUAGES, expectNotSays, expectPage, expectSays, translator, withLang, esc, type Lang } from './five-languages-helpers.ts';

type Ctx = Awaited<ReturnType<typeof createTestApp>>['ctx'];
const lastReport = (ctx: Ctx) => ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
const districtId = async (ctx: Ctx, name: string) => String((await ctx.db.selectFrom('districts').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
const tokenIn = (html: string) => /name="t" value="([^"]+)"/.exec(html)?.[1];
const at = async (ctx: Ctx, district: string) => {
  const p = await pointIn(ctx.db, district);
  return { lat: p.lat.toFixed(6), lon: p.lon.toFixed(6) };
};

/** What a citizen types, in their language (kept and shown back by a refused form). */
const TYPED: Record<Lang, string> = { de: 'Rad ohne Sattel', en: 'Bike without a saddle', tr: 'Selesiz bisiklet', ar: 'دراجة بلا مقعد', uk: 'Велосипед без сідла' };

describe('point 2: placed right, in every language', () => {
  it.each(LANGUAGES)('%s: an unknown address asks, the district-only report is marked so on receipt and public page, and the next report there is not offered it', async (lang) => {
    const { app, ctx } = await createTestApp();
    const altstadt = await districtId(ctx, 'Altstadt');
    const typed = 'Gibtsnichtweg 4';
    const step = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: { strasse: typed, ortsbezirk: altstadt }, lang });
    expect(step.status).toBe(200);
    const stepHtml = await step.text();
    expectPage(stepHtml, lang);
    expectSays(stepHtml, lang, 'report.choose.title');
    expectSays(stepHtml, lang, 'report.choose.unknownNone', { typed });
    expectSays(stepHtml, lang, 'report.choose.districtOnly');

    const filed = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: { strasse: typed, ortsbezirk: altstadt, adresse: 'ortsbezirk', gefragt: typed }, lang });
    expect(filed.status).toBe(303);
    const receiptPath = filed.headers.get('location')!;
    expect(receiptPath).toContain(`lang=${lang}`);
    const report = await lastReport(ctx);
    expect(report.location_source).toBe('district');
    for (const path of [receiptPath, `/m/${report.id}?lang=${lang}`]) {
      const html = await (await app.request(path)).text();
      expectPage(html, lang);
      expectSays(html, lang, 'report.placeDistrict', { district: 'Altstadt' });
      expectSays(html, lang, 'report.placeDistrictOnly');
      expect(html, path).not.toMatch(/\b0 m\b/);
    }

    // Its place on the map page says the same, in words.
    const map = await (await app.request(`/karte?report=${report.id}&lang=${lang}`)).text();
    expectPage(map, lang);
    const words = [report.address_published ? report.address : report.geocoded_address, translator(lang)('report.placeDistrict', { district: 'Altstadt' })];
    expectSays(map, lang, 'map.reportFocus', { id: report.id, place: words.filter(Boolean).join(', ') });
    expectSays(map, lang, 'report.placeDistrictOnly');

    // A report set on the map at that very point (the district's centre) is not offered it "0 m" away: it is filed.
    const next = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: { lat: String(report.lat), lon: String(report.lon), quelle: 'map' }, lang });
    expect(next.status).toBe(303);
  });

  it.each(LANGUAGES)('%s: "Schon gemeldet?" names the place of a report placed at an address, and leaves out one placed only at the district', async (lang) => {
    const { app, ctx } = await createTestApp();
    const t = translator(lang);
    const district = (await listActiveDistricts(ctx.db)).find((d) => d.name === 'Neustadt')!;
    const centre = labelPoint(district.geometry);
    const districtOnly = await createReport(ctx, { category: 'gehweg', district: 'Neustadt', locationSource: 'district' });
    const nearby = { lat: centre.lat + 0.0001, lon: centre.lon };
    const placed = await createReport(ctx, { category: 'gehweg', ...nearby });
    const label = addressLabel({ street: 'Kaiserstraße', houseNumber: '40', postcode: '55118', city: 'Mainz' });
    await ctx.db.updateTable('reports').set({ geocoded_address: label }).where('id', '=', placed.id).execute();

    const res = await postReportForm(app, ctx, 'gehweg', { fields: { lat: centre.lat.toFixed(6), lon: centre.lon.toFixed(6), quelle: 'map', beschreibung: TYPED[lang] }, lang });
    expect(res.status).toBe(200);
    const html = await res.text();
    expectPage(html, lang);
    expectSays(html, lang, 'report.duplicatesTitle');
    expectSays(html, lang, 'report.duplicatesLead');
    const distance = Math.round(distanceMeters({ lat: Number(centre.lat.toFixed(6)), lon: Number(centre.lon.toFixed(6)) }, nearby));
    expect(distance).toBeGreaterThan(0);
    expectSays(html, lang, 'report.duplicateAt', { id: placed.id, address: label, distance, when: whenPast(new Date(placed.created_at), ctx.clock.now(), lang, t) });
    expectSays(html, lang, 'report.metoo');
    expectSays(html, lang, 'report.submitAnyway');
    expect(html).toContain(`action="/m/${placed.id}/ich-auch?lang=${lang}"`);
    expect(html).not.toContain(`/m/${districtOnly.id}`);
    expect(html).toContain(`>${esc(TYPED[lang])}</textarea>`);
  });

  it.each(LANGUAGES)('%s: without JavaScript, an address that exists twice brings "Meinten Sie …?" with the houses to choose', async (lang) => {
    const { app, ctx } = await createTestApp();
    const rows = await ctx.db.selectFrom('addresses').select(['house_number']).where('street', '=', 'Kirchstraße').execute();
    const number = rows.map((r) => r.house_number).find((n, i, all) => all.indexOf(n) !== i)!;
    const typed = `Kirchstr ${number}`;
    const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: typed, beschreibung: TYPED[lang] }, lang });
    expect(res.status).toBe(200);
    const html = await res.text();
    expectPage(html, lang);
    expectSays(html, lang, 'report.choose.title');
    expectSays(html, lang, 'report.choose.link');
    expectSays(html, lang, 'report.choose.legend');
    expectSays(html, lang, 'report.choose.ambiguous', { typed });
    expectSays(html, lang, 'report.choose.districtOnly');
    expect(html.match(/<input type="radio" name="adresse" value="\d+"/g)).toHaveLength(2);
    expect(html).toContain(`>${esc(TYPED[lang])}</textarea>`);
    expect(html).toContain(`action="/melden/gehweg?lang=${lang}"`);
  });
});

describe('point 4: a rate-limited form keeps what was typed and says the real wait, in every language', () => {
  it.each(LANGUAGES)('%s', async (lang) => {
    const { app, ctx } = await createTestApp();
    const client = '192.0.2.40';
    const districts = ['Altstadt', 'Neustadt', 'Oberstadt', 'Mombach', 'Gonsenheim', 'Finthen', 'Drais', 'Lerchenberg', 'Bretzenheim', 'Marienborn'];
    for (const d of districts) expect((await postReportForm(app, ctx, 'schrottfahrrad', { fields: { ...(await at(ctx, d)), trotzdem: '1' }, client, lang })).status).toBe(303);
    const jpeg = await texture(64, 48).jpeg().toBuffer();
    const hechtsheim = await districtId(ctx, 'Hechtsheim');
    const res = await postReportForm(app, ctx, 'schrottfahrrad', {
      fields: { ...(await at(ctx, 'Hechtsheim')), strasse: 'Am Schinnergraben 12', ortsbezirk: hechtsheim, beschreibung: TYPED[lang], quelle: 'map' },
      photos: [photo(jpeg, 'sattel.jpg'), photo(jpeg, 'rahmen.jpg')],
      client,
      lang,
    });
    expect(res.status).toBe(429);
    const seconds = Number(res.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    const html = await res.text();
    expectPage(html, lang);
    const t = translator(lang);
    expectSays(html, lang, 'report.errorSummary');
    expectSays(html, lang, 'report.error.rateLimited', { wait: waitInWords(seconds, ctx.clock.now(), lang, t) });
    expectNotSays(html, lang, 'time.inAnHour', { time: '' });
    expectSays(html, lang, 'report.photosNotKept', { count: 2, names: 'sattel.jpg, rahmen.jpg' });
    expect(html).toContain('value="Am Schinnergraben 12"');
    expect(html).toContain(`<option value="${hechtsheim}" selected="">Hechtsheim</option>`);
    expect(html).toContain(`>${esc(TYPED[lang])}</textarea>`);
    expect(html).toMatch(/name="lat" id="lat" value="\d+\.\d+"/);
    // The form posts back in its language, with its token: after the wait it files.
    expect(html).toContain(`action="/melden/schrottfahrrad?lang=${lang}"`);
    ctx.clock.advance(seconds * 1000);
    const again = await postReportForm(app, ctx, 'schrottfahrrad', { token: tokenIn(html)!, fields: { ...(await at(ctx, 'Hechtsheim')), trotzdem: '1' }, client, lang });
    expect(again.status).toBe(303);
  });
});

describe('point 5: pressed again, the page says the report is already there, in every language', () => {
  it.each(LANGUAGES)('%s: the same bin reason a second time ("schon=1")', async (lang) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const reason = { key: 'scan.reason.full' } as const;
    const first = await pressBin(app, bin.code, 'full', { client: '203.0.113.41', lang });
    expect(first.headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full&lang=${lang}`);
    const firstPage = await (await app.request(first.headers.get('location')!)).text();
    expectPage(firstPage, lang);
    expectSays(firstPage, lang, 'thanks.recorded', { reason });

    const again = await pressBin(app, bin.code, 'full', { client: '203.0.113.41', lang });
    expect(again.headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full&lang=${lang}&schon=1`);
    const html = await (await app.request(again.headers.get('location')!)).text();
    expectPage(html, lang);
    expectSays(html, lang, 'thanks.title');
    expectSays(html, lang, 'thanks.already', { reason });
    expectNotSays(html, lang, 'thanks.recorded', { reason });
    expect(html).not.toContain(esc(translator(lang)('thanks.count', { count: 2 })));
  });

  it.each(LANGUAGES)('%s: "Ich auch" a second time on /m/{n}', async (lang) => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const press = () => app.request(`/m/${report.id}/ich-auch?lang=${lang}`, { method: 'POST' }, fromClient('203.0.113.42'));
    const first = await press();
    expect(first.headers.get('location')).toBe(`/m/${report.id}?unterstuetzt=1&lang=${lang}`);
    const thanks = await (await app.request(first.headers.get('location')!)).text();
    expectPage(thanks, lang);
    expectSays(thanks, lang, 'report.supportThanks');

    const again = await press();
    expect(again.headers.get('location')).toBe(`/m/${report.id}?unterstuetzt=schon&lang=${lang}`);
    const html = await (await app.request(again.headers.get('location')!)).text();
    expectPage(html, lang);
    expectSays(html, lang, 'report.supportAlready');
    expectNotSays(html, lang, 'report.supportThanks');
  });
});

describe('point 6: the 3-second guard explains itself and lets the next send pass, in every language', () => {
  it.each(LANGUAGES)('%s', async (lang) => {
    const { app, ctx } = await createTestApp();
    const fields = { ...(await at(ctx, 'Gonsenheim')), beschreibung: TYPED[lang], website: '' };
    const send = (token: string) => {
      const body = new FormData();
      body.set('t', token);
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      return app.request(withLang('/melden/graffiti', lang), { method: 'POST', body }, fromClient('192.0.2.30'));
    };
    const token = await formToken(app, 'graffiti');
    ctx.clock.advance(1_500);
    const fast = await send(token);
    expect(fast.status).toBe(400);
    const html = await fast.text();
    expectPage(html, lang);
    expectSays(html, lang, 'report.errorSummary');
    expectSays(html, lang, 'report.error.tooFast');
    expect(html).toContain(`>${esc(TYPED[lang])}</textarea>`);
    const next = tokenIn(html)!;
    expect(next).not.toBe(token);
    const again = await send(next);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(new RegExp(`^/status/[A-Za-z0-9_-]+\\?neu=1&lang=${lang}$`));
    expectPage(await (await app.request(again.headers.get('location')!)).text(), lang);
  });
});
