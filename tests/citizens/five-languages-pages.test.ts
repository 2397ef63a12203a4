// Citizens issue (11), points 7–10 in all five languages: the confirmation mail over a real SMTP server,
// the form and the map without JavaScript, "Ich auch" and the legends on public pages, and the wording
// of the code and bin pages. Every text expected comes from the translation table of the language; each
// page must carry <html lang dir> and no German sentence of the table. Points 2–6: five-languages.test.ts.
import { describe, expect, it } from 'vitest';
import { formatBinCode } from '../../qr/codes.ts';
import { createApp } from '../../server/app.ts';
import { createMailer } from '../../server/mailer.ts';
import { createReport, createTestApp, createTestContext } from '../helpers.ts';
import { linksIn, smtpServerForFile } from '../mail/smtp.ts';
import { ALTSTADT, postReportForm } from '../report/helpers.ts';
import { demoBin, pressBin } from '../request/scan-helpers.ts';
import { LANGUAGES, esc, reEscape, sayingRe, expectNoGerman, expectNotSays, expectPage, expectSays, translator } from './five-languages-helpers.ts';

const BASE = 'https://melder.mainz.de';
const smtp = smtpServerForFile();


describe('point 7: the confirmation mail carries the private status link and the public page, in every language', () => {
  it.each(LANGUAGES)('%s', async (lang) => {
    const ctx = await createTestContext({ config: { publicBaseUrl: BASE }, mailer: createMailer(smtp.url, 'Stadtmelder <noreply@melder.mainz.de>') });
    const app = createApp(ctx);
    const t = translator(lang);
    const form = await (await app.request(`/melden/strassenschaden?lang=${lang}`)).text();
    expectSays(form, lang, 'report.email');
    const res = await postReportForm(app, ctx, 'strassenschaden', { fields: { ...ALTSTADT, quelle: 'map', email: 'leyla@example.org', trotzdem: '1' }, lang });
    expect(res.status).toBe(303);
    const receiptPath = res.headers.get('location')!;
    const token = /\/status\/([^?]+)/.exec(receiptPath)![1]!;
    const report = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const suffix = lang === 'de' ? '' : `?lang=${lang}`;
    const statusUrl = `${BASE}/status/${token}${suffix}`;
    const publicUrl = `${BASE}/m/${report.id}${suffix}`;

    const receipt = await (await app.request(receiptPath)).text();
    expectPage(receipt, lang);
    expectSays(receipt, lang, 'report.receiptTitle', { id: report.id });
    expectSays(receipt, lang, 'report.receiptLink');
    expectSays(receipt, lang, 'report.receiptMail');
    expect(receipt).toContain(`<p class="status-link"><a href="${esc(statusUrl)}">`);

    const mail = await smtp.mailWith(token);
    expect(mail.subject).toBe(t('mail.confirm.subject', { id: report.id }));
    expect(mail.headers.get('content-language')).toBe(lang);
    expect(mail.text).toContain(`${t('mail.confirm.statusLink')}\n${statusUrl}\n`);
    expect(mail.text).toContain(`${t('mail.confirm.publicLink')}\n${publicUrl}\n`);
    expect(linksIn(mail.text, BASE)).toEqual(expect.arrayContaining([statusUrl, publicUrl]));
    if (lang !== 'de') expect(mail.text).not.toContain(translator('de')('mail.confirm.statusLink'));
    // Both links open in the mail's language.
    for (const url of [statusUrl, publicUrl]) {
      const html = await (await app.request(url.slice(BASE.length))).text();
      expectPage(html, lang);
    }
    expectSays(await (await app.request(statusUrl.slice(BASE.length))).text(), lang, 'report.privateView');
  });
});

describe('point 8: without JavaScript, in every language', () => {
  it.each(LANGUAGES)('%s: the location error of a form sent without a map speaks of the address only', async (lang) => {
    const { app, ctx } = await createTestApp();
    const res = await postReportForm(app, ctx, 'strassenschaden', { fields: { beschreibung: 'x' }, lang });
    expect(res.status).toBe(400);
    const html = await res.text();
    expectPage(html, lang);
    expect(html).toContain(`<p class="field-error" id="ort-error">${esc(translator(lang)('report.error.locationNoMap'))}</p>`);
    expectNotSays(html, lang, 'report.error.location');
    // With the map on the page (web/map.js sends karte=1), the message may speak of it.
    const withMap = await (await postReportForm(app, ctx, 'strassenschaden', { fields: { beschreibung: 'x', karte: '1' }, lang })).text();
    expectSays(withMap, lang, 'report.error.location');
  });

  it.each(LANGUAGES)('%s: /karte?report=N names the place in words and draws it', async (lang) => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx, { district: 'Gonsenheim' });
    const t = translator(lang);
    const page = await (await app.request(`/m/${report.id}?lang=${lang}`)).text();
    expectPage(page, lang);
    expect(page).toContain(`href="/karte?report=${report.id}&amp;lang=${lang}">${esc(t('report.showOnMap'))}</a>`);
    const html = await (await app.request(`/karte?report=${report.id}&lang=${lang}`)).text();
    expectPage(html, lang);
    expectSays(html, lang, 'map.reportFocus', { id: report.id, place: t('report.placeDistrict', { district: 'Gonsenheim' }) });
    expectSays(html, lang, 'map.reportFocusBack', { id: report.id });
    expect(html).toMatch(new RegExp(`<svg class="location-figure"[^>]*aria-label="${reEscape(esc(t('map.staticLabel', { district: 'Gonsenheim' })))}"`));
  });
});

describe('point 9: public pages, in every language', () => {
  it.each(LANGUAGES)('%s: "Ich auch" on /m/{n} for an open report', async (lang) => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const html = await (await app.request(`/m/${report.id}?lang=${lang}`)).text();
    expectPage(html, lang);
    expectSays(html, lang, 'report.metooTitle');
    expectSays(html, lang, 'report.metooLead');
    expect(html).toContain(`<form method="post" action="/m/${report.id}/ich-auch?lang=${lang}"><button type="submit" class="button button-secondary">${esc(translator(lang)('report.metoo'))}</button>`);
  });

  it.each(LANGUAGES)('%s: every map has its legend in words', async (lang) => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const title = `<p class="map-legend-title">${esc(translator(lang)('map.legend.title'))}</p>`;
    const browse = await (await app.request(`/karte?lang=${lang}`)).text();
    const single = await (await app.request(`/m/${report.id}?lang=${lang}`)).text();
    const pick = await (await app.request(`/melden/strassenschaden?lang=${lang}`)).text();
    for (const html of [browse, single, pick]) {
      expectPage(html, lang);
      expect(html).toContain(title);
    }
    for (const key of ['map.legend.open', 'map.legend.closed', 'map.legend.cluster'] as const) {
      expectSays(browse, lang, key);
      expectSays(single, lang, key);
    }
    expectSays(single, lang, 'map.legend.this', { id: report.id });
    expectSays(pick, lang, 'map.legend.pin');
    // A single report's map does not speak of "the same reports as a list".
    expectSays(single, lang, 'map.reportHelp');
    expectNotSays(single, lang, 'map.browseHelp');
  });
});

describe('point 10: wording, in every language', () => {
  it.each(LANGUAGES)('%s: the mistyped-code page shows the code tried, on /code and on /B/{CODE}', async (lang) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const wrong = bin.code.slice(0, 6) + (bin.code[6] === 'A' ? 'B' : 'A');
    const said = { code: formatBinCode(wrong) };
    const viaForm = await app.request(`/code?code=${wrong}&lang=${lang}`);
    expect(viaForm.status).toBe(404);
    const viaPath = await app.request(`/B/${wrong}?lang=${lang}`);
    expect(viaPath.status).toBe(404);
    for (const html of [await viaForm.text(), await viaPath.text()]) {
      expectPage(html, lang);
      expectSays(html, lang, 'error.codeMistyped', said);
      expectSays(html, lang, 'code.label');
      // The code form asks again in the page's language (German is the default and needs no field).
      if (lang !== 'de') expect(html).toContain(`<input type="hidden" name="lang" value="${lang}"/>`);
    }
  });

  it.each(LANGUAGES)('%s: /B/{CODE}/danke for a bin nobody pressed does not say that a report arrived', async (lang) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const reason = { key: 'scan.reason.damaged' } as const;
    const html = await (await app.request(`/B/${bin.code}/danke?grund=damaged&lang=${lang}`)).text();
    expectPage(html, lang);
    expectSays(html, lang, 'thanks.nothingTitle');
    expectSays(html, lang, 'thanks.nothing', { reason });
    expectSays(html, lang, 'thanks.toBin');
    expectNotSays(html, lang, 'thanks.recorded', { reason });
    expectNotSays(html, lang, 'thanks.title');
    expect(html).not.toContain('angekommen');
  });

  it.each(LANGUAGES)('%s: the bin thank-you page names the office in charge in the reader’s language', async (lang) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const press = await pressBin(app, bin.code, 'full', { lang });
    const html = await (await app.request(press.headers.get('location')!)).text();
    expectPage(html, lang);
    // The sentence around the office's name (the city's own, German) is the language's own.
    expect(html).toMatch(new RegExp(`<p>(${sayingRe(lang, 'thanks.nextHours')}|${sayingRe(lang, 'thanks.nextDays')})</p>`));
    if (lang !== 'de') expect(html).not.toContain('kümmert sich');
  });

  it.each(LANGUAGES)('%s: "published once checked" only while something is unpublished', async (lang) => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    expectSays(await (await app.request(`/m/${report.id}?lang=${lang}`)).text(), lang, 'report.descriptionPending');
    await ctx.db.updateTable('reports').set({ description_published: 1, description: null }).where('id', '=', report.id).execute();
    const html = await (await app.request(`/m/${report.id}?lang=${lang}`)).text();
    expectNoGerman(html, lang);
    expectNotSays(html, lang, 'report.descriptionPending');
  });
});
