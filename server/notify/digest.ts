// The daily digest for departments with notify_mode 'digest': one mail listing every open report no
// mail has told them about yet, plus the number of new bin tasks. Run by the server once a day
// (server/main.ts) and by `npx tsx db/cli/digest.ts`. Safe to run twice or on several instances: a
// department's digest is claimed once per Berlin day, and listed reports are stamped when it went out.
import {
  claimDigest,
  countNewBinTasks,
  listDigestDepartments,
  listUnnotifiedReports,
  releaseDigest,
  stampDepartmentNotified,
} from '../../db/department-notifications.ts';
import type { AppContext } from '../context.ts';
import { describeMailError } from '../mailer.ts';
import { DEPARTMENT_MAIL_HEADERS, digestMail } from './mails.ts';
import { berlinDay } from './schedule.ts';

export interface DigestResult {
  /** Departments that got a mail. */
  sent: number;
  /** Reports listed in those mails. */
  reports: number;
  /** Departments skipped: nothing new, no address, already sent today. */
  skipped: number;
  failed: number;
}

/** When a department never had a digest, bin tasks of the last day are counted. */
const FIRST_DIGEST_SPAN_MS = 24 * 3600_000;

export async function runDigest(ctx: AppContext, now: Date = ctx.clock.now()): Promise<DigestResult> {
  const result: DigestResult = { sent: 0, reports: 0, skipped: 0, failed: 0 };
  const nowIso = now.toISOString();
  for (const department of await listDigestDepartments(ctx.db)) {
    const previous = department.digest_sent_at;
    if (!department.email || (previous && berlinDay(new Date(previous)) === berlinDay(now))) {
      result.skipped++;
      continue;
    }
    const reports = await listUnnotifiedReports(ctx.db, department.id);
    const since = previous ?? new Date(now.getTime() - FIRST_DIGEST_SPAN_MS).toISOString();
    const binTasks = await countNewBinTasks(ctx.db, department.id, since, nowIso);
    // Nothing new: no mail, and digest_sent_at stays, so the next bin-task count still starts there.
    if (!reports.length && !binTasks) {
      result.skipped++;
      continue;
    }
    if (!ctx.mailer) {
      ctx.logger.warn('mail is off (SMTP_URL unset): no digest sent', { department: department.id });
      result.skipped++;
      continue;
    }
    if (!(await claimDigest(ctx.db, department.id, previous, nowIso))) {
      result.skipped++; // another instance is sending it
      continue;
    }
    const mail = digestMail({ reports, binTasks, department: department.name, baseUrl: ctx.config.publicBaseUrl });
    try {
      await ctx.mailer.send({ to: department.email, subject: mail.subject, text: mail.text, headers: { ...DEPARTMENT_MAIL_HEADERS } });
    } catch (err) {
      await releaseDigest(ctx.db, department.id, previous, nowIso);
      ctx.logger.error('digest not sent', { department: department.id, ...describeMailError(err) });
      result.failed++;
      continue;
    }
    await stampDepartmentNotified(
      ctx.db,
      reports.map((r) => r.id),
      nowIso,
    );
    ctx.logger.info('digest sent', { department: department.id, reports: reports.length, binTasks });
    result.sent++;
    result.reports += reports.length;
  }
  return result;
}
