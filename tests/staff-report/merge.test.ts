// Marking a report as a duplicate: the duplicate closes pointing at the target, the target gains
// its supporters and its confirmed subscribers (as new rows with their own links; the old rows lose
// the address), both histories say so; and every refusal leaves everything as it was.
import { describe, expect, it } from 'vitest';
import { changeReportState } from '../../db/reports.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { addSubscriber, eventsOf, postForm, reportRow, snapshot, textOf } from './helpers.ts';

async function setup() {
  const { app, ctx } = await createTestApp();
  const tim = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  const target = await createReport(ctx, { description: 'Schlagloch, zuerst gemeldet' });
  const duplicate = await createReport(ctx, { description: 'Dasselbe Schlagloch' });
  return { app, ctx, tim, target, duplicate, path: `/intern/meldungen/${duplicate.id}/duplikat` };
}

describe('mark as duplicate', () => {
  it('closes the duplicate, moves supporters and confirmed subscribers, and records both sides', async () => {
    const s = await setup();
    await s.ctx.db.updateTable('reports').set({ support_count: 3 }).where('id', '=', s.duplicate.id).execute();
    const anna = await addSubscriber(s.ctx, s.duplicate.id, 'anna@example.org', { lang: 'en' });
    await addSubscriber(s.ctx, s.duplicate.id, 'ben@example.org', { confirmed: false });
    await addSubscriber(s.ctx, s.duplicate.id, 'Carla@Example.org');
    await addSubscriber(s.ctx, s.target.id, 'carla@example.org');
    s.ctx.clock.advance(600_000); // the merge ten minutes later: confirmation times must survive the move

    const res = await postForm(s.tim, s.path, { original: ` Nr. ${s.target.id} ` });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/intern/meldungen/${s.duplicate.id}?erledigt=duplikat&nummer=${s.target.id}`);

    const duplicate = await reportRow(s.ctx, s.duplicate.id);
    expect(duplicate).toMatchObject({ state: 'duplicate', duplicate_of: s.target.id, closed_at: s.ctx.clock.now().toISOString() });
    expect((await reportRow(s.ctx, s.target.id)).support_count).toBe(1 + 3);

    const subs = await s.ctx.db.selectFrom('subscriptions').selectAll().orderBy('id').execute();
    const onTarget = subs.filter((r) => r.report_id === s.target.id && r.email !== null);
    // Carla already followed the target: not doubled. Ben never confirmed: stays behind.
    expect(onTarget.map((r) => [r.email, r.lang, r.confirmed_at !== null])).toEqual([
      ['carla@example.org', 'de', true],
      ['anna@example.org', 'en', true],
    ]);
    const moved = onTarget[1]!;
    expect(moved.confirmed_at).toBe(anna.created_at);
    expect(moved.created_at).toBe(s.ctx.clock.now().toISOString());
    expect(moved.token_hash).not.toBe(anna.token_hash);
    expect(moved.token_hash).not.toMatch(/^pending:/);
    const left = subs.filter((r) => r.report_id === s.duplicate.id);
    expect(left.map((r) => r.email)).toEqual([null, 'ben@example.org', null]);
    expect(left.filter((r) => r.email === null).every((r) => r.removed_at === s.ctx.clock.now().toISOString())).toBe(true);

    expect((await eventsOf(s.ctx, s.duplicate.id)).at(-1)).toMatchObject({
      type: 'merged_into',
      from_state: 'new',
      to_state: 'duplicate',
      actor: `staff:${s.tim.staff.id}`,
      detail: `{"target":${s.target.id},"support":3,"subscriptions":1}`,
    });
    expect((await eventsOf(s.ctx, s.target.id)).at(-1)).toMatchObject({ type: 'duplicate_merged', detail: `{"duplicate":${s.duplicate.id},"support":3,"subscriptions":1}` });

    const duplicatePage = textOf(await (await s.tim.request(res.headers.get('Location')!)).text());
    expect(duplicatePage).toContain(`Die Meldung ist als Duplikat von Nr. ${s.target.id} geschlossen.`);
    expect(duplicatePage).toContain(`Diese Meldung ist ein Duplikat von Nr. ${s.target.id} (Neu)`);
    expect(duplicatePage).toContain(`Als Duplikat zusammengeführt in Nr. ${s.target.id}`);
    const targetPage = textOf(await (await s.tim.request(`/intern/meldungen/${s.target.id}`)).text());
    expect(targetPage).toContain(`Duplikate dieser Meldung Nr. ${s.duplicate.id} (Doppelt gemeldet)`);
    expect(targetPage).toContain(`Duplikat übernommen Nr. ${s.duplicate.id} Tim Tiefbau`);
  });

  it('refuses itself, a number that is none, an unknown report, a duplicate and a closed target with 422 at the field', async () => {
    const s = await setup();
    const third = await createReport(s.ctx);
    await s.ctx.db.updateTable('reports').set({ state: 'duplicate', duplicate_of: s.target.id }).where('id', '=', third.id).execute();
    const closed = await createReport(s.ctx);
    await changeReportState(s.ctx.db, closed.id, { to: 'done', actor: null, now: s.ctx.clock.now().toISOString() });
    const before = await snapshot(s.ctx);
    const cases: Array<[string, string]> = [
      [String(s.duplicate.id), 'Eine Meldung kann kein Duplikat von sich selbst sein.'],
      ['zwölf', 'Bitte geben Sie die Nummer einer Meldung ein'],
      ['', 'Bitte geben Sie die Nummer einer Meldung ein'],
      ['99999', 'Eine Meldung Nr. 99999 gibt es nicht.'],
      [String(third.id), `Meldung Nr. ${third.id} ist selbst ein Duplikat.`],
      [String(closed.id), `Meldung Nr. ${closed.id} ist schon abgeschlossen.`],
    ];
    for (const [value, message] of cases) {
      const res = await postForm(s.tim, s.path, { original: value });
      expect(res.status, value).toBe(422);
      const html = await res.text();
      expect(textOf(html)).toContain(message);
      expect(html).toContain('id="duplicate-of-error"');
      expect(html).toContain(`value="${value}"`);
    }
    expect(await snapshot(s.ctx)).toEqual(before);
  });

  it('refuses with 409 when the report itself is closed, and with 403 when the target is in a department the user may not change', async () => {
    const s = await setup();
    const licht = await createReport(s.ctx, { category: 'strassenbeleuchtung' });
    const before = await snapshot(s.ctx);
    const foreign = await postForm(s.tim, s.path, { original: String(licht.id) });
    expect(foreign.status).toBe(403);
    expect(await snapshot(s.ctx)).toEqual(before);

    await changeReportState(s.ctx.db, s.duplicate.id, { to: 'done', actor: null, now: s.ctx.clock.now().toISOString() });
    const closedBefore = await snapshot(s.ctx);
    const res = await postForm(s.tim, s.path, { original: String(s.target.id) });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('Der Status kann nicht von „Erledigt“ zu „Doppelt gemeldet“ wechseln.');
    expect(await snapshot(s.ctx)).toEqual(closedBefore);
    // A closed report offers no merge form at all.
    expect(await (await s.tim.request(`/intern/meldungen/${s.duplicate.id}`)).text()).not.toContain('id="duplicate-of"');
  });
});
