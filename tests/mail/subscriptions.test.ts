// Double opt-in against a real SMTP server: what arrives, in which language, with which links and
// headers; that opening a link changes nothing and only the buttons (POST) do; and that a mail
// server that refuses or is gone is logged without the address and never fails the caller.
import { afterEach, describe, expect, it } from 'vitest';
import { changeReportState } from '../../db/reports.ts';
import { createApp } from '../../server/app.ts';
import { createMailer } from '../../server/mailer.ts';
import { hashToken, notifySubscribers, subscribeReporter } from '../../server/subscriptions.ts';
import { createReport, createTestContext } from '../helpers.ts';
import { linksIn, smtpServerForFile, startSmtpServer } from './smtp.ts';

const BASE = 'https://melder.mainz.de';
const FROM = 'Stadtmelder Mainz <noreply@melder.mainz.de>';
const ANNA = 'anna.beispiel@example.org';

const smtp = smtpServerForFile();
afterEach(() => {
  smtp.received.length = 0;
  smtp.rejectRecipients(false);
});

async function setup(options: { mailer?: boolean } = {}) {
  const logLines: string[] = [];
  const ctx = await createTestContext({
    logLines,
    config: { publicBaseUrl: BASE },
    mailer: options.mailer === false ? undefined : createMailer(smtp.url, FROM),
  });
  const report = await createReport(ctx);
  return { ctx, app: createApp(ctx), report, logLines };
}

function tokenFrom(link: string): string {
  const match = /\/abo\/([A-Za-z0-9_-]+)/.exec(link);
  if (!match) throw new Error(`no token in ${link}`);
  return match[1]!;
}

async function subscribe(s: Awaited<ReturnType<typeof setup>>, lang: 'de' | 'en' = 'de', email = ANNA) {
  const before = smtp.received.length;
  await subscribeReporter(s.ctx, { reportId: s.report.id, email, lang });
  expect(smtp.received.length).toBe(before + 1);
  const mail = smtp.received.at(-1)!;
  const [manage, remove] = linksIn(mail.text, BASE);
  return { mail, token: tokenFrom(manage!), manage: manage!, remove: remove! };
}

const subscriptionRows = (s: Awaited<ReturnType<typeof setup>>) => s.ctx.db.selectFrom('subscriptions').selectAll().orderBy('id').execute();

describe('the confirmation mail', () => {
  it('arrives in German with the report number, a confirmation and a removal link and RFC 8058 headers', async () => {
    const s = await setup();
    const { mail, token, manage, remove } = await subscribe(s);
    expect(mail.envelopeTo).toEqual([ANNA]);
    expect(mail.headers.get('from')).toBe(FROM);
    expect(mail.user).toBe('melder'); // the credentials of SMTP_URL were used
    expect(mail.subject).toBe(`Bitte bestätigen: E-Mails zu Ihrer Meldung Nr. ${s.report.id}`);
    expect(mail.text).toContain(`Ihrer Meldung Nr. ${s.report.id} beim Stadtmelder Mainz`);
    expect(mail.text).toContain('„Adresse bestätigen“');
    expect(mail.text).toContain('Ohne Bestätigung bekommen Sie von uns keine weiteren E-Mails.');
    expect(mail.text).toContain('30 Tage nach dem Abschluss');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    expect(manage).toBe(`${BASE}/abo/${token}`);
    expect(remove).toBe(`${BASE}/abo/${token}/entfernen`);
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${BASE}/abo/${token}/entfernen>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('arrives in English for an English reporter, with links that keep the language', async () => {
    const s = await setup();
    const { mail, token, manage, remove } = await subscribe(s, 'en');
    expect(mail.subject).toBe(`Please confirm: e-mails about your report no. ${s.report.id}`);
    expect(mail.text).toContain('Hello,');
    expect(mail.text).toContain('“Confirm address”');
    expect(mail.text).not.toContain('Adresse');
    expect(manage).toBe(`${BASE}/abo/${token}?lang=en`);
    expect(remove).toBe(`${BASE}/abo/${token}/entfernen?lang=en`);
    const page = await (await s.app.request(new URL(manage).pathname + new URL(manage).search)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Confirm address');
  });

  it('stores the address unconfirmed and only the hash of the token', async () => {
    const s = await setup();
    const { token } = await subscribe(s, 'en');
    const [row] = await subscriptionRows(s);
    expect(row).toMatchObject({ report_id: s.report.id, email: ANNA, lang: 'en', confirmed_at: null, removed_at: null, token_hash: hashToken(token) });
    expect(JSON.stringify(await subscriptionRows(s))).not.toContain(token);
  });

  it('is not sent, and no address is kept, when mail is off (no SMTP_URL)', async () => {
    const s = await setup({ mailer: false });
    await subscribeReporter(s.ctx, { reportId: s.report.id, email: ANNA, lang: 'de' });
    expect(await subscriptionRows(s)).toEqual([]);
    expect(smtp.received).toEqual([]);
  });
});

describe('status mails', () => {
  it('go to nobody before the address is confirmed', async () => {
    const s = await setup();
    await subscribe(s);
    expect(await notifySubscribers(s.ctx, s.report.id, 'Wir sehen uns das an.')).toBe(0);
    expect(smtp.received).toHaveLength(1); // the confirmation only
  });

  it('go out exactly once after the confirm button, with state, answer, report link, removal link and headers', async () => {
    const s = await setup();
    const { token } = await subscribe(s);
    const res = await s.app.request(`/abo/${token}/bestaetigen`, { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/abo/bestaetigt');
    expect((await subscriptionRows(s))[0]!.confirmed_at).toBe(s.ctx.clock.now().toISOString());

    await changeReportState(s.ctx.db, s.report.id, { to: 'done', actor: 'tiefbau', now: s.ctx.clock.now().toISOString(), answer: 'Das Schlagloch ist ausgebessert.' });
    smtp.received.length = 0;
    expect(await notifySubscribers(s.ctx, s.report.id, 'Das Schlagloch ist ausgebessert.')).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual([ANNA]);
    expect(mail.subject).toBe(`Ihre Meldung Nr. ${s.report.id}: Erledigt`);
    expect(mail.text).toContain('Stand: Erledigt');
    expect(mail.text).toContain('Antwort der Stadt:\nDas Schlagloch ist ausgebessert.');
    expect(linksIn(mail.text, BASE)).toEqual([`${BASE}/m/${s.report.id}`, `${BASE}/abo/${token}/entfernen`]);
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${BASE}/abo/${token}/entfernen>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('reach only the confirmed addresses of that report, each in its own language', async () => {
    const s = await setup();
    const other = await createReport(s.ctx);
    const en = await subscribe(s, 'en', 'ben@example.org');
    await subscribe(s, 'de', 'carla@example.org'); // never confirmed
    await subscribeReporter(s.ctx, { reportId: other.id, email: 'dora@example.org', lang: 'de' });
    await s.app.request(`/abo/${en.token}/bestaetigen`, { method: 'POST' });
    await s.app.request(`/abo/${tokenFrom(linksIn(smtp.received.at(-1)!.text, BASE)[0]!)}/bestaetigen`, { method: 'POST' }); // dora, other report
    smtp.received.length = 0;
    expect(await notifySubscribers(s.ctx, s.report.id, 'We are on it.')).toBe(1);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['ben@example.org']]);
    expect(smtp.received[0]!.subject).toBe(`Your report no. ${s.report.id}: New`);
    expect(smtp.received[0]!.text).toContain(`${BASE}/m/${s.report.id}?lang=en`);
  });
});

describe('the links', () => {
  it('are pages that no browser or proxy keeps: their URL is a private token', async () => {
    const s = await setup();
    const { manage, remove } = await subscribe(s);
    for (const link of [manage, remove]) {
      const res = await s.app.request(new URL(link).pathname);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control'), link).toBe('no-store');
    }
  });

  it('change nothing when opened (GET), however often', async () => {
    const s = await setup();
    const { manage, remove } = await subscribe(s);
    const before = await subscriptionRows(s);
    for (const link of [manage, remove, manage, remove]) {
      const res = await s.app.request(new URL(link).pathname);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const manageHtml = await (await s.app.request(new URL(manage).pathname)).text();
    expect(manageHtml).toContain('Adresse bestätigen');
    expect(manageHtml).toContain('Adresse entfernen');
    expect(manageHtml).toContain(`<h1>E-Mails zu Meldung Nr. ${s.report.id}</h1>`);
    const removeHtml = await (await s.app.request(new URL(remove).pathname)).text();
    expect(removeHtml).not.toContain('Adresse bestätigen');
    expect(removeHtml).toContain('Adresse entfernen');
    expect(await subscriptionRows(s)).toEqual(before);
    expect(await notifySubscribers(s.ctx, s.report.id, 'Noch nicht bestätigt.')).toBe(0);
  });

  it('show only the removal button once the address is confirmed', async () => {
    const s = await setup();
    const { token } = await subscribe(s);
    await s.app.request(`/abo/${token}/bestaetigen`, { method: 'POST' });
    await s.app.request(`/abo/${token}/bestaetigen`, { method: 'POST' }); // twice is harmless
    const html = await (await s.app.request(`/abo/${token}`)).text();
    expect(html).toContain('Ihre Adresse ist bestätigt.');
    expect(html).not.toContain('Adresse bestätigen</button>');
    expect(html).toContain('Adresse entfernen</button>');
  });

  it('remove the address with the button: the row stays, the address is gone, no further mail goes out', async () => {
    const s = await setup();
    const { token } = await subscribe(s);
    await s.app.request(`/abo/${token}/bestaetigen`, { method: 'POST' });
    s.ctx.clock.advance(60_000);
    const res = await s.app.request(`/abo/${token}/entfernen?lang=en`, { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/abo/entfernt?lang=en');
    const [row] = await subscriptionRows(s);
    expect(row).toMatchObject({ email: null, removed_at: s.ctx.clock.now().toISOString() });
    expect(row!.confirmed_at).not.toBeNull();
    smtp.received.length = 0;
    expect(await notifySubscribers(s.ctx, s.report.id, 'Erledigt.')).toBe(0);
    expect(smtp.received).toEqual([]);
    // The link is dead now, for pages and buttons alike.
    for (const [path, method] of [[`/abo/${token}`, 'GET'], [`/abo/${token}/entfernen`, 'GET'], [`/abo/${token}/bestaetigen`, 'POST'], [`/abo/${token}/entfernen`, 'POST']]) {
      expect((await s.app.request(path!, { method })).status, `${method} ${path}`).toBe(404);
    }
    expect((await subscriptionRows(s))[0]).toEqual(row);
    const done = await (await s.app.request('/abo/entfernt?lang=en')).text();
    expect(done).toContain('Your address has been deleted.');
  });

  it('remove the address with a mail client’s one-click POST (RFC 8058), answered without a redirect', async () => {
    const s = await setup();
    const { mail } = await subscribe(s);
    const target = /^<(.+)>$/.exec(mail.headers.get('list-unsubscribe')!)![1]!;
    const res = await s.app.request(new URL(target).pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Ihre Adresse ist gelöscht.');
    expect((await subscriptionRows(s))[0]!.email).toBeNull();
  });

  it('answer an unknown token with a clear 404 page in the reader’s language', async () => {
    const s = await setup();
    await subscribe(s);
    const before = await subscriptionRows(s);
    const res = await s.app.request('/abo/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<h1>Dieser Link gilt nicht mehr</h1>');
    expect(html).toContain('Zu diesem Link gibt es keine E-Mail-Adresse (mehr).');
    const en = await s.app.request('/abo/nope/bestaetigen?lang=en', { method: 'POST' });
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('There is no e-mail address (any more) for this link.');
    expect(await subscriptionRows(s)).toEqual(before);
  });

  it('lead to result pages that can be reloaded', async () => {
    const s = await setup();
    for (const [path, text] of [['/abo/bestaetigt', 'Adresse bestätigt'], ['/abo/entfernt', 'Adresse entfernt']]) {
      const res = await s.app.request(path!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`<h1>${text}</h1>`);
    }
  });
});

describe('when the mail server fails', () => {
  it('a refused recipient is logged without the address, and subscribeReporter does not throw', async () => {
    const s = await setup();
    smtp.rejectRecipients(true);
    await expect(subscribeReporter(s.ctx, { reportId: s.report.id, email: ANNA, lang: 'de' })).resolves.toBeUndefined();
    expect(smtp.received).toEqual([]);
    const failure = s.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'mail not sent');
    expect(failure).toMatchObject({ level: 'error', kind: 'confirmation', report: s.report.id, responseCode: 550 });
    expect(failure.error).toContain('[address]');
    expect(s.logLines.join('\n')).not.toContain(ANNA);
    expect(s.logLines.join('\n')).not.toContain('example.org');
  });

  it('a stopped server is logged and neither subscribeReporter nor notifySubscribers throws', async () => {
    const down = await startSmtpServer();
    await down.close();
    const logLines: string[] = [];
    const ctx = await createTestContext({ logLines, config: { publicBaseUrl: BASE }, mailer: createMailer(down.url, FROM) });
    const report = await createReport(ctx);
    await expect(subscribeReporter(ctx, { reportId: report.id, email: ANNA, lang: 'de' })).resolves.toBeUndefined();
    const failure = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'mail not sent');
    expect(failure).toMatchObject({ kind: 'confirmation', code: 'ESOCKET' });
    await ctx.db.updateTable('subscriptions').set({ confirmed_at: ctx.clock.now().toISOString() }).execute();
    await expect(notifySubscribers(ctx, report.id, 'Erledigt.')).resolves.toBe(0);
    expect(logLines.filter((l) => l.includes('"mail not sent"'))).toHaveLength(2);
    expect(logLines.join('\n')).not.toContain(ANNA);
  });
});
