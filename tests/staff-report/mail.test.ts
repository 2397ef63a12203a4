// Public answers reach confirmed reporters by mail, checked at a real SMTP server: the answer, the
// state, the report link and a working removal link; unconfirmed addresses get nothing. After a
// merge, a moved subscriber gets the target's answers with a fresh link that works.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createMailer } from '../../server/mailer.ts';
import { linksIn, smtpServerForFile } from '../mail/smtp.ts';
import { settleDepartmentNotifications } from '../../server/notify/department.ts';
import { createReport, createTestContext, departmentId } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { addSubscriber, postForm, textOf } from './helpers.ts';

const BASE = 'https://melder.mainz.de';
const smtp = smtpServerForFile();
afterEach(() => {
  smtp.received.length = 0;
});

async function setup() {
  const ctx = await createTestContext({ config: { publicBaseUrl: BASE }, mailer: createMailer(smtp.url, 'Stadtmelder Mainz <noreply@melder.mainz.de>') });
  const app = createApp(ctx);
  const tim = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  const report = await createReport(ctx);
  return { ctx, app, tim, report };
}

describe('answer mails', () => {
  it('a public answer goes to confirmed reporters only, with the answer and a removal link that works', async () => {
    const s = await setup();
    await addSubscriber(s.ctx, s.report.id, 'anna@example.org');
    await addSubscriber(s.ctx, s.report.id, 'ben@example.org', { confirmed: false });
    const res = await postForm(s.tim, `/intern/meldungen/${s.report.id}/antwort`, { text: 'Die Reparatur ist für Dienstag geplant.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toContain('erledigt=antwort&mails=1');
    expect(textOf(await (await s.tim.request(res.headers.get('Location')!)).text())).toContain('Die Antwort ist veröffentlicht. E-Mails verschickt: 1.');

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(['anna@example.org']);
    expect(mail.subject).toBe(`Ihre Meldung Nr. ${s.report.id}: Neu`);
    expect(mail.text).toContain('Antwort der Stadt:');
    expect(mail.text).toContain('Die Reparatur ist für Dienstag geplant.');
    expect(mail.text).not.toContain('Tim Tiefbau');
    const [reportLink, removeLink] = linksIn(mail.text, BASE);
    expect(reportLink).toBe(`${BASE}/m/${s.report.id}`);
    expect(removeLink).toMatch(new RegExp(`^${BASE}/abo/[A-Za-z0-9_-]{43}/entfernen$`));
    const removed = await s.app.request(removeLink!.slice(BASE.length), { method: 'POST' });
    expect(removed.status).toBe(303);
    const anna = await s.ctx.db.selectFrom('subscriptions').selectAll().where('report_id', '=', s.report.id).orderBy('id').executeTakeFirstOrThrow();
    expect(anna.email).toBeNull();
  });

  it('closing with an answer mails the new state; a state change without answer mails nothing', async () => {
    const s = await setup();
    await addSubscriber(s.ctx, s.report.id, 'anna@example.org', { lang: 'en' });
    expect((await postForm(s.tim, `/intern/meldungen/${s.report.id}/status`, { status: 'acknowledged' })).status).toBe(303);
    expect(smtp.received).toHaveLength(0);
    expect((await postForm(s.tim, `/intern/meldungen/${s.report.id}/status`, { status: 'done', antwort: 'Geflickt.' })).status).toBe(303);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe(`Your report no. ${s.report.id}: Done`);
    expect(smtp.received[0]!.text).toContain('Geflickt.');
  });

  it('after a merge the moved subscriber gets the target’s answer, with a new removal link that works', async () => {
    const s = await setup();
    const duplicate = await createReport(s.ctx);
    await addSubscriber(s.ctx, duplicate.id, 'carla@example.org');
    expect((await postForm(s.tim, `/intern/meldungen/${duplicate.id}/duplikat`, { original: String(s.report.id) })).status).toBe(303);
    expect((await postForm(s.tim, `/intern/meldungen/${s.report.id}/antwort`, { text: 'Wir kümmern uns.' })).status).toBe(303);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['carla@example.org']]);
    const [, removeLink] = linksIn(smtp.received[0]!.text, BASE);
    const page = await s.app.request(removeLink!.slice(BASE.length).replace(/\/entfernen$/, ''));
    expect(page.status).toBe(200);
    expect((await s.app.request(removeLink!.slice(BASE.length), { method: 'POST' })).status).toBe(303);
    const rows = await s.ctx.db.selectFrom('subscriptions').select(['report_id', 'email']).orderBy('id').execute();
    expect(rows).toEqual([
      { report_id: duplicate.id, email: null },
      { report_id: s.report.id, email: null },
    ]);
  });
});

describe('forwarding', () => {
  it('mails the new department, with the reason, once the forward is committed', async () => {
    const { ctx, tim, report } = await setup();
    const gruen = await departmentId(ctx.db, 'gruen');
    await ctx.db.updateTable('departments').set({ notify_mode: 'immediate', email: 'gruen@stadt.example' }).where('id', '=', gruen).execute();
    const res = await postForm(tim, `/intern/meldungen/${report.id}/weiterleiten`, { fachamt: String(gruen), grund: 'Baumwurzel hebt den Gehweg: Grünamt.' });
    expect(res.status).toBe(303);
    await settleDepartmentNotifications();
    const mails = smtp.received.filter((m) => m.envelopeTo.includes('gruen@stadt.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Weitergeleitete Meldung ${report.id}: ${await categoryName(ctx, report.category_id)} (${await districtName(ctx, report.district_id)})`);
    expect(mails[0]!.text).toContain('Grund der Weiterleitung: Baumwurzel hebt den Gehweg: Grünamt.');
    expect(mails[0]!.text).toContain(`${BASE}/intern/meldungen/${report.id}`);
  });
});

async function categoryName(ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number) {
  return (await ctx.db.selectFrom('categories').select('name_de').where('id', '=', id).executeTakeFirstOrThrow()).name_de;
}

async function districtName(ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number | null) {
  return (await ctx.db.selectFrom('districts').select('name').where('id', '=', id!).executeTakeFirstOrThrow()).name;
}
