// POST /B/{CODE} throughput and latency at 50 connections, measured in the same run as a bare Hono
// POST handler that does one SQLite insert per request. Prints figures and the ratio; asserts nothing.
// `npm run bench:scan [-- SECONDS]`
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../db/setup.ts';
import { figure } from './figures.ts';

const seconds = Number(process.argv[2] ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-bench-'));
const REASONS = ['full', 'damaged', 'dirty', 'dogbags'];

async function start(mode: 'app' | 'bare', port: number, file: string): Promise<ChildProcess> {
  const child = fork(new URL('./scan-server.ts', import.meta.url).pathname, [mode, String(port), file], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return child;
}

/** User and system CPU time the server process has used so far, in µs. */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const cpu = (message as { cpu?: NodeJS.CpuUsage }).cpu;
      if (!cpu) return;
      child.off('message', onMessage);
      resolve(cpu.user + cpu.system);
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}

/** `network`: the first octet of the clients' addresses, so that the warm-up's clients are not the measured run's. */
async function load(port: number, codes: string[], network: number) {
  let n = 0;
  const statuses = new Map<number, number>();
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n++;
          // Every request comes from another client, so neither the per-client limits nor the once-a-day
          // count of a client's press (decision 031) interfere: each press is a first press.
          const code = codes[n % codes.length]!;
          return {
            ...req,
            path: `/B/${code}`,
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `${network}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
            body: `reason=${REASONS[(n >> 3) % REASONS.length]}&website=`,
          };
        },
      },
    ],
  });
  // autocannon's instance is both a promise of the result and an event emitter of responses.
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  const result = await instance;
  return { result, statuses };
}

const setup = openDatabase(`sqlite:${join(dir, 'app.sqlite')}`);
await prepareDatabase(setup, new Date());
const codes = (await setup.selectFrom('bins').select('code').execute()).map((b) => b.code);
await setup.destroy();

const figures: Record<string, { rps: number; p99: number; p50: number; errors: number; other: number; answered: number; cpuPerRequest: number }> = {};
for (const [mode, port] of [['bare', 3901], ['app', 3902]] as const) {
  const server = await start(mode, port, join(dir, `${mode}.sqlite`));
  try {
    const warm = await load(port, codes.slice(0, 20), 11); // warm-up for the JIT, on a few bins
    const cpuBefore = await serverCpu(server);
    const { result, statuses } = await load(port, codes, 10);
    const cpuPerRequest = (await serverCpu(server)) - cpuBefore;
    const other = [...statuses].filter(([s]) => s !== 303).reduce((sum, [, c]) => sum + c, 0);
    const answered = (warm.statuses.get(303) ?? 0) + (statuses.get(303) ?? 0);
    const perRequest = cpuPerRequest / Math.max(1, result.requests.total);
    figures[mode] = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, other, answered, cpuPerRequest: perRequest };
    console.log(`${mode.padEnd(4)}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${perRequest.toFixed(0)} µs CPU per request, ${result.errors} errors, ${result.timeouts} timeouts, responses ${JSON.stringify(Object.fromEntries(statuses))}`);
  } finally {
    server.kill();
    await new Promise((r) => server.once("exit", r));
  }
}
// Nothing acknowledged may be missing: every 303 of the app is one press row in its database.
const check = openDatabase(`sqlite:${join(dir, 'app.sqlite')}`);
const stored = await check
  .selectFrom('report_events')
  .innerJoin('reports', 'reports.id', 'report_events.report_id')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('reports.source', '=', 'qr')
  .where('report_events.type', 'in', ['created', 'scanned', 'scanned_after_close'])
  .executeTakeFirstOrThrow();
const counted = await check.selectFrom('reports').select((eb) => eb.fn.sum<number>('support_count').as('n')).where('source', '=', 'qr').executeTakeFirstOrThrow();
await check.destroy();
// Stored may exceed answered by the presses in flight when a load stopped (up to 50 per run).
const lost = figures.app!.answered - Number(stored.n);
console.log(`app : ${figures.app!.answered} presses answered 303, ${Number(stored.n)} press rows stored (${lost > 0 ? `${lost} LOST` : 'none lost'}), support counts add up to ${Number(counted.n)}`);

const ratio = figures.app!.rps / figures.bare!.rps;
console.log(`POST /B/{CODE} at 50 connections, ${seconds} s: ${ratio.toFixed(2)}x the bare insert handler (target >= 1.0x), p99 ${figures.app!.p99} ms (target < 25 ms), ${figures.app!.errors + figures.app!.other} errors or non-303 answers (target 0)`);
figure({ name: 'scan: POST /B/{CODE} / bare insert handler, req/s', value: ratio, unit: 'x', target: 1, better: 'higher' });
const cpuRatio = figures.bare!.cpuPerRequest / figures.app!.cpuPerRequest;
console.log(`CPU per request: app ${figures.app!.cpuPerRequest.toFixed(0)} µs, bare ${figures.bare!.cpuPerRequest.toFixed(0)} µs: the app does ${cpuRatio.toFixed(2)}x the bare handler's work per CPU second`);
figure({ name: 'scan: POST /B/{CODE} / bare insert handler, requests per CPU second', value: cpuRatio, unit: 'x', target: 1, better: 'higher' });
figure({ name: 'scan: POST /B/{CODE} p99 at 50 connections', value: figures.app!.p99, unit: 'ms', target: 25, better: 'lower' });
figure({ name: 'scan: errors or non-303 answers', value: figures.app!.errors + figures.app!.other, unit: 'count', target: 0, better: 'lower' });
figure({ name: 'scan: presses answered 303 but not stored', value: Math.max(0, lost), unit: 'count', target: 0, better: 'lower' });
