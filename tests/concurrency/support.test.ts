// Concurrency of "Ich auch" and "Immer noch nicht behoben?": many people at the same moment count
// exactly once each, one person at once counts once and stays within the limit of 20 an hour, and a
// closed report's reopening is requested once however many ask together.
import { describe, expect, it } from 'vitest';
import { createReport, createTestApp } from '../helpers.ts';
import { fromClient } from '../request/scan-helpers.ts';
import type { App } from '../../server/app.ts';

/** The limit of "Ich auch" and "nicht behoben" presses per client and hour (server/routes/report.tsx). */
const ACTION_LIMIT = 20;

function pressTogether(app: App, path: string, n: number, client: (i: number) => string, spread = 0) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      if (spread && i % spread === 0) await new Promise((r) => setImmediate(r));
      return (await app.request(path, { method: 'POST' }, fromClient(client(i)))).status;
    }),
  );
}

describe('parallel "Ich auch"', () => {
  it.each([
    ['all in one turn', 0],
    ['spread over turns of the event loop', 3],
  ])('from distinct people (%s): each counted once, each with its event', async (_name, spread) => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const statuses = await pressTogether(app, `/m/${report.id}/ich-auch`, 50, (i) => `198.51.100.${i + 1}`, spread);
    expect(statuses).toEqual(Array(50).fill(303));
    const row = await ctx.db.selectFrom('reports').select('support_count').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.support_count).toBe(report.support_count + 50);
    const events = await ctx.db.selectFrom('report_events').select('id').where('report_id', '=', report.id).where('type', '=', 'supported').execute();
    expect(events).toHaveLength(50);
  });

  it('from one person: counted once, the others within the hourly limit told so, the rest is 429', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const responses = await Promise.all(
      Array.from({ length: 35 }, async (_, i) => {
        if (i % 4 === 0) await new Promise((r) => setImmediate(r));
        return app.request(`/m/${report.id}/ich-auch`, { method: 'POST' }, fromClient('203.0.113.78'));
      }),
    );
    const answered = responses.filter((r) => r.status === 303).map((r) => r.headers.get('location'));
    expect(answered).toHaveLength(ACTION_LIMIT);
    expect(answered.filter((l) => l === `/m/${report.id}?unterstuetzt=1`)).toHaveLength(1);
    expect(answered.filter((l) => l === `/m/${report.id}?unterstuetzt=schon`)).toHaveLength(ACTION_LIMIT - 1);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(35 - ACTION_LIMIT);
    const row = await ctx.db.selectFrom('reports').select('support_count').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.support_count).toBe(report.support_count + 1);
    const events = await ctx.db.selectFrom('report_events').select('id').where('report_id', '=', report.id).where('type', '=', 'supported').execute();
    expect(events).toHaveLength(1);
  });
});

describe('parallel "Immer noch nicht behoben?"', () => {
  it('many people at once: all thanked, the reopening requested once, with one event', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    await ctx.db.updateTable('reports').set({ state: 'done', closed_at: ctx.clock.now().toISOString() }).where('id', '=', report.id).execute();
    const statuses = await pressTogether(app, `/m/${report.id}/nicht-behoben`, 30, (i) => `198.51.100.${i + 1}`, 2);
    expect(statuses).toEqual(Array(30).fill(303));
    const events = await ctx.db.selectFrom('report_events').select('id').where('report_id', '=', report.id).where('type', '=', 'reopen_requested').execute();
    expect(events).toHaveLength(1);
  });
});
