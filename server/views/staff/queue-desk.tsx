// GET /intern/zentrale (central triage) and GET /intern/ueberfaellig (escalation list): the queue's
// row layout, without the filter form.
import type { OverdueDepartment } from '../../../db/staff-queue-desk.ts';
import type { QueueRow } from '../../../db/staff-queue.ts';
import { queueQueryString, emptyQueueValues } from '../../../domain/queue-filter.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { StaffLayout } from './layout.tsx';
import { QueuePagination, QueueTable, queueDateTime } from './queue-table.tsx';

export interface TriageData {
  user: StaffUser;
  csrfToken: string;
  now: Date;
  rows: QueueRow[];
  total: number;
  pageNumber: number;
  pages: number;
}

/** Why a report waits at the central desk; both reasons can hold at once. */
function triageReason(page: Page, row: QueueRow): string {
  const reasons: string[] = [];
  if (row.department_is_central && (row.state === 'new' || row.state === 'acknowledged' || row.state === 'in_progress')) reasons.push(page.t('staff.queue.reason.unrouted'));
  if (row.reopen_requested_at) reasons.push(page.t('staff.queue.reason.reopen', { when: queueDateTime(row.reopen_requested_at, page), department: row.department_name }));
  return reasons.join('; ');
}

export function TriagePage({ page, data }: { page: Page; data: TriageData }) {
  const { t } = page;
  const link = (n: number) => page.href(n === 1 ? '/intern/zentrale' : `/intern/zentrale?seite=${n}`);
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={t('staff.queue.triage.title')} styles={['staff-queue.css']} head={<script defer src="/static/staff-queue.js"></script>}>
      <h1>{t('staff.queue.triage.title')}</h1>
      <p class="lead">{t('staff.queue.triage.lead')}</p>
      {data.total === 0 ? (
        <p class="notice">{t('staff.queue.triage.empty')}</p>
      ) : data.rows.length === 0 ? (
        <p class="notice">
          {t('staff.queue.pastEnd', { pages: data.pages })} <a href={link(1)}>{t('staff.queue.toFirstPage')}</a>
        </p>
      ) : (
        <>
          <p role="status">{t('staff.queue.triage.total', { total: data.total, page: data.pageNumber, pages: data.pages })}</p>
          <p class="help keyboard-hint" hidden>
            {t('staff.queue.keyboardHint')}
          </p>
          <QueueTable page={page} rows={data.rows} now={data.now} caption={t('staff.queue.triage.title')} reason={(row) => triageReason(page, row)} id="results" />
        </>
      )}
      <QueuePagination page={page} current={data.pageNumber} pages={data.pages} hasNext={data.pageNumber < data.pages} link={link} />
    </StaffLayout>
  );
}

export interface OverdueData {
  user: StaffUser;
  csrfToken: string;
  now: Date;
  departments: OverdueDepartment[];
}

export function OverduePage({ page, data }: { page: Page; data: OverdueData }) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={t('staff.queue.overdue.title')} styles={['staff-queue.css']} head={<script defer src="/static/staff-queue.js"></script>}>
      <h1>{t('staff.queue.overdue.title')}</h1>
      <p class="lead">{t('staff.queue.overdue.lead')}</p>
      {data.departments.length === 0 ? (
        <p class="notice">{t('staff.queue.overdue.empty')}</p>
      ) : (
        <>
          <p class="help keyboard-hint" hidden>
            {t('staff.queue.keyboardHint')}
          </p>
          {data.departments.map((d) => {
            const all = `/intern/meldungen${queueQueryString({ ...emptyQueueValues(), fachamt: d.slug, ueberfaellig: '1' })}`;
            return (
              <section aria-labelledby={`overdue-${d.slug}`} class="overdue-department">
                <h2 id={`overdue-${d.slug}`}>
                  {d.name}: {d.overdue === 1 ? t('staff.queue.overdue.countOne') : t('staff.queue.overdue.count', { count: d.overdue })}
                </h2>
                {d.overdue > d.rows.length ? <p>{t('staff.queue.overdue.first', { shown: d.rows.length })}</p> : null}
                <QueueTable page={page} rows={d.rows} now={data.now} caption={`${d.name}: ${t('staff.queue.overdue.title')}`} />
                <p>
                  <a href={page.href(all)}>{d.overdue === 1 ? t('staff.queue.overdue.showOne', { department: d.name }) : t('staff.queue.overdue.showAll', { count: d.overdue, department: d.name })}</a>
                </p>
              </section>
            );
          })}
        </>
      )}
    </StaffLayout>
  );
}
