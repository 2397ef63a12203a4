import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { changeReportState, findReport, listReportEvents } from '../../db/reports.ts';
import { UserError } from '../../domain/errors.ts';
import { fileReport } from '../../server/filing.ts';
import { categoryId, createReport, createTestContext, departmentId, FIXED_NOW } from '../helpers.ts';

async function countRows(ctx: Awaited<ReturnType<typeof createTestContext>>) {
  const reports = await ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const events = await ctx.db.selectFrom('report_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { reports: Number(reports.n), events: Number(events.n) };
}

describe('filing a report routes it into a department', () => {
  it.each([
    ['strassenschaden', 'Neustadt', 'tiefbau'],
    ['illegale-ablagerung', 'Altstadt', 'ordnung'], // district rule
    ['illegale-ablagerung', 'Finthen', 'entsorgung'], // category default
    ['graffiti', 'Mombach', 'ordnung'], // city-wide rule
    ['verschmutzung', 'Altstadt', 'gruen'],
    ['sonstiges', 'Drais', 'zentrale'], // nothing routes it: central triage
  ])('%s in %s goes to %s', async (category, district, department) => {
    const ctx = await createTestContext({ seed: true });
    const report = await createReport(ctx, { category, district });
    expect(report.department_id).toBe(await departmentId(ctx.db, department));
    const districtRow = await ctx.db.selectFrom('districts').select('id').where('name', '=', district).executeTakeFirstOrThrow();
    expect(report.district_id).toBe(districtRow.id);
    expect(report.state).toBe('new');
    expect(report.created_at).toBe(FIXED_NOW.toISOString());
    expect(await listReportEvents(ctx.db, report.id)).toMatchObject([{ type: 'created', to_state: 'new', created_at: FIXED_NOW.toISOString() }]);
  });

  it("sends a bin report to the bin's own department", async () => {
    const ctx = await createTestContext();
    const bin = await ctx.db.selectFrom('bins').selectAll().where('department_id', 'is not', null).executeTakeFirstOrThrow();
    const { report, reason } = await fileReport(
      ctx.db,
      { categoryId: await categoryId(ctx.db, 'papierkorb-voll'), binId: bin.id, lat: bin.lat, lon: bin.lon, locationSource: 'bin', source: 'qr' },
      FIXED_NOW.toISOString(),
    );
    expect(reason).toBe('bin');
    expect(report.department_id).toBe(bin.department_id);
    expect(report.district_id).toBe(bin.district_id);
  });

  it('refuses a point outside Mainz and writes nothing', async () => {
    const ctx = await createTestContext();
    const before = await countRows(ctx);
    const attempt = fileReport(
      ctx.db,
      { categoryId: await categoryId(ctx.db, 'strassenschaden'), lat: 50.08, lon: 8.24, locationSource: 'map', source: 'web' }, // Wiesbaden
      FIXED_NOW.toISOString(),
    );
    await expect(attempt).rejects.toMatchObject({ status: 422, key: 'error.outsideCity' });
    expect(await countRows(ctx)).toEqual(before);
  });

  it('refuses an unknown category', async () => {
    const ctx = await createTestContext();
    await expect(
      fileReport(ctx.db, { categoryId: 9999, lat: 50, lon: 8.27, locationSource: 'map', source: 'web' }, FIXED_NOW.toISOString()),
    ).rejects.toMatchObject({ status: 422, key: 'error.unknownCategory' });
  });
});

describe('due time', () => {
  it("is the category's target time after filing", async () => {
    const ctx = await createTestContext({ seed: true });
    const report = await createReport(ctx, { category: 'strassenschaden' });
    const category = await ctx.db.selectFrom('categories').select('target_hours').where('slug', '=', 'strassenschaden').executeTakeFirstOrThrow();
    expect(Date.parse(report.due_at!) - Date.parse(report.created_at)).toBe(category.target_hours * 3600_000);
  });
});

describe('state changes', () => {
  it('writes one event per change, with who and when, and sets closed_at', async () => {
    const ctx = await createTestContext();
    const report = await createReport(ctx);
    ctx.clock.advance(3600_000);
    await changeReportState(ctx.db, report.id, { to: 'acknowledged', actor: 'tiefbau', now: ctx.clock.now().toISOString() });
    ctx.clock.advance(3600_000);
    const done = await changeReportState(ctx.db, report.id, { to: 'done', actor: 'tiefbau', now: ctx.clock.now().toISOString(), answer: 'Repariert.' });
    expect(done.state).toBe('done');
    expect(done.closed_at).toBe('2026-11-21T12:00:00.000Z');
    // The first move out of "new" is the acknowledgement, and later changes keep it.
    expect(done.acknowledged_at).toBe('2026-11-21T11:00:00.000Z');
    const events = await listReportEvents(ctx.db, report.id);
    expect(events.map((e) => [e.type, e.from_state, e.to_state, e.actor, e.public, e.body])).toEqual([
      ['created', null, 'new', null, 0, null],
      ['state_changed', 'new', 'acknowledged', 'tiefbau', 0, null],
      ['state_changed', 'acknowledged', 'done', 'tiefbau', 1, 'Repariert.'],
    ]);
  });

  it('records a reopen as such and clears closed_at', async () => {
    const ctx = await createTestContext();
    const report = await createReport(ctx);
    const now = ctx.clock.now().toISOString();
    await changeReportState(ctx.db, report.id, { to: 'done', actor: 'x', now });
    const reopened = await changeReportState(ctx.db, report.id, { to: 'acknowledged', actor: 'x', now });
    expect(reopened.closed_at).toBeNull();
    expect((await listReportEvents(ctx.db, report.id)).at(-1)).toMatchObject({ type: 'reopened', from_state: 'done', to_state: 'acknowledged' });
  });

  it('refuses a forbidden transition with 409 and changes nothing', async () => {
    const ctx = await createTestContext();
    const report = await createReport(ctx);
    const now = ctx.clock.now().toISOString();
    await changeReportState(ctx.db, report.id, { to: 'done', actor: 'x', now });
    const before = await countRows(ctx);
    const attempt = changeReportState(ctx.db, report.id, { to: 'in_progress', actor: 'x', now });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(changeReportState(ctx.db, report.id, { to: 'in_progress', actor: 'x', now })).rejects.toMatchObject({ status: 409 });
    expect((await findReport(ctx.db, report.id))!.state).toBe('done');
    expect(await countRows(ctx)).toEqual(before);
  });

  it('refuses unknown states and unknown reports', async () => {
    const ctx = await createTestContext();
    const report = await createReport(ctx);
    const now = ctx.clock.now().toISOString();
    await expect(changeReportState(ctx.db, report.id, { to: 'vanished', actor: 'x', now })).rejects.toMatchObject({ status: 422 });
    await expect(changeReportState(ctx.db, 123456, { to: 'done', actor: 'x', now })).rejects.toMatchObject({ status: 404 });
  });

  it('rolls the state back when its event cannot be written', async () => {
    const ctx = await createTestContext();
    const report = await createReport(ctx);
    // A real failure inside the transaction: SQLite refuses the event row.
    await sql`create trigger refuse_event before insert on report_events when new.actor = 'boom' begin select raise(abort, 'refused'); end`.execute(ctx.db);
    const before = await countRows(ctx);
    await expect(changeReportState(ctx.db, report.id, { to: 'acknowledged', actor: 'boom', now: ctx.clock.now().toISOString() })).rejects.toThrow('refused');
    expect((await findReport(ctx.db, report.id))!.state).toBe('new');
    expect(await countRows(ctx)).toEqual(before);
  });
});
