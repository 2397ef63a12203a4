// Double opt-in for e-mail about a report (decision 010). An address gets one confirmation mail and
// nothing else until its owner confirms it; every mail can remove the address in one click.
import { createHmac } from 'node:crypto';
import {
  confirmSubscription,
  createSubscription,
  findActiveSubscription,
  listConfirmedSubscriptions,
  removeSubscriptionAddress,
} from '../db/subscriptions.ts';
import { findReport } from '../db/reports.ts';
import type { Subscription } from '../db/schema.ts';
import type { AppContext } from './context.ts';
import { hashToken } from './tokens.ts';
import { stateLabel } from '../domain/states.ts';
import { UserError } from '../domain/errors.ts';
import { isLang, translator, type Lang } from './i18n/index.ts';
import { describeMailError } from './mailer.ts';
import { confirmationMail, statusMail, type MailText } from './views/subscription-mails.ts';

/**
 * The token in a subscription's links. Status mails are sent long after the confirmation mail and
 * must carry the same removal link, but only the token's hash is stored: so the token is not kept but
 * derived, an HMAC-SHA256 (256 bits, base64url) of the row under a key from SECRET. Without SECRET it
 * is as unguessable as a random token; a copy of the database alone reveals no link.
 */
export function subscriptionToken(secret: string, row: Pick<Subscription, 'id' | 'report_id' | 'created_at'>): string {
  const key = createHmac('sha256', secret).update('subscription-token').digest();
  return createHmac('sha256', key).update(`${row.id}:${row.report_id}:${row.created_at}`).digest('base64url');
}

/** Only the hash of a link's token is stored, like the status links' (server/tokens.ts). */
export { hashToken };

/** German is the default, so only the other languages' links say which language to show. */
function withLang(url: string, lang: Lang): string {
  return lang === 'de' ? url : `${url}?lang=${lang}`;
}

function linksFor(ctx: AppContext, token: string, lang: Lang) {
  const base = ctx.config.publicBaseUrl;
  return {
    manage: withLang(`${base}/abo/${token}`, lang),
    remove: withLang(`${base}/abo/${token}/entfernen`, lang),
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to this address, without asking.
    headers: {
      'List-Unsubscribe': `<${base}/abo/${token}/entfernen>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
      // The mail is in the reporter's language (five of them; Arabic is read right to left).
      'Content-Language': lang,
    },
  };
}

/** Sends one mail; a failure is logged without the address and reported as false, never thrown. */
async function deliver(ctx: AppContext, kind: 'confirmation' | 'status', row: Subscription, to: string, mail: MailText, headers: Record<string, string>) {
  if (!ctx.mailer) return false;
  try {
    await ctx.mailer.send({ to, subject: mail.subject, text: mail.text, headers });
    ctx.logger.info('mail sent', { kind, report: row.report_id, subscription: row.id });
    return true;
  } catch (err) {
    ctx.logger.error('mail not sent', { kind, report: row.report_id, subscription: row.id, ...describeMailError(err) });
    return false;
  }
}

/**
 * Called after a report is filed with an address. Without a mailer (SMTP_URL unset) the address is not
 * kept at all: it could never be confirmed, and an address that cannot be used must not be stored.
 */
/** `statusToken`: the report's private status link goes into the mail too, so that it cannot be lost. */
export async function subscribeReporter(ctx: AppContext, input: { reportId: number; email: string; lang: Lang; statusToken?: string }): Promise<void> {
  if (!ctx.mailer) {
    ctx.logger.warn('mail is off (SMTP_URL unset): the address for a report was not kept', { report: input.reportId });
    return;
  }
  const row = await createSubscription(
    ctx.db,
    { reportId: input.reportId, email: input.email.trim(), lang: input.lang, now: ctx.clock.now().toISOString() },
    (r) => hashToken(subscriptionToken(ctx.config.secret, r)),
  );
  const links = linksFor(ctx, subscriptionToken(ctx.config.secret, row), input.lang);
  const base = ctx.config.publicBaseUrl;
  const reportLinks = {
    publicUrl: withLang(`${base}/m/${input.reportId}`, input.lang),
    statusUrl: input.statusToken ? withLang(`${base}/status/${input.statusToken}`, input.lang) : undefined,
  };
  const mail = confirmationMail(translator(input.lang), { reportId: input.reportId, links, ...reportLinks, emailDays: ctx.config.retentionEmailDays });
  await deliver(ctx, 'confirmation', row, input.email.trim(), mail, links.headers);
}

/** Tells every confirmed address of a report about a published answer; returns how many mails went out. */
export async function notifySubscribers(ctx: AppContext, reportId: number, answer: string): Promise<number> {
  const report = await findReport(ctx.db, reportId);
  if (!report) throw new UserError(404, 'error.notFoundReport');
  if (!ctx.mailer) return 0;
  let sent = 0;
  for (const row of await listConfirmedSubscriptions(ctx.db, reportId)) {
    const lang: Lang = isLang(row.lang) ? row.lang : 'de';
    const links = linksFor(ctx, subscriptionToken(ctx.config.secret, row), lang);
    const mail = statusMail(translator(lang), {
      reportId,
      state: stateLabel(report.state),
      answer,
      reportUrl: withLang(`${ctx.config.publicBaseUrl}/m/${reportId}`, lang),
      removeUrl: links.remove,
      emailDays: ctx.config.retentionEmailDays,
    });
    if (await deliver(ctx, 'status', row, row.email, mail, links.headers)) sent++;
  }
  return sent;
}

/** The subscription behind a link, or a 404 that says the link is no longer valid. */
export async function subscriptionByToken(ctx: AppContext, token: string): Promise<Subscription> {
  const row = await findActiveSubscription(ctx.db, hashToken(token));
  if (!row) throw new UserError(404, 'error.subscriptionNotFound', {}, { titleKey: 'subscription.notFoundTitle' });
  return row;
}

export async function confirmByToken(ctx: AppContext, token: string): Promise<void> {
  const row = await subscriptionByToken(ctx, token);
  await confirmSubscription(ctx.db, row.id, ctx.clock.now().toISOString());
  ctx.logger.info('subscription confirmed', { report: row.report_id, subscription: row.id });
}

export async function removeByToken(ctx: AppContext, token: string): Promise<void> {
  const row = await subscriptionByToken(ctx, token);
  await removeSubscriptionAddress(ctx.db, row.id, ctx.clock.now().toISOString());
  ctx.logger.info('subscription removed', { report: row.report_id, subscription: row.id });
}
