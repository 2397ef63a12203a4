// Soak: the real server (`server/main.ts` as a child process, log level warn) on a fresh data
// directory with the Mainz demo data, under mixed traffic at a fixed rate for MINUTES: bin presses,
// defect reports with a photo, the map's GeoJSON, the list, report pages, the staff queue and the
// Kennzahlen. Open loop: requests start on schedule whether or not earlier ones have answered, as
// people's do. Prints per route count, p50/p99 and status counts, the server's RSS after the warm-up
// and at the end, and the 5xx count, each next to its target. Prints figures, asserts nothing.
//
//   npm run bench:soak -- [MINUTES] [RATE] [CLIENTS]   (default 10 minutes at 100 requests/s from 5,000 clients)
//
// 100/s is about what one core of this 2-core machine serves of this mix with the load generator on the
// other (at 200/s the server is saturated and the figures measure its queue). 5,000 client addresses
// are a busy day's share of a city; CLIENTS=0 gives every request a new address, the worst case for
// the per-client windows, which then fill up towards their caps for the whole run.
//
// Only 127.0.0.1 is contacted. Rate limits count per client address, so the server trusts
// X-Forwarded-For here and each request comes from one of many IPv6 documentation addresses
// (2001:db8::/32, never routed); 429s are counted on their own and should be few.
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { openDatabase } from '../db/connection.ts';
import { listActiveDistricts } from '../db/districts.ts';
import { prepareDatabase } from '../db/setup.ts';
import { createStaff } from '../db/staff.ts';
import { seededRandom } from '../db/seed/mainz.ts';
import { loadConfig } from '../server/config.ts';
import { labelPoint } from '../domain/geo.ts';
import { hashPassword } from '../server/staff/passwords.ts';
import { sessionCookieName, startSession } from '../server/staff/sessions.ts';
import { freePort } from '../tests/cli/run.ts';

const MINUTES = Number(process.argv[2] ?? 10);
const RATE = Number(process.argv[3] ?? 100);
const CLIENTS = Number(process.argv[4] ?? 5_000);
const WARMUP_S = Math.min(60, (MINUTES * 60) / 2);
/** Requests still waiting for an answer beyond this are not started: the server is behind, and says so. */
const MAX_IN_FLIGHT = 400;
const TARGET_RSS_GROWTH = 10; // per cent, from the end of the warm-up to the end
const RSS_WINDOW_S = 15; // RSS is averaged over this long after the warm-up and at the end
const ROOT = fileURLToPath(new URL('..', import.meta.url));

if (!(MINUTES > 0) || !(RATE > 0) || !(CLIENTS >= 0)) {
  console.error('usage: npm run bench:soak -- [MINUTES] [RATE] [CLIENTS]   (e.g. 10 100 5000; CLIENTS 0: a new address per request)');
  process.exit(2);
}

// --- the data directory, prepared as an operator would: migrated and seeded, one administrator ---
const dataDir = mkdtempSync(join(tmpdir(), 'stadtmelder-soak-'));
const port = await freePort();
const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', TRUST_PROXY: 'true', SECRET: 's'.repeat(40) };
const config = loadConfig(env);
const db = openDatabase(config.databaseUrl);
const now = new Date();
await prepareDatabase(db, now);
const admin = await createStaff(db, { login: 'soak-admin', displayName: 'Soak', passwordHash: await hashPassword('Soak-Passwort am Rheinufer'), role: 'admin', departmentIds: [], now: now.toISOString() });
const staffCookie = `${sessionCookieName(config)}=${(await startSession(db, config.secret, admin.id, now)).token}`;
const binCodes = (await db.selectFrom('bins').select('code').where('active', '=', 1).orderBy('id').execute()).map((b) => b.code);
const defectSlugs = (await db.selectFrom('categories').select('slug').where('kind', '=', 'defect').where('active', '=', 1).orderBy('id').execute()).map((c) => c.slug);
const places = (await listActiveDistricts(db)).map((d) => labelPoint(d.geometry));
await db.destroy();
// A small photo with real detail (noise), so the server's decoding, EXIF stripping and re-encoding do work.
const noise = seededRandom(7);
const pixels = Buffer.from(Array.from({ length: 320 * 240 * 3 }, () => Math.floor(noise() * 256)));
const photo = await sharp(pixels, { raw: { width: 320, height: 240, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();

// --- the server ---
// --trace-gc: after each full collection V8 prints the heap it kept, which tells retained objects (a
// leak) from garbage not yet collected; RSS alone cannot.
const server = spawn(process.execPath, ['--trace-gc', '--trace-gc-ignore-scavenger', '--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
const serverLines = { warn: new Map<string, number>(), error: 0, firstErrors: [] as string[] };
/** The V8 heap after each full collection (Mark-Compact), in MB, with the soak's time in s. */
const heapAfterFullGc: { t: number; mb: number }[] = [];
for (const stream of [server.stdout, server.stderr]) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const gc = /: Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line);
      if (gc) {
        heapAfterFullGc.push({ t: (Date.now() - soakStart) / 1000, mb: Number(gc[1]) });
        continue;
      }
      if (/^\[\d+:0x[0-9a-f]+\]/.test(line)) continue; // other GC trace lines
      const warning = /"level":"warn","msg":"([^"]*)"/.exec(line)?.[1];
      if (warning !== undefined) serverLines.warn.set(warning, (serverLines.warn.get(warning) ?? 0) + 1);
      else if (line.trim()) {
        serverLines.error++;
        if (serverLines.firstErrors.length < 5) serverLines.firstErrors.push(line.slice(0, 300));
      }
    }
  });
}
let soakStart = Date.now(); // set again when the load starts
let serverExited = false;
server.on('exit', () => (serverExited = true));
// Interrupted: the server goes too, and its data directory.
process.once('SIGINT', () => {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(130);
});
const base = `http://127.0.0.1:${port}`;
// Idle connections are also closed by the client itself after 4 s, before the server's keep-alive
// timeout (5 s), so that a burst after a quiet moment does not pick a socket the server is closing.
const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT, timeout: 4_000 });
await waitForHealth();
const reportIds = await publicReportIds();

console.log(`bench:soak: ${MINUTES} min at ${RATE} requests/s (open loop) from ${CLIENTS > 0 ? `${CLIENTS} clients` : 'a new client per request'}, warm-up ${WARMUP_S} s; server pid ${server.pid} on ${base}, node ${process.version}`);
console.log(`data: ${binCodes.length} bins, ${reportIds.length} public reports at start, ${defectSlugs.length} defect categories; photo ${photo.length} bytes\n`);

// --- the traffic ---
const random = seededRandom(2026);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
let clientCounter = 0;
/** The clients take turns, so each sends about RATE/CLIENTS requests a second; with CLIENTS 0 every request is a stranger. */
const clientAddress = () =>
  CLIENTS > 0 ? `2001:db8::${(clientCounter++ % CLIENTS).toString(16)}` : `2001:db8::${(clientCounter++ % 50_000).toString(16)}:${Math.floor(random() * 0xffff).toString(16)}`;

/**
 * Form tokens need 3 s between issue and use, and a form is filed once (a second post of the same
 * token gets 409): each report takes the oldest ripe token and uses it up. The form is visited twice
 * as often as it is sent, so tokens do not run out.
 */
const tokens: { token: string; at: number }[] = [];
function ripeToken(): string | null {
  const first = tokens[0];
  if (!first || Date.now() - first.at < 3_500) return null;
  tokens.shift();
  return first.token;
}

interface Planned {
  path: string;
  method?: 'GET' | 'POST';
  body?: { type: string; bytes: Buffer };
  staff?: boolean;
}

interface Route {
  name: string;
  weight: number;
  request: () => Planned | null;
  /** Reads the body, for routes whose answer the soak needs (form tokens). */
  read?: (body: string) => void;
}

const ROUTES: Route[] = [
  { name: 'GET  /B/{CODE}', weight: 18, request: () => ({ path: `/B/${pick(binCodes)}` }) },
  {
    name: 'POST /B/{CODE}',
    weight: 15,
    request: () => ({
      path: `/B/${pick(binCodes)}`,
      method: 'POST',
      body: { type: 'application/x-www-form-urlencoded', bytes: Buffer.from(new URLSearchParams({ reason: pick(['full', 'full', 'damaged', 'dirty', 'dogbags']), website: '' }).toString()) },
    }),
  },
  { name: 'GET  /karte.geojson', weight: 14, request: () => ({ path: '/karte.geojson' }) },
  { name: 'GET  /karte/liste', weight: 10, request: () => ({ path: random() < 0.8 ? '/karte/liste' : '/karte/liste?seite=2' }) },
  { name: 'GET  /m/{id}', weight: 14, request: () => ({ path: `/m/${pick(reportIds)}` }) },
  { name: 'GET  /', weight: 5, request: () => ({ path: '/' }) },
  { name: 'GET  /karte', weight: 3, request: () => ({ path: '/karte' }) },
  { name: 'GET  /ortsbezirke', weight: 3, request: () => ({ path: '/ortsbezirke' }) },
  {
    name: 'GET  /melden/{category}',
    weight: 4,
    request: () => ({ path: `/melden/${pick(defectSlugs)}` }),
    read: (html) => {
      const token = /name="t" value="([^"]+)"/.exec(html)?.[1];
      if (token) tokens.push({ token, at: Date.now() });
    },
  },
  {
    name: 'POST /melden/{category} + photo',
    weight: 2,
    request: () => {
      const token = ripeToken();
      if (!token) return null;
      const place = pick(places);
      const fields = {
        t: token,
        website: '',
        lat: (place.lat + (random() - 0.5) * 0.002).toFixed(6),
        lon: (place.lon + (random() - 0.5) * 0.002).toFixed(6),
        beschreibung: `Soak-Meldung ${clientCounter}: Schaden am Gehweg`,
        trotzdem: '1',
      };
      return { path: `/melden/${pick(defectSlugs)}`, method: 'POST', body: multipart(fields, { field: 'fotos', name: 'foto.jpg', type: 'image/jpeg', bytes: photo }) };
    },
  },
  { name: 'GET  /intern/meldungen (queue)', weight: 8, request: () => ({ path: '/intern/meldungen', staff: true }) },
  { name: 'GET  /intern/kennzahlen', weight: 4, request: () => ({ path: '/intern/kennzahlen', staff: true }) },
];
const TOTAL_WEIGHT = ROUTES.reduce((sum, r) => sum + r.weight, 0);
const FORM_ROUTE = ROUTES.find((r) => r.name === 'GET  /melden/{category}')!;

interface Stats {
  latencies: number[];
  statuses: Map<string, number>;
}
const stats = new Map<string, Stats>(ROUTES.map((r) => [r.name, { latencies: [], statuses: new Map() }]));
const clientErrors = new Map<string, number>();
const slow: string[] = [];
let inFlight = 0;
let notStarted = 0;
let started = 0;

function chooseRoute(): Route {
  let x = random() * TOTAL_WEIGHT;
  for (const route of ROUTES) {
    x -= route.weight;
    if (x < 0) return route;
  }
  return ROUTES[0]!;
}

async function fire(route: Route) {
  // Before the first form token has ripened, a report is a visit to the form instead.
  let chosen = route;
  let planned = route.request();
  if (!planned) {
    chosen = FORM_ROUTE;
    planned = chosen.request()!;
  }
  const headers: OutgoingHttpHeaders = {
    'X-Forwarded-For': clientAddress(),
    'Accept-Encoding': 'gzip, deflate, br',
    'Accept-Language': random() < 0.8 ? 'de-DE,de;q=0.9' : 'en-GB,en;q=0.8',
  };
  if (planned.staff) headers['Cookie'] = staffCookie;
  if (planned.body) {
    headers['Content-Type'] = planned.body.type;
    headers['Content-Length'] = planned.body.bytes.length;
  }
  const stat = stats.get(chosen.name)!;
  const t0 = performance.now();
  inFlight++;
  started++;
  let status: string;
  try {
    const res = await send(planned.method ?? 'GET', planned.path, headers, planned.body?.bytes);
    if (chosen.read) chosen.read((res.gzip ? gunzipSync(res.body) : res.body).toString('utf8'));
    status = String(res.status);
  } catch (err) {
    status = err instanceof Error && err.message === 'timeout' ? 'timeout' : 'error';
    const cause = err instanceof Error ? err.message : String(err);
    clientErrors.set(cause, (clientErrors.get(cause) ?? 0) + 1);
  } finally {
    inFlight--;
  }
  const ms = performance.now() - t0;
  if (ms > 5000 && slow.length < 10) slow.push(`${((Date.now() - tStart) / 1000).toFixed(0)}s ${planned.path} ${ms.toFixed(0)} ms ${status}`);
  stat.latencies.push(ms);
  stat.statuses.set(status, (stat.statuses.get(status) ?? 0) + 1);
}

// --- RSS of the server process, from /proc ---
const rssSamples: { t: number; mb: number }[] = [];
function serverRssMb(): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** User and system CPU seconds of the server process so far (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s). */
function serverCpuSeconds(): number | null {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const durationMs = MINUTES * 60_000;
let tStart = 0;
const t0 = Date.now();
tStart = t0;
soakStart = t0;
const cpuAtStart = process.cpuUsage();
const serverCpuAtStart = serverCpuSeconds() ?? 0;
const sampler = setInterval(() => {
  const mb = serverRssMb();
  if (mb !== null) rssSamples.push({ t: (Date.now() - t0) / 1000, mb });
}, 1_000);
let nextReport = 60_000;
await new Promise<void>((resolve) => {
  const ticker = setInterval(() => {
    const elapsed = Date.now() - t0;
    if (elapsed >= durationMs || serverExited) {
      clearInterval(ticker);
      resolve();
      return;
    }
    const due = Math.floor((elapsed / 1000) * RATE);
    while (started + notStarted < due) {
      if (inFlight >= MAX_IN_FLIGHT) notStarted++;
      else void fire(chooseRoute());
    }
    if (elapsed >= nextReport) {
      nextReport += 60_000;
      const fives = [...stats.values()].reduce((n, s) => n + [...s.statuses].filter(([k]) => k.startsWith('5')).reduce((m, [, v]) => m + v, 0), 0);
      console.log(`  ${(elapsed / 60_000).toFixed(0)} min: ${started} requests, RSS ${serverRssMb()?.toFixed(0)} MB, in flight ${inFlight}, 5xx ${fives}, not started ${notStarted}`);
    }
  }, 5);
});
const endRss = serverRssMb();
const serverCpuS = (serverCpuSeconds() ?? NaN) - serverCpuAtStart;
const ownCpu = process.cpuUsage(cpuAtStart);
const ownCpuS = (ownCpu.user + ownCpu.system) / 1e6;
const drainUntil = Date.now() + 30_000;
while (inFlight > 0 && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
clearInterval(sampler);
const afterIdle = serverRssMb();
server.kill('SIGTERM');
await new Promise((r) => (serverExited ? r(null) : server.once('exit', r)));
agent.destroy();
rmSync(dataDir, { recursive: true, force: true });

// --- what it showed ---
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
console.log(`\n${'route'.padEnd(34)} ${'count'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  statuses`);
let total = 0;
let fiveXx = 0;
let tooMany = 0;
let failed = 0;
for (const route of ROUTES) {
  const s = stats.get(route.name)!;
  const sorted = [...s.latencies].sort((a, b) => a - b);
  total += sorted.length;
  for (const [status, n] of s.statuses) {
    if (status.startsWith('5')) fiveXx += n;
    if (status === '429') tooMany += n;
    if (status === 'error' || status === 'timeout') failed += n;
  }
  const statuses = [...s.statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  console.log(`${route.name.padEnd(34)} ${String(sorted.length).padStart(7)} ${pct(sorted, 50).toFixed(1).padStart(8)} ${pct(sorted, 99).toFixed(1).padStart(8)}  ${statuses}`);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const endS = durationMs / 1000;
const warm = rssSamples.filter((s) => s.t >= WARMUP_S && s.t < WARMUP_S + RSS_WINDOW_S).map((s) => s.mb);
const last = rssSamples.filter((s) => s.t >= endS - RSS_WINDOW_S).map((s) => s.mb);
const warmRss = warm.length ? mean(warm) : NaN;
const lastRss = last.length ? mean(last) : NaN;
const growth = ((lastRss - warmRss) / warmRss) * 100;
const maxRss = Math.max(...rssSamples.map((s) => s.mb));
console.log('');
console.log(`soak, requests answered: ${total} in ${MINUTES} min = ${(total / (MINUTES * 60)).toFixed(0)}/s (asked ${RATE}/s; not started, server behind: ${notStarted})`);
console.log(`soak, CPU during the load: server ${serverCpuS.toFixed(1)} s, load generator ${ownCpuS.toFixed(1)} s, in ${(durationMs / 1000).toFixed(0)} s (a server near 100 % of one core is saturated: lower RATE or use a quieter machine)`);
console.log(`soak, 5xx: ${fiveXx} (target 0)`);
console.log(`soak, 429: ${tooMany} (target: few)`);
console.log(`soak, connection errors and timeouts: ${failed} (target 0)`);
console.log(`soak, RSS after warm-up (${WARMUP_S}–${WARMUP_S + RSS_WINDOW_S} s, mean): ${warmRss.toFixed(0)} MB`);
console.log(`soak, RSS at the end (last ${RSS_WINDOW_S} s, mean): ${lastRss.toFixed(0)} MB; highest ${maxRss.toFixed(0)} MB; at the last request ${endRss?.toFixed(0)} MB; after the load ${afterIdle?.toFixed(0)} MB`);
console.log(`soak, RSS growth after warm-up: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % (target < ${TARGET_RSS_GROWTH} %) ${growth < TARGET_RSS_GROWTH ? 'ok' : 'OVER'}`);
// Kept heap: the first full collection after the warm-up against the lowest of the last minute's.
const fullGcs = heapAfterFullGc.filter((g) => g.t >= WARMUP_S && g.t <= endS);
const lastMinute = fullGcs.filter((g) => g.t >= endS - 60);
if (fullGcs.length >= 2 && lastMinute.length) {
  const first = fullGcs[0]!.mb;
  const kept = Math.min(...lastMinute.map((g) => g.mb));
  console.log(`soak, V8 heap kept after full collections: ${first.toFixed(0)} MB after the warm-up, ${kept.toFixed(0)} MB in the last minute (${fullGcs.length} collections; ${(((kept - first) / first) * 100).toFixed(1)} %)`);
} else console.log(`soak, V8 heap kept after full collections: too few collections to tell (${fullGcs.length})`);
const warnings = [...serverLines.warn].map(([msg, n]) => `${n}× ${msg}`).join('; ');
console.log(`soak, server log: ${serverLines.error} errors or other lines; warnings: ${warnings || 'none'}`);
for (const line of serverLines.firstErrors) console.log(`  ${line}`);
for (const [cause, n] of clientErrors) console.log(`  client error ${n}×: ${cause}`);
for (const line of slow) console.log(`  slow: ${line}`);

// --- helpers ---

/**
 * Plain node:http with keep-alive: the bodies are drained, not decompressed or decoded (only the form
 * page's is read), so the load generator stays cheap next to the server it loads. Node's agent retires
 * an idle connection before the server's Keep-Alive timeout says it would close it.
 */
function send(method: string, path: string, headers: OutgoingHttpHeaders, body?: Buffer): Promise<{ status: number; body: Buffer; gzip: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), gzip: res.headers['content-encoding'] === 'gzip' }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart/form-data body as a browser sends it: text fields and one file. */
function multipart(fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Buffer }): { type: string; bytes: Buffer } {
  const boundary = `----soak${Math.floor(random() * 1e12).toString(36)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat(parts) };
}

async function waitForHealth() {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (serverExited) throw new Error(`the server stopped at start: ${serverLines.firstErrors.join(' | ')}`);
    try {
      if ((await send('GET', '/healthz', {})).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  server.kill('SIGTERM');
  throw new Error('the server did not answer /healthz within 60 s');
}

async function publicReportIds(): Promise<number[]> {
  const geojson = JSON.parse((await send('GET', '/karte.geojson', {})).body.toString('utf8')) as { features: { properties: { id: number } }[] };
  const ids = geojson.features.map((f) => f.properties.id);
  if (!ids.length) throw new Error('no public reports in the demo data');
  return ids;
}
