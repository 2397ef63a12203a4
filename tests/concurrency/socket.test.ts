// The same races over real sockets: parallel connections through @hono/node-server, with the client
// address from X-Forwarded-For (TRUST_PROXY), as behind the city's reverse proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRESS_LIMITS } from '../../server/press-guard.ts';
import { startTestServer } from '../browser/server.ts';
import { createReport } from '../helpers.ts';
import { binTasks, demoBin } from '../request/scan-helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ config: () => ({ trustProxy: true }) });
});
afterAll(() => server.close());

function post(path: string, body: string, client: string) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': client },
  }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
}

describe('parallel requests over sockets', () => {
  it('presses of one bin from 30 people: one task counted 30 times; from one person: counted once, within the per-bin limit', async () => {
    const [bin, other] = await server.ctx.db.selectFrom('bins').selectAll().where('active', '=', 1).where('department_id', 'is', null).orderBy('id').limit(2).execute();
    const many = await Promise.all(Array.from({ length: 30 }, (_, i) => post(`/B/${bin!.code}`, 'reason=full', `198.51.100.${i + 1}`)));
    expect(many).toEqual(Array(30).fill(303));
    const tasks = await binTasks(server.ctx.db, bin!.id);
    expect(tasks.map((t) => t.support_count)).toEqual([30]);

    const one = await Promise.all(Array.from({ length: 15 }, () => post(`/B/${other!.code}`, 'reason=full', '203.0.113.79')));
    expect(one.filter((s) => s === 303)).toHaveLength(DEFAULT_PRESS_LIMITS.perBin.max);
    expect(one.filter((s) => s === 429)).toHaveLength(15 - DEFAULT_PRESS_LIMITS.perBin.max);
    // The answered ones are one press and its repeats: a person counts once per task a day (decision 031).
    expect((await binTasks(server.ctx.db, other!.id)).map((t) => t.support_count)).toEqual([1]);
  });

  it('"Ich auch" from 40 people over sockets: counted exactly 40 times', async () => {
    const report = await createReport(server.ctx);
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => post(`/m/${report.id}/ich-auch`, '', `198.51.101.${i + 1}`)));
    expect(statuses).toEqual(Array(40).fill(303));
    const row = await server.ctx.db.selectFrom('reports').select('support_count').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.support_count).toBe(report.support_count + 40);
  });

  it('a fresh bin pressed by many at once still gets one task', async () => {
    const bin = await demoBin(server.ctx.db, { ownDepartment: true });
    const statuses = await Promise.all(Array.from({ length: 25 }, (_, i) => post(`/B/${bin.code}`, 'reason=damaged', `198.51.102.${i + 1}`)));
    expect(statuses).toEqual(Array(25).fill(303));
    expect((await binTasks(server.ctx.db, bin.id)).map((t) => t.support_count)).toEqual([25]);
  });
});
