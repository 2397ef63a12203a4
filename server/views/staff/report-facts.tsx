// The facts of a report for staff: category, department, state, priority, assignee, due time
// (overdue said in words and marked, not by colour alone), place, source, support and duplicates.
import type { ReportChoices } from '../../../db/report-choices.ts';
import type { StaffReportDetails } from '../../../db/staff-reports.ts';
import { priorityKey } from '../../../domain/priority.ts';
import { isOpen, isReportState } from '../../../domain/states.ts';
import { ago } from '../../../domain/time-words.ts';
import type { Page } from '../page.ts';
import { dateTime, formatState } from '../staff.tsx';
import { reportPaths } from '../../paths.ts';

const SOURCE_KEYS = { web: 'staff.report.source.web', qr: 'staff.report.source.qr', api: 'staff.report.source.api', sensor: 'staff.report.source.sensor' } as const;

function DueTime({ page, due, open, now }: { page: Page; due: string | null; open: boolean; now: Date }) {
  if (!due) return <>–</>;
  const overdue = open && Date.parse(due) < now.getTime();
  return (
    <>
      {dateTime(due, page)}
      {overdue ? <strong class="overdue"> {page.t('staff.report.overdue', { since: ago(new Date(due), now, page.lang, page.t) })}</strong> : null}
    </>
  );
}

export function ReportFacts({ page, data, choices, now }: { page: Page; data: StaffReportDetails; choices: ReportChoices; now: Date }) {
  const { t } = page;
  const { report } = data;
  const open = isReportState(report.state) && isOpen(report.state);
  const place = `${report.lat.toFixed(5)}, ${report.lon.toFixed(5)}`;
  const central = choices.departments.find((d) => d.id === report.department_id)?.isCentral;
  return (
    <dl class="facts">
      <dt>{t('staff.report.category')}</dt>
      <dd>{page.lang === 'en' ? data.categoryNameEn : data.categoryName}</dd>
      <dt>{t('staff.report.department')}</dt>
      <dd>
        {data.departmentName}
        {central ? ` (${t('staff.start.central')})` : ''}
      </dd>
      <dt>{t('staff.report.state')}</dt>
      <dd>
        {formatState(page, report.state)}
        {report.reopen_requested_at ? <strong class="overdue"> {t('staff.report.reopenRequested')}</strong> : null}
      </dd>
      <dt>{t('staff.report.priority.label')}</dt>
      <dd class={report.priority > 0 ? 'priority-raised' : undefined}>{t(priorityKey(report.priority))}</dd>
      <dt>{t('staff.report.assign.label')}</dt>
      <dd>{data.assigneeName ?? t('staff.report.assign.nobody')}</dd>
      <dt>{t('staff.report.due')}</dt>
      <dd>
        <DueTime page={page} due={report.due_at} open={open} now={now} />
      </dd>
      <dt>{t('staff.report.district')}</dt>
      <dd>{data.districtName ?? '–'}</dd>
      <dt>{t('staff.report.place')}</dt>
      <dd>{report.address ? `${report.address} (${place})` : place}</dd>
      <dt>{t('staff.report.source')}</dt>
      <dd>{t(SOURCE_KEYS[report.source] ?? 'staff.report.source.web')}</dd>
      <dt>{t('staff.report.created')}</dt>
      <dd>{dateTime(report.created_at, page)}</dd>
      <dt>{t('staff.report.support')}</dt>
      <dd>{report.support_count}</dd>
      <dt>{t('staff.report.publicPage')}</dt>
      <dd>
        <a href={page.href(`/m/${report.id}`)}>/m/{report.id}</a>
      </dd>
      {data.duplicates.length > 0 ? (
        <>
          <dt>{t('staff.report.duplicates')}</dt>
          <dd>
            <ul class="plain-list">
              {data.duplicates.map((d) => (
                <li>
                  <a href={page.href(reportPaths.page(d.id))}>{t('staff.report.numberShort', { number: d.id })}</a> ({formatState(page, d.state)})
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
