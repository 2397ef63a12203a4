// Photo work in /melden is the expensive part of the form, so it comes last and is bounded: nothing is
// decoded for a form that is wrong anyway, a header that declares absurd dimensions is refused
// unread, every client has its own limit of photo-carrying attempts, and the process decodes at most
// two sets of photos at once with a short line behind them. What was typed always comes back.
import { describe, expect, it } from 'vitest';
import { photoGate, photoWorkStats } from '../../server/photos.ts';
import { createTestApp, pointIn } from '../helpers.ts';
import { needlePng, texture } from '../photos/images.ts';
import { photo, postReportForm } from './helpers.ts';

type Ctx = Awaited<ReturnType<typeof createTestApp>>['ctx'];

async function at(db: Ctx['db'], district: string) {
  const p = await pointIn(db, district);
  return { lat: p.lat.toFixed(6), lon: p.lon.toFixed(6) };
}

const countReports = async (db: Ctx['db']) => Number((await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** A JPEG whose header is fine and whose image data stops half-way: it is decoded, then refused. */
async function truncatedJpeg(): Promise<Buffer> {
  const whole = await texture(640, 480).jpeg().toBuffer();
  return whole.subarray(0, whole.length >> 1);
}

describe('/melden decodes photos only when everything else is right', () => {
  it('does not look at the photos of a form that has a text error', async () => {
    const { app, ctx } = await createTestApp();
    const decodes = photoWorkStats().decodes;
    const res = await postReportForm(app, ctx, 'graffiti', {
      fields: { ...(await at(ctx.db, 'Altstadt')), beschreibung: 'x'.repeat(4001) },
      photos: [photo(await truncatedJpeg(), 'kaputt.jpg')],
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="beschreibung-error"');
    // The photo was never read: the page names it only to ask for it again.
    expect(html).toContain('id="fotos-again">Ihr Foto „kaputt.jpg“ ist noch nicht gespeichert – Fotos speichern wir erst mit der Meldung. Bitte wählen Sie es beim Senden noch einmal aus.</p>');
    expect(photoWorkStats().decodes).toBe(decodes);
  });

  it('does not decode for a form without a place either', async () => {
    const { app, ctx } = await createTestApp();
    const decodes = photoWorkStats().decodes;
    const res = await postReportForm(app, ctx, 'graffiti', { fields: { beschreibung: 'Wo war das?' }, photos: [photo(await truncatedJpeg(), 'kaputt.jpg')] });
    expect(res.status).toBe(400);
    expect(photoWorkStats().decodes).toBe(decodes);
  });

  it('refuses the 65-byte PNG of 40,000,000 x 1 pixels by its header, keeps the text, decodes nothing', async () => {
    const { app, ctx } = await createTestApp();
    const decodes = photoWorkStats().decodes;
    const res = await postReportForm(app, ctx, 'graffiti', { fields: { ...(await at(ctx.db, 'Altstadt')), beschreibung: 'Tag an der Mauer' }, photos: [photo(needlePng(), 'nadel.png', 'image/png')] });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="fotos-error">„nadel\.png“ hat ungewöhnliche Maße \(40\.000\.000 × 1 Bildpunkte\)/);
    expect(html).toContain('>Tag an der Mauer</textarea>');
    expect(photoWorkStats().decodes).toBe(decodes);
    expect(await countReports(ctx.db)).toBe(12);
  });

  it('refuses the 11th photo-carrying attempt of a client in a row before decoding, though none was filed', async () => {
    const { app, ctx } = await createTestApp();
    const broken = await truncatedJpeg();
    const point = { ...(await at(ctx.db, 'Oberstadt')), trotzdem: '1' }; // no "Schon gemeldet?" step in between
    for (let i = 0; i < 10; i++) {
      const res = await postReportForm(app, ctx, 'graffiti', { fields: point, photos: [photo(broken, `kaputt-${i}.jpg`)], client: '192.0.2.50' });
      expect(res.status).toBe(422); // decoded and refused: costly for the server, and nothing filed
    }
    expect(await countReports(ctx.db)).toBe(12);
    const decodes = photoWorkStats().decodes;
    const eleventh = await postReportForm(app, ctx, 'graffiti', { fields: { ...point, beschreibung: 'Noch ein Versuch' }, photos: [photo(broken, 'kaputt-10.jpg')], client: '192.0.2.50' });
    expect(eleventh.status).toBe(429);
    // Ten at once, then one every three minutes (decision 031): the wait is the time to the next one.
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(120);
    expect(retryAfter).toBeLessThanOrEqual(180);
    const html = await eleventh.text();
    expect(html).toMatch(/id="fotos-error">Von Ihrem Internetanschluss kamen in kurzer Zeit sehr viele Fotos\. Bitte versuchen Sie es in \d Minuten \(um \d\d:\d\d Uhr\) noch einmal – oder senden Sie die Meldung ohne Fotos\./);
    expect(html).toContain('>Noch ein Versuch</textarea>');
    expect(photoWorkStats().decodes).toBe(decodes);
    // Without photos the same client may still report, and another client may send photos.
    expect((await postReportForm(app, ctx, 'graffiti', { fields: point, client: '192.0.2.50' })).status).toBe(303);
    expect((await postReportForm(app, ctx, 'graffiti', { fields: { ...(await at(ctx.db, 'Mombach')), trotzdem: '1' }, photos: [photo(broken, 'x.jpg')], client: '192.0.2.51' })).status).toBe(422);
  });
});

describe('/melden decodes at most two sets of photos at once', () => {
  it('never runs more decodes at once than the gate allows, under parallel posts', async () => {
    const { app, ctx } = await createTestApp();
    const jpeg = await texture(1200, 900).jpeg().toBuffer();
    const districts = ['Altstadt', 'Neustadt', 'Oberstadt', 'Mombach', 'Gonsenheim', 'Finthen'];
    const points = await Promise.all(districts.map((d) => at(ctx.db, d)));
    const before = photoWorkStats();
    photoGate.resetPeak();
    const responses = await Promise.all(points.map((point, i) => postReportForm(app, ctx, 'graffiti', { fields: { ...point, trotzdem: '1' }, photos: [photo(jpeg, `foto-${i}.jpg`)], client: `192.0.2.${60 + i}` })));
    expect(responses.map((r) => r.status)).toEqual(districts.map(() => 303));
    const after = photoWorkStats();
    expect(after.decodes - before.decodes).toBe(districts.length);
    expect(after.peak).toBeGreaterThanOrEqual(1);
    expect(after.peak).toBeLessThanOrEqual(photoGate.concurrency);
    expect(photoGate.concurrency).toBe(2);
    expect(await ctx.db.selectFrom('photos').select('id').execute()).toHaveLength(districts.length);
  });

  it('answers 503 with Retry-After and keeps what was typed when the line is full', async () => {
    const { app, ctx } = await createTestApp();
    // Real work occupies every slot and every place in line; the test lets it go at the end.
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const occupying = Array.from({ length: photoGate.concurrency + photoGate.maxQueue }, () => photoGate.run(() => busy));
    try {
      const decodes = photoWorkStats().decodes;
      const res = await postReportForm(app, ctx, 'graffiti', {
        fields: { ...(await at(ctx.db, 'Drais')), beschreibung: 'Bunte Wand' },
        photos: [photo(await texture(64, 48).jpeg().toBuffer(), 'wand.jpg')],
      });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBe(30);
      const html = await res.text();
      expect(html).toMatch(/id="fotos-error">Gerade werden sehr viele Fotos verarbeitet\. Bitte senden Sie das Formular in einer Minute \(um \d\d:\d\d Uhr\) noch einmal\./);
      expect(html).toContain('>Bunte Wand</textarea>');
      expect(html).toContain('Ihr Foto „wand.jpg“ ist noch nicht gespeichert');
      expect(photoWorkStats().decodes).toBe(decodes);
      expect(await countReports(ctx.db)).toBe(12);
    } finally {
      release();
      await Promise.all(occupying);
    }
  });
});
