// Fuzz over a real socket, where app.request cannot lie: raw HTTP written with node:net. Bodies far
// over the limit in chunks, a Content-Length smaller or larger than what is sent, broken chunked
// framing, both framings at once. The server answers 4xx or closes the connection, writes nothing,
// logs no crash, and /healthz answers meanwhile.
import { connect } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../browser/server.ts';
import { addStaff, sessionFor } from '../staff-helpers.ts';
import { demoBin } from '../request/scan-helpers.ts';
import { installWriteLog, takeWrites } from './fixture.ts';
import { createReport } from '../helpers.ts';
import { createSubscription } from '../../db/subscriptions.ts';
import { subscriptionToken } from '../../server/subscriptions.ts';
import { hashToken } from '../../server/tokens.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let photoDir: string;
const logLines: string[] = [];
let port: number;
let binCode: string;
let staffCookie: string;
let csrf: string;

beforeAll(async () => {
  photoDir = await mkdtemp(join(tmpdir(), 'stadtmelder-socket-'));
  server = await startTestServer({ config: () => ({ photoDir }), logLines });
  port = Number(new URL(server.url).port);
  binCode = (await demoBin(server.ctx.db)).code;
  const admin = await addStaff(server.ctx, { role: 'admin' });
  ({ cookie: staffCookie, csrfToken: csrf } = await sessionFor(server.ctx, admin.id));
  await installWriteLog(server.ctx.db);
});
afterAll(async () => {
  await server.close();
  await rm(photoDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await takeWrites(server.ctx.db);
  logLines.length = 0;
});

interface RawResult {
  /** Status codes of every answer on the connection, in order. */
  statuses: number[];
  /** The connection was closed by the server (not by us). */
  closedByServer: boolean;
  /** Bytes written before the first answer came. */
  sentBeforeAnswer: number;
}

/**
 * Writes `head` and then body pieces from `body` as long as no answer has come (and the socket takes
 * them), optionally ends or keeps the connection, and gathers what comes back within `waitMs`.
 */
function raw(head: string, body: { pieces?: Iterable<Buffer>; end?: boolean; waitMs?: number } = {}): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let sentBeforeAnswer = -1;
    let closedByServer = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      resolve({ statuses, closedByServer, sentBeforeAnswer: sentBeforeAnswer === -1 ? sent : sentBeforeAnswer });
    };
    const timer = setTimeout(finish, body.waitMs ?? 5000);
    socket.on('data', (d) => {
      if (sentBeforeAnswer === -1) sentBeforeAnswer = sent;
      received += d.toString('latin1');
    });
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // The server may close while we still write: that is its answer, not a failure of the test.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
        closedByServer = true;
        finish();
      } else reject(err);
    });
    socket.on('connect', async () => {
      socket.write(head);
      const pieces = body.pieces?.[Symbol.iterator]();
      while (pieces && sentBeforeAnswer === -1 && !socket.destroyed) {
        const next = pieces.next();
        if (next.done) break;
        sent += next.value.length;
        if (!socket.write(next.value)) await new Promise((r) => socket.once('drain', r));
      }
      if (body.end && !socket.destroyed) socket.end();
    });
  });
}

function* repeat(piece: Buffer, total: number): Generator<Buffer> {
  for (let n = 0; n < total; n += piece.length) yield piece;
}

/** Chunked transfer-encoding: each piece framed with its hex length, then the last chunk. */
function* chunked(pieces: Iterable<Buffer>): Generator<Buffer> {
  for (const p of pieces) yield Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]);
  yield Buffer.from('0\r\n\r\n');
}

const head = (method: string, path: string, headers: Record<string, string>) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;

const MB = 1024 * 1024;
const A = Buffer.alloc(64 * 1024, 0x61);

/** After every case: nothing written, no crash logged, no file left, and the server still answers. */
async function expectUnharmed() {
  const started = performance.now();
  const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
  expect(health.status).toBe(200);
  // Printed, not asserted: timing on a shared machine is a benchmark's business, a hang is not.
  if (process.env['FUZZ_STATS']) console.log(`/healthz answered in ${Math.round(performance.now() - started)} ms`);
  expect([...(await takeWrites(server.ctx.db)).keys()].filter((t) => t !== 'staff_sessions')).toEqual([]);
  expect(logLines.filter((l) => /unhandled error|"level":"error"/.test(l))).toEqual([]);
  expect(await readdir(photoDir)).toEqual([]);
}

const expectRefused = (r: RawResult) => {
  // Either an answer in the 4xx range (and only those), or a connection the server closed.
  expect(r.statuses.every((s) => s >= 400 && s < 500), JSON.stringify(r)).toBe(true);
  expect(r.statuses.length > 0 || r.closedByServer, JSON.stringify(r)).toBe(true);
};

describe('bodies far over the limit, in chunks', () => {
  const cases: Array<[string, string, number, Record<string, string>]> = [
    ['a report with photos (32 MB limit)', '/melden/strassenschaden', 44 * MB, { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['"Ich auch"', '/m/1/ich-auch', 4 * MB, { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['a subscription link', '/abo/irgendwas/entfernen', 4 * MB, { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['a staff note (256 KB limit)', '/intern/meldungen/1/notiz', 4 * MB, { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['the districts import (6 MB limit)', '/intern/verwaltung/ortsbezirke/import', 16 * MB, { 'Content-Type': 'multipart/form-data; boundary=x' }],
  ];
  it.each(cases)('%s: 413 while the upload goes on, nothing written', async (_name, path, total, headers) => {
    const staff: Record<string, string> = path.startsWith('/intern') ? { Cookie: staffCookie } : {};
    const result = await raw(head('POST', path, { ...headers, ...staff, 'Transfer-Encoding': 'chunked' }), { pieces: chunked(repeat(A, total)), end: true, waitMs: 60_000 });
    expect(result.statuses[0], JSON.stringify(result)).toBe(413);
    expect(result.sentBeforeAnswer).toBeLessThan(total);
    await expectUnharmed();
  });
});

describe('a Content-Length that lies', () => {
  it('declared smaller than sent: the rest is a broken second request, answered 400 and closed', async () => {
    const body = Buffer.from('reason=full&text=' + 'x'.repeat(200));
    const result = await raw(head('POST', `/B/${binCode}`, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '5' }), { pieces: [body], end: true });
    expectRefused(result);
    await expectUnharmed();
  });

  it('declared smaller than a multipart report: the cut form is refused', async () => {
    const form = Buffer.from('--x\r\nContent-Disposition: form-data; name="lat"\r\n\r\n50.0\r\n--x\r\nContent-Disposition: form-data; name="lon"\r\n\r\n8.27\r\n--x--\r\n');
    const result = await raw(head('POST', '/melden/strassenschaden', { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': '40' }), { pieces: [form], end: true });
    expectRefused(result);
    await expectUnharmed();
  });

  it.each([
    ['a bin press', `/B/BINCODE`, 'application/x-www-form-urlencoded', 'reason=full'],
    ['a report', '/melden/strassenschaden', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="lat"\r\n\r\n50.0\r\n'],
    ['"Ich auch"', '/m/1/ich-auch', 'application/x-www-form-urlencoded', 'a=1'],
    ['the login', '/intern/anmelden', 'application/x-www-form-urlencoded', 'login=x&password=y'],
  ])('declared larger than sent (%s), the client gives up: no crash, nothing written, /healthz answers meanwhile', async (_name, rawPath, type, sent) => {
    const path = rawPath.replace('BINCODE', binCode);
    const pending = raw(head('POST', path, { 'Content-Type': type, 'Content-Length': '900' }), { pieces: [Buffer.from(sent)], waitMs: 1500 });
    // While the server waits for the rest of that body, it serves others.
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    const result = await pending;
    expect(result.statuses.every((s) => s >= 400 && s < 500), JSON.stringify(result)).toBe(true);
    await new Promise((r) => setTimeout(r, 100)); // the aborted request's handler finishes
    await expectUnharmed();
  });

  it('declared far over the limit: 413 before a byte of the body is sent', async () => {
    const result = await raw(head('POST', `/B/${binCode}`, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(200 * MB) }), { waitMs: 3000 });
    expect(result.statuses[0]).toBe(413);
    await expectUnharmed();
  });
});

describe('bodies read before the route (buttons)', () => {
  it('still reach the route: a mail client’s one-click removal over a socket removes the address', async () => {
    const report = await createReport(server.ctx);
    const row = await createSubscription(server.ctx.db, { reportId: report.id, email: 'socket@example.org', lang: 'de', now: server.ctx.clock.now().toISOString() }, (r) => hashToken(subscriptionToken(server.ctx.config.secret, r)));
    await takeWrites(server.ctx.db);
    const token = subscriptionToken(server.ctx.config.secret, row);
    const res = await fetch(`${server.url}/abo/${token}/entfernen`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect((await server.ctx.db.selectFrom('subscriptions').select(['email', 'removed_at']).where('id', '=', row.id).executeTakeFirstOrThrow()).email).toBeNull();
    await takeWrites(server.ctx.db);
  });
});

describe('broken framing', () => {
  it.each([
    ['a chunk size that is no number', { 'Transfer-Encoding': 'chunked' }, 'zz\r\nreason=full\r\n0\r\n\r\n'],
    ['a chunk longer than it says', { 'Transfer-Encoding': 'chunked' }, '2\r\nreason=full\r\n0\r\n\r\n'],
    ['Content-Length and chunked at once', { 'Transfer-Encoding': 'chunked', 'Content-Length': '11' }, 'b\r\nreason=full\r\n0\r\n\r\n'],
    ['a Content-Length that is no number', { 'Content-Length': '1e3' }, 'reason=full'],
    ['two different Content-Lengths', { 'Content-Length': '11\r\nContent-Length: 5' }, 'reason=full'],
    ['a NUL in a header', { 'X-Test': 'a\u0000b', 'Content-Length': '11' }, 'reason=full'],
  ])('%s: 400 or closed, nothing written', async (_name, headers, body) => {
    const result = await raw(head('POST', `/B/${binCode}`, { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }), { pieces: [Buffer.from(body, 'latin1')], end: true });
    expectRefused(result);
    await expectUnharmed();
  });

  it('invalid UTF-8 and NUL in the path: 4xx, nothing written', async () => {
    const result = await raw(`GET /B/\xff\xfe%00${binCode} HTTP/1.1\r\nHost: x\r\n\r\n`, { end: true });
    expectRefused(result);
    await expectUnharmed();
  });

  it('a staff form whose body stops half-way: no crash', async () => {
    const form = `csrf=${csrf}&text=`;
    const result = await raw(head('POST', '/intern/meldungen/1/notiz', { Cookie: staffCookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '4000' }), {
      pieces: [Buffer.from(form)],
      end: true,
      waitMs: 1500,
    });
    expect(result.statuses.every((s) => s >= 400 && s < 500), JSON.stringify(result)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    await expectUnharmed();
  });
});
