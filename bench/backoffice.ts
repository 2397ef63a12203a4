// Back-office speed with 1,000,000 reports (20,000 open): the Kennzahlen dashboard and the queue page,
// measured in-process through app.request (routing, guard, session lookup, queries, rendering, no
// network). Prints p50/p95/p99 per URL next to its target; asserts nothing.
// `npx tsx bench/backoffice.ts [ROUNDS]` (npm run bench:backoffice). The first run builds the database
// under data/bench/ (about a minute); later runs reuse it.
import { hashPassword } from '../server/staff/passwords.ts';
import { sessionCookieName, startSession } from '../server/staff/sessions.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { createStaff } from '../db/staff.ts';
import type { Db } from '../db/connection.ts';
import BetterSqlite3 from 'better-sqlite3';
import os from 'node:os';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Config } from '../server/config.ts';
import { BENCH_FILE, openBenchDatabase } from './backoffice-data.ts';
import { figure } from './figures.ts';

const ROUNDS = Number(process.argv[2] ?? 60);
const WARMUP = 5;

const { db, now, built, seconds } = await openBenchDatabase();
console.log(`${built ? 'built' : 'reused'} ${BENCH_FILE} in ${seconds.toFixed(1)} s; now = ${now.toISOString()}`);

const config = { ...loadConfig({ DATABASE_URL: `sqlite:${BENCH_FILE}`, SECRET: 'b'.repeat(32), LOG_LEVEL: 'silent' }) };
const ctx = { db, config, clock: { now: () => now }, logger: createLogger('silent'), mailer: null };
const app = createApp(ctx);

async function staffSession(db: Db, login: string, role: 'admin' | 'staff', departments: string[]): Promise<string> {
  let staff = await db.selectFrom('staff').select('id').where('login', '=', login).executeTakeFirst();
  if (!staff) {
    const departmentIds = (await db.selectFrom('departments').select('id').where('slug', 'in', departments.length ? departments : ['-']).execute()).map((d) => d.id);
    staff = await createStaff(db, { login, displayName: login, passwordHash: await hashPassword('Benchmark-Passwort 2026'), role, departmentIds, now: now.toISOString() });
  }
  const { token } = await startSession(db, config.secret, staff.id, now);
  return `${sessionCookieName(config)}=${token}`;
}

const admin = await staffSession(db, 'bench-admin', 'admin', []);
const tiefbau = await staffSession(db, 'bench-tiefbau', 'staff', ['tiefbau']);

interface Case {
  name: string;
  who: 'admin' | 'tiefbau';
  path: string;
  targetMs: number;
}

const DASHBOARD = 200;
const QUEUE = 50;
const CASES: Case[] = [
  { name: 'dashboard, default (all, 30 days)', who: 'admin', path: '/intern/kennzahlen', targetMs: DASHBOARD },
  { name: 'dashboard, staff default (own department)', who: 'tiefbau', path: '/intern/kennzahlen', targetMs: DASHBOARD },
  { name: 'dashboard, one department', who: 'admin', path: '/intern/kennzahlen?fachamt=tiefbau', targetMs: DASHBOARD },
  { name: 'dashboard, one department, 365 days', who: 'admin', path: '/intern/kennzahlen?fachamt=tiefbau&zeitraum=365', targetMs: DASHBOARD },
  { name: 'dashboard, all, 365 days', who: 'admin', path: '/intern/kennzahlen?zeitraum=365', targetMs: DASHBOARD },
  { name: 'dashboard CSV, all, 365 days', who: 'admin', path: '/intern/kennzahlen.csv?zeitraum=365', targetMs: DASHBOARD },
  { name: 'queue, default', who: 'admin', path: '/intern/meldungen', targetMs: QUEUE },
  { name: 'queue, staff default', who: 'tiefbau', path: '/intern/meldungen', targetMs: QUEUE },
  { name: 'queue, status=new', who: 'admin', path: '/intern/meldungen?status=new', targetMs: QUEUE },
  { name: 'queue, tiefbau oldest first', who: 'admin', path: '/intern/meldungen?fachamt=tiefbau&sortierung=aelteste', targetMs: QUEUE },
  { name: 'queue, page 10', who: 'admin', path: '/intern/meldungen?seite=10', targetMs: QUEUE },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const results: { c: Case; status: number; bytes: number; p50: number; p95: number; p99: number }[] = [];
for (const c of CASES) {
  const cookie = c.who === 'admin' ? admin : tiefbau;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const res = await app.request(c.path, { headers: { Cookie: cookie, Accept: 'text/html' } });
    const body = await res.text();
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    if (i >= WARMUP) cpuTimes.push((cpu.user + cpu.system) / 1000);
    status = res.status;
    bytes = body.length;
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  results.push({ c, status, bytes, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) });
  const r = results.at(-1)!;
  const f = (v: number) => v.toFixed(1).padStart(7);
  // CPU time is printed too: on a shared machine the wall time also counts waiting for a core.
  console.log(
    `${c.name.padEnd(42)} ${String(r.status).padStart(3)} ${String(Math.round(r.bytes / 1024)).padStart(3)} KiB | wall p50 ${f(r.p50)} p95 ${f(r.p95)} p99 ${f(r.p99)} | cpu p50 ${f(percentile(cpuTimes, 50))} p95 ${f(percentile(cpuTimes, 95))} ms | target p95 < ${c.targetMs} ms: ${r.status !== 200 ? 'NOT MEASURED (status)' : r.p95 < c.targetMs ? 'met' : 'MISSED'}`,
  );
  // A page that did not answer 200 measured an error page: no figure rather than a wrong one.
  if (r.status === 200) figure({ name: `backoffice: ${c.name} p95`, value: r.p95, unit: 'ms', target: c.targetMs, better: 'lower' });
}

console.log(`\n${ROUNDS} rounds per URL after ${WARMUP} warm-up requests; 1,000,000 reports, 20,000 open; in-process app.request; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`);
const missed = results.filter((r) => r.status === 200 && r.p95 >= r.c.targetMs);
if (missed.length) {
  console.log('\nQuery plans of the slowest queries of the URLs that missed their target:');
  for (const r of missed) await explainSlowQueries(BENCH_FILE, config, now, r.c.who === 'admin' ? admin : tiefbau, r.c.path, r.c.name);
}
await db.destroy();

/**
 * Runs the URL once more on a logging connection and prints the query plans of its three slowest
 * queries, so a missed target comes with the reason (a scan, a temporary b-tree for the sort, …).
 */
async function explainSlowQueries(file: string, config: Config, now: Date, cookie: string, path: string, name: string) {
  const sqlite = new BetterSqlite3(file);
  const seen: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const logged = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') seen.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
  const app = createApp({ db: logged, config, clock: { now: () => now }, logger: createLogger('silent'), mailer: null });
  await (await app.request(path, { headers: { Cookie: cookie, Accept: 'text/html' } })).text();
  console.log(`\n${name} (${path}): ${seen.length} queries, ${seen.reduce((s, q) => s + q.ms, 0).toFixed(1)} ms in SQLite`);
  for (const q of seen.sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    console.log(`  ${q.ms.toFixed(1)} ms: ${q.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
    const plan = sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    for (const step of plan) console.log(`      ${step.detail}`);
  }
  await logged.destroy();
}
