// Answer templates: the list (optionally for one category), and the form for one template.
import type { TemplateOverview } from '../../../../db/admin-templates.ts';
import type { Category } from '../../../../db/schema.ts';
import { STATES } from '../../../../domain/states.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import { formatState } from '../../staff.tsx';
import { ActionButton, AdminLayout, Csrf, SelectField, TextField, YesNo, type AdminFrame } from './parts.tsx';
import { categoryName } from './categories.tsx';

export interface TemplateFormValues {
  category: string;
  state: string;
  title: string;
  body: string;
}

type CategoryChoice = Pick<Category, 'id' | 'name_de' | 'name_en'>;

export function TemplateListPage(props: AdminFrame & { categories: CategoryChoice[]; filter: number | null; templates: TemplateOverview[]; flash: MessageKey | null }) {
  const { page } = props;
  const { t } = page;
  const filtered = props.categories.find((c) => c.id === props.filter);
  return (
    <AdminLayout {...props} title={t('staff.admin.templates.title')}>
      <p>{t('staff.admin.templates.lead')}</p>
      <form method="get" action="/intern/verwaltung/vorlagen" class="admin-filter">
        {page.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <SelectField
          page={page}
          name="kategorie"
          label={t('staff.admin.templates.showFor')}
          value={props.filter === null ? '' : String(props.filter)}
          options={[{ value: '', label: t('staff.admin.templates.allTemplates') }, ...props.categories.map((c) => ({ value: String(c.id), label: categoryName(page, c) }))]}
        />
        <button type="submit" class="admin-button admin-button-secondary">
          {t('staff.admin.templates.filter')}
        </button>
      </form>
      <p>
        <a class="admin-button" href={page.href(`/intern/verwaltung/vorlagen/neu${props.filter === null ? '' : `?kategorie=${props.filter}`}`)}>
          {t('staff.admin.templates.new')}
        </a>
      </p>
      {props.templates.length === 0 ? (
        <p>{t('staff.admin.templates.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="admin-table">
            <caption>
              {filtered ? t('staff.admin.templates.captionFor', { name: categoryName(page, filtered) }) : t('staff.admin.templates.caption', { count: props.templates.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.admin.templates.titleField')}</th>
                <th scope="col">{t('staff.admin.templates.category')}</th>
                <th scope="col">{t('staff.admin.templates.state')}</th>
                <th scope="col">{t('staff.admin.active')}</th>
                <th scope="col">{t('staff.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.templates.map((tpl) => (
                <tr class={tpl.active ? undefined : 'admin-inactive'}>
                  <th scope="row">
                    <a href={page.href(`/intern/verwaltung/vorlagen/${tpl.id}`)} id={`template-${tpl.id}`}>
                      {tpl.title}
                    </a>
                  </th>
                  <td>{tpl.category_id === null ? t('staff.admin.templates.allCategories') : page.lang === 'en' ? tpl.category_name_en : tpl.category_name_de}</td>
                  <td>{tpl.state ? formatState(page, tpl.state) : t('staff.admin.templates.anyState')}</td>
                  <td>
                    <YesNo page={page} value={tpl.active === 1} />
                  </td>
                  <td>
                    <ActionButton
                      page={page}
                      csrfToken={props.csrfToken}
                      action={`/intern/verwaltung/vorlagen/${tpl.id}/aktiv`}
                      name="active"
                      value={tpl.active ? '0' : '1'}
                      label={t(tpl.active ? 'staff.admin.deactivate' : 'staff.admin.activate')}
                      describedBy={`template-${tpl.id}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

export function TemplateFormPage(props: AdminFrame & { id: number | null; active: boolean; categories: CategoryChoice[]; values: TemplateFormValues; problems: Problems }) {
  const { page, values, problems } = props;
  const { t } = page;
  const title = props.id === null ? t('staff.admin.templates.new') : t('staff.admin.templates.edit', { title: values.title || '…' });
  return (
    <AdminLayout {...props} title={title} back={{ href: '/intern/verwaltung/vorlagen', label: t('staff.admin.templates.back') }}>
      {props.active ? null : <p class="notice">{t('staff.admin.templates.inactiveNote')}</p>}
      <form method="post" action={page.href(props.id === null ? '/intern/verwaltung/vorlagen' : `/intern/verwaltung/vorlagen/${props.id}`)} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.templates.fields')}</legend>
          <SelectField
            page={page}
            name="category"
            label={t('staff.admin.templates.category')}
            value={values.category}
            problems={problems}
            options={[{ value: '', label: t('staff.admin.templates.allCategories') }, ...props.categories.map((c) => ({ value: String(c.id), label: categoryName(page, c) }))]}
          />
          <SelectField
            page={page}
            name="state"
            label={t('staff.admin.templates.state')}
            help={t('staff.admin.templates.stateHelp')}
            value={values.state}
            problems={problems}
            options={[{ value: '', label: t('staff.admin.templates.anyState') }, ...STATES.map((s) => ({ value: s, label: formatState(page, s) }))]}
          />
          <TextField page={page} name="title" label={t('staff.admin.templates.titleField')} value={values.title} problems={problems} required maxlength={100} />
          <TextField page={page} name="body" label={t('staff.admin.templates.body')} help={t('staff.admin.templates.bodyHelp')} value={values.body} problems={problems} required maxlength={2000} multiline />
        </fieldset>
        <button type="submit" class="admin-button">
          {t(props.id === null ? 'staff.admin.create' : 'staff.admin.save')}
        </button>
      </form>
    </AdminLayout>
  );
}
