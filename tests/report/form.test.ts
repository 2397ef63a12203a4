import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../server/mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../mail/smtp.ts';
import { listReportEvents } from '../../db/reports.ts';
import { hashToken } from '../../server/tokens.ts';
import { createTestApp, departmentId, pointIn } from '../helpers.ts';
import { jpegWithGps, photo, postReportForm } from './helpers.ts';

async function at(db: Parameters<typeof pointIn>[0], district: string) {
  const p = await pointIn(db, district);
  return { lat: p.lat.toFixed(6), lon: p.lon.toFixed(6) };
}

const countReports = async (db: Awaited<ReturnType<typeof createTestApp>>['ctx']['db']) =>
  Number((await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('/melden: choosing a category', () => {
  it('lists the defect categories in groups with their help, not the bin ones', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/melden')).text();
    expect(html).toContain('<h2>Straße und Verkehr</h2>');
    expect(html).toContain('href="/melden/strassenschaden"');
    expect(html).toContain('Schlaglöcher, Risse und abgesackte Stellen in der Fahrbahn.');
    expect(html).not.toContain('href="/melden/papierkorb-voll"');
    expect(await (await app.request('/melden?lang=en')).text()).toContain('href="/melden/strassenschaden?lang=en"');
  });

  it('shows a category’s notice before the rest of the form', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/melden/ampel')).text();
    const notice = html.indexOf('Gefahr für Leib und Leben?');
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(html.indexOf('<form method="post"'));
  });

  it('refuses an unknown or a bin category with 404', async () => {
    const { app } = await createTestApp();
    expect((await app.request('/melden/gibt-es-nicht')).status).toBe(404);
    expect((await app.request('/melden/papierkorb-voll')).status).toBe(404);
  });
});

describe('POST /melden/{category}', () => {
  it('files a routed report and answers 303 to the receipt with the private status link', async () => {
    const { app, ctx } = await createTestApp();
    const point = await at(ctx.db, 'Ebersheim'); // no pothole of the demo data nearby
    const res = await postReportForm(app, ctx, 'strassenschaden', { fields: { ...point, beschreibung: 'Tiefes Loch vor Haus 12' } });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const token = /^\/status\/([A-Za-z0-9_-]{24})\?neu=1$/.exec(location)?.[1];
    expect(token).toBeTruthy();
    const report = await ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(report).toMatchObject({ source: 'web', location_source: 'map', state: 'new', description: 'Tiefes Loch vor Haus 12', description_published: 0, status_token_hash: hashToken(token!) });
    expect(report.department_id).toBe(await departmentId(ctx.db, 'tiefbau'));

    const receiptResponse = await app.request(location);
    // The URL is the private link: no browser cache or shared proxy may keep the page.
    expect(receiptResponse.headers.get('cache-control')).toBe('no-store');
    expect((await app.request(`/status/${token}`)).headers.get('cache-control')).toBe('no-store');
    const receipt = await receiptResponse.text();
    expect(receipt).toContain(`Danke! Ihre Meldung Nr. ${report.id} ist angekommen.`);
    expect(receipt).toContain(`http://localhost:3000/status/${token}`);
    expect(receipt).toContain('Tiefes Loch vor Haus 12'); // the reporter sees their own text
    const publicPage = await (await app.request(`/m/${report.id}`)).text();
    expect(publicPage).not.toContain('Tiefes Loch'); // not published yet
    expect(publicPage).toContain('Die Beschreibung und Fotos werden veröffentlicht, sobald die Stadt sie geprüft hat.');
  });

  it('publishes the text at once where the category says so', async () => {
    const { app, ctx } = await createTestApp();
    const res = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: { ...(await at(ctx.db, 'Mombach')), beschreibung: 'Mast 1187 dunkel' } });
    expect(res.status).toBe(303);
    const report = await ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(await (await app.request(`/m/${report.id}`)).text()).toContain('Mast 1187 dunkel');
  });

  it('places an address at its district without a geocoder and marks it', async () => {
    const { app, ctx } = await createTestApp();
    const district = await ctx.db.selectFrom('districts').select(['id']).where('name', '=', 'Gonsenheim').executeTakeFirstOrThrow();
    const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: 'Breite Straße 20', ortsbezirk: String(district.id) } });
    expect(res.status).toBe(303);
    const report = await ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(report).toMatchObject({ address: 'Breite Straße 20', location_source: 'address', district_id: district.id });
    expect(await (await app.request(`/m/${report.id}`)).text()).toContain('(Ort aus der Adresse ermittelt)');
  });

  describe('with a geocoder', () => {
    let close: (() => void) | undefined;
    afterEach(() => close?.());

    it('asks the city’s geocoder (Nominatim API) and uses its coordinates', async () => {
      const queries: string[] = [];
      const server = createServer((req, res) => {
        const url = new URL(req.url!, 'http://x');
        queries.push(`${url.pathname} ${url.searchParams.get('q')} ${url.searchParams.get('format')}`);
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify([{ lat: '50.0131', lon: '8.2187' }])); // in Mombach
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      close = () => server.close();
      const { app, ctx } = await createTestApp({ config: { geocoderUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } });
      // An address the city's own list (the demo addresses) does not have: the geocoder is asked.
      const res = await postReportForm(app, ctx, 'gehweg', { fields: { strasse: 'Rheinallee 5' } });
      expect(res.status).toBe(303);
      expect(queries).toEqual(['/search Rheinallee 5, Mainz jsonv2']);
      const report = await ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(report).toMatchObject({ lat: 50.0131, lon: 8.2187, address: 'Rheinallee 5', location_source: 'address' });
    });
  });

  it.each([
    // Sent without the map (no karte=1 from web/map.js): the message speaks of the address only.
    ['no place at all', {}, 'ort', 'Bitte geben Sie Straße und Hausnummer an und wählen Sie den Ortsbezirk'],
    ['no place at all, with the map', { karte: '1' }, 'ort', 'Bitte setzen Sie den Ort auf der Karte'],
    ['a place outside Mainz', { lat: '50.0782', lon: '8.2398' }, 'ort', 'außerhalb des Stadtgebiets von Mainz'],
    ['a map point that is not a number', { lat: 'abc', lon: '8.27' }, 'ort', 'Der Ort auf der Karte ist ungültig'],
    // Number() would take these as 50, 49.99712 and 8.27601: only plain decimal numbers are coordinates.
    ['a map point in hexadecimal', { lat: '0x32', lon: '8.27601' }, 'ort', 'Der Ort auf der Karte ist ungültig'],
    ['a map point with an exponent', { lat: '4.999712e1', lon: '8.27601' }, 'ort', 'Der Ort auf der Karte ist ungültig'],
    ['a map point padded inside', { lat: '49.99712', lon: '8.2 7601' }, 'ort', 'Der Ort auf der Karte ist ungültig'],
    ['an infinite map point', { lat: 'Infinity', lon: '1e309' }, 'ort', 'Der Ort auf der Karte ist ungültig'],
    // Not in the city's addresses (the demo ones), and no district to fall back on.
    ['an unknown address without district or geocoder', { strasse: 'Irgendwo 1' }, 'ort', 'Diese Adresse haben wir nicht gefunden'],
    ['a too long text', { beschreibung: 'x'.repeat(4001) }, 'beschreibung', 'höchstens 4000 Zeichen'],
  ])('refuses %s with 400, the message at its field, the input kept, nothing written', async (_name, fields, field, message) => {
    const { app, ctx } = await createTestApp();
    const before = await countReports(ctx.db);
    const base = 'lat' in fields || 'strasse' in fields || 'karte' in fields || Object.keys(fields).length === 0 ? {} : await at(ctx.db, 'Altstadt');
    const res = await postReportForm(app, ctx, 'strassenschaden', { fields: { ...base, beschreibung: 'bleibt stehen', ...fields } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<p class="field-error" id="${field}-error">[^<]*${message.replace(/[.?]/g, '\\$&')}`));
    expect(html).toContain('<div class="error-summary" role="alert"');
    if (!('beschreibung' in fields)) expect(html).toContain('>bleibt stehen</textarea>');
    expect(await countReports(ctx.db)).toBe(before);
  });

  it('refuses a file that is not an image, and one too large, at the photo field', async () => {
    const { app, ctx } = await createTestApp();
    const point = await at(ctx.db, 'Altstadt');
    const notImage = await postReportForm(app, ctx, 'graffiti', { fields: point, photos: [photo('<html>hallo</html>', 'bild.jpg')] });
    expect(notImage.status).toBe(422); // the photo's own answer: checked only once everything else was right
    expect(await notImage.text()).toMatch(/id="fotos-error">[^<]*bild\.jpg/);
    const big = await postReportForm(app, ctx, 'graffiti', { fields: point, photos: [photo(Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'riesig.jpg')] });
    expect(big.status).toBeGreaterThanOrEqual(400);
    expect(big.status).toBeLessThan(500);
    expect(await countReports(ctx.db)).toBe(12);
  });

  it('stores a JPEG with GPS EXIF without any metadata', async () => {
    const { app, ctx } = await createTestApp({ config: { photoDir: `/tmp/stadtmelder-photos-${process.pid}-${Date.now()}` } });
    const res = await postReportForm(app, ctx, 'graffiti', { fields: await at(ctx.db, 'Altstadt'), photos: [photo(await jpegWithGps(), 'mit-gps.jpg')] });
    expect(res.status).toBe(303);
    const stored = await ctx.db.selectFrom('photos').selectAll().executeTakeFirstOrThrow();
    const { default: sharp } = await import('sharp');
    const meta = await sharp(`${ctx.config.photoDir}/${stored.file}`).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored.published).toBe(0);
    expect((await app.request(`/fotos/${stored.file}`)).status).toBe(404); // not published
  });

  it('ignores fields it does not know: a form cannot set state, department or publication', async () => {
    const { app, ctx } = await createTestApp();
    const res = await postReportForm(app, ctx, 'strassenschaden', {
      fields: { ...(await at(ctx.db, 'Drais')), state: 'done', department_id: '1', description_published: '1', hidden: '1', support_count: '99' },
    });
    expect(res.status).toBe(303);
    const report = await ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(report).toMatchObject({ state: 'new', description_published: 0, hidden: 0, support_count: 1 });
    expect(report.department_id).toBe(await departmentId(ctx.db, 'tiefbau'));
  });

  it('asks a form sent within seconds to be sent again, and drops a filled honeypot', async () => {
    const { app, ctx } = await createTestApp();
    const point = await at(ctx.db, 'Altstadt');
    const html = await (await app.request('/melden/graffiti')).text();
    const token = /name="t" value="([^"]+)"/.exec(html)![1]!;
    const body = new FormData();
    body.set('t', token);
    body.set('lat', point.lat);
    body.set('lon', point.lon);
    const fast = await app.request('/melden/graffiti', { method: 'POST', body });
    expect(fast.status).toBe(400);
    expect(await fast.text()).toContain('Das ging schneller, als man ein Formular gewöhnlich ausfüllt.');
    const bot = await postReportForm(app, ctx, 'graffiti', { fields: { ...point, website: 'http://spam.example' } });
    expect(bot.status).toBe(303);
    expect(bot.headers.get('location')).toBe('/melden');
    expect(await countReports(ctx.db)).toBe(12);
  });

  it('limits reports per client with a friendly 429', async () => {
    const { app, ctx } = await createTestApp();
    const statuses: number[] = [];
    const districts = ['Altstadt', 'Neustadt', 'Oberstadt', 'Mombach', 'Gonsenheim', 'Finthen', 'Drais', 'Lerchenberg', 'Bretzenheim', 'Marienborn', 'Hechtsheim'];
    for (const d of districts) statuses.push((await postReportForm(app, ctx, 'schrottfahrrad', { fields: await at(ctx.db, d), client: '192.0.2.9' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('tells the real wait of the report limit and keeps what was typed', async () => {
    const { app, ctx } = await createTestApp();
    const districts = ['Altstadt', 'Neustadt', 'Oberstadt', 'Mombach', 'Gonsenheim', 'Finthen', 'Drais', 'Lerchenberg', 'Bretzenheim', 'Marienborn'];
    // Ten reports 5 s apart (one form read each): the bucket of ten is empty but for what 50 s refilled.
    for (const d of districts) expect((await postReportForm(app, ctx, 'schrottfahrrad', { fields: await at(ctx.db, d), client: '192.0.2.10' })).status).toBe(303);
    const res = await postReportForm(app, ctx, 'schrottfahrrad', { fields: { ...(await at(ctx.db, 'Hechtsheim')), beschreibung: 'Rad ohne Sattel' }, client: '192.0.2.10' });
    expect(res.status).toBe(429);
    // One comes back every 180 s; 50 s of the 9 intervals and the last read refilled 50/180 of one.
    const wait = Math.ceil((180_000 * (1 - 50 / 180)) / 1000);
    expect(Number(res.headers.get('retry-after'))).toBe(wait);
    const html = await res.text();
    expect(html).toContain('in 3 Minuten (um 11:04 Uhr)'); // 11:00:55 in Mainz + 130 s = 11:03:05: never promised earlier
    expect(html).toContain('>Rad ohne Sattel</textarea>');
  });
});

describe('Schon gemeldet? and Ich auch', () => {
  it('offers open reports of the same category within 50 m instead of filing at once', async () => {
    const { app, ctx } = await createTestApp();
    const point = await at(ctx.db, 'Weisenau');
    expect((await postReportForm(app, ctx, 'graffiti', { fields: point, client: '192.0.2.1' })).status).toBe(303);
    const first = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const near = { lat: (Number(point.lat) + 0.0002).toFixed(6), lon: point.lon }; // about 22 m north
    const again = await postReportForm(app, ctx, 'graffiti', { fields: { ...near, beschreibung: 'Noch mehr Farbe' }, client: '192.0.2.2' });
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain('<h2 id="schon-gemeldet">Schon gemeldet?</h2>');
    expect(html).toMatch(new RegExp(`Meldung Nr\\. ${first.id}, 2\\d m entfernt`));
    expect(html).toContain(`action="/m/${first.id}/ich-auch"`);
    expect(html).toContain('<input type="hidden" name="trotzdem" value="1"/>');
    expect(html).toContain('>Noch mehr Farbe</textarea>');
    expect(await countReports(ctx.db)).toBe(13);

    const metoo = await app.request(`/m/${first.id}/ich-auch`, { method: 'POST' });
    expect(metoo.status).toBe(303);
    expect(metoo.headers.get('location')).toBe(`/m/${first.id}?unterstuetzt=1`);
    const supported = await ctx.db.selectFrom('reports').select('support_count').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(supported.support_count).toBe(2);
    expect((await listReportEvents(ctx.db, first.id)).at(-1)!.type).toBe('supported');
    expect(await (await app.request(metoo.headers.get('location')!)).text()).toContain('Danke! Ihre Unterstützung ist gezählt.');

    const anyway = await postReportForm(app, ctx, 'graffiti', { fields: { ...near, trotzdem: '1' }, client: '192.0.2.3' });
    expect(anyway.status).toBe(303);
    expect(await countReports(ctx.db)).toBe(14);
  });

  it('does not offer other categories or reports farther away', async () => {
    const { app, ctx } = await createTestApp();
    const point = await at(ctx.db, 'Finthen');
    await postReportForm(app, ctx, 'graffiti', { fields: point, client: '192.0.2.1' });
    expect((await postReportForm(app, ctx, 'spielplatz', { fields: point, client: '192.0.2.2' })).status).toBe(303);
    const far = { lat: (Number(point.lat) + 0.0008).toFixed(6), lon: point.lon }; // about 90 m
    expect((await postReportForm(app, ctx, 'graffiti', { fields: far, client: '192.0.2.3' })).status).toBe(303);
  });
});

describe('what is left behind', () => {
  it('removes written photo files when the report cannot be stored', async () => {
    const { readdirSync, mkdirSync } = await import('node:fs');
    const { sql } = await import('kysely');
    const photoDir = `/tmp/stadtmelder-photos-fail-${process.pid}-${Date.now()}`;
    mkdirSync(photoDir, { recursive: true });
    const { app, ctx } = await createTestApp({ config: { photoDir } });
    // A real failure after the photos were written: SQLite refuses to publish them.
    await sql`create trigger refuse_publish before update of published on photos begin select raise(abort, 'no publishing'); end`.execute(ctx.db);
    const res = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: await at(ctx.db, 'Laubenheim'), photos: [photo(await jpegWithGps())] });
    expect(res.status).toBe(500);
    expect(readdirSync(photoDir)).toEqual([]);
    expect(await countReports(ctx.db)).toBe(12);
  });

  it('refuses a chunked upload over the limit while it arrives', async () => {
    const { app } = await createTestApp();
    const big = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    const res = await app.request('/melden/graffiti', { method: 'POST', body: big, headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Die Anfrage ist zu groß.');
  });
});

describe('with outgoing mail (a real SMTP server)', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());
  const appWithMail = () => createTestApp({ mailer: createMailer(smtp.url, 'Stadtmelder Test <test@stadt.example>') });

  it('refuses a bad e-mail address at its field', async () => {
    const { app, ctx } = await appWithMail();
    const res = await postReportForm(app, ctx, 'graffiti', { fields: { ...(await at(ctx.db, 'Altstadt')), email: 'nicht-an-mail', beschreibung: 'bleibt' } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<p class="field-error" id="email-error">Diese E-Mail-Adresse sieht nicht richtig aus.</p>');
    expect(html).toContain('value="nicht-an-mail"');
    expect(await countReports(ctx.db)).toBe(12);
  });

  it('sends the confirmation mail, says so on the receipt, and no public output shows the address', async () => {
    const { app, ctx } = await appWithMail();
    const res = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: { ...(await at(ctx.db, 'Marienborn')), email: 'buerger@example.org', beschreibung: 'dunkel' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/&mail=1$/);
    // The department's own mail about the new report goes elsewhere; the reporter gets exactly one.
    expect(smtp.received.filter((m) => m.envelopeTo.includes('buerger@example.org'))).toHaveLength(1);
    expect(await (await app.request(res.headers.get('location')!)).text()).toContain('Bitte bestätigen Sie darin Ihre Adresse.');
    const report = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    for (const path of [`/m/${report.id}`, res.headers.get('location')!, '/open-data/reports.geojson', '/open-data/reports.csv', '/karte/liste', '/karte.geojson?bbox=8.1,49.8,8.4,50.1']) {
      const out = await app.request(path);
      expect(out.status, path).toBe(200);
      expect(await out.text(), path).not.toContain('buerger@example.org');
    }
  });
});

describe('without outgoing mail', () => {
  it('does not ask for an e-mail address and ignores one sent anyway', async () => {
    const { app, ctx } = await createTestApp();
    expect(await (await app.request('/melden/graffiti')).text()).not.toContain('name="email"');
    const res = await postReportForm(app, ctx, 'graffiti', { fields: { ...(await at(ctx.db, 'Lerchenberg')), email: 'x@example.org' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).not.toContain('mail=1');
    expect(await ctx.db.selectFrom('subscriptions').selectAll().execute()).toEqual([]);
  });
});
