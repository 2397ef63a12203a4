// The address a reporter types is their own words and may name people. It follows the description's
// moderation: public at once only where the category publishes automatically, otherwise once staff
// publish it; until then every public output (and the status page) names the place by its district,
// or by the geocoder's name for it. Staff always see the typed words.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { moderationPaths as paths } from '../../server/paths.ts';
import { createTestApp } from '../helpers.ts';
import { CITY_BBOX } from '../map/fixtures.ts';
import { asStaff } from '../staff-helpers.ts';
import { post } from '../staff-moderation/helpers.ts';
import { postReportForm } from './helpers.ts';

/** The hardening issue's example. */
const TYPED = 'Kirchstraße 7 bei Familie Geheimname, Tel 0176-5550123';
const SECRETS = ['Geheimname', '0176-5550123', 'Kirchstraße 7'];

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

async function districtId(ctx: TestApp['ctx'], name: string): Promise<string> {
  return String((await ctx.db.selectFrom('districts').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
}

/** Files through /melden with the typed address and the district; returns the report and its status path. */
async function fileWithAddress(t: TestApp, slug: string, district = 'Gonsenheim', strasse = TYPED) {
  // Without the city's address list (the demo one has a Kirchstraße 7): the words are what is tested here.
  await t.ctx.db.deleteFrom('addresses').execute();
  const res = await postReportForm(t.app, t.ctx, slug, { fields: { strasse, ortsbezirk: await districtId(t.ctx, district), beschreibung: 'Laterne flackert', trotzdem: '1' } });
  expect(res.status).toBe(303);
  const report = await t.ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { report, statusPath: res.headers.get('location')! };
}

/** Every output outside the back office that shows reports, as text. */
async function publicOutputs(t: TestApp, id: number, statusPath: string): Promise<Array<[string, string]>> {
  const paths = [`/m/${id}`, `/m/${id}?lang=en`, statusPath, '/karte/liste', '/karte/liste?lang=en', `/karte.geojson?bbox=${CITY_BBOX}`, '/open-data/reports.geojson', '/open-data/reports.csv'];
  return Promise.all(
    paths.map(async (p) => {
      const res = await t.app.request(p);
      expect(res.status, p).toBe(200);
      return [p, await res.text()] as [string, string];
    }),
  );
}

describe('typed address words before moderation', () => {
  it('are on no public output and not on the status page; the place is named by its district', async () => {
    const t = await createTestApp();
    const { report, statusPath } = await fileWithAddress(t, 'strassenschaden');
    expect(report).toMatchObject({ address: TYPED, address_published: 0, description_published: 0 });
    for (const [path, text] of await publicOutputs(t, report.id, statusPath)) {
      for (const secret of SECRETS) expect(text, path).not.toContain(secret);
    }
    const page = await (await t.app.request(`/m/${report.id}`)).text();
    expect(page).toContain('Ortsbezirk Gonsenheim');
    expect(page).toContain('(nur der Ortsbezirk ist bekannt, nicht der genaue Ort)');
    // Staff see what was typed.
    const staff = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'] });
    expect(await (await staff.request(`/intern/meldungen/${report.id}`)).text()).toContain('Familie Geheimname');
  });

  it('become public when staff publish them, with the event in the history, and go again when hidden', async () => {
    const t = await createTestApp();
    const { report, statusPath } = await fileWithAddress(t, 'strassenschaden');
    const staff = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'] });
    const panel = await (await staff.request(`/intern/meldungen/${report.id}`)).text();
    expect(panel).toContain(`action="${paths.publishAddress(report.id)}"`);
    expect(panel).toContain('Nicht veröffentlicht: Die Öffentlichkeit sieht den Ortsbezirk statt dieser Worte.');

    const published = await post(staff, paths.publishAddress(report.id));
    expect(published.status).toBe(303);
    expect(published.headers.get('Location')).toBe(`/intern/meldungen/${report.id}#moderation`);
    expect(await (await t.app.request(`/m/${report.id}`)).text()).toContain('Familie Geheimname');
    expect(await (await t.app.request('/karte/liste')).text()).toContain('Familie Geheimname');
    expect(await (await t.app.request(statusPath)).text()).toContain('Familie Geheimname');
    const history = await (await staff.request(`/intern/meldungen/${report.id}`)).text();
    expect(history).toContain('Adresse veröffentlicht');
    expect(history).toContain(`action="${paths.hideAddress(report.id)}"`);

    expect((await post(staff, paths.hideAddress(report.id))).status).toBe(303);
    expect(await (await t.app.request(`/m/${report.id}`)).text()).not.toContain('Geheimname');
    const events = await t.ctx.db.selectFrom('report_events').select(['type', 'actor']).where('report_id', '=', report.id).where('type', 'like', 'address_%').orderBy('id').execute();
    expect(events).toEqual([
      { type: 'address_published', actor: `staff:${staff.staff.id}` },
      { type: 'address_hidden', actor: `staff:${staff.staff.id}` },
    ]);
    // Publishing words that are not there is refused.
    await t.ctx.db.updateTable('reports').set({ address: null }).where('id', '=', report.id).execute();
    expect((await post(staff, paths.publishAddress(report.id))).status).toBe(422);
  });

  it('are public at once where the category publishes automatically', async () => {
    const t = await createTestApp();
    const { report } = await fileWithAddress(t, 'strassenbeleuchtung', 'Mombach', 'Mast 1187, Hauptstraße');
    expect(report).toMatchObject({ address_published: 1, description_published: 1 });
    expect(await (await t.app.request(`/m/${report.id}`)).text()).toContain('Mast 1187, Hauptstraße');
  });
});

describe('with a geocoder', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('the public sees the geocoder’s name for the place, never the typed words', async () => {
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify([{ lat: '50.0131', lon: '8.2187', display_name: 'x', address: { road: 'Hauptstraße', house_number: '5', suburb: 'Mombach' } }]));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const t = await createTestApp({ config: { geocoderUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } });
    // The external geocoder is asked for what the city's own list lacks (the demo list has a Hauptstraße 5).
    await t.ctx.db.deleteFrom('addresses').execute();
    const res = await postReportForm(t.app, t.ctx, 'gehweg', { fields: { strasse: 'Hauptstr. 5 bei Müllers, die nie da sind', trotzdem: '1' } });
    expect(res.status).toBe(303);
    const report = await t.ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(report).toMatchObject({ address: 'Hauptstr. 5 bei Müllers, die nie da sind', geocoded_address: 'Hauptstraße 5', address_published: 0 });
    for (const [path, text] of await publicOutputs(t, report.id, res.headers.get('location')!)) expect(text, path).not.toContain('Müllers');
    expect(await (await t.app.request(`/m/${report.id}`)).text()).toContain('Hauptstraße 5, Ortsbezirk Mombach');
    expect(await (await t.app.request('/karte/liste?lang=en')).text()).toContain('Mombach, Hauptstraße 5');
  });
});
