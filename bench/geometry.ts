// How long do the self-intersection check and the import take for a heavy city boundary, and does the
// admin's district upload hold up other requests? Issue 11: the pairwise check took 16.5 s for the Mainz
// boundary made into 50,000 vertices and had not finished after 21 minutes for 200,000.
// Builds those two from db/seed/mainz-boundary.geojson (db/seed/tools/densify.ts: metre-long wobbling
// pieces) and prints, as the median of ROUNDS runs:
// - the check alone (findSelfIntersection) and the pairs of edges it looked at;
// - the import: parse, count, check, simplify and save (what `npm run import -- boundary` does; the
//   200,000-vertex file is over the limit of MAX_POSITIONS_PER_FILE, so the limit is lifted here to
//   time the work itself, and the CLI's refusal is timed too);
// - an admin's upload of districts with as many positions as the limit allows, through the app, and
//   the longest stretch it kept the event loop busy (what any other request would have waited);
// - the size of /ortsbezirke with that geometry.
// Prints figures, asserts nothing: `npm run bench:geometry [-- ROUNDS] [--pairwise]` (--pairwise also
// times the old pairwise check on 50,000 vertices: about 16 s on a free core).
import { readFileSync } from 'node:fs';
import { openDatabase } from '../db/connection.ts';
import { saveCityBoundary } from '../db/districts.ts';
import { densify, positionCount, type FeatureCollection } from '../db/seed/tools/densify.ts';
import { prepareDatabase } from '../db/setup.ts';
import { createStaff } from '../db/staff.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { polygonsOf } from '../domain/geo.ts';
import { MAX_POSITIONS_PER_FILE, parseNamedAreas, TooManyPositionsError } from '../domain/geojson.ts';
import { findSelfIntersection } from '../domain/self-intersection.ts';
import { createLogger } from '../server/logger.ts';
import { hashPassword } from '../server/staff/passwords.ts';
import { sessionCookieName, startSession } from '../server/staff/sessions.ts';
import { bruteForceSelfIntersection } from '../tests/unit/self-intersection-reference.ts';

const ROUNDS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
const PAIRWISE = process.argv.includes('--pairwise');

const demo = (name: string) => JSON.parse(readFileSync(new URL(`../db/seed/mainz-${name}.geojson`, import.meta.url), 'utf8')) as FeatureCollection;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Wall time and this process's CPU time: on a machine shared with other work the CPU time is the
 * steadier figure, and the one an otherwise idle server would see as wall time. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; ms: number; cpu: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

async function medianOf(work: () => unknown): Promise<string> {
  const times: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { ms: wall, cpu } = await timed(work);
    times.push(wall);
    cpus.push(cpu);
  }
  return `${ms(median(times))} (CPU ${ms(median(cpus))})`;
}

const now = new Date();
const db = openDatabase(':memory:');
await prepareDatabase(db, now);
const config = loadConfig({ SECRET: 'b'.repeat(32), LOG_LEVEL: 'silent' });
const app = createApp({ db, config, clock: { now: () => now }, logger: createLogger('silent'), mailer: null });

console.log(`geometry benchmark, median of ${ROUNDS} runs (figures are provisional on a shared machine)`);
for (const vertices of [50_000, 200_000]) {
  const file = densify(demo('boundary'), vertices);
  const text = JSON.stringify(file);
  const ring = polygonsOf(file.features[0]!.geometry)[0]![0]!;
  const stats = { comparisons: 0 };
  if (findSelfIntersection(ring, stats) !== null) throw new Error('the densified boundary should not cross itself');
  const check = await medianOf(() => findSelfIntersection(ring));
  const imported = await medianOf(async () => {
    const areas = parseNamedAreas(text, 'name', { maxPositions: Infinity });
    await saveCityBoundary(db, areas, { approximate: false, now: now.toISOString() });
  });
  const refused = await medianOf(() => {
    try {
      parseNamedAreas(text, 'name');
    } catch (err) {
      if (!(err instanceof TooManyPositionsError)) throw err;
    }
  });
  const pairs = (ring.length - 1) ** 2 / 2;
  console.log(
    `boundary ${positionCount(file).toLocaleString('en-GB')} positions (${(text.length / 1e6).toFixed(1)} MB): ` +
      `check ${check}, ${stats.comparisons.toLocaleString('en-GB')} pairs of edges looked at, pairwise: ${pairs.toExponential(1)}, ` +
      `import ${imported}, ` +
      (positionCount(file) > MAX_POSITIONS_PER_FILE ? `refused by the limit in ${refused}` : 'within the limit'),
  );
  const html = await (await app.request('/ortsbezirke')).text();
  console.log(`  /ortsbezirke with this boundary: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB of HTML`);
  if (PAIRWISE && vertices === 50_000) {
    const pairwise = await timed(() => bruteForceSelfIntersection(ring));
    console.log(`  the old pairwise check, once: ${ms(pairwise.ms)} (CPU ${ms(pairwise.cpu)})`);
  }
}

// The admin's upload: districts with as many positions as a file may have, in the server process.
const admin = await createStaff(db, { login: 'bench-admin', displayName: 'Bench', passwordHash: await hashPassword('Benchmark-Passwort 2026'), role: 'admin', departmentIds: [], now: now.toISOString() });
const session = await startSession(db, config.secret, admin.id, now);
const cookie = `${sessionCookieName(config)}=${session.token}`;
const districtFile = densify(demo('districts'), MAX_POSITIONS_PER_FILE - 100);
const districtText = JSON.stringify(districtFile);
const uploads: number[] = [];
const cpus: number[] = [];
const stalls: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const form = new FormData();
  form.append('csrf', session.csrfToken);
  form.append('nameProperty', 'name');
  form.append('file', new File([districtText], 'bezirke.geojson', { type: 'application/geo+json' }));
  // The longest time the event loop was busy during the upload: how long any other request, however
  // small, would have had to wait at worst. A timer that should fire every millisecond measures it.
  let last = performance.now();
  let stall = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    stall = Math.max(stall, at - last);
    last = at;
  }, 1);
  const { result: res, ms: took, cpu } = await timed(() => app.request('/intern/verwaltung/ortsbezirke/import', { method: 'POST', body: form, headers: { Cookie: cookie } }));
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticker);
  if (res.status !== 303) throw new Error(`upload answered ${res.status}`);
  uploads.push(took);
  cpus.push(cpu);
  stalls.push(stall);
}
console.log(
  `admin upload of districts with ${positionCount(districtFile).toLocaleString('en-GB')} positions (${(districtText.length / 1e6).toFixed(1)} MB, the limit is ${MAX_POSITIONS_PER_FILE.toLocaleString('en-GB')}): ` +
    `${ms(median(uploads))} (CPU ${ms(median(cpus))}); longest the event loop was blocked meanwhile: ${ms(median(stalls))} (max ${ms(Math.max(...stalls))})`,
);
const html = await (await app.request('/ortsbezirke')).text();
console.log(`/ortsbezirke with those districts and the 200,000-vertex boundary: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB of HTML`);
await db.destroy();
