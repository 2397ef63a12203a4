// Does memory stay put under GET load? Runs N requests per route in-process through app.fetch (gzip
// asked for, as browsers do, so the compression streams take part), 50 at a time, on a file database
// with the Mainz demo data and a full list page of reports. Before and after each route it forces a
// full garbage collection and reads RSS and V8's external memory; what stays after the collection is
// what the route left behind, printed per 10,000 requests next to the target.
// `npm run bench:memory [-- N [ROUTE]]` (default 10,000 per route; ROUTE: only routes whose name
// contains it). Prints figures, asserts nothing.
//
// Why RSS and not only the heap: an Intl.DateTimeFormat built per call holds ~16 KB of ICU memory
// outside the JavaScript heap, freed only by a full collection, and glibc keeps the pages afterwards;
// that grew the server by gigabytes while heapUsed stayed flat (decision 024).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDatabase } from '../db/connection.ts';
import { listActiveDistricts } from '../db/districts.ts';
import { createStaff } from '../db/staff.ts';
import { prepareDatabase } from '../db/setup.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { systemClock } from '../server/context.ts';
import { labelPoint } from '../domain/geo.ts';
import { fileReport } from '../server/filing.ts';
import { createLogger } from '../server/logger.ts';
import { hashPassword } from '../server/staff/passwords.ts';
import { sessionCookieName, startSession } from '../server/staff/sessions.ts';

const N = Number(process.argv[2] ?? 10_000);
/** Optional: only the routes whose name contains this text. */
const ONLY = process.argv[3];
const CONCURRENCY = 50;
/**
 * Requests per route, all routes, before anything is measured: compiled code and lazily built caches.
 * Few on purpose: a formatter per call must not reach its high-water mark before the measuring starts.
 */
const WARMUP_PER_ROUTE = 50;
const WARMUP_GENERAL = 2_000;
/**
 * How far RSS may rise above its settled value before the route while its N requests run: the heap's
 * working size and the gzip streams of 50 responses in flight, not a formatter per call (that took it
 * +626 MB on /karte/liste, to 806 MB).
 */
const TARGET_PEAK_MB = 150;
/**
 * RSS a route may leave behind per 10,000 requests, after a full garbage collection. Between runs this
 * moves by ±20 MB without any leak (glibc keeps freed memory in its arenas).
 */
const TARGET_MB_PER_10K = 30;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-bench-memory-'));
const db = openDatabase(`sqlite:${join(dir, 'memory.sqlite')}`);
const now = new Date();
await prepareDatabase(db, now);
const config = loadConfig({ DATA_DIR: dir, SECRET: 'm'.repeat(32), LOG_LEVEL: 'silent' });
const app = createApp({ db, config, clock: systemClock, logger: createLogger('silent'), mailer: null });

// The table's columns: RSS after a full GC before the route (start), the highest RSS and heap size seen
// while its N requests ran (peak, heap max), RSS after a full GC at the end, how far the peak rose above
// the start, and what stayed per 10,000 requests, in all and outside the JavaScript heap.

// A full page of the public list (25 entries), each with its date to format.
const districts = await listActiveDistricts(db);
const category = await db.selectFrom('categories').select('id').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
for (let i = 0; i < 30; i++) {
  const point = labelPoint(districts[i % districts.length]!.geometry);
  await fileReport(db, { categoryId: category.id, ...point, locationSource: 'map', source: 'web', description: `Benchmark-Meldung ${i}` }, new Date(now.getTime() - i * 86_400_000).toISOString());
}
const reportId = (await db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
const binCodes = (await db.selectFrom('bins').select('code').orderBy('id').limit(20).execute()).map((b) => b.code);
const staff = await createStaff(db, { login: 'bench-admin', displayName: 'Bench', passwordHash: await hashPassword('Benchmark-Passwort 2026'), role: 'admin', departmentIds: [], now: now.toISOString() });
const cookie = `${sessionCookieName(config)}=${(await startSession(db, config.secret, staff.id, now)).token}`;

interface Route {
  name: string;
  path: (i: number) => string;
  staff?: boolean;
}

const ROUTES: Route[] = [
  { name: '/karte/liste', path: (i) => (i % 2 ? '/karte/liste' : '/karte/liste?lang=en') },
  { name: '/B/{CODE}', path: (i) => `/B/${binCodes[i % binCodes.length]}` },
  { name: '/m/{id}', path: () => `/m/${reportId}` },
  { name: '/', path: () => '/' },
  { name: '/karte.geojson', path: () => '/karte.geojson' },
  { name: '/intern (staff start)', path: () => '/intern', staff: true },
  { name: '/intern/kennzahlen', path: () => '/intern/kennzahlen', staff: true },
];

async function run(route: Route, count: number): Promise<number> {
  let next = 0;
  let failures = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const headers: Record<string, string> = { 'Accept-Encoding': 'gzip, deflate, br', 'Accept-Language': 'de-DE,de;q=0.9' };
      if (route.staff) headers['Cookie'] = cookie;
      const res = await app.fetch(new Request(`http://localhost${route.path(i)}`, { headers }));
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)} MB`;

function settled() {
  gc();
  gc();
  return process.memoryUsage();
}

console.log(`bench:memory: ${N.toLocaleString('en')} requests per route in-process, ${CONCURRENCY} at a time, gzip, after ${WARMUP_PER_ROUTE} per route to warm up; node ${process.version}`);
console.log(`targets: peak RSS above the start < ${TARGET_PEAK_MB} MB; RSS left after a full GC < ${TARGET_MB_PER_10K} MB per 10,000 requests\n`);

const routes = ROUTES.filter((r) => !ONLY || r.name.includes(ONLY));
const cold = settled();
// The heap and malloc's arenas first grow to what 50 responses in flight need; on '/', which formats
// nothing, so that the first route measured does not pay for it (it showed +56 MB that the others did not).
await run({ name: 'warm-up', path: () => '/' }, WARMUP_GENERAL);
for (const route of routes) await run(route, WARMUP_PER_ROUTE);
console.log(`RSS ${mb(cold.rss)} before the warm-up, ${mb(settled().rss)} after it\n`);
console.log(['route'.padEnd(24), 'req/s'.padStart(6), 'start'.padStart(8), 'peak'.padStart(8), 'heap max'.padStart(8), 'after GC'.padStart(9), 'peak-start'.padStart(11), 'left/10k'.padStart(9), 'non-heap/10k'.padStart(13), 'verdict'.padStart(8)].join(' '));

let worstPeak = 0;
let worstLeft = 0;
for (const route of routes) {
  const before = settled();
  // The peak is read without forcing collections: that is what the machine has to have (a formatter
  // per call piles up native memory until V8 happens to run a full collection).
  let peak = before.rss;
  let peakHeap = before.heapTotal;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapTotal);
  };
  const sampler = setInterval(sample, 25);
  const started = performance.now();
  const failures = await run(route, N);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  const after = settled();
  const peakGrowth = (peak - before.rss) / MB;
  const left = ((after.rss - before.rss) / MB) * (10_000 / N);
  const nonHeap = ((after.rss - after.heapTotal - (before.rss - before.heapTotal)) / MB) * (10_000 / N);
  worstPeak = Math.max(worstPeak, peakGrowth);
  worstLeft = Math.max(worstLeft, left);
  const ok = peakGrowth < TARGET_PEAK_MB && left < TARGET_MB_PER_10K;
  console.log(
    [
      route.name.padEnd(24),
      (N / seconds).toFixed(0).padStart(6),
      mb(before.rss).padStart(8),
      mb(peak).padStart(8),
      mb(peakHeap).padStart(8),
      mb(after.rss).padStart(9),
      signed(peakGrowth).padStart(11),
      signed(left).padStart(9),
      signed(nonHeap).padStart(13),
      (ok ? 'ok' : 'OVER').padStart(8),
      failures ? `  ${failures} not 200!` : '',
    ].join(' '),
  );
}
console.log(`\nmemory, worst peak RSS above the start: ${worstPeak.toFixed(1)} MB (target < ${TARGET_PEAK_MB} MB)`);
console.log(`memory, worst RSS left after GC: ${worstLeft.toFixed(1)} MB per 10,000 requests (target < ${TARGET_MB_PER_10K} MB)`);

await db.destroy();
rmSync(dir, { recursive: true, force: true });
