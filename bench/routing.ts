// How fast is routing on the Mainz demo geometry, and what does a start page cost?
// Prints figures, asserts nothing: `npm run bench:routing` (all benchmarks: `npm run bench`).
// No issue set targets for these; the ones below are this file's: routing must stay a small share of
// filing a report (a few ms), and the start page as fast in-process as a report page.
import { openDatabase } from '../db/connection.ts';
import { loadRoutingTable } from '../db/routing.ts';
import { prepareDatabase } from '../db/setup.ts';
import { seededRandom } from '../db/seed/mainz.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { routeReport } from '../domain/routing.ts';
import { figure } from './figures.ts';

const db = openDatabase(':memory:');
await prepareDatabase(db, new Date());
const table = await loadRoutingTable(db);
const box = table.boundary!.bbox;
const random = seededRandom(1);
const points = Array.from({ length: 100_000 }, () => ({
  lon: box.minLon + random() * (box.maxLon - box.minLon),
  lat: box.minLat + random() * (box.maxLat - box.minLat),
}));
const category = { id: 1, defaultDepartmentId: 3 };

let inside = 0;
const started = performance.now();
for (const point of points) {
  try {
    routeReport({ category, point }, table);
    inside++;
  } catch {
    // outside the city: refused, also measured
  }
}
const routeMs = performance.now() - started;
const perReportUs = (routeMs * 1000) / points.length;
console.log(`routeReport: ${points.length} points (${inside} inside Mainz) in ${routeMs.toFixed(0)} ms = ${perReportUs.toFixed(2)} µs per report`);
figure({ name: 'routing: routeReport per report', value: perReportUs, unit: 'µs', target: 50, better: 'lower' });

const loadStarted = performance.now();
for (let i = 0; i < 200; i++) await loadRoutingTable(db);
const loadMs = (performance.now() - loadStarted) / 200;
console.log(`loadRoutingTable from SQLite: ${loadMs.toFixed(2)} ms`);
figure({ name: 'routing: loadRoutingTable', value: loadMs, unit: 'ms', target: 5, better: 'lower' });

const app = createApp({ db, config: loadConfig({ SECRET: 'b'.repeat(32), LOG_LEVEL: 'silent' }), clock: { now: () => new Date() }, logger: createLogger('silent'), mailer: null });
for (let i = 0; i < 50; i++) await (await app.request('/')).text();
const times: number[] = [];
for (let i = 0; i < 1000; i++) {
  const t0 = performance.now();
  await (await app.request('/')).text();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.floor((times.length - 1) * p)]!.toFixed(2);
console.log(`GET / in-process (app.request, 1000 runs): p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms`);
figure({ name: 'routing: GET / in-process p95', value: Number(pct(0.95)), unit: 'ms', target: 10, better: 'lower' });
await db.destroy();
