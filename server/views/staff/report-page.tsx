// One report as staff see it: everything staff may see, and the actions on it.
import type { StaffReportDetails } from '../../../db/staff-reports.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { dateTime, formatState } from '../staff.tsx';
import { StaffLayout } from './layout.tsx';

export function StaffReportPage({ page, user, data, csrfToken }: { page: Page; user: StaffUser; data: StaffReportDetails; csrfToken: string }) {
  const { t } = page;
  const { report } = data;
  const title = t('staff.report.title', { number: report.id });
  const published = data.photos.filter((p) => p.published && !p.removed).length;
  return (
    <StaffLayout page={page} user={user} csrfToken={csrfToken} title={title}>
      <p>
        <a href={page.href('/intern')}>{t('staff.report.back')}</a>
      </p>
      <h1>{title}</h1>
      {report.hidden ? <p class="notice">{t('staff.report.hidden')}</p> : null}
      <h2>{t('staff.report.details')}</h2>
      <dl class="facts">
        <dt>{t('staff.report.category')}</dt>
        <dd>{data.categoryName}</dd>
        <dt>{t('staff.report.department')}</dt>
        <dd>{data.departmentName}</dd>
        <dt>{t('staff.report.state')}</dt>
        <dd>{formatState(page, report.state)}</dd>
        <dt>{t('staff.report.district')}</dt>
        <dd>{data.districtName ?? '–'}</dd>
        <dt>{t('staff.report.place')}</dt>
        <dd>{report.address ? `${report.address} (${report.lat.toFixed(5)}, ${report.lon.toFixed(5)})` : `${report.lat.toFixed(5)}, ${report.lon.toFixed(5)}`}</dd>
        <dt>{t('staff.report.source')}</dt>
        <dd>{report.source}</dd>
        <dt>{t('staff.report.created')}</dt>
        <dd>{dateTime(report.created_at, page)}</dd>
        <dt>{t('staff.report.support')}</dt>
        <dd>{report.support_count}</dd>
      </dl>
      <h2>{t('staff.report.description')}</h2>
      {report.description ? (
        <>
          <p class="muted">({t(report.description_published ? 'staff.report.published' : 'staff.report.unpublished')})</p>
          <blockquote>{report.description}</blockquote>
        </>
      ) : (
        <p>{t('staff.report.noDescription')}</p>
      )}
      <h2>{t('staff.report.photos')}</h2>
      <p>{t('staff.report.photoCount', { count: data.photos.filter((p) => !p.removed).length, published })}</p>
      <h2>{t('staff.report.reporters')}</h2>
      {data.reporters.length === 0 ? (
        <p>{t('staff.report.noReporters')}</p>
      ) : (
        <ul>
          {data.reporters.map((r) => (
            <li>
              <a href={`mailto:${r.email}`}>{r.email}</a> ({t(r.confirmed ? 'staff.report.confirmed' : 'staff.report.unconfirmed')})
            </li>
          ))}
        </ul>
      )}
      <h2>{t('staff.report.history')}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staff.report.when')}</th>
              <th scope="col">{t('staff.report.event')}</th>
              <th scope="col">{t('staff.report.text')}</th>
              <th scope="col">{t('staff.report.visibility')}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => (
              <tr>
                <td>{dateTime(e.created_at, page)}</td>
                <td>
                  {e.type}
                  {e.to_state ? `: ${e.from_state ? `${formatState(page, e.from_state)} → ` : ''}${formatState(page, e.to_state)}` : ''}
                </td>
                <td>{e.body ?? ''}</td>
                <td>{t(e.public ? 'staff.report.public' : 'staff.report.internal')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffLayout>
  );
}
