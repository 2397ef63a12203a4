// The daily digest against a real SMTP server: only reports not yet told, stamped afterwards, one
// mail per department and day, nothing sent twice, bin tasks counted (never listed one by one).
import { afterEach, describe, expect, it } from 'vitest';
import { recordBinPress } from '../../db/bin-tasks.ts';
import { changeReportState } from '../../db/reports.ts';
import { notifyDepartmentOfReport } from '../../server/notify/department.ts';
import { runDigest } from '../../server/notify/digest.ts';
import { categoryId, createReport } from '../helpers.ts';
import { BASE, mailSetup, setNotifyMode } from './helpers.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setup() {
  const s = await mailSetup();
  cleanup.push(() => s.smtp.close());
  const entsorgung = await setNotifyMode(s.ctx, 'entsorgung', 'digest');
  return { ...s, entsorgung };
}
type Setup = Awaited<ReturnType<typeof setup>>;

async function reportFor(s: Setup, departmentId: number, description: string) {
  const report = await createReport(s.ctx, { category: 'illegale-ablagerung', description, district: 'Mombach' });
  await s.ctx.db.updateTable('reports').set({ department_id: departmentId }).where('id', '=', report.id).execute();
  return report;
}

async function pressBins(s: Setup, count: number) {
  const bins = await s.ctx.db.selectFrom('bins').select(['id', 'lat', 'lon']).orderBy('id').limit(count).execute();
  const full = await categoryId(s.ctx.db, 'papierkorb-voll');
  const ids: number[] = [];
  for (const bin of bins) ids.push((await recordBinPress(s.ctx.db, { bin, categoryId: full, text: null, now: s.ctx.clock.now().toISOString() })).reportId);
  await s.ctx.db.updateTable('reports').set({ department_id: s.entsorgung }).where('id', 'in', ids).execute();
  return ids;
}

const stampOf = async (s: Setup, id: number) =>
  (await s.ctx.db.selectFrom('reports').select('department_notified_at').where('id', '=', id).executeTakeFirstOrThrow()).department_notified_at;

describe('the daily digest', () => {
  it('lists every open report not yet told, counts new bin tasks, and stamps what it listed', async () => {
    const s = await setup();
    const first = await reportFor(s, s.entsorgung, 'Sperrmüll am Rheinufer');
    s.ctx.clock.advance(60_000);
    const second = await reportFor(s, s.entsorgung, 'Bauschutt im Gebüsch');
    const told = await reportFor(s, s.entsorgung, 'Schon per Mail gemeldet');
    await s.ctx.db.updateTable('reports').set({ department_notified_at: s.ctx.clock.now().toISOString() }).where('id', '=', told.id).execute();
    const closed = await reportFor(s, s.entsorgung, 'Schon erledigt');
    await changeReportState(s.ctx.db, closed.id, { to: 'done', actor: 'test', now: s.ctx.clock.now().toISOString() });
    const binIds = await pressBins(s, 3);
    s.ctx.clock.advance(3600_000);

    const result = await runDigest(s.ctx);
    expect(result).toMatchObject({ sent: 1, reports: 2, failed: 0 });
    expect(s.smtp.received).toHaveLength(1);
    const mail = s.smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(['entsorgung@stadt.example']);
    expect(mail.subject).toBe('Stadtmelder: 2 neue Meldung(en), Entsorgungsbetrieb');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('Neue Meldungen: 2');
    expect(mail.text.indexOf('Sperrmüll am Rheinufer')).toBeLessThan(mail.text.indexOf('Bauschutt im Gebüsch'));
    expect(mail.text).toContain(`${BASE}/intern/meldungen/${first.id}\n`);
    expect(mail.text).toContain(`${BASE}/intern/meldungen/${second.id}\n`);
    expect(mail.text).toMatch(/Ortsbezirk: +Mombach\n/);
    expect(mail.text).not.toContain('Schon per Mail gemeldet');
    expect(mail.text).not.toContain('Schon erledigt');
    expect(mail.text).toContain(`Neue Papierkorb-Aufträge seit der letzten Übersicht: 3. Sie stehen in der Kolonnen-Ansicht: ${BASE}/intern/kolonne`);
    for (const id of binIds) expect(mail.text).not.toContain(`/intern/meldungen/${id}\n`);
    const now = s.ctx.clock.now().toISOString();
    expect([await stampOf(s, first.id), await stampOf(s, second.id), await stampOf(s, closed.id)]).toEqual([now, now, null]);
    const department = await s.ctx.db.selectFrom('departments').select('digest_sent_at').where('id', '=', s.entsorgung).executeTakeFirstOrThrow();
    expect(department.digest_sent_at).toBe(now);
  });

  it('sends nothing twice: a second run the same day sends nothing; the next day lists only what is new', async () => {
    const s = await setup();
    const old = await reportFor(s, s.entsorgung, 'Alte Matratze');
    expect((await runDigest(s.ctx)).sent).toBe(1);
    const later = await reportFor(s, s.entsorgung, 'Neue Reifen');
    s.ctx.clock.advance(3600_000);
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 0, reports: 0 });
    expect(s.smtp.received).toHaveLength(1);
    s.ctx.clock.advance(24 * 3600_000);
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 1, reports: 1 });
    expect(s.smtp.received).toHaveLength(2);
    const next = s.smtp.received[1]!.text;
    expect(next).toContain('Neue Reifen');
    expect(next).toContain(`/intern/meldungen/${later.id}\n`);
    expect(next).not.toContain(`/intern/meldungen/${old.id}\n`);
    // A day with nothing new: no mail at all.
    s.ctx.clock.advance(24 * 3600_000);
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 0 });
    expect(s.smtp.received).toHaveLength(2);
  });

  it('two runs at the same moment (two instances) send one mail', async () => {
    const s = await setup();
    await reportFor(s, s.entsorgung, 'Kühlschrank am Waldrand');
    const results = await Promise.all([runDigest(s.ctx), runDigest(s.ctx)]);
    expect(results.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(s.smtp.received).toHaveLength(1);
  });

  it('leaves "immediate" and "off" departments and departments without an address alone', async () => {
    const s = await setup();
    const tiefbau = await setNotifyMode(s.ctx, 'tiefbau', 'immediate');
    const gruen = await setNotifyMode(s.ctx, 'gruen', 'off');
    const ordnung = await setNotifyMode(s.ctx, 'ordnung', 'digest', null);
    const reports = [await reportFor(s, tiefbau, 'a'), await reportFor(s, gruen, 'b'), await reportFor(s, ordnung, 'c')];
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 0 });
    expect(s.smtp.received).toHaveLength(0);
    for (const r of reports) expect(await stampOf(s, r.id)).toBeNull();
  });

  it('a failed send stamps nothing and gives the day back: the next run sends it', async () => {
    const s = await setup();
    const report = await reportFor(s, s.entsorgung, 'Altreifen');
    s.smtp.rejectRecipients(true);
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 0, failed: 1 });
    expect(await stampOf(s, report.id)).toBeNull();
    expect((await s.ctx.db.selectFrom('departments').select('digest_sent_at').where('id', '=', s.entsorgung).executeTakeFirstOrThrow()).digest_sent_at).toBeNull();
    expect(s.logs().find((l) => l.msg === 'digest not sent')).toMatchObject({ department: s.entsorgung, responseCode: 550 });
    expect(s.logLines.join('\n')).not.toContain('entsorgung@stadt.example');
    s.smtp.rejectRecipients(false);
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 1, reports: 1 });
    expect(await stampOf(s, report.id)).toBe(s.ctx.clock.now().toISOString());
  });

  it('bin tasks alone give a short summary mail', async () => {
    const s = await setup();
    await pressBins(s, 2);
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 1, reports: 0 });
    const mail = s.smtp.received[0]!;
    expect(mail.subject).toBe('Stadtmelder: Tagesübersicht, Entsorgungsbetrieb');
    expect(mail.text).toContain('Seit der letzten Übersicht sind keine neuen Meldungen eingegangen.');
    expect(mail.text).toContain('Neue Papierkorb-Aufträge seit der letzten Übersicht: 2.');
  });
});

describe('forwarding (notifyDepartmentOfReport with a reason)', () => {
  it('mails an "immediate" department at once with the reason, even if the old department was told', async () => {
    const s = await setup();
    const tiefbau = await setNotifyMode(s.ctx, 'tiefbau', 'immediate');
    const report = await reportFor(s, tiefbau, 'Schlagloch, eigentlich Gehweg');
    await s.ctx.db.updateTable('reports').set({ department_notified_at: '2026-11-20T08:00:00.000Z' }).where('id', '=', report.id).execute();
    expect(await notifyDepartmentOfReport(s.ctx, report.id, 'Gehört zum Tiefbau, nicht zu uns')).toBe('sent');
    const mail = s.smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(['tiefbau@stadt.example']);
    expect(mail.subject).toBe(`Weitergeleitete Meldung ${report.id}: Illegale Müllablagerung (Mombach)`);
    expect(mail.text).toContain('Zuständig ist jetzt: Tiefbauamt.');
    expect(mail.text).toContain('Grund der Weiterleitung: Gehört zum Tiefbau, nicht zu uns');
    expect(await stampOf(s, report.id)).toBe(s.ctx.clock.now().toISOString());
  });

  it('puts the report into the next digest of a "digest" department', async () => {
    const s = await setup();
    const report = await reportFor(s, s.entsorgung, 'Weitergeleitet an Entsorgung');
    await s.ctx.db.updateTable('reports').set({ department_notified_at: '2026-11-20T08:00:00.000Z' }).where('id', '=', report.id).execute();
    expect(await notifyDepartmentOfReport(s.ctx, report.id, null)).toBe('digest');
    expect(s.smtp.received).toHaveLength(0);
    expect(await stampOf(s, report.id)).toBeNull();
    expect(await runDigest(s.ctx)).toMatchObject({ sent: 1, reports: 1 });
    expect(s.smtp.received[0]!.text).toContain('Weitergeleitet an Entsorgung');
  });

  it('answers "missing" for an unknown report and never throws', async () => {
    const s = await setup();
    expect(await notifyDepartmentOfReport(s.ctx, 999_999)).toBe('missing');
  });
});
