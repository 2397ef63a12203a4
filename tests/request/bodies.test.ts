// Request bodies (hardening issue, defects 2 and 4): every body has its path's limit while it
// arrives, also when it comes in chunks without a Content-Length, and a malformed form is the
// sender's mistake (400 with a message), never a crash.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport, createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { startTestServer } from '../browser/server.ts';
import { binTasks, countWrites, demoBin, fromClient } from './scan-helpers.ts';

const MALFORMED = { 'Content-Type': 'multipart/form-data; boundary=x' };
const GARBAGE = '--x\r\ngarbage';

/** A body of `total` bytes that arrives in chunks, with no Content-Length. */
function chunkedBody(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  const piece = new Uint8Array(chunk).fill(0x61);
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk;
      controller.enqueue(piece);
    },
  });
}

describe('malformed multipart bodies', () => {
  it('answer 400 with a message on every citizen form and the login, and write nothing', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const before = await countWrites(ctx.db);
    for (const path of [`/B/${bin.code}`, '/abo/irgendein-token/entfernen', '/melden/strassenschaden', '/intern/anmelden']) {
      const res = await app.request(path, { method: 'POST', headers: MALFORMED, body: GARBAGE }, fromClient('203.0.113.50'));
      expect(res.status, path).toBe(400);
      const html = await res.text();
      expect(html, path).toContain('Das Formular kam unvollständig oder beschädigt an.');
      expect(html, path).not.toContain('TypeError');
    }
    expect(await countWrites(ctx.db)).toEqual(before);
  });

  it('answer 400 on staff forms, whose guard reads the body first, in the reader’s language', async () => {
    const { app, ctx } = await createTestApp();
    const admin = await asStaff(app, ctx, { role: 'admin' });
    for (const path of ['/intern/abmelden', '/intern/meldungen/1/notiz', '/intern/verwaltung/fachaemter/neu']) {
      const res = await admin.request(`${path}?lang=en`, { method: 'POST', headers: MALFORMED, body: GARBAGE });
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain('The form arrived incomplete or damaged.');
    }
  });

  it('answer 400 as JSON to a script', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const res = await app.request(`/B/${bin.code}`, { method: 'POST', headers: { ...MALFORMED, Accept: 'application/json' }, body: GARBAGE });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('Das Formular kam unvollständig');
  });
});

describe('body limits while reading', () => {
  it('refuse a chunked body over the path’s limit for the login, a subscription link and a staff form', async () => {
    const { app, ctx } = await createTestApp();
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const cases: Array<[string, (init: RequestInit) => Response | Promise<Response>]> = [
      ['/intern/anmelden', (init) => app.request('/intern/anmelden', init)],
      ['/abo/irgendein-token/entfernen', (init) => app.request('/abo/irgendein-token/entfernen', init)],
      ['/intern/meldungen/1/notiz', (init) => admin.request('/intern/meldungen/1/notiz', init)],
    ];
    for (const [path, send] of cases) {
      const res = await send({ method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: chunkedBody(2 * 1024 * 1024), duplex: 'half' } as RequestInit);
      expect(res.status, path).toBe(413);
      expect(await res.text(), path).toContain('Die Anfrage ist zu groß.');
    }
  });

  it('refuse a chunked body over the limit on the buttons that read no body, and count nothing (found by the fuzz suite)', async () => {
    const { app, ctx } = await createTestApp();
    const open = await createReport(ctx);
    const closed = await createReport(ctx);
    await ctx.db.updateTable('reports').set({ state: 'done', closed_at: ctx.clock.now().toISOString() }).where('id', '=', closed.id).execute();
    const before = await countWrites(ctx.db);
    for (const path of [`/m/${open.id}/ich-auch`, `/m/${closed.id}/nicht-behoben`, '/abo/irgendein-token/bestaetigen']) {
      const res = await app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: chunkedBody(2 * 1024 * 1024), duplex: 'half' } as RequestInit, fromClient('203.0.113.51'));
      expect(res.status, path).toBe(413);
    }
    expect(await countWrites(ctx.db)).toEqual(before);
    const row = await ctx.db.selectFrom('reports').select(['support_count', 'reopen_requested_at']).where('id', 'in', [open.id, closed.id]).orderBy('id').execute();
    expect(row).toEqual([{ support_count: open.support_count, reopen_requested_at: null }, { support_count: closed.support_count, reopen_requested_at: null }]);
  });

  it('refuse a declared length over the limit before reading, on every POST', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/m/1/ich-auch', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(50 * 1024 * 1024) }, body: 'a=1' });
    expect(res.status).toBe(413);
  });
});

describe('body limits over a real socket', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /**
   * Streams up to `total` bytes in chunks as long as no answer has come, the way the 200 MB attack
   * did; resolves with the status and how much had been sent when the answer came.
   */
  function streamUntilAnswered(path: string, contentType: string, total: number): Promise<{ status: number; sentBeforeAnswer: number }> {
    const url = new URL(path, server.url);
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' } }, (res) => {
        answered = true;
        const sentBeforeAnswer = sent;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sentBeforeAnswer }));
        req.destroy();
      });
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const piece = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!answered && sent < total) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once('drain', () => setImmediate(pump));
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  it('stops a 200 MB chunked press at its 4 KB limit and records nothing', async () => {
    const bin = await demoBin(server.ctx.db, { ownDepartment: true });
    const { status, sentBeforeAnswer } = await streamUntilAnswered(`/B/${bin.code}`, 'multipart/form-data; boundary=x', 200 * 1024 * 1024);
    expect(status).toBe(413);
    // The answer comes while the upload is still going: far less than the 200 MB were sent.
    expect(sentBeforeAnswer).toBeLessThan(20 * 1024 * 1024);
    expect(await binTasks(server.ctx.db, bin.id)).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('stops a chunked login body at its limit', async () => {
    const { status, sentBeforeAnswer } = await streamUntilAnswered('/intern/anmelden', 'application/x-www-form-urlencoded', 200 * 1024 * 1024);
    expect(status).toBe(413);
    expect(sentBeforeAnswer).toBeLessThan(20 * 1024 * 1024);
  });
});
