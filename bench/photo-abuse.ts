// What the hardening issue's photo attacks cost now. In-process app on a SQLite file with the demo
// data; three scenarios, each while a reader keeps asking for a report page:
//   1. six parallel posts from one client, each with the 65-byte PNG that declares 40,000,000 x 1
//      pixels (before the fix: 55–88 s of CPU, photo downloads timing out);
//   2. twelve parallel posts from twelve clients, each with a 12-megapixel photo (real work: at most
//      two decode at once, the rest wait in line or get 503);
//   3. eleven posts with a broken photo from one client (the 11th is refused before decoding).
// Prints wall time, CPU time, answers, decodes, the decode peak and the reader's latency; asserts
// nothing. `npm run bench:photos`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { pngChunk } from '../tests/photos/images.ts';
import sharp from 'sharp';
import { openDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../db/setup.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { photoGate, photoWorkStats } from '../server/photos.ts';

const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-bench-photos-'));
const db = openDatabase(`sqlite:${join(dir, 'photos.sqlite')}`);
await prepareDatabase(db, new Date());
// The form wants a few seconds between reading and sending: the bench's clock runs ahead on demand.
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'photos.sqlite')}`, SECRET: 'b'.repeat(32), LOG_LEVEL: 'silent' });
const app = createApp({ db, config, clock, logger: createLogger('silent'), mailer: null });
const center = await db.selectFrom('districts').select('id').where('name', '=', 'Altstadt').executeTakeFirstOrThrow();


function needlePng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(40_000_000, 0);
  header.writeUInt32BE(1, 4);
  header.set([1, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(64)).subarray(0, 8)), pngChunk('IEND', Buffer.alloc(0))]);
}

async function formToken(): Promise<string> {
  const html = await (await app.request('/melden/graffiti')).text();
  return /name="t" value="([^"]+)"/.exec(html)![1]!;
}

async function post(token: string, bytes: Buffer, client: string, n: number): Promise<number> {
  const body = new FormData();
  body.set('t', token);
  body.set('website', '');
  body.set('strasse', `Bench ${n}`);
  body.set('ortsbezirk', String(center.id));
  body.set('trotzdem', '1');
  body.append('fotos', new File([new Uint8Array(bytes)], `foto-${n}.jpg`, { type: 'image/jpeg' }));
  const res = await app.request('/melden/graffiti', { method: 'POST', body }, { incoming: { socket: { remoteAddress: client } } });
  await res.arrayBuffer();
  return res.status;
}

/** Asks for a report page every 50 ms while `work` runs; returns the latencies. */
async function whileReading<T>(work: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
  const latencies: number[] = [];
  let running = true;
  const reader = (async () => {
    while (running) {
      const started = performance.now();
      await (await app.request('/m/1')).text();
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const result = await work();
  running = false;
  await reader;
  return { result, latencies };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const max = (xs: number[]) => Math.max(0, ...xs);

async function scenario(name: string, count: number, post: (token: string, i: number) => Promise<number>) {
  const tokens = await Promise.all(Array.from({ length: count }, formToken));
  offset += 5_000; // the forms were read five seconds ago
  const decodesBefore = photoWorkStats().decodes;
  photoGate.resetPeak();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { result: statuses, latencies } = await whileReading(() => Promise.all(tokens.map((token, i) => post(token, i))));
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const counts = Object.entries(statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {}));
  const stats = photoWorkStats();
  console.log(
    `${name.padEnd(44)} wall ${wall.toFixed(0).padStart(6)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms  ` +
      `answers ${counts.map(([s, n]) => `${n}x${s}`).join(' ')}  decodes ${stats.decodes - decodesBefore}  peak ${stats.peak}  ` +
      `/m/1 median ${median(latencies).toFixed(1)} ms, max ${max(latencies).toFixed(1)} ms (${latencies.length} reads)`,
  );
}

const needle = needlePng();
const photo12mp = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg({ quality: 90 }).toBuffer();
const whole = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer();
const broken = whole.subarray(0, whole.length >> 1);
console.log(`needle PNG ${needle.length} bytes; 12 MP photo ${(photo12mp.length / 1024 / 1024).toFixed(1)} MB; gate: ${photoGate.concurrency} at once, ${photoGate.maxQueue} waiting`);

await scenario('6 x needle PNG, one client, in parallel', 6, (token, i) => post(token, needle, '198.51.100.1', i));
await scenario('12 x 12 MP photo, twelve clients, in parallel', 12, (token, i) => post(token, photo12mp, `198.51.100.${10 + i}`, i));
await scenario('11 x broken photo, one client, in parallel', 11, (token, i) => post(token, broken, '198.51.100.99', i));

await db.destroy();
rmSync(dir, { recursive: true, force: true });
