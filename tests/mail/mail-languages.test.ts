// The mails to a reporter in Turkish, Arabic and Ukrainian, over a real SMTP server: subject, text and
// links in the language the report was written in, and a Content-Language header that says which.
import { describe, expect, it } from 'vitest';
import { changeReportState } from '../../db/reports.ts';
import { createApp } from '../../server/app.ts';
import { createMailer } from '../../server/mailer.ts';
import { notifySubscribers, subscribeReporter } from '../../server/subscriptions.ts';
import { createReport, createTestContext } from '../helpers.ts';
import { linksIn, smtpServerForFile } from './smtp.ts';

const BASE = 'https://melder.mainz.de';

const smtp = smtpServerForFile();

describe('mails in the reporter’s language', () => {
  it.each([
    ['tr', 'Lütfen onaylayın: {id} numaralı bildiriminizle ilgili e-postalar', '{id} numaralı bildiriminiz: Tamamlandı', 'Durum: Tamamlandı'],
    ['ar', 'يُرجى التأكيد: رسائل بريد إلكتروني عن بلاغكم رقم {id}', 'بلاغكم رقم {id}: تم الإنجاز', 'الحالة: تم الإنجاز'],
    ['uk', 'Підтвердьте, будь ласка: листи щодо вашого повідомлення № {id}', 'Ваше повідомлення № {id}: Виконано', 'Стан: Виконано'],
  ] as const)('%s: the confirmation and the status mail', async (lang, confirmSubject, statusSubject, stateLine) => {
    const ctx = await createTestContext({ config: { publicBaseUrl: BASE }, mailer: createMailer(smtp.url, 'Stadtmelder <noreply@melder.mainz.de>') });
    const app = createApp(ctx);
    const report = await createReport(ctx);
    smtp.received.length = 0;
    await subscribeReporter(ctx, { reportId: report.id, email: 'leyla@example.org', lang });
    const confirmation = smtp.received.at(-1)!;
    expect(confirmation.subject).toBe(confirmSubject.replace('{id}', String(report.id)));
    expect(confirmation.headers.get('content-language')).toBe(lang);
    const [manage, remove] = linksIn(confirmation.text, BASE);
    expect(manage).toMatch(new RegExp(`/abo/[A-Za-z0-9_-]+\\?lang=${lang}$`));
    expect(remove).toMatch(new RegExp(`/entfernen\\?lang=${lang}$`));
    // The page behind the link speaks the same language.
    const managePage = await (await app.request(manage!.slice(BASE.length))).text();
    expect(managePage).toContain(`<html lang="${lang}"`);

    const token = /\/abo\/([A-Za-z0-9_-]+)/.exec(manage!)![1]!;
    expect((await app.request(`/abo/${token}/bestaetigen`, { method: 'POST' })).status).toBe(303);
    await changeReportState(ctx.db, report.id, { to: 'done', actor: 'tiefbau', now: ctx.clock.now().toISOString(), answer: 'Erledigt.' });
    expect(await notifySubscribers(ctx, report.id, 'Erledigt.')).toBe(1);
    const status = smtp.received.at(-1)!;
    expect(status.subject).toBe(statusSubject.replace('{id}', String(report.id)));
    expect(status.text).toContain(stateLine);
    expect(linksIn(status.text, BASE)[0]).toBe(`${BASE}/m/${report.id}?lang=${lang}`);
    expect(status.headers.get('content-language')).toBe(lang);
  });
});
