// The staff pages: login, the start page and one report as staff see it. German first; every text
// comes from the i18n tables, so ?lang=en works too.
import type { DepartmentOpenCount, StaffReportListEntry } from '../../db/staff-reports.ts';
import { DATE_TIME } from '../../domain/formatters.ts';
import { stateLabel } from '../../domain/states.ts';
import { whenPast } from '../../domain/time-words.ts';
import type { StaffUser } from '../staff/access.ts';
import { Layout } from './layout.tsx';
import { StaffLayout } from './staff/layout.tsx';
import type { Page } from './page.ts';
import { reportPaths } from '../paths.ts';

export interface LoginFormData {
  token: string;
  login: string;
  target: string | null;
  /** formExpired: the form's token was too old, from another client or already used. */
  error: 'failed' | 'missing' | 'formExpired' | null;
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
          {t(data.error === 'failed' ? 'staff.login.failed' : data.error === 'formExpired' ? 'staff.login.formExpired' : 'staff.login.missing')}
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

export const dateTime = (iso: string, page: Pick<Page, 'lang'>) => DATE_TIME[page.lang].format(new Date(iso));

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
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={t('staff.start.title')}>
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
                    <a href={page.href(reportPaths.page(r.id))}>{r.id}</a>
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

export function formatState(page: Page, state: string): string {
  const label = stateLabel(state);
  return typeof label === 'object' ? page.t(label.key) : String(label);
}

/**
 * The 429 page of the login and of the code step. Like the general error page, but its way back leads
 * to the login page: a staff member locked out has nothing to do on the citizens' start page.
 */
export function StaffThrottledPage({ page, title, message }: { page: Page; title: string; message: string }) {
  return (
    <Layout page={page} title={title} nav={<></>}>
      <h1>{title}</h1>
      <p class="lead" role="alert">
        {message}
      </p>
      <p>
        <a href={page.href('/intern/anmelden')}>{page.t('staff.account.backToLogin')}</a>
      </p>
    </Layout>
  );
}
