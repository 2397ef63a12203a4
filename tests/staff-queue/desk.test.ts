// The central triage desk (/intern/zentrale), the escalation list (/intern/ueberfaellig), the map
// page (/intern/meldungen/karte) and the query plans the queue relies on.
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { queueIdsQuery } from '../../db/staff-queue.ts';
import { OPEN_STATES } from '../../domain/states.ts';
import { createTestApp, departmentId } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { DAY, HOUR, insertReport, listedIds, removeDemoReports } from './fixtures.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let admin: Awaited<ReturnType<typeof asStaff>>;

beforeEach(async () => {
  t = await createTestApp();
  await removeDemoReports(t.ctx);
  admin = await asStaff(t.app, t.ctx, { role: 'admin' });
});

describe('GET /intern/zentrale', () => {
  it('lists open unrouted reports and reopen requests of any department, with the reason, earliest due first', async () => {
    const unrouted = await insertReport(t.ctx, { category: 'sonstiges', dueIn: 2 * DAY });
    const reopen = await insertReport(t.ctx, { category: 'strassenschaden', state: 'done', reopenRequested: true, dueIn: -5 * DAY });
    await insertReport(t.ctx, { category: 'sonstiges', state: 'done' }); // closed at the desk: nothing to route
    await insertReport(t.ctx, { category: 'strassenschaden' }); // routed, no request
    const dispatcher = await asStaff(t.app, t.ctx, { role: 'dispatcher' });
    const res = await dispatcher.request('/intern/zentrale');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(listedIds(html)).toEqual([reopen, unrouted]);
    expect(html).toContain('Kein Fachamt gefunden');
    expect(html).toMatch(/Wiederöffnung erbeten \(\d{2}\.\d{2}\.\d{4}, 10:00\), Fachamt: Tiefbauamt/);
    expect(html).toContain('2 Meldungen warten, Seite 1 von 1.');
    expect(html).toContain('<th scope="col">Grund</th>');
  });

  it('says when there is nothing to route, and pages by 50', async () => {
    expect(await (await admin.request('/intern/zentrale')).text()).toContain('Nichts zu verteilen');
    for (let i = 0; i < 51; i++) await insertReport(t.ctx, { category: 'sonstiges', dueIn: i * HOUR });
    const first = await (await admin.request('/intern/zentrale')).text();
    expect(listedIds(first)).toHaveLength(50);
    expect(first).toContain('href="/intern/zentrale?seite=2" rel="next"');
    const second = await (await admin.request('/intern/zentrale?seite=2')).text();
    expect(listedIds(second)).toHaveLength(1);
    expect((await admin.request('/intern/zentrale?seite=null')).status).toBe(422);
  });
});

describe('GET /intern/ueberfaellig', () => {
  it('lists open overdue reports per department, most overdue first, with how long', async () => {
    const road2 = await insertReport(t.ctx, { category: 'strassenschaden', dueIn: -2 * DAY });
    const road5 = await insertReport(t.ctx, { category: 'gully', dueIn: -5 * DAY });
    const light = await insertReport(t.ctx, { category: 'strassenbeleuchtung', dueIn: -3 * HOUR });
    await insertReport(t.ctx, { category: 'strassenschaden', dueIn: HOUR }); // not yet due
    await insertReport(t.ctx, { category: 'strassenschaden', state: 'done', dueIn: -9 * DAY }); // closed
    const html = await (await admin.request('/intern/ueberfaellig')).text();
    // Tiefbau has the longest-overdue report, so it comes first.
    expect(listedIds(html)).toEqual([road5, road2, light]);
    expect(html.indexOf('Tiefbauamt: 2 überfällig')).toBeLessThan(html.indexOf('Straßenbeleuchtung: 1 überfällig'));
    expect(html).toContain('überfällig um 5 Tage');
    expect(html).toContain('überfällig um 3 Std.');
    expect(html).toContain('href="/intern/meldungen?ueberfaellig=1&amp;fachamt=tiefbau"');
    expect(html).toContain('Die überfällige Meldung von Straßenbeleuchtung in der Liste');
  });

  it('shows staff their departments only, and says when nothing is overdue', async () => {
    await insertReport(t.ctx, { category: 'strassenbeleuchtung', dueIn: -HOUR });
    const staff = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'] });
    const html = await (await staff.request('/intern/ueberfaellig')).text();
    expect(listedIds(html)).toEqual([]);
    expect(html).toContain('Keine überfälligen Meldungen.');
  });

  it('lists at most 20 per department and links to all of them', async () => {
    for (let i = 0; i < 23; i++) await insertReport(t.ctx, { dueIn: -(i + 1) * HOUR });
    const html = await (await admin.request('/intern/ueberfaellig')).text();
    expect(listedIds(html)).toHaveLength(20);
    expect(html).toContain('Die 20 am längsten überfälligen:');
    expect(html).toContain('Alle 23 überfälligen Meldungen von Tiefbauamt in der Liste');
  });
});

describe('GET /intern/meldungen/karte', () => {
  it('configures the map with the staff GeoJSON and the same query, lists the selection without JavaScript', async () => {
    const id = await insertReport(t.ctx, { category: 'gully' });
    const res = await admin.request('/intern/meldungen/karte?kategorie=gully&sortierung=neueste');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-geojson="/intern/meldungen.geojson?kategorie=gully&amp;sortierung=neueste&amp;lang=de"');
    expect(html).toContain('data-report-href="/intern/meldungen/{id}"');
    expect(html).toContain('<script defer="" src="/static/leaflet/leaflet.js"></script>');
    expect(listedIds(html)).toEqual([id]);
    expect(html).toContain('href="/intern/meldungen?kategorie=gully&amp;sortierung=neueste"');
    // The map page's CSP allows the tile server's images; the list's does not.
    const tiles = new URL(t.ctx.config.tileUrl.replace(/\{[a-z]\}/g, 'a')).origin;
    expect(res.headers.get('Content-Security-Policy')).toContain(tiles);
    expect((await admin.request('/intern/meldungen')).headers.get('Content-Security-Policy')).not.toContain(tiles);
  });

  it('shows the 422 form there too', async () => {
    const res = await admin.request('/intern/meldungen/karte?alter=99');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Das Alter „99“ ist nicht möglich.');
  });
});

describe('query plans', () => {
  async function plan(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<string> {
    const compiled = query.compile();
    const rows = await sql<{ detail: string }>`explain query plan ${sql.raw(compiled.sql.replace(/\?/g, 'NULL'))}`.execute(t.ctx.db);
    return rows.rows.map((r) => r.detail).join(' | ');
  }
  const open = [...OPEN_STATES];

  it('reads the default selection from an index, never by scanning reports', async () => {
    const tiefbau = await departmentId(t.ctx.db, 'tiefbau');
    for (const filter of [{ departmentIds: 'all' as const, states: open }, { departmentIds: [tiefbau], states: open }]) {
      const detail = await plan(queueIdsQuery(t.ctx.db, filter, 'due', 0, 50));
      expect(detail).toMatch(/USING COVERING INDEX reports_(open_due|department_due|kpi_open)/);
      expect(detail).not.toMatch(/SCAN reports/);
    }
  });

  it('leads with the state while only open states are selected, whatever else is filtered', async () => {
    const filter = { departmentIds: 'all' as const, states: open, categoryId: 1, districtId: 1, source: 'web', priority: 1, assignedStaffId: 1 };
    for (const sort of ['due', 'oldest', 'newest', 'supported'] as const) {
      const detail = await plan(queueIdsQuery(t.ctx.db, filter, sort, 0, 50));
      expect(detail, sort).toMatch(/USING (COVERING )?INDEX reports_(open_due|kpi_open|open_created|open_support) \(state=\?/);
    }
  });

  it('reads every other sort from a covering index too', async () => {
    for (const sort of ['oldest', 'newest', 'supported'] as const) {
      const detail = await plan(queueIdsQuery(t.ctx.db, { departmentIds: 'all', states: open }, sort, 0, 50));
      expect(detail, sort).toMatch(/USING COVERING INDEX reports_open_(created|support)/);
      const staff = await plan(queueIdsQuery(t.ctx.db, { departmentIds: [1, 2], states: open }, sort, 0, 50));
      expect(staff, sort).toMatch(/USING COVERING INDEX reports_open_(created|support)/);
    }
  });
});
