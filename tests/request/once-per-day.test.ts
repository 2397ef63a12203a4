// One person inflates no count (citizens issue, point 5): a client presses a bin's reason once per
// task a day and says "Ich auch" once per report a day; a second time is counted nowhere, and the page
// says "Ihre Meldung ist schon da" instead of "Sie sind nicht allein". The client is known only by the
// keyed daily hash in process memory: nothing about it reaches the database.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { markBinEmptied, AFTER_CLOSE_GRACE_MS } from '../../db/bin-tasks.ts';
import type { Db } from '../../db/connection.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { binTasks, demoBin, fromClient, pressBin } from './scan-helpers.ts';

const PERSON = '203.0.113.41';

async function openCount(db: Db, binId: number): Promise<number[]> {
  return (await binTasks(db, binId)).filter((t) => t.closed_at === null).map((t) => t.support_count);
}

/** Everything the database holds, as text: no trace of a client may be in it. */
async function everything(db: Db): Promise<string> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  const rows = await Promise.all(tables.rows.map(async ({ name }) => JSON.stringify((await sql.raw(`select * from "${name}"`).execute(db)).rows)));
  return rows.join('\n');
}

describe('a bin press counts once per client and task a day', () => {
  it('the same person pressing again is told that the report is already there, and nothing more is counted', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const other = await pressBin(app, bin.code, 'full', { client: '198.51.100.7' });
    expect(other.status).toBe(303);
    const first = await pressBin(app, bin.code, 'full', { client: PERSON });
    expect(first.headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full`);
    const firstPage = await (await app.request(first.headers.get('location')!)).text();
    expect(firstPage).toContain('Sie sind nicht allein: 2 Meldungen dazu.');

    const again = await pressBin(app, bin.code, 'full', { client: PERSON });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full&schon=1`);
    const page = await (await app.request(again.headers.get('location')!)).text();
    expect(page).toContain('Ihre Meldung „Voll oder überfüllt“ für diesen Papierkorb ist schon da. Noch einmal drücken zählt nicht doppelt.');
    expect(page).not.toContain('nicht allein');
    expect(page).not.toContain('ist angekommen');
    expect(await openCount(ctx.db, bin.id)).toEqual([2]);
    const english = await (await app.request(`/B/${bin.code}/danke?grund=full&schon=1&lang=en`)).text();
    expect(english).toContain('Your report “Full or overflowing” for this bin is already here. Pressing again does not count twice.');
  });

  it('a double tap counts once; another reason, another person and the next day count', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const tap = await Promise.all([pressBin(app, bin.code, 'full', { client: PERSON }), pressBin(app, bin.code, 'full', { client: PERSON })]);
    expect(tap.map((r) => r.status)).toEqual([303, 303]);
    expect(tap.map((r) => r.headers.get('location')!.endsWith('&schon=1')).sort()).toEqual([false, true]);
    expect(await openCount(ctx.db, bin.id)).toEqual([1]);
    expect((await pressBin(app, bin.code, 'damaged', { client: PERSON })).headers.get('location')).toBe(`/B/${bin.code}/danke?grund=damaged`);
    expect((await pressBin(app, bin.code, 'full', { client: '198.51.100.8' })).headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full`);
    expect(await openCount(ctx.db, bin.id)).toEqual([2, 1]);
    ctx.clock.advance(24 * 3600_000);
    expect((await pressBin(app, bin.code, 'full', { client: PERSON })).headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full`);
    expect(await openCount(ctx.db, bin.id)).toEqual([3, 1]);
  });

  it('counts again on a new task the same day: the bin was emptied and is full again', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    expect((await pressBin(app, bin.code, 'full', { client: PERSON })).headers.get('location')).not.toContain('schon');
    await markBinEmptied(ctx.db, bin.id, { now: ctx.clock.now().toISOString(), actor: 'crew' });
    // Within the grace time a press would only be noted on the task just closed: still the same task.
    ctx.clock.advance(10 * 60_000);
    expect((await pressBin(app, bin.code, 'full', { client: PERSON })).headers.get('location')).toContain('&schon=1');
    ctx.clock.advance(AFTER_CLOSE_GRACE_MS);
    expect((await pressBin(app, bin.code, 'full', { client: PERSON })).headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full`);
    expect(await openCount(ctx.db, bin.id)).toEqual([1]);
    expect(await binTasks(ctx.db, bin.id)).toHaveLength(2);
    expect((await pressBin(app, bin.code, 'full', { client: PERSON })).headers.get('location')).toContain('&schon=1');
  });

  it('stores nothing about the client', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    await pressBin(app, bin.code, 'full', { client: PERSON });
    await pressBin(app, bin.code, 'full', { client: PERSON });
    const report = await createReport(ctx);
    await app.request(`/m/${report.id}/ich-auch`, { method: 'POST' }, fromClient(PERSON));
    expect(await everything(ctx.db)).not.toContain(PERSON);
  });
});

describe('"Ich auch" counts once per client and report a day', () => {
  it('three times from one client raises the count by one and says so', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const press = () => app.request(`/m/${report.id}/ich-auch`, { method: 'POST' }, fromClient(PERSON));
    const answers = [await press(), await press(), await press()].map((r) => r.headers.get('location'));
    expect(answers).toEqual([`/m/${report.id}?unterstuetzt=1`, `/m/${report.id}?unterstuetzt=schon`, `/m/${report.id}?unterstuetzt=schon`]);
    const row = await ctx.db.selectFrom('reports').select('support_count').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.support_count).toBe(report.support_count + 1);
    const page = await (await app.request(answers[2]!)).text();
    expect(page).toContain('Ihre Unterstützung ist schon da. Noch einmal drücken zählt nicht doppelt.');
    expect(page).not.toContain('Ihre Unterstützung ist gezählt');
    expect(await (await app.request(`${answers[2]!}&lang=en`)).text()).toContain('Your support is already here. Pressing again does not count twice.');
    // Another person counts, and the same person again the next day.
    expect((await app.request(`/m/${report.id}/ich-auch`, { method: 'POST' }, fromClient('198.51.100.9'))).headers.get('location')).toBe(`/m/${report.id}?unterstuetzt=1`);
    ctx.clock.advance(24 * 3600_000);
    expect((await press()).headers.get('location')).toBe(`/m/${report.id}?unterstuetzt=1`);
    const after = await ctx.db.selectFrom('reports').select('support_count').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(after.support_count).toBe(report.support_count + 3);
  });

  it('a refused "Ich auch" (the report is closed) is forgotten: once it is open again, it counts', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    await ctx.db.updateTable('reports').set({ state: 'done', closed_at: ctx.clock.now().toISOString() }).where('id', '=', report.id).execute();
    expect((await app.request(`/m/${report.id}/ich-auch`, { method: 'POST' }, fromClient(PERSON))).status).toBe(409);
    await ctx.db.updateTable('reports').set({ state: 'in_progress', closed_at: null }).where('id', '=', report.id).execute();
    expect((await app.request(`/m/${report.id}/ich-auch`, { method: 'POST' }, fromClient(PERSON))).headers.get('location')).toBe(`/m/${report.id}?unterstuetzt=1`);
  });
});
