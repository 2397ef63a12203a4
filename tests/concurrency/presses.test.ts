// Concurrency of the Müllmelder: many people pressing one bin's button at the same moment, and one
// person pressing it many times at once. Requests are started together (Promise.all), so they meet in
// the press batcher's one transaction, and also spread over several turns of the event loop, so that
// they meet in separate transactions. No press is lost or counted twice, a bin never has two open
// tasks for one reason, one client counts once per task a day, and its per-bin limit holds exactly.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESS_LIMITS } from '../../server/press-guard.ts';
import { createTestApp } from '../helpers.ts';
import { binTasks, demoBin, pressBin } from '../request/scan-helpers.ts';
import type { Db } from '../../db/connection.ts';
import type { App } from '../../server/app.ts';

const PER_BIN = DEFAULT_PRESS_LIMITS.perBin.max;

/** Starts `n` presses; every `spread`-th waits for the next turn of the event loop first. */
function pressTogether(app: App, code: string, n: number, options: { reason?: (i: number) => string; client?: (i: number) => string; spread?: number } = {}) {
  const { reason = () => 'full', client = (i) => `198.51.100.${i + 1}`, spread = 0 } = options;
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      if (spread && i % spread === 0) await new Promise((r) => setImmediate(r));
      return (await pressBin(app, code, reason(i), { client: client(i) })).status;
    }),
  );
}

async function eventsOf(db: Db, reportId: number) {
  return db.selectFrom('report_events').select('type').where('report_id', '=', reportId).execute();
}

describe('parallel presses of one bin', () => {
  it.each([
    ['all in one turn', 0],
    ['spread over turns of the event loop', 3],
  ])('from distinct people (%s): one task, counted exactly once per press, each with its event', async (_name, spread) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const statuses = await pressTogether(app, bin.code, 40, { spread });
    expect(statuses).toEqual(Array(40).fill(303));
    const tasks = await binTasks(ctx.db, bin.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.support_count).toBe(40);
    const events = await eventsOf(ctx.db, tasks[0]!.id);
    expect(events.filter((e) => e.type === 'created')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'scanned')).toHaveLength(39);
  });

  it('first presses of a fresh bin for several reasons at once: exactly one task per reason', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db, { ownDepartment: true });
    expect(await binTasks(ctx.db, bin.id)).toEqual([]);
    const reasons = ['full', 'damaged', 'dirty', 'dogbags'];
    const statuses = await pressTogether(app, bin.code, 48, { reason: (i) => reasons[i % reasons.length]!, spread: 5 });
    expect(statuses).toEqual(Array(48).fill(303));
    const tasks = await binTasks(ctx.db, bin.id);
    expect(tasks).toHaveLength(reasons.length);
    expect(tasks.map((t) => t.support_count)).toEqual([12, 12, 12, 12]);
    expect(new Set(tasks.map((t) => t.category_id)).size).toBe(reasons.length);
  });

  it.each([
    ['all in one turn', 0],
    ['spread over turns of the event loop', 2],
  ])('from one person (%s): counted once, the others within the per-bin limit told so, the rest is 429', async (_name, spread) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const responses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        if (spread && i % spread === 0) await new Promise((r) => setImmediate(r));
        return pressBin(app, bin.code, 'full', { client: '203.0.113.77' });
      }),
    );
    const answered = responses.filter((r) => r.status === 303).map((r) => r.headers.get('location'));
    expect(answered).toHaveLength(PER_BIN);
    expect(answered.filter((l) => l === `/B/${bin.code}/danke?grund=full`)).toHaveLength(1);
    expect(answered.filter((l) => l === `/B/${bin.code}/danke?grund=full&schon=1`)).toHaveLength(PER_BIN - 1);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(20 - PER_BIN);
    const tasks = await binTasks(ctx.db, bin.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.support_count).toBe(1);
    expect(await eventsOf(ctx.db, tasks[0]!.id)).toEqual([{ type: 'created' }]);
  });
});
