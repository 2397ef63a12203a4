// The mail to a department when a citizen files a report, through the real form and a real SMTP
// server: immediate, off, no address, digest (nothing at once), SMTP down or hanging.
import { afterEach, describe, expect, it } from 'vitest';
import { settleDepartmentNotifications } from '../../server/notify/department.ts';
import { pointIn } from '../helpers.ts';
import { postReportForm } from '../report/helpers.ts';
import { BASE, mailSetup, setNotifyMode, startSilentServer } from './helpers.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await settleDepartmentNotifications();
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setup(options: Parameters<typeof mailSetup>[0] = {}) {
  const s = await mailSetup(options);
  cleanup.push(() => s.smtp.close());
  return s;
}

async function fileInEbersheim(s: Awaited<ReturnType<typeof setup>>, fields: Record<string, string> = {}) {
  const point = await pointIn(s.ctx.db, 'Ebersheim');
  const res = await postReportForm(s.app, s.ctx, 'strassenschaden', { fields: { lat: String(point.lat), lon: String(point.lon), beschreibung: 'Tiefes Loch vor Haus 12, Radfahrer weichen aus', ...fields } });
  expect(res.status).toBe(303);
  const report = await s.ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { res, report };
}

const toDepartment = (s: Awaited<ReturnType<typeof setup>>, address: string) => s.smtp.received.filter((m) => m.envelopeTo.includes(address));

describe('a new citizen report', () => {
  it('is mailed at once to an "immediate" department: category, number, place, district, description, due time, link; never the reporter', async () => {
    const s = await setup();
    const { report } = await fileInEbersheim(s, { email: 'anna@example.org' });
    await settleDepartmentNotifications();
    const mails = toDepartment(s, 'tiefbau@stadt.example');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`Neue Meldung ${report.id}: Straßenschaden / Schlagloch (Ebersheim)`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(mail.text).toContain('Zuständig: Tiefbauamt.');
    expect(mail.text).toMatch(new RegExp(`Meldung: +${report.id}\\n`));
    expect(mail.text).toMatch(/Kategorie: +Straßenschaden \/ Schlagloch\n/);
    expect(mail.text).toMatch(/Ort: +Punkt auf der Karte \(49\.\d{5}, 8\.\d{5}\)\n/);
    expect(mail.text).toMatch(/Ortsbezirk: +Ebersheim\n/);
    expect(mail.text).toMatch(/Eingegangen: +21\.11\.2026, 11:00\n/);
    // Straßenschaden: target time from the category; due_at as createReport stored it.
    expect(report.due_at).not.toBeNull();
    const due = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(report.due_at!));
    expect(mail.text).toMatch(new RegExp(`Zu erledigen bis: +${due}\\n`));
    expect(mail.text).toContain('Tiefes Loch vor Haus 12, Radfahrer weichen aus');
    expect(mail.text).toContain(`${BASE}/intern/meldungen/${report.id}\n`);
    expect(mail.raw).not.toContain('anna@example.org');
    // The reporter got only the confirmation of her own address.
    expect(s.smtp.received.filter((m) => m.envelopeTo.includes('anna@example.org'))).toHaveLength(1);
    const stamped = await s.ctx.db.selectFrom('reports').select('department_notified_at').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(stamped.department_notified_at).toBe(s.ctx.clock.now().toISOString());
    expect(s.logs().find((l) => l.msg === 'department mail sent')).toMatchObject({ kind: 'new', report: report.id });
  });

  it('is not mailed when the department is "off", or has no address, or is on the digest; and stays unstamped', async () => {
    for (const [mode, email] of [['off', 'tiefbau@stadt.example'], ['immediate', null], ['digest', 'tiefbau@stadt.example']] as const) {
      const s = await setup();
      await setNotifyMode(s.ctx, 'tiefbau', mode, email);
      const { report } = await fileInEbersheim(s);
      await settleDepartmentNotifications();
      expect(toDepartment(s, 'tiefbau@stadt.example'), mode).toHaveLength(0);
      expect(s.smtp.received, mode).toHaveLength(0);
      const row = await s.ctx.db.selectFrom('reports').select('department_notified_at').where('id', '=', report.id).executeTakeFirstOrThrow();
      expect(row.department_notified_at, mode).toBeNull();
    }
  });

  it('is filed normally when the SMTP server is down: the failure is logged without an address, the report stays unstamped', async () => {
    const down = await setup();
    await down.smtp.close();
    cleanup = [];
    const { res, report } = await fileInEbersheim(down);
    expect(res.headers.get('location')).toMatch(/^\/status\/[\w-]{24}\?neu=1$/);
    await settleDepartmentNotifications();
    const failure = down.logs().find((l) => l.msg === 'department mail not sent');
    expect(failure).toMatchObject({ kind: 'new', report: report.id, code: 'ESOCKET' });
    expect(down.logLines.join('\n')).not.toContain('tiefbau@stadt.example');
    const row = await down.ctx.db.selectFrom('reports').select('department_notified_at').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.department_notified_at).toBeNull();
    expect(await (await down.app.request(res.headers.get('location')!)).text()).toContain(`Ihre Meldung Nr. ${report.id} ist angekommen.`);
  });

  it('does not make the citizen wait for a mail server that hangs', async () => {
    const silent = await startSilentServer();
    const s = await setup({ smtpUrl: silent.url });
    cleanup.push(() => silent.close());
    const started = performance.now();
    const { res } = await fileInEbersheim(s);
    const ms = performance.now() - started;
    expect(res.status).toBe(303);
    // The mailer waits up to 10 s for the greeting; the citizen's answer came long before.
    expect(ms).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(silent.connections()).toBe(1); // the mail is still under way
    await silent.close();
    await settleDepartmentNotifications();
    expect(s.logs().find((l) => l.msg === 'department mail not sent')).toBeTruthy();
  });
});
