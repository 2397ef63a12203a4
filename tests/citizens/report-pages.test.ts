// Citizens issue, points 7–10 on the report pages, the mail, the map and the bin pages: the private link
// and the public page in the confirmation mail; the reporter's photos on receipt and status page,
// private until published; "Ich auch" on /m/{n}; /karte?report=N with the place in words and a figure;
// messages that fit a page without a map; and the wording items of point 10.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createMailer } from '../../server/mailer.ts';
import { createReport, createTestApp, createTestContext } from '../helpers.ts';
import { linksIn, smtpServerForFile } from '../mail/smtp.ts';
import { ALTSTADT, photo, postReportForm } from '../report/helpers.ts';

const BASE = 'https://melder.mainz.de';
const smtp = smtpServerForFile();
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'stadtmelder-find-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function withMail() {
  const ctx = await createTestContext({ config: { publicBaseUrl: BASE, photoDir: join(tmp, String(Math.random())) }, mailer: createMailer(smtp.url, 'Stadtmelder <noreply@melder.mainz.de>') });
  return { ctx, app: createApp(ctx) };
}


const jpeg = () => sharp({ create: { width: 80, height: 60, channels: 3, background: '#335577' } }).jpeg().toBuffer();

/** Files a report with a photo and an e-mail address through the form; returns its receipt path. */
async function fileWithPhoto(t: Awaited<ReturnType<typeof withMail>>, lang?: string) {
  const res = await postReportForm(t.app, t.ctx, 'strassenschaden', {
    fields: { ...ALTSTADT, quelle: 'map', beschreibung: 'Tiefes Loch', email: 'anna@example.org', trotzdem: '1' },
    photos: [photo(await jpeg())],
    lang,
  });
  expect(res.status).toBe(303);
  const receipt = res.headers.get('location')!;
  const report = await t.ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { receipt, report, token: /\/status\/([^?]+)/.exec(receipt)![1]! };
}

describe('point 7: the private link is hard to lose', () => {
  it('the confirmation mail carries the public page and the private status link', async () => {
    const t = await withMail();
    const { report, token } = await fileWithPhoto(t);
    const mail = await smtp.mailWith(token);
    const links = linksIn(mail.text, BASE);
    expect(links).toContain(`${BASE}/status/${token}`);
    expect(links).toContain(`${BASE}/m/${report.id}`);
    expect(mail.text).toContain('Ihr privater Link zum Stand der Meldung');
  });

  it('in English, both links keep ?lang=en', async () => {
    const t = await withMail();
    const { report, token } = await fileWithPhoto(t, 'en');
    const links = linksIn((await smtp.mailWith(token)).text, BASE);
    expect(links).toContain(`${BASE}/status/${token}?lang=en`);
    expect(links).toContain(`${BASE}/m/${report.id}?lang=en`);
  });

  it('receipt and status page show the photos sent as thumbnails, private until published, and offer "Link kopieren/teilen"', async () => {
    const t = await withMail();
    const { receipt, report, token } = await fileWithPhoto(t);
    const photoRow = await t.ctx.db.selectFrom('photos').selectAll().where('report_id', '=', report.id).executeTakeFirstOrThrow();
    expect(photoRow.published).toBe(0);
    for (const path of [receipt, `/status/${token}`]) {
      const html = await (await t.app.request(path)).text();
      expect(html, path).toContain(`<img src="/status/${token}/fotos/${photoRow.id}"`);
      expect(html, path).toContain('nur für Sie sichtbar');
      expect(html, path).toContain('Link kopieren/teilen');
      expect(html, path).toContain(`data-share-url="${BASE}/status/${token}"`);
    }
    const image = await t.app.request(`/status/${token}/fotos/${photoRow.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toBe('no-store');
    // Not public: the public page shows no photo, the public route and another token give nothing.
    expect(await (await t.app.request(`/m/${report.id}`)).text()).not.toContain(`/fotos/`);
    expect((await t.app.request(`/fotos/${photoRow.file}`)).status).toBe(404);
    expect((await t.app.request(`/status/${'x'.repeat(token.length)}/fotos/${photoRow.id}`)).status).toBe(404);
    // Published: the status page says so, and the public page shows it.
    await t.ctx.db.updateTable('photos').set({ published: 1 }).where('id', '=', photoRow.id).execute();
    await t.ctx.db.updateTable('reports').set({ description_published: 1 }).where('id', '=', report.id).execute();
    expect(await (await t.app.request(`/status/${token}`)).text()).toContain('>öffentlich</span>');
    expect(await (await t.app.request(`/m/${report.id}`)).text()).toContain(`<img src="/fotos/${photoRow.file}"`);
  });
});

describe('point 8: without JavaScript', () => {
  it('the location error of a form sent without a map speaks of the address only; with the map of the map', async () => {
    const { ctx, app } = await createTestApp();
    const without = await (await postReportForm(app, ctx, 'strassenschaden', { fields: { beschreibung: 'Loch' } })).text();
    expect(without).toContain('Bitte geben Sie Straße und Hausnummer an und wählen Sie den Ortsbezirk.');
    expect(without).not.toMatch(/<p class="field-error" id="ort-error">[^<]*Karte/);
    const withMap = await (await postReportForm(app, ctx, 'strassenschaden', { fields: { beschreibung: 'Loch', karte: '1' } })).text();
    expect(withMap).toContain('Bitte setzen Sie den Ort auf der Karte');
  });

  it('"Auf der Karte zeigen" leads to /karte?report=N, which names the place in words and draws it without tiles', async () => {
    const { ctx, app } = await createTestApp();
    const report = await createReport(ctx, { district: 'Gonsenheim' });
    const page = await (await app.request(`/m/${report.id}`)).text();
    expect(page).toContain(`href="/karte?report=${report.id}"`);
    expect(page).toMatch(/<svg class="location-figure"[^>]*aria-label="Lage im Ortsbezirk Gonsenheim/);
    const map = await app.request(`/karte?report=${report.id}`);
    expect(map.status).toBe(200);
    const html = await map.text();
    expect(html).toContain(`Die Karte zeigt Meldung Nr. ${report.id}: Ortsbezirk Gonsenheim.`);
    expect(html).toMatch(/<svg class="location-figure"/);
    expect(html).toContain(`data-highlight="${report.id}"`);
    expect((await app.request('/karte?report=999999')).status).toBe(404);
    expect((await app.request('/karte?report=abc')).status).toBe(404);
  });

  it('no page loads the map stylesheets in HTML (the map script brings them); the list and the form load no map script', async () => {
    const { ctx, app } = await createTestApp();
    const report = await createReport(ctx);
    for (const path of ['/melden/strassenschaden', `/m/${report.id}`, '/karte']) {
      const html = await (await app.request(path)).text();
      expect(html, path).not.toContain('leaflet.css');
    }
    expect(await (await app.request('/melden/strassenschaden')).text()).not.toContain('/static/map.css');
    expect(await (await app.request('/karte/liste')).text()).not.toContain('leaflet');
  });
});

describe('point 9: public pages', () => {
  it('/m/{n} offers "Ich auch" for an open report and not for a closed one', async () => {
    const { ctx, app } = await createTestApp();
    const open = await createReport(ctx);
    const html = await (await app.request(`/m/${open.id}`)).text();
    expect(html).toContain(`<form method="post" action="/m/${open.id}/ich-auch">`);
    expect(html).toContain('>Ich auch</button>');
    await ctx.db.updateTable('reports').set({ state: 'done', closed_at: ctx.clock.now().toISOString() }).where('id', '=', open.id).execute();
    expect(await (await app.request(`/m/${open.id}`)).text()).not.toContain('/ich-auch');
  });

  it('every map has a legend in words', async () => {
    const { ctx, app } = await createTestApp();
    const report = await createReport(ctx);
    for (const path of ['/karte', `/m/${report.id}`, '/melden/strassenschaden']) {
      const html = await (await app.request(path)).text();
      expect(html, path).toContain('<p class="map-legend-title">Zeichenerklärung</p>');
    }
    expect(await (await app.request('/karte')).text()).toContain('Abgeschlossene Meldung');
    expect(await (await app.request(`/m/${report.id}`)).text()).toContain(`Diese Meldung (Nr. ${report.id})`);
  });
});

describe('point 10: wording', () => {
  it('the bin thank-you page names the office with an article in German and as a name in English', async () => {
    const { ctx, app } = await createTestApp();
    const bin = await ctx.db.selectFrom('bins').select('code').where('active', '=', 1).executeTakeFirstOrThrow();
    const { fromClient } = await import('../request/scan-helpers.ts');
    await app.request(`/B/${bin.code}`, { method: 'POST', body: new URLSearchParams({ reason: 'full' }) }, fromClient('198.51.100.7'));
    const de = await (await app.request(`/B/${bin.code}/danke?grund=full`)).text();
    expect(de).toMatch(/Zuständig ist das Amt „[^“]+“\. Es kümmert sich/);
    const en = await (await app.request(`/B/${bin.code}/danke?grund=full&lang=en`)).text();
    expect(en).toMatch(/The city office in charge \(in German: „[^“]+“\) usually takes care of it/);
    expect(en).not.toContain('kümmert');
  });

  it('/B/{CODE}/danke for a bin nobody pressed does not say "angekommen"', async () => {
    const { ctx, app } = await createTestApp();
    const bin = await ctx.db.selectFrom('bins').select('code').where('active', '=', 1).executeTakeFirstOrThrow();
    const html = await (await app.request(`/B/${bin.code}/danke?grund=damaged`)).text();
    expect(html).not.toContain('angekommen');
    expect(html).toContain('ist „Beschädigt“ gerade nicht gemeldet');
  });

  it('a single report\'s map does not speak of "dieselben Meldungen als Liste"', async () => {
    const { ctx, app } = await createTestApp();
    const report = await createReport(ctx);
    const html = await (await app.request(`/m/${report.id}`)).text();
    expect(html).not.toContain('Dieselben Meldungen');
    expect(html).toContain('Die Karte zeigt auch andere Meldungen in der Nähe.');
  });

  it('the English receipt\'s private link carries ?lang=en', async () => {
    const { ctx, app } = await createTestApp();
    const res = await postReportForm(app, ctx, 'strassenschaden', { fields: { ...ALTSTADT, quelle: 'map', trotzdem: '1' }, lang: 'en' });
    const html = await (await app.request(res.headers.get('location')!)).text();
    expect(html).toMatch(/<p class="status-link"><a href="http[^"]+\/status\/[^"?]+\?lang=en">/);
  });

  it('"werden veröffentlicht, sobald…" only while something is unpublished', async () => {
    const { ctx, app } = await createTestApp();
    const report = await createReport(ctx);
    expect(await (await app.request(`/m/${report.id}`)).text()).toContain('werden veröffentlicht, sobald');
    await ctx.db.updateTable('reports').set({ description_published: 1, description: null }).where('id', '=', report.id).execute();
    expect(await (await app.request(`/m/${report.id}`)).text()).not.toContain('werden veröffentlicht, sobald');
  });

  it('"Adresse entfernen" does not look like "Adresse bestätigen"', async () => {
    const t = await withMail();
    const { subscribeReporter } = await import('../../server/subscriptions.ts');
    const report = await createReport(t.ctx);
    await subscribeReporter(t.ctx, { reportId: report.id, email: 'bert@example.org', lang: 'de' });
    const [manage] = linksIn(smtp.received.at(-1)!.text, BASE);
    const html = await (await t.app.request(new URL(manage!).pathname)).text();
    const confirm = /<button type="submit" class="([^"]+)">Adresse bestätigen/.exec(html)![1];
    const remove = /<button type="submit" class="([^"]+)">Adresse entfernen/.exec(html)![1];
    expect(confirm).not.toBe(remove);
  });

  it('the mistyped-code page shows the code tried, on /code and on /B/{CODE}', async () => {
    const { ctx, app } = await createTestApp();
    const bin = await ctx.db.selectFrom('bins').select('code').where('active', '=', 1).executeTakeFirstOrThrow();
    // One character changed: the check character no longer fits.
    const wrong = bin.code.slice(0, 6) + (bin.code[6] === 'A' ? 'B' : 'A');
    const formatted = `${wrong.slice(0, 3)} ${wrong.slice(3)}`;
    const viaForm = await (await app.request(`/code?code=${wrong}`)).text();
    expect(viaForm).toContain(`Den Code „${formatted}“ gibt es nicht`);
    const viaPath = await app.request(`/B/${wrong}`);
    expect(viaPath.status).toBe(404);
    expect(await viaPath.text()).toContain(`Den Code „${formatted}“ gibt es nicht`);
  });
});
