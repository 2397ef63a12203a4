// Tells a department about a report: at once when its notify_mode is 'immediate', otherwise the daily
// digest (server/notify/digest.ts) lists it, or nothing ('off'). Mail failures are logged and never
// thrown: the citizen who filed the report must not see an error because the city's SMTP is down.
import { clearDepartmentNotified, findReportForDepartmentMail, stampDepartmentNotified } from '../../db/department-notifications.ts';
import type { AppContext } from '../context.ts';
import { describeMailError } from '../mailer.ts';
import { DEPARTMENT_MAIL_HEADERS, reportMail } from './mails.ts';

export type DepartmentNotification = 'sent' | 'failed' | 'digest' | 'off' | 'no-address' | 'no-mailer' | 'missing';

/**
 * For a new report (no `reason`) or one forwarded to its current department (`reason`: the text the
 * forwarding staff member gave, or null). Call it after the transaction that filed or forwarded the
 * report has committed: a mail must never announce a report that was rolled back.
 */
export async function notifyDepartmentOfReport(ctx: AppContext, reportId: number, reason?: string | null): Promise<DepartmentNotification> {
  const found = await findReportForDepartmentMail(ctx.db, reportId);
  if (!found) return 'missing';
  const { report, department } = found;
  const forwarded = reason !== undefined;
  if (department.notify_mode === 'off') return 'off';
  if (department.notify_mode === 'digest') {
    // Forwarded into a digest department: new to it, so its next digest lists the report.
    if (forwarded) await clearDepartmentNotified(ctx.db, reportId);
    return 'digest';
  }
  if (!department.email) {
    ctx.logger.info('department has no mail address: not notified', { department: department.id, report: reportId });
    return 'no-address';
  }
  if (!ctx.mailer) return 'no-mailer';
  const mail = reportMail({ report, department: department.name, baseUrl: ctx.config.publicBaseUrl, reason: forwarded ? reason : undefined });
  try {
    await ctx.mailer.send({ to: department.email, subject: mail.subject, text: mail.text, headers: { ...DEPARTMENT_MAIL_HEADERS } });
  } catch (err) {
    // Left unstamped: should the department switch to the digest, its next digest lists the report.
    ctx.logger.error('department mail not sent', { kind: forwarded ? 'forwarded' : 'new', department: department.id, report: reportId, ...describeMailError(err) });
    return 'failed';
  }
  await stampDepartmentNotified(ctx.db, [reportId], ctx.clock.now().toISOString());
  ctx.logger.info('department mail sent', { kind: forwarded ? 'forwarded' : 'new', department: department.id, report: reportId });
  return 'sent';
}

const inFlight = new Set<Promise<unknown>>();

/**
 * Starts the notification without waiting for it: the citizen's response goes out at once, whatever
 * the mail server does (its timeouts are up to 20 seconds). The promise is kept so that a shutdown
 * (and a test) can wait for mails already under way.
 */
export function notifyDepartmentInBackground(ctx: AppContext, reportId: number, reason?: string | null): void {
  // Without SMTP a new report needs nothing (a forward may still have to clear its stamp).
  if (!ctx.mailer && reason === undefined) return;
  const job = notifyDepartmentOfReport(ctx, reportId, reason).catch((err: unknown) => {
    ctx.logger.error('department notification failed', { report: reportId, error: err instanceof Error ? err.message : String(err) });
  });
  inFlight.add(job);
  void job.finally(() => inFlight.delete(job));
}

/** Resolves when every notification started so far has finished (sent, failed or skipped). */
export async function settleDepartmentNotifications(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
