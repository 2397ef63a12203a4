// The texts of the mails to departments: plain text, German (the city's working language), never the
// reporter's address (it is not even read). Built from the i18n table so that wording lives in one place.
import type { ReportForMail } from '../../db/department-notifications.ts';
import { DATE_TIME } from '../../domain/formatters.ts';
import { translator, type Translate } from '../i18n/index.ts';
import { reportPaths } from '../paths.ts';

export interface MailText {
  subject: string;
  text: string;
}

/** Department mails are machine-made: auto-responders must not answer them (RFC 3834). */
export const DEPARTMENT_MAIL_HEADERS = { 'Auto-Submitted': 'auto-generated' } as const;

const de = translator('de');

export function berlinDateTime(iso: string): string {
  return DATE_TIME.de.format(new Date(iso));
}

/** The address the reporter gave or found, else the map point (the district has its own line). */
export function placeInWords(t: Translate, r: Pick<ReportForMail, 'address' | 'lat' | 'lon'>): string {
  return r.address ?? t('staff.notify.mapPoint', { lat: r.lat.toFixed(5), lon: r.lon.toFixed(5) });
}

export function reportLink(baseUrl: string, id: number): string {
  return `${baseUrl}${reportPaths.page(id)}`;
}

/** Label and value lines, the labels padded so that the values line up in a monospaced mail client. */
function fields(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
}

function reportFields(t: Translate, r: ReportForMail): string {
  return fields([
    [t('staff.notify.number'), String(r.id)],
    [t('staff.notify.category'), r.category],
    [t('staff.notify.place'), placeInWords(t, r)],
    [t('staff.notify.district'), r.district ?? t('staff.notify.noDistrict')],
    [t('staff.notify.created'), berlinDateTime(r.createdAt)],
    [t('staff.notify.due'), r.dueAt ? berlinDateTime(r.dueAt) : t('staff.notify.noDue')],
  ]);
}

/** One new (or forwarded) report. */
export function reportMail(input: { report: ReportForMail; department: string; baseUrl: string; reason?: string | null }, t: Translate = de): MailText {
  const { report: r } = input;
  const forwarded = input.reason !== undefined;
  const district = r.district ?? t('staff.notify.noDistrict');
  const lines = [
    t('staff.notify.greeting'),
    '',
    t(forwarded ? 'staff.notify.introForwarded' : 'staff.notify.intro', { department: input.department }),
    ...(forwarded && input.reason ? [t('staff.notify.reason', { reason: input.reason })] : []),
    '',
    reportFields(t, r),
    '',
    `${t('staff.notify.description')}:`,
    r.description?.trim() || t('staff.notify.noDescription'),
    '',
    `${t('staff.notify.open')}:`,
    reportLink(input.baseUrl, r.id),
    '',
    '-- ',
    t('staff.notify.footer'),
  ];
  return {
    subject: t(forwarded ? 'staff.notify.subjectForwarded' : 'staff.notify.subject', { id: r.id, category: r.category, district }),
    text: lines.join('\n') + '\n',
  };
}

/** The daily summary: every report not yet mailed, and how many bin tasks were opened. */
export function digestMail(input: { reports: ReportForMail[]; binTasks: number; department: string; baseUrl: string }, t: Translate = de): MailText {
  const lines = [t('staff.notify.greeting'), '', t('staff.notify.digestIntro', { department: input.department }), ''];
  if (input.reports.length) {
    lines.push(t('staff.notify.digestCount', { count: input.reports.length }), '');
    for (const r of input.reports) {
      lines.push('-'.repeat(40), reportFields(t, r), `${t('staff.notify.description')}:`);
      lines.push(r.description?.trim() || t('staff.notify.noDescription'), reportLink(input.baseUrl, r.id), '');
    }
  } else {
    lines.push(t('staff.notify.digestNone'), '');
  }
  if (input.binTasks > 0) lines.push(t('staff.notify.digestBins', { count: input.binTasks, url: `${input.baseUrl}/intern/kolonne` }), '');
  lines.push('-- ', t('staff.notify.footer'));
  const subject = input.reports.length
    ? t('staff.notify.digestSubject', { count: input.reports.length, department: input.department })
    : t('staff.notify.digestSubjectBins', { department: input.department });
  return { subject, text: lines.join('\n') + '\n' };
}
