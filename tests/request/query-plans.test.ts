// Query plans of the hot requests, read from the SQL that real requests send (the database's query
// hook), not from copies of it. A plan is deterministic where a timing is not: these tests fail as soon
// as a later index or a changed query takes a hot query off its index, as an index for the Kennzahlen
// once did to the public map (issue 10, defect 12: `SCAN reports USING INDEX reports_created`).
// Without ANALYZE statistics (the app never runs it) SQLite plans by the schema alone, so a small
// database gives the plans of a large one.
import type { CompiledQuery } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bboxOf } from '../../domain/geo.ts';
import { listActiveDistricts, loadCityBoundary } from '../../db/districts.ts';
import type { App } from '../../server/app.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { demoBin, fromClient } from './scan-helpers.ts';

/** The tables that grow with use: a hot query may read them only through an index. */
const GROWING = ['reports', 'report_events', 'bin_events', 'photos', 'subscriptions', 'staff_sessions', 'login_attempts', 'used_form_tokens'];

let captured: CompiledQuery[] | null = null;
let app: App;
let ctx: Awaited<ReturnType<typeof createTestApp>>['ctx'];
let staff: Awaited<ReturnType<typeof asStaff>>;

beforeAll(async () => {
  ({ app, ctx } = await createTestApp({ onQuery: (q) => captured?.push(q) }));
  staff = await asStaff(app, ctx, { role: 'admin' });
  // A few reports of each kind, so that every page has rows to show.
  for (const district of ['Altstadt', 'Neustadt', 'Gonsenheim']) await createReport(ctx, { district, description: 'Loch' });
});

/** Every query a request sends, with its plan. */
async function plansOf(send: () => Response | Promise<Response>): Promise<{ sql: string; plan: string }[]> {
  captured = [];
  const res = await send();
  const body = await res.text();
  const queries = captured;
  captured = null;
  expect(res.status, `the request itself must succeed: ${body.replace(/<style>[^]*<\/style>/, '').slice(0, 1500)}`).toBeLessThan(400);
  const plans = [];
  for (const q of queries) {
    if (!/^\s*(select|with|update|delete)\b/i.test(q.sql)) continue;
    const rows = await ctx.db.executeQuery<{ detail: string }>({ ...q, sql: `explain query plan ${q.sql}` });
    plans.push({ sql: q.sql, plan: rows.rows.map((r) => r.detail).join(' | ') });
  }
  return plans;
}

/**
 * No query reads a growing table from end to end (SCAN, with or without an index), and one that asks
 * for a bin's reports finds them by the bin: a search by category alone reads every report of the
 * category, as the press's UPDATE once did through reports_kpi_bins (issue 10, defect 13).
 */
function expectNoScanOfGrowingTables(plans: { sql: string; plan: string }[]): void {
  for (const { sql, plan } of plans) {
    for (const table of GROWING) expect(plan, sql).not.toMatch(new RegExp(`\\bSCAN ${table}\\b`));
    if (/\bbin_id"? = \?/.test(sql) && /\breports\b/.test(sql)) expect(plan, sql).toMatch(/SEARCH reports USING (COVERING )?INDEX \w+ \(bin_id=\?/);
  }
}

const readsReports = (plans: { sql: string; plan: string }[]) => plans.filter((p) => /from "reports"/.test(p.sql) && !/min\("lat"\)/.test(p.sql));

describe('the public map and list', () => {
  const boxParam = (b: { minLon: number; minLat: number; maxLon: number; maxLat: number }) => [b.minLon, b.minLat, b.maxLon, b.maxLat].join(',');
  const urls = async () => {
    const city = bboxOf((await loadCityBoundary(ctx.db))!.geometry);
    const altstadt = bboxOf((await listActiveDistricts(ctx.db)).find((d) => d.name === 'Altstadt')!.geometry);
    return [
      `/karte.geojson?bbox=${boxParam(city)}`,
      `/karte.geojson?bbox=${boxParam(city)}&state=closed`,
      `/karte.geojson?bbox=${boxParam(altstadt)}&narrow`,
      '/karte/liste',
      '/karte/liste?seite=3',
      '/karte/liste?state=open',
    ];
  };

  it('reads open reports by state and recently closed ones by closing time, never by scanning', async () => {
    for (const url of await urls()) {
      const plans = await plansOf(() => app.request(url));
      expectNoScanOfGrowingTables(plans);
      const main = readsReports(plans);
      expect(main.length, url).toBeGreaterThan(0);
      for (const { sql, plan } of main) {
        // Never every closed report ever filed: recent ones by their closing time, or a narrow box's
        // reports by latitude (reports_map).
        if (!url.includes('state=open')) expect(plan, `${url}: ${sql}`).toMatch(/INDEX \w+ \(closed_at>\?\)|INDEX reports_map \(lat>\? AND lat<\?\)/);
        if (!url.includes('&narrow') && !url.includes('state=open')) expect(plan, `${url}: ${sql}`).toMatch(/INDEX \w+ \(closed_at>\?\)/);
        expect(plan, `${url}: ${sql}`).not.toMatch(/reports_created/);
      }
    }
  });
});

describe('the other hot pages', () => {
  it('the scan page, a bin press and its thank-you page', async () => {
    const bin = await demoBin(ctx.db);
    expectNoScanOfGrowingTables(await plansOf(() => app.request(`/B/${bin.code}`)));
    const press = await plansOf(() =>
      app.request(`/B/${bin.code}`, { method: 'POST', body: new URLSearchParams({ reason: 'full', website: '' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, fromClient('203.0.113.9')),
    );
    expectNoScanOfGrowingTables(press);
    expectNoScanOfGrowingTables(await plansOf(() => app.request(`/B/${bin.code}/danke?grund=full`)));
  });

  it('the public report page and the bin reports', async () => {
    const report = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const plans = await plansOf(() => app.request(`/m/${report.id}`));
    expectNoScanOfGrowingTables(plans);
    expect(plans.map((p) => p.plan).join('\n')).toMatch(/SEARCH reports USING INTEGER PRIMARY KEY/);
  });

  it('the queue, its map, the central desk and the overdue list', async () => {
    for (const url of ['/intern/meldungen', '/intern/meldungen?sortierung=unterstuetzt', '/intern/meldungen?status=done&kategorie=gully', '/intern/meldungen.geojson', '/intern/zentrale', '/intern/ueberfaellig', '/intern/kolonne']) {
      expectNoScanOfGrowingTables(await plansOf(() => staff.request(url)));
    }
  });

  it('a report in the back office', async () => {
    const report = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expectNoScanOfGrowingTables(await plansOf(() => staff.request(`/intern/meldungen/${report.id}`)));
  });

  it('the Kennzahlen read their covering indexes', async () => {
    for (const url of ['/intern/kennzahlen', '/intern/kennzahlen?zeitraum=365']) {
      const plans = await plansOf(() => staff.request(url));
      expectNoScanOfGrowingTables(plans);
      expect(plans.map((p) => p.plan).join('\n'), url).toMatch(/COVERING INDEX reports_kpi_/);
    }
  });
});
