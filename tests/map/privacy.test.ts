// What is public on the map, the list and the exports, and what never is: hidden reports, unpublished
// text, internal notes, photos that are not published, e-mail addresses of subscribers.
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/context.ts';
import { createTestApp } from '../helpers.ts';
import { addReport, CITY_BBOX, type Collection } from './fixtures.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>['app'];

const SECRET_TEXT = 'Bitte rufen Sie mich an, Anna Beispiel, anna.beispiel@example.org';
const SUBSCRIBER = 'follower@example.net';
const NOTE = 'Intern: Anwohner Müller beschwert sich ständig, Rückruf über mueller@example.com';

/** A report with everything that must stay private, and one hidden report. */
async function plantPrivateData(ctx: AppContext) {
  const now = ctx.clock.now().toISOString();
  const visible = await addReport(ctx, { category: 'gehweg', district: 'Drais', description: SECRET_TEXT, published: false });
  await ctx.db.insertInto('subscriptions').values({ report_id: visible, email: SUBSCRIBER, lang: 'de', token_hash: 'h1', confirmed_at: now, created_at: now, removed_at: null }).execute();
  await ctx.db.insertInto('report_events').values({ report_id: visible, type: 'note', body: NOTE, public: 0, actor: 'sachbearbeiter@stadt.example', created_at: now }).execute();
  await ctx.db
    .insertInto('photos')
    .values([
      { report_id: visible, file: 'unpublished-photo-7f3a.jpg', mime: 'image/jpeg', width: 10, height: 10, bytes: 100, published: 0, created_at: now, removed_at: null },
      { report_id: visible, file: 'removed-photo-9c1d.jpg', mime: 'image/jpeg', width: 10, height: 10, bytes: 100, published: 1, created_at: now, removed_at: now },
    ])
    .execute();
  const hidden = await addReport(ctx, { category: 'sonstiges', district: 'Drais', description: 'Versteckter Text', published: true, hidden: true });
  return { visible, hidden };
}

/** Every public output that shows reports, as text. */
async function everyOutput(app: TestApp): Promise<Array<[string, string]>> {
  const paths = [
    '/karte',
    '/karte/liste',
    '/karte/liste?district=Drais',
    '/karte/liste?seite=2',
    '/karte/liste?lang=en',
    `/karte.geojson?bbox=${CITY_BBOX}`,
    '/karte.geojson',
    '/open-data/reports.geojson',
    '/open-data/reports.csv',
  ];
  return Promise.all(paths.map(async (p) => [p, await (await app.request(p)).text()] as [string, string]));
}

const mapIds = async (app: TestApp, query = '') => ((await (await app.request(`/karte.geojson?bbox=${CITY_BBOX}${query}`)).json()) as Collection).features.map((f) => f.properties.id as number);
const listIds = async (app: TestApp, query = '') => [...(await (await app.request(`/karte/liste${query}`)).text()).matchAll(/href="\/m\/(\d+)"/g)].map((m) => Number(m[1]));
const exportIds = async (app: TestApp) => ((await (await app.request('/open-data/reports.geojson')).json()) as Collection).features.map((f) => f.properties.id as number);

describe('what the public sees', () => {
  it('never a hidden report, anywhere', async () => {
    const { app, ctx } = await createTestApp();
    const { visible, hidden } = await plantPrivateData(ctx);
    for (const ids of [await mapIds(app), await listIds(app), await listIds(app, '?district=Drais'), await exportIds(app)]) {
      expect(ids).toContain(visible);
      expect(ids).not.toContain(hidden);
    }
    for (const [path, text] of await everyOutput(app)) expect(text, path).not.toContain('Versteckter Text');
  });

  it('no e-mail address, unpublished text, internal note or unpublished photo in any output', async () => {
    const { app, ctx } = await createTestApp();
    await plantPrivateData(ctx);
    for (const [path, text] of await everyOutput(app)) {
      for (const secret of [SUBSCRIBER, 'anna.beispiel', 'Anna Beispiel', 'Anwohner Müller', 'mueller@', 'sachbearbeiter', 'unpublished-photo', 'removed-photo']) {
        expect(text, `${path} shows ${secret}`).not.toContain(secret);
      }
      // The data outputs have no use for "@" at all; the pages share a layout that may one day carry
      // the city's own contact address, so there the test looks for anything shaped like an address.
      if (path.includes('geojson') || path.endsWith('.csv')) expect(text, path).not.toContain('@');
      else expect(text, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
    }
  });

  it('the text of a report only once it is published', async () => {
    const { app, ctx } = await createTestApp();
    const id = await addReport(ctx, { district: 'Drais', description: 'Ein Schlagloch, so groß wie ein Planschbecken.' });
    const before = (await everyOutput(app)).filter(([, text]) => text.includes('Planschbecken'));
    expect(before).toEqual([]);
    await ctx.db.updateTable('reports').set({ description_published: 1 }).where('id', '=', id).execute();
    const shown = (await everyOutput(app)).filter(([, text]) => text.includes('Planschbecken')).map(([path]) => path);
    expect(shown).toEqual(['/karte/liste', '/karte/liste?district=Drais', '/karte/liste?lang=en', '/open-data/reports.geojson', '/open-data/reports.csv']);
  });

  it('open reports at any age; closed ones for 30 days on the map and list, for ever in the exports', async () => {
    const { app, ctx } = await createTestApp();
    const oldOpen = await addReport(ctx, { district: 'Drais', state: 'in_progress', createdDaysAgo: 400 });
    const recent = await addReport(ctx, { district: 'Drais', state: 'done', createdDaysAgo: 60, closedDaysAgo: 29 });
    const old = await addReport(ctx, { district: 'Drais', state: 'done', createdDaysAgo: 60, closedDaysAgo: 31 });
    const oldDuplicate = await addReport(ctx, { district: 'Drais', state: 'duplicate', createdDaysAgo: 90, closedDaysAgo: 80 });
    for (const ids of [await mapIds(app, '&district=Drais'), await listIds(app, '?district=Drais')]) {
      expect(ids.sort()).toEqual([oldOpen, recent].sort());
    }
    expect(await mapIds(app, '&district=Drais&state=closed')).toEqual([recent]);
    expect(await listIds(app, '?district=Drais&state=open')).toEqual([oldOpen]);
    expect(await exportIds(app)).toEqual(expect.arrayContaining([oldOpen, recent, old, oldDuplicate]));

    // The window moves with the clock.
    ctx.clock.advance(2 * 86_400_000);
    expect(await mapIds(app, '&district=Drais')).toEqual([oldOpen]);
  });

  it('bin tasks are reports like any other', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await addReport(ctx, { category: 'papierkorb-voll', district: 'Drais' });
    expect(await mapIds(app, '&district=Drais')).toEqual([bin]);
    expect(await listIds(app, '?category=papierkorb-voll')).toEqual([bin]);
  });
});
