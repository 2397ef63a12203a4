// Does an answered request survive a crash? Starts the real server (as `npm start` does, on a fresh
// data directory), loads it with bin presses (POST /B/{CODE}) and defect reports (POST /melden/{slug},
// some with a photo), kills it with SIGKILL at a random (seeded) moment, restarts it, and again, for
// several rounds. Every request answered 303 is logged here; at the end each must be in the database:
// a press as a press event on its bin and reason (and its counter moved with it), a report by its status
// link, with its photo file. Then PRAGMA integrity_check and foreign_key_check.
// `npm run bench:crash [-- ROUNDS [SEED]]`. Exits with 1 when anything answered is lost, the database
// is damaged, or the server does not come back.
// SIGKILL is a process crash: what was committed is in the operating system's hands and survives. A
// power cut is not tested here; with synchronous=NORMAL in WAL mode (db/connection.ts) it may lose the
// last commits before the OS wrote them, though never the database's integrity.
import BetterSqlite3 from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { seededRandom } from '../db/seed/mainz.ts';
import { hashToken } from '../server/tokens.ts';
import { figure } from './figures.ts';
import { freePort } from '../tests/cli/run.ts';

const ROUNDS = Number(process.argv[2] ?? 5);
const SEED = Number(process.argv[3] ?? 1);
/** Load runs this long (at random within) before each kill. */
const KILL_AFTER_MS = { min: 1_000, max: 5_000 };
const PRESS_WORKERS = 16;
const REPORT_WORKERS = 3;
/** The report form refuses a token younger than this (server/form-token.ts MIN_FILL_MS), plus a margin. */
const FORM_FILL_WAIT_MS = 3_200;

const ROOT = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'stadtmelder-crash-'));
const dbFile = join(dataDir, 'stadtmelder.sqlite');
const photoDir = join(dataDir, 'photos');
const random = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;


const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  TRUST_PROXY: 'true',
  LOG_LEVEL: 'warn',
};
// The server's own defaults: the generated secret in DATA_DIR (so form tokens outlive a restart), no mail.
for (const name of ['DATABASE_URL', 'PHOTO_DIR', 'SECRET', 'SMTP_URL', 'PUBLIC_BASE_URL']) delete env[name];

let server: ChildProcess | null = null;
let serverOutput: string[] = [];
// However this process ends (a thrown error included), the server it started goes with it.
process.on('exit', () => server?.kill('SIGKILL'));

/** Starts the server as `npm start` does (tsx on server/main.ts) and waits until /healthz answers; returns the seconds that took. */
async function startServer(): Promise<number> {
  const started = performance.now();
  serverOutput = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d: Buffer) => (serverOutput = serverOutput.concat(String(d).split('\n').filter(Boolean)).slice(-40));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  server = child;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${serverOutput.join('\n')}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return (performance.now() - started) / 1000;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer /healthz within 60 s:\n${serverOutput.join('\n')}`);
}

async function stopServer(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// What the seeded database offers: bin codes, bin reasons with a category, defect categories.
await startServer();
const seeded = new BetterSqlite3(dbFile, { readonly: true });
const codes = (seeded.prepare('select code from bins where active = 1 and code is not null').all() as { code: string }[]).map((r) => r.code);
const binPoints = seeded.prepare('select lat, lon from bins where active = 1').all() as { lat: number; lon: number }[];
const reasons = (seeded.prepare("select bin_reason from categories where kind = 'bin' and active = 1 and bin_reason is not null").all() as { bin_reason: string }[]).map((r) => r.bin_reason);
const defectSlugs = (seeded.prepare("select slug from categories where kind = 'defect' and active = 1").all() as { slug: string }[]).map((r) => r.slug);
seeded.close();
const baseline = pressCounts(dbFile);

// Form tokens: one per report, since a form is filed once and its token sent again only brings back the
// same receipt (decision 031). Issued by the form page, accepted from 3 s on, valid for a day and across
// restarts; fetched before each round's load, so that no report waits for one.
const tokens: string[] = [];
const TOKENS_PER_ROUND = 1_500;
async function fetchTokens(): Promise<void> {
  const wanted = TOKENS_PER_ROUND - tokens.length;
  const fetchOne = async (i: number) => {
    const slug = defectSlugs[i % defectSlugs.length]!;
    const html = await (await fetch(`${base}/melden/${slug}`)).text();
    const token = /name="t" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no form token on /melden/${slug}`);
    tokens.push(token);
  };
  for (let i = 0; i < wanted; i += 10) await Promise.all(Array.from({ length: Math.min(10, wanted - i) }, (_, j) => fetchOne(i + j)));
  await sleep(FORM_FILL_WAIT_MS);
}

// A small real photo; the server decodes and re-encodes it like any upload.
const photo = await sharp({ create: { width: 160, height: 120, channels: 3, background: { r: 90, g: 140, b: 60 } } }).jpeg().toBuffer();

interface AckedPress {
  code: string;
  reason: string;
}
interface AckedReport {
  statusToken: string;
  withPhoto: boolean;
}
const ackedPresses: AckedPress[] = [];
const ackedReports: AckedReport[] = [];
const refused = new Map<string, number>();
let failedRequests = 0;
let clientNumber = 0;

/** Each request from another address (TRUST_PROXY=true), so the per-client limits do not refuse them. */
function nextClient(): string {
  const n = ++clientNumber;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function countRefused(what: string, status: number) {
  const key = `${what} ${status}`;
  refused.set(key, (refused.get(key) ?? 0) + 1);
}

async function press(): Promise<void> {
  const code = pick(codes);
  const reason = pick(reasons);
  const body = new URLSearchParams({ reason, website: '', ...(reason === 'other' ? { text: 'Crash-Test' } : {}) });
  const res = await fetch(`${base}/B/${code}`, { method: 'POST', body, redirect: 'manual', headers: { 'x-forwarded-for': nextClient() } });
  await res.arrayBuffer();
  if (res.status !== 303) return countRefused('press', res.status);
  // The thank-you page the press was answered with names the bin and the reason.
  const location = new URL(res.headers.get('location') ?? '', base);
  const answered = /^\/B\/([0-9A-Z]{7})\/danke$/.exec(location.pathname);
  if (!answered || location.searchParams.get('grund') !== reason) throw new Error(`a press was answered with ${location}`);
  ackedPresses.push({ code: answered[1]!, reason });
}

async function report(n: number): Promise<void> {
  const token = tokens.pop();
  if (!token) {
    countRefused('report without a form token left', 0);
    await sleep(50);
    return;
  }
  const slug = pick(defectSlugs);
  const point = pick(binPoints); // bins stand inside the city
  const withPhoto = random() < 1 / 3; // multipart with a photo; the others urlencoded
  const fields: Record<string, string> = {
    t: token,
    lat: String(point.lat),
    lon: String(point.lon),
    quelle: 'map',
    strasse: '',
    ortsbezirk: '',
    beschreibung: `Crash-Test ${n}: Schaden am Gehweg`,
    trotzdem: '1', // file it even when an open report of the category is nearby
    website: '',
  };
  let body: URLSearchParams | FormData;
  if (withPhoto) {
    body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('fotos', new Blob([photo], { type: 'image/jpeg' }), 'schaden.jpg');
  } else body = new URLSearchParams(fields);
  const res = await fetch(`${base}/melden/${slug}`, { method: 'POST', body, redirect: 'manual', headers: { 'x-forwarded-for': nextClient() } });
  await res.arrayBuffer();
  if (res.status !== 303) return countRefused('report', res.status);
  const location = new URL(res.headers.get('location') ?? '', base);
  const statusToken = /^\/status\/([A-Za-z0-9_-]+)$/.exec(location.pathname)?.[1];
  if (!statusToken) throw new Error(`a report was answered with ${location}`);
  ackedReports.push({ statusToken, withPhoto });
}

/** Sends requests one after the other until told to stop; a refused connection (the server is down) is not an answer. */
async function worker(send: (n: number) => Promise<void>, running: () => boolean): Promise<void> {
  let n = 0;
  while (running()) {
    try {
      await send(n++);
    } catch (err) {
      if (err instanceof Error && /was answered with/.test(err.message)) throw err;
      failedRequests++;
      await sleep(20);
    }
  }
}

const restartSeconds: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  await fetchTokens();
  const before = { presses: ackedPresses.length, reports: ackedReports.length };
  let running = true;
  const workers = [
    ...Array.from({ length: PRESS_WORKERS }, () => worker(press, () => running)),
    ...Array.from({ length: REPORT_WORKERS }, (_, i) => worker((n) => report(n * REPORT_WORKERS + i), () => running)),
  ];
  const killAfter = KILL_AFTER_MS.min + random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min);
  await sleep(killAfter);
  await stopServer('SIGKILL');
  running = false;
  await Promise.all(workers);
  console.log(`round ${round}: SIGKILL after ${(killAfter / 1000).toFixed(1)} s of load; ${ackedPresses.length - before.presses} presses and ${ackedReports.length - before.reports} reports answered 303`);
  const seconds = await startServer();
  restartSeconds.push(seconds);
  console.log(`round ${round}: restarted, /healthz ok after ${seconds.toFixed(1)} s`);
}
// The last restart proved recovery; a clean stop leaves the file to check.
await stopServer('SIGTERM');

// ---- the comparison -------------------------------------------------------------------------------
const db = new BetterSqlite3(dbFile);
const after = pressCounts(dbFile, db);

// Presses: per bin and reason, the press events added since the start must be at least those answered.
// (More is fine: a press can be committed and then killed before its answer left.)
const answered = new Map<string, number>();
for (const p of ackedPresses) answered.set(`${p.code} ${p.reason}`, (answered.get(`${p.code} ${p.reason}`) ?? 0) + 1);
let lostPresses = 0;
for (const [key, count] of answered) {
  const stored = (after.events.get(key) ?? 0) - (baseline.events.get(key) ?? 0);
  if (stored < count) {
    lostPresses += count - stored;
    console.log(`LOST: ${count - stored} of ${count} presses on ${key}`);
  }
}
// A counted press raises support_count in the statement before its event row, in the same transaction:
// a task whose counter moved differently from its events lost one of the two.
let counterMismatches = 0;
for (const [reportId, drift] of after.drift) {
  if (drift !== (baseline.drift.get(reportId) ?? 0)) {
    counterMismatches++;
    console.log(`MISMATCH: bin task ${reportId}: support_count and its press events moved apart`);
  }
}

// Reports: each status link answered must find its report, and a report sent with a photo its file.
const byToken = db.prepare('select id from reports where status_token_hash = ?');
const photosOf = db.prepare('select file, bytes from photos where report_id = ?');
let lostReports = 0;
// Each answered report is its own: a second receipt for one report would mean a token was sent twice.
const receipts = new Set(ackedReports.map((r) => r.statusToken));
if (receipts.size !== ackedReports.length) throw new Error(`${ackedReports.length} reports answered, but only ${receipts.size} receipts: a form token was used twice`);
let lostPhotos = 0;
for (const r of ackedReports) {
  const row = byToken.get(hashToken(r.statusToken)) as { id: number } | undefined;
  if (!row) {
    lostReports++;
    console.log(`LOST: the report behind status link …${r.statusToken.slice(-6)}`);
    continue;
  }
  if (!r.withPhoto) continue;
  const photos = photosOf.all(row.id) as { file: string; bytes: number }[];
  const whole = photos.filter((p) => existsSync(join(photoDir, p.file)) && statSync(join(photoDir, p.file)).size === p.bytes);
  if (whole.length === 0) {
    lostPhotos++;
    console.log(`LOST: the photo of report ${row.id}`);
  }
}

const integrity = (db.prepare('pragma integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
const foreignKeys = db.prepare('pragma foreign_key_check').all();
const integrityProblems = integrity.filter((line) => line !== 'ok').length + foreignKeys.length;
if (integrityProblems) console.log(`integrity_check: ${integrity.join('; ')}; foreign_key_check: ${JSON.stringify(foreignKeys)}`);

// Photo files without a row: written, then the server died before the report's commit. Harmless (never
// served: no row names them), but they stay on disk.
const photoRows = new Set((db.prepare('select file from photos union select redacted_file from photos where redacted_file is not null').all() as { file: string }[]).map((r) => r.file));
const orphans = existsSync(photoDir) ? readdirSync(photoDir).filter((f) => !photoRows.has(f)).length : 0;
db.close();

const presses = ackedPresses.length;
const reports = ackedReports.length;
const lost = lostPresses + lostReports + lostPhotos;
console.log(`answered 303: ${presses} presses, ${reports} reports (${ackedReports.filter((r) => r.withPhoto).length} with a photo); not answered (server down): ${failedRequests}; refused: ${refused.size ? JSON.stringify(Object.fromEntries(refused)) : 'none'}`);
console.log(`photo files without a row (killed between file and commit): ${orphans}`);
console.log(
  `${ROUNDS} SIGKILLs (seed ${SEED}): lost=${lostPresses}/${presses} presses, ${lostReports}/${reports} reports, ${lostPhotos} photos; ` +
    `${counterMismatches} counter mismatches; integrity ${integrityProblems ? 'NOT ok' : 'ok'} (target: 0 lost, integrity ok)`,
);
figure({ name: 'crash: answered presses lost after SIGKILL', value: lostPresses + counterMismatches, unit: 'count', target: 0, better: 'lower' });
figure({ name: 'crash: answered reports or photos lost after SIGKILL', value: lostReports + lostPhotos, unit: 'count', target: 0, better: 'lower' });
figure({ name: 'crash: integrity_check and foreign_key_check problems', value: integrityProblems, unit: 'count', target: 0, better: 'lower' });
// A restart is how an operator recovers; it includes tsx compiling the server.
figure({ name: 'crash: restart after SIGKILL until /healthz, slowest', value: Math.max(...restartSeconds), unit: 's', target: 10, better: 'lower' });

const hardFailure = lost > 0 || counterMismatches > 0 || integrityProblems > 0 || presses === 0 || reports === 0;
if (presses === 0 || reports === 0) console.log('FAILED: no presses or no reports were answered, so nothing was tested');
if (!hardFailure) rmSync(dataDir, { recursive: true, force: true });
else console.log(`the data directory is kept for a look: ${dataDir}`);
process.exit(hardFailure ? 1 : 0);

/**
 * Press events per "CODE reason" (created, scanned, scanned_after_close of the bins' reports), and per
 * bin task the difference between its support_count and its counting events (created and scanned).
 */
function pressCounts(file: string, open?: BetterSqlite3.Database): { events: Map<string, number>; drift: Map<number, number> } {
  const db = open ?? new BetterSqlite3(file, { readonly: true });
  const events = new Map<string, number>();
  const rows = db
    .prepare(
      `select b.code, c.bin_reason, count(*) as n from report_events e
       join reports r on r.id = e.report_id join bins b on b.id = r.bin_id join categories c on c.id = r.category_id
       where r.source = 'qr' and e.type in ('created', 'scanned', 'scanned_after_close') group by b.code, c.bin_reason`,
    )
    .all() as { code: string; bin_reason: string; n: number }[];
  for (const r of rows) events.set(`${r.code} ${r.bin_reason}`, r.n);
  const drift = new Map<number, number>();
  const tasks = db
    .prepare(
      `select r.id, r.support_count - (select count(*) from report_events e where e.report_id = r.id and e.type in ('created', 'scanned')) as drift
       from reports r where r.source = 'qr'`,
    )
    .all() as { id: number; drift: number }[];
  for (const t of tasks) drift.set(t.id, t.drift);
  if (!open) db.close();
  return { events, drift };
}
