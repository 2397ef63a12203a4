// Sent once, kept input, a guard that does not trap (citizens issue, points 3, 4 and 6): the form's
// token goes through the duplicate step, so a double tap on "Nein, trotzdem neu melden" files one
// report and both taps see its receipt; a rate-limited form comes back with everything typed, names
// the photos to choose again and says the real wait; an address many people share is not shut for an
// hour by ten reports; a form sent too fast says why, and the next send goes through.
import { describe, expect, it } from 'vitest';
import { REPORT_LIMIT } from '../../server/routes/report.tsx';
import { createTestApp, pointIn } from '../helpers.ts';
import { texture } from '../photos/images.ts';
import { fromClient } from '../request/scan-helpers.ts';
import { formToken, photo, postReportForm } from './helpers.ts';

type Ctx = Awaited<ReturnType<typeof createTestApp>>['ctx'];

async function at(db: Ctx['db'], district: string) {
  const p = await pointIn(db, district);
  return { lat: p.lat.toFixed(6), lon: p.lon.toFixed(6) };
}

const countReports = async (db: Ctx['db']) => Number((await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const tokenIn = (html: string) => /name="t" value="([^"]+)"/.exec(html)?.[1];

describe('sent once', () => {
  it('a double tap on "Nein, trotzdem neu melden" files one report, and both taps get its receipt', async () => {
    const { app, ctx } = await createTestApp();
    const point = await at(ctx.db, 'Weisenau');
    expect((await postReportForm(app, ctx, 'graffiti', { fields: point, client: '192.0.2.1' })).status).toBe(303);
    const before = await countReports(ctx.db);
    const token = await formToken(app, 'graffiti');
    const fields = { lat: (Number(point.lat) + 0.0002).toFixed(6), lon: point.lon, beschreibung: 'Noch mehr Farbe' };
    const step = await postReportForm(app, ctx, 'graffiti', { token, fields, client: '192.0.2.2' });
    expect(step.status).toBe(200);
    const html = await step.text();
    expect(html).toContain('Nein, trotzdem neu melden');
    // The duplicate step carries on the form's own token: it is still one form.
    expect(tokenIn(html)).toBe(token);
    const taps = await Promise.all([1, 2].map(() => postReportForm(app, ctx, 'graffiti', { token, fields: { ...fields, trotzdem: '1' }, client: '192.0.2.2' })));
    expect(taps.map((r) => r.status)).toEqual([303, 303]);
    expect(taps[0]!.headers.get('location')).toMatch(/^\/status\/[A-Za-z0-9_-]{24}\?neu=1$/);
    expect(taps[1]!.headers.get('location')).toBe(taps[0]!.headers.get('location'));
    expect(await countReports(ctx.db)).toBe(before + 1);
  });

  it('two posts of one form at once, without the duplicate step in between: neither is offered its own report as "Schon gemeldet?"', async () => {
    const { app, ctx } = await createTestApp();
    for (const district of ['Lerchenberg', 'Drais', 'Finthen']) {
      const before = await countReports(ctx.db);
      const token = await formToken(app, 'verschmutzung');
      const fields = { ...(await at(ctx.db, district)), beschreibung: 'Scherben' };
      const posts = await Promise.all([1, 2, 3].map(() => postReportForm(app, ctx, 'verschmutzung', { token, fields, client: '192.0.2.3' })));
      expect(posts.map((r) => r.status)).toEqual([303, 303, 303]);
      expect(new Set(posts.map((r) => r.headers.get('location'))).size).toBe(1);
      expect(await countReports(ctx.db)).toBe(before + 1);
    }
  });

  it('the form page disables its button after the first tap (web/send-once.js), and the script is served', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/melden/graffiti')).text();
    expect(html).toMatch(/<form method="post" action="\/melden\/graffiti" enctype="multipart\/form-data" novalidate="" data-send-once="true">/);
    expect(html).toContain('<button type="submit" class="button" data-sending="Wird gesendet …">Meldung absenden</button>');
    expect(html).toContain('<script defer="" src="/static/send-once.js"></script>');
    const script = await app.request('/static/send-once.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain("hasAttribute('data-send-once')");
  });
});

describe('a guard that does not trap', () => {
  it('a form sent within 3 seconds says why, keeps what was typed, and the next send goes through at once', async () => {
    const { app, ctx } = await createTestApp();
    const before = await countReports(ctx.db);
    const token = await formToken(app, 'graffiti');
    const send = (t: string) => {
      const body = new FormData();
      body.set('t', t);
      for (const [k, v] of Object.entries({ ...fields, website: '' })) body.set(k, v);
      return app.request('/melden/graffiti', { method: 'POST', body }, fromClient('192.0.2.30'));
    };
    const fields = { ...(await at(ctx.db, 'Gonsenheim')), beschreibung: 'Schnell getippt' };
    ctx.clock.advance(1_500);
    const fast = await send(token);
    expect(fast.status).toBe(400);
    const html = await fast.text();
    expect(html).toContain(
      'Das ging schneller, als man ein Formular gewöhnlich ausfüllt. Das prüfen wir, um automatisch gesendete Meldungen abzuhalten. Ihre Angaben sind noch da: Bitte sehen Sie sie kurz durch und senden Sie das Formular noch einmal – jetzt geht es sofort.',
    );
    expect(html).toContain('>Schnell getippt</textarea>');
    const next = tokenIn(html)!;
    expect(next).not.toBe(token);
    // The old token is still too fast; the one the explanation came with is not.
    expect((await send(token)).status).toBe(400);
    const again = await send(next);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(/^\/status\//);
    expect(await countReports(ctx.db)).toBe(before + 1);
  });
});

describe('kept input and an honest limit', () => {
  it('a rate-limited form keeps every field, names the photos to choose again, and says the real wait', async () => {
    const { app, ctx } = await createTestApp();
    const client = '192.0.2.40';
    const districts = ['Altstadt', 'Neustadt', 'Oberstadt', 'Mombach', 'Gonsenheim', 'Finthen', 'Drais', 'Lerchenberg', 'Bretzenheim', 'Marienborn'];
    for (const d of districts) expect((await postReportForm(app, ctx, 'schrottfahrrad', { fields: { ...(await at(ctx.db, d)), trotzdem: '1' }, client })).status).toBe(303);
    const jpeg = await texture(64, 48).jpeg().toBuffer();
    const res = await postReportForm(app, ctx, 'schrottfahrrad', {
      fields: { ...(await at(ctx.db, 'Hechtsheim')), strasse: 'Am Schinnergraben 12', ortsbezirk: '12', beschreibung: 'Rad ohne Sattel', quelle: 'map' },
      photos: [photo(jpeg, 'sattel.jpg'), photo(jpeg, 'rahmen.jpg')],
      client,
    });
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toContain('Von Ihrem Internetanschluss kamen in kurzer Zeit viele Meldungen – vielleicht teilen Sie ihn mit anderen, etwa im Mobilfunknetz oder im Büro. Bitte senden Sie das Formular in 3 Minuten');
    expect(html).not.toContain('Stunde');
    expect(html).toContain('value="Am Schinnergraben 12"');
    expect(html).toContain('<option value="12" selected="">Hechtsheim</option>');
    expect(html).toContain('>Rad ohne Sattel</textarea>');
    expect(html).toMatch(/name="lat" id="lat" value="\d+\.\d+"/);
    expect(html).toContain('id="fotos-again">Ihre 2 Fotos (sattel.jpg, rahmen.jpg) sind noch nicht gespeichert – Fotos speichern wir erst mit der Meldung. Bitte wählen Sie sie beim Senden noch einmal aus.</p>');
    expect(html).toContain('aria-describedby="fotos-again"');
    // The summary at the top points to the photos too, so that they are not missed.
    expect(html).toMatch(/<li><a href="#fotos">Ihre 2 Fotos/);
    // The form keeps its token: sent again after the wait, it files (once).
    const token = tokenIn(html)!;
    ctx.clock.advance(Number(res.headers.get('retry-after')) * 1000);
    expect((await postReportForm(app, ctx, 'schrottfahrrad', { token, fields: { ...(await at(ctx.db, 'Hechtsheim')), trotzdem: '1' }, client })).status).toBe(303);
  });

  it('an address many people share is not shut for an hour: ten reports at once, the next one minutes later', async () => {
    const { app, ctx } = await createTestApp();
    const shared = '192.0.2.77';
    const districts = ['Altstadt', 'Neustadt', 'Oberstadt', 'Mombach', 'Gonsenheim', 'Finthen', 'Drais', 'Lerchenberg', 'Bretzenheim', 'Marienborn'];
    for (const d of districts) expect((await postReportForm(app, ctx, 'schrottfahrrad', { fields: { ...(await at(ctx.db, d)), trotzdem: '1' }, client: shared })).status).toBe(303);
    const eleventh = await postReportForm(app, ctx, 'schrottfahrrad', { fields: { ...(await at(ctx.db, 'Hechtsheim')), trotzdem: '1' }, client: shared });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeLessThanOrEqual(REPORT_LIMIT.refillMs / 1000);
    ctx.clock.advance(REPORT_LIMIT.refillMs);
    expect((await postReportForm(app, ctx, 'schrottfahrrad', { fields: { ...(await at(ctx.db, 'Ebersheim')), trotzdem: '1' }, client: shared })).status).toBe(303);
  });

  it('ten reports over half an hour from one address leave room for the eleventh at once', async () => {
    const { app, ctx } = await createTestApp();
    const shared = '192.0.2.78';
    const districts = ['Altstadt', 'Neustadt', 'Oberstadt', 'Mombach', 'Gonsenheim', 'Finthen', 'Drais', 'Lerchenberg', 'Bretzenheim', 'Marienborn', 'Hechtsheim'];
    for (const d of districts) {
      expect((await postReportForm(app, ctx, 'schrottfahrrad', { fields: { ...(await at(ctx.db, d)), trotzdem: '1' }, client: shared })).status).toBe(303);
      ctx.clock.advance(3 * 60_000);
    }
  });
});
