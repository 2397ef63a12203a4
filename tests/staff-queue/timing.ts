// A quick local timing of the queue, not a test: `npx tsx tests/staff-queue/timing.ts [N] [OPEN]`.
// Fills a SQLite file with the demo catalogue and N reports of which OPEN are open (default 200,000
// and 20,000: the open share of the 1,000,000-report benchmark's worst case), prints the query plans
// of the default selection and p50/p95 of the pages. The real benchmark is bench/backoffice.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Insertable } from 'kysely';
import { openDatabase } from '../../db/connection.ts';
import { listActiveDistricts } from '../../db/districts.ts';
import type { ReportTable } from '../../db/schema.ts';
import { seededRandom } from '../../db/seed/mainz.ts';
import { prepareDatabase } from '../../db/setup.ts';
import { queueIdsQuery } from '../../db/staff-queue.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { labelPoint } from '../../domain/geo.ts';
import { CLOSED_STATES, OPEN_STATES } from '../../domain/states.ts';
import { addStaff, sessionFor } from '../staff-helpers.ts';

const COUNT = Number(process.argv[2] ?? 200_000);
const OPEN = Number(process.argv[3] ?? 20_000);
/** A directory of an earlier run: measure again without filling the database anew. */
const REUSE = process.argv[4];
const DAY = 86_400_000;
const dir = REUSE ?? mkdtempSync(join(tmpdir(), 'stadtmelder-queue-timing-'));
const db = openDatabase(`sqlite:${join(dir, 'queue.sqlite')}`);
const now = new Date('2026-11-21T10:00:00Z');
await prepareDatabase(db, now);
if (!REUSE) {
  await db.deleteFrom('report_events').execute();
  await db.deleteFrom('reports').execute();
}

const districts = (await listActiveDistricts(db)).map((d) => ({ id: d.id, ...labelPoint(d.geometry) }));
const categories = await db.selectFrom('categories').select(['id', 'default_department_id', 'target_hours']).execute();
const central = (await db.selectFrom('departments').select('id').where('is_central', '=', 1).executeTakeFirstOrThrow()).id;
const random = seededRandom(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function makeReport(open: boolean): Insertable<ReportTable> {
  const category = pick(categories);
  const district = pick(districts);
  // Open reports are mostly recent; closed ones spread over three years.
  const ageDays = open ? random() ** 2 * 60 : random() * 3 * 365;
  const created = now.getTime() - ageDays * DAY;
  const state = open ? pick(OPEN_STATES) : pick(CLOSED_STATES);
  return {
    category_id: category.id,
    department_id: category.default_department_id ?? central,
    district_id: district.id,
    lat: district.lat + (random() - 0.5) * 0.01,
    lon: district.lon + (random() - 0.5) * 0.01,
    location_source: 'map',
    description: 'Beschreibung einer Meldung für die Zeitmessung.',
    state,
    source: pick(['web', 'web', 'qr', 'api', 'sensor'] as const),
    support_count: Math.floor(random() ** 3 * 20),
    created_at: new Date(created).toISOString(),
    updated_at: new Date(created).toISOString(),
    closed_at: open ? null : new Date(created + DAY).toISOString(),
    hidden: 0,
    priority: random() < 0.1 ? 1 : random() < 0.03 ? 2 : 0,
    due_at: new Date(created + category.target_hours * 3_600_000).toISOString(),
    reopen_requested_at: !open && random() < 0.0005 ? new Date(now.getTime() - DAY).toISOString() : null,
  };
}

let started = performance.now();
if (!REUSE) {
  const reports = Array.from({ length: COUNT }, (_, i) => makeReport(i < OPEN)).sort((a, b) => a.created_at.localeCompare(b.created_at));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < reports.length; i += 500) await trx.insertInto('reports').values(reports.slice(i, i + 500)).execute();
  });
  // No ANALYZE: the application never runs it, so the planner must do without statistics here too.
  console.log(`inserted ${COUNT} reports (${OPEN} open) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const ctx = { db, config: loadConfig({ DATA_DIR: dir, SECRET: 'q'.repeat(32), LOG_LEVEL: 'silent' }), clock: { now: () => now }, logger: createLogger('silent'), mailer: null };
const app = createApp(ctx);
const run = String(Date.now());
const admin = await sessionFor(ctx, (await addStaff(ctx, { role: 'admin', login: `admin-${run}` })).id);
const staff = await sessionFor(ctx, (await addStaff(ctx, { role: 'staff', departments: ['tiefbau', 'entsorgung'], login: `staff-${run}` })).id);

for (const [label, filter] of [
  ['admin default', { departmentIds: 'all' as const, states: [...OPEN_STATES] }],
  ['staff default', { departmentIds: [3, 2], states: [...OPEN_STATES] }],
] as const) {
  const compiled = queueIdsQuery(db, filter, 'due', 0, 50).compile();
  const plan = await sql.raw<{ detail: string }>(`explain query plan ${compiled.sql}`).execute(db).catch(async () => {
    // Bound parameters: inline them for EXPLAIN.
    let i = 0;
    const text = compiled.sql.replace(/\?/g, () => JSON.stringify(compiled.parameters[i++]).replace(/"/g, "'"));
    return sql.raw<{ detail: string }>(`explain query plan ${text}`).execute(db);
  });
  console.log(`plan, ${label}: ${plan.rows.map((r) => r.detail).join(' | ')}`);
}

async function measure(label: string, cookie: string, path: string, runs = 100) {
  const get = () => app.request(path, { headers: { Cookie: cookie } });
  const first = await get();
  const body = await first.text();
  if (first.status !== 200) {
    console.log(`${label}: ${first.status} ${body.slice(0, 300)}`);
    return;
  }
  for (let i = 0; i < 10; i++) await (await get()).text();
  const times: number[] = [];
  // CPU time as well as wall time: on a shared, busy machine the wall time mostly measures the others.
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await (await get()).text();
    times.push(performance.now() - t0);
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = ((used.user + used.system) / 1000 / runs).toFixed(1);
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil(times.length * p) - 1)]!.toFixed(1);
  console.log(`${label.padEnd(44)} p50 ${pct(0.5).padStart(6)} ms  p95 ${pct(0.95).padStart(6)} ms  cpu ${cpuMs.padStart(6)} ms/request  ${(body.length / 1024).toFixed(0)} KiB`);
}

started = performance.now();
await measure('queue, admin, default', admin.cookie, '/intern/meldungen');
await measure('queue, admin, page 50', admin.cookie, '/intern/meldungen?seite=50');
await measure('queue, staff (2 departments), default', staff.cookie, '/intern/meldungen');
await measure('queue, admin, status=new', admin.cookie, '/intern/meldungen?status=new');
await measure('queue, admin, tiefbau oldest first', admin.cookie, '/intern/meldungen?fachamt=tiefbau&sortierung=aelteste');
await measure('queue, admin, newest', admin.cookie, '/intern/meldungen?sortierung=neueste');
await measure('queue, admin, most supported', admin.cookie, '/intern/meldungen?sortierung=unterstuetzt');
await measure('queue, admin, overdue', admin.cookie, '/intern/meldungen?ueberfaellig=1');
await measure('queue, admin, district + category', admin.cookie, '/intern/meldungen?ortsbezirk=Altstadt&kategorie=strassenschaden');
await measure('queue, admin, older than 7 days', admin.cookie, '/intern/meldungen?alter=7');
await measure('queue, admin, state done (closed)', admin.cookie, '/intern/meldungen?status=done', 20);
await measure('queue, admin, done, newest', admin.cookie, '/intern/meldungen?status=done&sortierung=neueste', 20);
await measure('map GeoJSON, admin, default', admin.cookie, '/intern/meldungen.geojson', 30);
await measure('CSV, staff, default', staff.cookie, '/intern/meldungen.csv', 10);
await measure('central desk', admin.cookie, '/intern/zentrale');
await measure('escalation list, admin', admin.cookie, '/intern/ueberfaellig');
console.log(`database in ${dir}`);
