// The staff pages: login, the start page and one report as staff see it. German first; every text
// comes from the i18n tables, so ?lang=en works too.
import type { Child } from 'hono/jsx';
import type { DepartmentOpenCount, StaffReportDetails, StaffReportListEntry } from '../../db/staff-reports.ts';
import { stateLabel } from '../domain/states.ts';
import { whenPast } from '../domain/time-words.ts';
import type { StaffUser } from '../staff/access.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';

/** Navigation of a logged-in staff member: the overview and a logout button (a POST with the CSRF token). */
function StaffNav({ page, csrfToken }: { page: Page; csrfToken: string }) {
  return (
    <>
      <li>
        <a href={page.href('/intern')} aria-current={page.path === '/intern' ? 'page' : undefined}>
          {page.t('staff.home')}
        </a>
      </li>
      <li>
        <form method="post" action={page.href('/intern/abmelden')}>
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" class="link-button">
            {page.t('staff.logout')}
          </button>
        </form>
      </li>
    </>
  );
}

export interface LoginFormData {
  token: string;
  login: string;
  target: string | null;
  error: 'failed' | 'missing' | null;
  notice: 'loggedOut' | 'expired' | null;
}

export function LoginPage({ page, data }: { page: Page; data: LoginFormData }) {
  const { t } = page;
  const title = data.error ? `${t('staff.login.errorTitle')}: ${t('staff.login.title')}` : t('staff.login.title');
  return (
    <Layout page={page} title={title} nav={<></>}>
      <h1>{t('staff.login.title')}</h1>
      <p class="lead">{t('staff.login.lead')}</p>
      {data.notice ? (
        <p class="status" role="status">
          {t(data.notice === 'loggedOut' ? 'staff.login.loggedOut' : 'staff.login.expired')}
        </p>
      ) : null}
      {data.error ? (
        <p class="error" role="alert" id="login-error">
          {t(data.error === 'failed' ? 'staff.login.failed' : 'staff.login.missing')}
        </p>
      ) : null}
      <form method="post" action={page.href('/intern/anmelden')} class="staff-form">
        <input type="hidden" name="token" value={data.token} />
        {data.target ? <input type="hidden" name="ziel" value={data.target} /> : null}
        <fieldset>
          <legend>{t('staff.login.title')}</legend>
          <label for="login">{t('staff.login.login')}</label>
          <input
            type="text"
            id="login"
            name="login"
            value={data.login}
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            aria-describedby={data.error ? 'login-error' : undefined}
            aria-invalid={data.error ? 'true' : undefined}
          />
          <label for="password">{t('staff.login.password')}</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required aria-invalid={data.error ? 'true' : undefined} />
        </fieldset>
        <button type="submit" class="button">
          {t('staff.login.submit')}
        </button>
      </form>
    </Layout>
  );
}

function StaffLayout(props: { page: Page; csrfToken: string; title: string; children: Child }) {
  return (
    <Layout page={props.page} title={props.title} nav={<StaffNav page={props.page} csrfToken={props.csrfToken} />}>
      {props.children}
    </Layout>
  );
}

const dateTime = (iso: string, page: Page) =>
  new Intl.DateTimeFormat(page.lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));

export interface StartPageData {
  user: StaffUser;
  csrfToken: string;
  allDepartments: boolean;
  departments: DepartmentOpenCount[];
  recent: StaffReportListEntry[];
  canPrintStickers: boolean;
  now: Date;
}

export function StaffStartPage({ page, data }: { page: Page; data: StartPageData }) {
  const { t } = page;
  const binOnly = data.user.role === 'crew';
  return (
    <StaffLayout page={page} csrfToken={data.csrfToken} title={t('staff.start.title')}>
      <h1>{t('staff.start.title')}</h1>
      <p class="lead">{t('staff.start.signedInAs', { name: data.user.displayName, role: { key: `staff.role.${data.user.role}` } })}</p>
      <h2>{t(data.allDepartments ? 'staff.start.allDepartments' : 'staff.start.departments')}</h2>
      {data.departments.length === 0 ? (
        <p>{t('staff.start.noDepartments')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.start.department')}</th>
                <th scope="col" class="num">
                  {t(binOnly ? 'staff.start.openBinTasks' : 'staff.start.open')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.departments.map((d) => (
                <tr>
                  <th scope="row">
                    {d.name}
                    {d.isCentral ? ` (${t('staff.start.central')})` : ''}
                  </th>
                  <td class="num">{d.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('staff.start.recent')}</h2>
      {data.recent.length === 0 ? (
        <p>{t('staff.start.none')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.start.number')}</th>
                <th scope="col">{t('staff.start.category')}</th>
                <th scope="col">{t('staff.start.department')}</th>
                <th scope="col">{t('staff.start.state')}</th>
                <th scope="col">{t('staff.start.created')}</th>
              </tr>
            </thead>
            <tbody>
              {data.recent.map((r) => (
                <tr>
                  <td>
                    <a href={page.href(`/intern/meldungen/${r.id}`)}>{r.id}</a>
                  </td>
                  <td>{r.category_name}</td>
                  <td>{r.department_name}</td>
                  <td>{formatState(page, r.state)}</td>
                  <td>{whenPast(new Date(r.created_at), data.now, page.lang, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.canPrintStickers ? (
        <>
          <h2>{t('staff.start.tools')}</h2>
          <ul>
            <li>
              <a href="/intern/aufkleber.pdf?format=3659">{t('staff.start.stickers')}</a>
            </li>
          </ul>
        </>
      ) : null}
    </StaffLayout>
  );
}

function formatState(page: Page, state: string): string {
  const label = stateLabel(state);
  return typeof label === 'object' ? page.t(label.key) : String(label);
}

export function StaffReportPage({ page, data, csrfToken }: { page: Page; data: StaffReportDetails; csrfToken: string }) {
  const { t } = page;
  const { report } = data;
  const title = t('staff.report.title', { number: report.id });
  const published = data.photos.filter((p) => p.published && !p.removed).length;
  return (
    <StaffLayout page={page} csrfToken={csrfToken} title={title}>
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
