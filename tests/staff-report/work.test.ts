// Acknowledge, state changes (with and without a public answer), public answers, internal notes and
// answer templates: what each writes, what it refuses (409 for a transition the table forbids, 422
// for bad input with the input kept and nothing written), and what the public page shows afterwards.
import { describe, expect, it } from 'vitest';
import { changeReportState } from '../../db/reports.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { eventsOf, postForm, reportRow, snapshot, textOf } from './helpers.ts';

async function setup() {
  const { app, ctx } = await createTestApp();
  const tim = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  const report = await createReport(ctx, { description: 'Schlagloch' });
  return { app, ctx, tim, report, path: (action: string) => `/intern/meldungen/${report.id}/${action}` };
}

describe('acknowledge', () => {
  it('moves a new report to "acknowledged" with the colleague as actor and shows the status message', async () => {
    const s = await setup();
    const res = await postForm(s.tim, s.path('gesehen'));
    expect(res.status).toBe(303);
    const row = await reportRow(s.ctx, s.report.id);
    expect(row.state).toBe('acknowledged');
    expect(row.acknowledged_at).toBe(s.ctx.clock.now().toISOString());
    const last = (await eventsOf(s.ctx, s.report.id)).at(-1)!;
    expect(last).toMatchObject({ type: 'state_changed', from_state: 'new', to_state: 'acknowledged', actor: `staff:${s.tim.staff.id}`, public: 0 });
    const page = textOf(await (await s.tim.request(res.headers.get('Location')!)).text());
    expect(page).toContain('Die Meldung ist als gesehen markiert.');
    expect(page).toContain('Status geändert Neu → Gesehen Tim Tiefbau');
  });

  it('refuses with 409 once the report is no longer new (no reopening through this button)', async () => {
    const s = await setup();
    await changeReportState(s.ctx.db, s.report.id, { to: 'done', actor: null, now: s.ctx.clock.now().toISOString() });
    const before = await snapshot(s.ctx);
    const res = await postForm(s.tim, s.path('gesehen'));
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('Der Status kann nicht von „Erledigt“ zu „Gesehen“ wechseln.');
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('change state', () => {
  it('offers only the allowed transitions', async () => {
    const s = await setup();
    await changeReportState(s.ctx.db, s.report.id, { to: 'in_progress', actor: null, now: s.ctx.clock.now().toISOString() });
    const html = await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text();
    const select = /<select id="status-to"[\s\S]*?<\/select>/.exec(html)![0];
    const offered = [...select.matchAll(/<option value="([a-z_]*)"/g)].map((m) => m[1]);
    expect(offered).toEqual(['', 'done', 'rejected', 'not_responsible', 'duplicate', 'no_action']);
    expect(html).not.toContain('Als gesehen markieren');
  });

  it('closes with a public answer: one state_changed event carrying the answer, shown on /m/{n}', async () => {
    const s = await setup();
    const res = await postForm(s.tim, s.path('status'), { status: 'done', antwort: 'Das Loch ist\r\ngeflickt.  ' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/intern/meldungen/${s.report.id}?erledigt=status&mails=0`);
    const row = await reportRow(s.ctx, s.report.id);
    expect(row.state).toBe('done');
    expect(row.closed_at).not.toBeNull();
    const last = (await eventsOf(s.ctx, s.report.id)).at(-1)!;
    expect(last).toMatchObject({ type: 'state_changed', from_state: 'new', to_state: 'done', body: 'Das Loch ist\ngeflickt.', public: 1 });
    const publicPage = textOf(await (await s.app.request(`/m/${s.report.id}`)).text());
    expect(publicPage).toContain('Das Loch ist geflickt.');
  });

  it('refuses a transition the table forbids with 409 in German, and in English with ?lang=en', async () => {
    const s = await setup();
    await changeReportState(s.ctx.db, s.report.id, { to: 'in_progress', actor: null, now: s.ctx.clock.now().toISOString() });
    const before = await snapshot(s.ctx);
    const res = await postForm(s.tim, s.path('status'), { status: 'acknowledged' });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('Der Status kann nicht von „In Bearbeitung“ zu „Gesehen“ wechseln.');
    const en = await postForm(s.tim, `${s.path('status')}?lang=en`, { status: 'new' });
    expect(en.status).toBe(409);
    expect(textOf(await en.text())).toContain('“In progress”');
    expect(await snapshot(s.ctx)).toEqual(before);
  });

  it('refuses a missing or unknown state and an over-long answer with 422 at the field, input kept', async () => {
    const s = await setup();
    const before = await snapshot(s.ctx);
    const missing = await postForm(s.tim, s.path('status'), { status: '', antwort: 'Mein Text bleibt' });
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(html).toContain('<p class="field-error" id="status-to-error">Bitte wählen Sie den neuen Status.</p>');
    expect(html).toMatch(/<select id="status-to" name="status" required="" aria-invalid="true" aria-describedby="status-to-error"/);
    expect(html).toContain('Mein Text bleibt</textarea>');
    expect(html).toContain('<title>Fehler: Meldung');
    const unknown = await postForm(s.tim, s.path('status'), { status: 'verschwunden' });
    expect(unknown.status).toBe(422);
    expect(textOf(await unknown.text())).toContain('Den Status „verschwunden“ gibt es nicht.');
    const long = await postForm(s.tim, s.path('status'), { status: 'done', antwort: 'x'.repeat(4001) });
    expect(long.status).toBe(422);
    expect(textOf(await long.text())).toContain('Der Text ist zu lang: höchstens 4000 Zeichen.');
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('public answer and internal note', () => {
  it('an answer is public (event answer, public 1) and appears on /m/{n}; a note is internal and does not', async () => {
    const s = await setup();
    expect((await postForm(s.tim, s.path('antwort'), { text: 'Wir reparieren das nächste Woche.' })).status).toBe(303);
    expect((await postForm(s.tim, s.path('notiz'), { text: 'Firma Meier beauftragt, Auftrag 4711.' })).status).toBe(303);
    const [answer, note] = (await eventsOf(s.ctx, s.report.id)).slice(-2);
    expect(answer).toMatchObject({ type: 'answer', body: 'Wir reparieren das nächste Woche.', public: 1, actor: `staff:${s.tim.staff.id}` });
    expect(note).toMatchObject({ type: 'note', body: 'Firma Meier beauftragt, Auftrag 4711.', public: 0 });
    const publicPage = textOf(await (await s.app.request(`/m/${s.report.id}`)).text());
    expect(publicPage).toContain('Wir reparieren das nächste Woche.');
    expect(publicPage).not.toContain('Auftrag 4711');
    const staffPage = textOf(await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text());
    expect(staffPage).toContain('Öffentliche Antwort Tim Tiefbau Wir reparieren das nächste Woche. öffentlich');
    expect(staffPage).toContain('Interne Notiz Tim Tiefbau Firma Meier beauftragt, Auftrag 4711. intern');
  });

  it('refuses empty and over-long texts with 422, nothing written', async () => {
    const s = await setup();
    const before = await snapshot(s.ctx);
    for (const action of ['antwort', 'notiz']) {
      const empty = await postForm(s.tim, s.path(action), { text: '   \r\n ' });
      expect(empty.status).toBe(422);
      expect(textOf(await empty.text())).toContain('Bitte geben Sie einen Text ein.');
      const long = await postForm(s.tim, s.path(action), { text: 'ä'.repeat(4001) });
      expect(long.status).toBe(422);
      expect(await long.text()).toContain('ä'.repeat(4001));
    }
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});

describe('answer templates', () => {
  it('offers templates of the category (or all) and state (or any), and inserts one without JavaScript', async () => {
    const s = await setup();
    const html = await (await s.tim.request(`/intern/meldungen/${s.report.id}`)).text();
    const answerSelect = /<select id="answer-template"[\s\S]*?<\/select>/.exec(html)![0];
    // A new pothole: the general template for any state; none for "done" or for street lights.
    expect(answerSelect).toContain('Eingangsbestätigung');
    expect(answerSelect).not.toContain('Schlagloch: geflickt');
    expect(answerSelect).not.toContain('Laterne');
    const stateSelect = /<select id="status-template"[\s\S]*?<\/select>/.exec(html)![0];
    expect(stateSelect).toContain('Schlagloch: geflickt (Erledigt)');
    expect(stateSelect).not.toContain('Laterne: repariert');

    const template = await s.ctx.db.selectFrom('response_templates').selectAll().where('title', '=', 'Schlagloch: geflickt').executeTakeFirstOrThrow();
    const before = await snapshot(s.ctx);
    const res = await postForm(s.tim, s.path('status'), { vorlage: String(template.id), vorlage_einsetzen: '1', status: '', antwort: '' });
    expect(res.status).toBe(200);
    const filled = await res.text();
    expect(filled).toContain(`${template.body}</textarea>`);
    expect(filled).toContain('<option value="done" selected="">Erledigt</option>');
    expect(await snapshot(s.ctx)).toEqual(before);

    const general = await s.ctx.db.selectFrom('response_templates').selectAll().where('title', '=', 'Eingangsbestätigung').executeTakeFirstOrThrow();
    const answer = await postForm(s.tim, s.path('antwort'), { vorlage: String(general.id), vorlage_einsetzen: '1', text: '' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(`${general.body}</textarea>`);
    // A template of another category cannot be inserted by guessing its id.
    const foreign = await s.ctx.db.selectFrom('response_templates').select('id').where('title', '=', 'Laterne: repariert').executeTakeFirstOrThrow();
    const refused = await postForm(s.tim, s.path('antwort'), { vorlage: String(foreign.id), vorlage_einsetzen: '1', text: 'bleibt' });
    expect(refused.status).toBe(422);
    expect(await snapshot(s.ctx)).toEqual(before);
  });
});
