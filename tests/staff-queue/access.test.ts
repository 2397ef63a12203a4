// Who may open the queue's pages and data: role x department x endpoint, and no login at all.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { insertReport, removeDemoReports } from './fixtures.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let who: Record<string, Awaited<ReturnType<typeof asStaff>>>;

beforeAll(async () => {
  t = await createTestApp();
  await removeDemoReports(t.ctx);
  await insertReport(t.ctx, { category: 'strassenschaden', dueIn: -3_600_000 });
  await insertReport(t.ctx, { category: 'sonstiges' });
  who = {
    admin: await asStaff(t.app, t.ctx, { role: 'admin' }),
    dispatcher: await asStaff(t.app, t.ctx, { role: 'dispatcher' }),
    'staff tiefbau': await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'] }),
    'crew entsorgung': await asStaff(t.app, t.ctx, { role: 'crew', departments: ['entsorgung'] }),
  };
});

const ENDPOINTS = [
  '/intern/meldungen',
  '/intern/meldungen?fachamt=tiefbau',
  '/intern/meldungen?fachamt=licht',
  '/intern/meldungen/karte',
  '/intern/meldungen/karte?fachamt=licht',
  '/intern/meldungen.geojson',
  '/intern/meldungen.geojson?fachamt=licht',
  '/intern/meldungen.csv',
  '/intern/meldungen.csv?fachamt=licht',
  '/intern/zentrale',
  '/intern/ueberfaellig',
] as const;

// Expected status per endpoint, in the order of ENDPOINTS.
const EXPECTED: Record<string, number[]> = {
  admin: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  dispatcher: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // Another department by name is a 403; the central desk is not for staff.
  'staff tiefbau': [200, 200, 403, 200, 403, 200, 403, 200, 403, 403, 200],
  // Crews work from /intern/kolonne.
  'crew entsorgung': [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
};

describe('access matrix', () => {
  it.each(Object.keys(EXPECTED))('%s', async (name) => {
    const got: number[] = [];
    for (const path of ENDPOINTS) got.push((await who[name]!.request(path)).status);
    expect(got).toEqual(EXPECTED[name]);
  });

  it('the 403 for a foreign department names it, in the page language', async () => {
    const res = await who['staff tiefbau']!.request('/intern/meldungen?fachamt=licht');
    expect(await res.text()).toContain('Sie gehören nicht zum Fachamt „Straßenbeleuchtung“ und sehen seine Meldungen nicht.');
    const json = await who['staff tiefbau']!.request('/intern/meldungen.geojson?fachamt=licht&lang=en');
    expect(await json.json()).toEqual({ error: { status: 403, message: 'You are not a member of the department “Straßenbeleuchtung” and do not see its reports.' } });
  });

  it('without a session: pages redirect to the login and keep the target, data answers 401', async () => {
    for (const path of ['/intern/meldungen?status=new', '/intern/meldungen/karte', '/intern/zentrale', '/intern/ueberfaellig', '/intern/meldungen.csv']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('Location'), path).toBe(`/intern/anmelden?ziel=${encodeURIComponent(path)}`);
    }
    const json = await t.app.request('/intern/meldungen.geojson', { headers: { Accept: 'application/geo+json, application/json' } });
    expect(json.status).toBe(401);
  });

  it('never lets a shared cache keep a page or an export', async () => {
    for (const path of ['/intern/meldungen', '/intern/meldungen.csv', '/intern/meldungen.geojson']) {
      expect((await who.admin!.request(path)).headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it('is read-only: a POST is refused without a CSRF token and matches no route with one', async () => {
    const admin = who.admin!;
    const noToken = await admin.request('/intern/meldungen', { method: 'POST', body: new URLSearchParams({ status: 'new' }) });
    expect(noToken.status).toBe(403);
    const withToken = await admin.request('/intern/meldungen', { method: 'POST', body: new URLSearchParams({ csrf: admin.csrfToken }) });
    expect(withToken.status).toBe(404);
  });
});
