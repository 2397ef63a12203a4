// The bin press over a real socket: @hono/node-server hands the app Node's request stream, which the
// form reader uses directly. app.request() takes the other path, so both are tested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../browser/server.ts';
import { binTasks, demoBin } from './scan-helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const post = (code: string, body: string) =>
  fetch(`${server.url}/B/${code}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });

describe('POST /B/{CODE} over HTTP', () => {
  it('reads the form from the socket and records the press', async () => {
    const bin = await demoBin(server.ctx.db);
    const res = await post(bin.code, 'reason=other&text=Deckel+fehlt%2C+%C3%BCberall+M%C3%BCll&website=');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/B/${bin.code}/danke?grund=other`);
    expect((await binTasks(server.ctx.db, bin.id))[0]!.description).toBe('Deckel fehlt, überall Müll');
  });

  it('refuses a body over 4 KB with 413 and records nothing', async () => {
    const bin = await demoBin(server.ctx.db, { ownDepartment: true });
    const res = await post(bin.code, `reason=other&text=${'x'.repeat(5000)}`);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Die Anfrage ist zu groß.');
    expect(await binTasks(server.ctx.db, bin.id)).toEqual([]);
  });

  it('counts a chunked body without Content-Length against the limit as it reads', async () => {
    const bin = await demoBin(server.ctx.db, { ownDepartment: true });
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('reason=other&text='));
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(1000)));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/B/${bin.code}`, {
      method: 'POST',
      body: chunks,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await binTasks(server.ctx.db, bin.id)).toEqual([]);
  });
});
