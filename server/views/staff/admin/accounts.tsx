// Staff accounts: the list, the form for a new account, and one account's page with its access,
// password reset, disabling/re-enabling and the second-factor reset.
import type { StaffOverview } from '../../../../db/admin-staff.ts';
import type { Department } from '../../../../db/schema.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import { ROLES } from '../../../staff/access.ts';
import { PASSWORD_MIN } from '../../../staff/passwords.ts';
import type { Page } from '../../page.ts';
import { dateTime } from '../../staff.tsx';
import { AdminLayout, CheckboxGroup, Csrf, SelectField, TextField, problemText, type AdminFrame } from './parts.tsx';

export interface AccessValues {
  displayName: string;
  role: string;
  departments: string[];
}
export interface NewAccountValues extends AccessValues {
  login: string;
}

const roleLabel = (page: Page, role: string) => page.t(`staff.role.${role}` as MessageKey);

function AccessFields({ page, departments, values, problems }: { page: Page; departments: Department[]; values: AccessValues; problems: Problems }) {
  const { t } = page;
  return (
    <>
      <TextField page={page} name="displayName" label={t('staff.admin.accounts.displayName')} value={values.displayName} problems={problems} required maxlength={100} autocomplete="name" />
      <SelectField
        page={page}
        name="role"
        label={t('staff.admin.accounts.role')}
        help={t('staff.admin.accounts.roleHelp')}
        value={values.role}
        problems={problems}
        options={ROLES.map((r) => ({ value: r, label: roleLabel(page, r) }))}
      />
      <CheckboxGroup
        page={page}
        name="departments"
        legend={t('staff.admin.accounts.departments')}
        help={t('staff.admin.accounts.departmentsHelp')}
        values={values.departments}
        problems={problems}
        options={departments.map((d) => ({ value: String(d.id), label: d.name }))}
      />
    </>
  );
}

export function AccountListPage(props: AdminFrame & { accounts: StaffOverview[]; departments: Department[]; flash: MessageKey | null }) {
  const { page } = props;
  const { t } = page;
  const names = (ids: number[]) => ids.map((id) => props.departments.find((d) => d.id === id)?.name ?? String(id)).join(', ');
  return (
    <AdminLayout {...props} title={t('staff.admin.accounts.title')}>
      <p>{t('staff.admin.accounts.lead')}</p>
      <p>
        <a class="admin-button" href={page.href('/intern/verwaltung/konten/neu')}>
          {t('staff.admin.accounts.new')}
        </a>
      </p>
      <div class="table-scroll">
        <table class="admin-table">
          <caption>{t('staff.admin.accounts.caption', { count: props.accounts.filter((a) => a.active).length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.admin.accounts.login')}</th>
              <th scope="col">{t('staff.admin.accounts.displayName')}</th>
              <th scope="col">{t('staff.admin.accounts.role')}</th>
              <th scope="col">{t('staff.admin.accounts.departments')}</th>
              <th scope="col">{t('staff.admin.accounts.status')}</th>
              <th scope="col">{t('staff.admin.accounts.secondFactor')}</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => (
              <tr class={a.active ? undefined : 'admin-inactive'}>
                <th scope="row">
                  <a href={page.href(`/intern/verwaltung/konten/${a.id}`)}>{a.login}</a>
                </th>
                <td>{a.display_name}</td>
                <td>{roleLabel(page, a.role)}</td>
                <td>{a.departmentIds.length ? names(a.departmentIds) : a.role === 'admin' || a.role === 'dispatcher' ? t('staff.admin.accounts.allDepartments') : '–'}</td>
                <td>{a.active ? t('staff.admin.accounts.active') : <span class="admin-tag admin-tag-warn">{t('staff.admin.accounts.disabled')}</span>}</td>
                <td>{t(a.second_factor ? 'staff.admin.accounts.on' : 'staff.admin.accounts.off')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export function AccountNewPage(props: AdminFrame & { departments: Department[]; values: NewAccountValues; problems: Problems }) {
  const { page, values, problems } = props;
  const { t } = page;
  return (
    <AdminLayout {...props} title={t('staff.admin.accounts.new')} problems={problems} back={{ href: '/intern/verwaltung/konten', label: t('staff.admin.accounts.back') }}>
      <form method="post" action={page.href('/intern/verwaltung/konten')} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.accounts.fields')}</legend>
          <TextField page={page} name="login" label={t('staff.admin.accounts.login')} help={t('staff.admin.accounts.loginHelp')} value={values.login} problems={problems} required maxlength={40} autocomplete="off" />
          <AccessFields page={page} departments={props.departments} values={values} problems={problems} />
          <TextField
            page={page}
            name="password"
            type="password"
            label={t('staff.admin.accounts.initialPassword')}
            help={t('staff.admin.accounts.passwordHelp', { min: PASSWORD_MIN })}
            value=""
            problems={problems}
            required
            autocomplete="new-password"
          />
        </fieldset>
        <button type="submit" class="admin-button">
          {t('staff.admin.create')}
        </button>
      </form>
    </AdminLayout>
  );
}

export function AccountEditPage(props: AdminFrame & { account: StaffOverview; departments: Department[]; values: AccessValues; problems: Problems; flash: MessageKey | null }) {
  const { page, account, problems } = props;
  const { t } = page;
  const self = account.id === props.user.id;
  const base = `/intern/verwaltung/konten/${account.id}`;
  return (
    <AdminLayout {...props} title={t('staff.admin.accounts.edit', { login: account.login })} problems={problems} back={{ href: '/intern/verwaltung/konten', label: t('staff.admin.accounts.back') }}>
      <dl class="facts">
        <dt>{t('staff.admin.accounts.status')}</dt>
        <dd>{account.active ? t('staff.admin.accounts.active') : t('staff.admin.accounts.disabledSince', { date: dateTime(account.disabled_at ?? account.created_at, page) })}</dd>
        <dt>{t('staff.admin.accounts.created')}</dt>
        <dd>{dateTime(account.created_at, page)}</dd>
        <dt>{t('staff.admin.accounts.secondFactor')}</dt>
        <dd>{t(account.second_factor ? 'staff.admin.accounts.on' : 'staff.admin.accounts.off')}</dd>
      </dl>
      {self ? <p class="notice">{t('staff.admin.accounts.selfNote')}</p> : null}

      <h2>{t('staff.admin.accounts.access')}</h2>
      <form method="post" action={page.href(base)} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.accounts.accessLegend')}</legend>
          <AccessFields page={page} departments={props.departments} values={props.values} problems={problems} />
        </fieldset>
        <button type="submit" class="admin-button">
          {t('staff.admin.save')}
        </button>
      </form>

      <h2>{t('staff.admin.accounts.passwordTitle')}</h2>
      <form method="post" action={page.href(`${base}/passwort`)} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.accounts.passwordLegend')}</legend>
          <TextField
            page={page}
            name="newPassword"
            type="password"
            label={t('staff.admin.accounts.newPassword')}
            help={t('staff.admin.accounts.resetHelp', { min: PASSWORD_MIN })}
            value=""
            problems={problems}
            required
            autocomplete="new-password"
          />
        </fieldset>
        <button type="submit" class="admin-button admin-button-secondary">
          {t('staff.admin.accounts.resetPassword')}
        </button>
      </form>

      <h2>{t('staff.admin.accounts.secondFactor')}</h2>
      {account.second_factor ? (
        <form method="post" action={page.href(`${base}/zweiter-faktor`)} class="admin-inline-form">
          <Csrf token={props.csrfToken} />
          <p id="second-factor-help">{t('staff.admin.accounts.secondFactorHelp')}</p>
          <button type="submit" class="admin-button admin-button-secondary" aria-describedby="second-factor-help">
            {t('staff.admin.accounts.resetSecondFactor')}
          </button>
        </form>
      ) : (
        <p>{t('staff.admin.accounts.secondFactorNone')}</p>
      )}

      <h2>{t(account.active ? 'staff.admin.accounts.disableTitle' : 'staff.admin.accounts.enableTitle')}</h2>
      <form method="post" action={page.href(`${base}/${account.active ? 'sperren' : 'entsperren'}`)} class="admin-inline-form">
        <Csrf token={props.csrfToken} />
        <p id="status-help">{t(account.active ? 'staff.admin.accounts.disableHelp' : 'staff.admin.accounts.enableHelp')}</p>
        {problems['disable'] ? (
          <p class="field-error" id="disable-error">
            {problemText(page, problems['disable'])}
          </p>
        ) : null}
        <button
          type="submit"
          id="disable"
          class={account.active ? 'admin-button admin-button-danger' : 'admin-button admin-button-secondary'}
          aria-describedby={problems['disable'] ? 'status-help disable-error' : 'status-help'}
        >
          {t(account.active ? 'staff.admin.accounts.disable' : 'staff.admin.accounts.enable')}
        </button>
      </form>
    </AdminLayout>
  );
}
