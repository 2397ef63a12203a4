// Departments: the list with open reports and members, and one form for creating and editing.
import type { DepartmentOverview } from '../../../../db/admin-departments.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import { AdminLayout, Csrf, SelectField, TextField, type AdminFrame } from './parts.tsx';

export interface DepartmentFormValues {
  name: string;
  slug: string;
  email: string;
  notifyMode: string;
}

const notifyKey = (mode: string) => `staff.admin.departments.notify.${mode}` as MessageKey;

export function DepartmentListPage(props: AdminFrame & { departments: DepartmentOverview[]; flash: MessageKey | null }) {
  const { page } = props;
  const { t } = page;
  return (
    <AdminLayout {...props} title={t('staff.admin.departments.title')}>
      <p>{t('staff.admin.departments.lead')}</p>
      <p>
        <a class="admin-button" href={page.href('/intern/verwaltung/aemter/neu')}>
          {t('staff.admin.departments.new')}
        </a>
      </p>
      <div class="table-scroll">
        <table class="admin-table">
          <caption>{t('staff.admin.departments.caption', { count: props.departments.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.admin.departments.name')}</th>
              <th scope="col">{t('staff.admin.departments.slug')}</th>
              <th scope="col">{t('staff.admin.departments.email')}</th>
              <th scope="col">{t('staff.admin.departments.notifyMode')}</th>
              <th scope="col" class="num">
                {t('staff.admin.departments.open')}
              </th>
              <th scope="col" class="num">
                {t('staff.admin.departments.members')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.departments.map((d) => (
              <tr>
                <th scope="row">
                  <a href={page.href(`/intern/verwaltung/aemter/${d.id}`)}>{d.name}</a>
                  {d.is_central ? <span class="admin-tag">{t('staff.admin.departments.central')}</span> : null}
                </th>
                <td>
                  <code>{d.slug}</code>
                </td>
                <td>{d.email ?? '–'}</td>
                <td>{t(notifyKey(d.notify_mode))}</td>
                <td class="num">{d.open_reports}</td>
                <td class="num">{d.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export function DepartmentFormPage(props: AdminFrame & { id: number | null; isCentral: boolean; values: DepartmentFormValues; problems: Problems; flash: MessageKey | null }) {
  const { page, values, problems } = props;
  const { t } = page;
  const title = props.id === null ? t('staff.admin.departments.new') : t('staff.admin.departments.edit', { name: values.name || '…' });
  return (
    <AdminLayout {...props} title={title} back={{ href: '/intern/verwaltung/aemter', label: t('staff.admin.departments.back') }}>
      {props.isCentral ? <p class="notice">{t('staff.admin.departments.centralNote')}</p> : null}
      <form method="post" action={page.href(props.id === null ? '/intern/verwaltung/aemter' : `/intern/verwaltung/aemter/${props.id}`)} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.departments.fields')}</legend>
          <TextField page={page} name="name" label={t('staff.admin.departments.name')} value={values.name} problems={problems} required maxlength={100} />
          <TextField page={page} name="slug" label={t('staff.admin.departments.slug')} value={values.slug} problems={problems} required maxlength={40} help={t('staff.admin.departments.slugHelp')} />
          <TextField page={page} name="email" type="email" label={t('staff.admin.departments.email')} value={values.email} problems={problems} autocomplete="email" help={t('staff.admin.departments.emailHelp')} />
          <SelectField
            page={page}
            name="notifyMode"
            label={t('staff.admin.departments.notifyMode')}
            value={values.notifyMode}
            problems={problems}
            options={['immediate', 'digest', 'off'].map((m) => ({ value: m, label: t(notifyKey(m)) }))}
          />
        </fieldset>
        <button type="submit" class="admin-button">
          {t(props.id === null ? 'staff.admin.create' : 'staff.admin.save')}
        </button>
      </form>
    </AdminLayout>
  );
}
