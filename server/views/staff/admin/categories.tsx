// Categories: grouped by kind (defects, bins) and then by their group; the edit form for one.
import type { CategoryOverview } from '../../../../db/admin-categories.ts';
import type { Category, Department } from '../../../../db/schema.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import type { Page } from '../../page.ts';
import { AdminLayout, CheckboxField, Csrf, SelectField, TextField, YesNo, type AdminFrame } from './parts.tsx';

export interface CategoryFormValues {
  name_de: string;
  name_en: string;
  help_de: string;
  help_en: string;
  group_de: string;
  group_en: string;
  department: string;
  target_hours: string;
  auto_publish: boolean;
  notice_de: string;
  notice_en: string;
  duplicate_radius_m: string;
  active: boolean;
}

export const categoryName = (page: Page, c: Pick<Category, 'name_de' | 'name_en'>) => (page.lang === 'en' ? c.name_en : c.name_de);

/** Target times read better in days once they are whole days. */
function targetText(page: Page, hours: number): string {
  return hours % 24 === 0 ? page.t('staff.admin.categories.days', { days: hours / 24 }) : page.t('staff.admin.categories.hours', { hours });
}

function CategoryTable({ page, categories }: { page: Page; categories: CategoryOverview[] }) {
  const { t } = page;
  const groups = [...new Set(categories.map((c) => (page.lang === 'en' ? c.group_en : c.group_de)))];
  return (
    <>
      {groups.map((group) => (
        <div class="table-scroll">
          <table class="admin-table admin-category-table">
            <caption>{group}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.admin.categories.name')}</th>
                <th scope="col">{t('staff.admin.categories.department')}</th>
                <th scope="col">{t('staff.admin.categories.target')}</th>
                <th scope="col">{t('staff.admin.categories.autoPublishShort')}</th>
                <th scope="col" class="num">
                  {t('staff.admin.categories.templates')}
                </th>
                <th scope="col">{t('staff.admin.active')}</th>
              </tr>
            </thead>
            <tbody>
              {categories
                .filter((c) => (page.lang === 'en' ? c.group_en : c.group_de) === group)
                .map((c) => (
                  <tr class={c.active ? undefined : 'admin-inactive'}>
                    <th scope="row">
                      <a href={page.href(`/intern/verwaltung/kategorien/${c.id}`)}>{categoryName(page, c)}</a>
                    </th>
                    <td>{c.department_name ?? t('staff.admin.categories.noDepartment')}</td>
                    <td>{targetText(page, c.target_hours)}</td>
                    <td>
                      <YesNo page={page} value={c.auto_publish === 1} />
                    </td>
                    <td class="num">
                      <a href={page.href(`/intern/verwaltung/vorlagen?kategorie=${c.id}`)} aria-label={t('staff.admin.categories.templatesOf', { count: c.templates, name: categoryName(page, c) })}>
                        {c.templates}
                      </a>
                    </td>
                    <td>
                      <YesNo page={page} value={c.active === 1} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}

export function CategoryListPage(props: AdminFrame & { categories: CategoryOverview[]; flash: MessageKey | null }) {
  const { page } = props;
  const { t } = page;
  return (
    <AdminLayout {...props} title={t('staff.admin.categories.title')}>
      <p>{t('staff.admin.categories.lead')}</p>
      <h2>{t('staff.admin.categories.defects')}</h2>
      <CategoryTable page={page} categories={props.categories.filter((c) => c.kind === 'defect')} />
      <h2>{t('staff.admin.categories.bins')}</h2>
      <CategoryTable page={page} categories={props.categories.filter((c) => c.kind === 'bin')} />
    </AdminLayout>
  );
}

export function CategoryFormPage(props: AdminFrame & { category: Category; departments: Department[]; values: CategoryFormValues; problems: Problems }) {
  const { page, values, problems, category } = props;
  const { t } = page;
  const field = (name: keyof CategoryFormValues, label: MessageKey, options: { required?: boolean; max: number; multiline?: boolean; help?: string }) => (
    <TextField page={page} name={name} label={t(label)} value={values[name] as string} problems={problems} required={options.required} maxlength={options.max} multiline={options.multiline} help={options.help} />
  );
  return (
    <AdminLayout {...props} title={t('staff.admin.categories.edit', { name: categoryName(page, category) })} back={{ href: '/intern/verwaltung/kategorien', label: t('staff.admin.categories.back') }}>
      <p>
        {t(category.kind === 'bin' ? 'staff.admin.categories.kindBin' : 'staff.admin.categories.kindDefect')} · {t('staff.admin.categories.serviceCode')}: <code>{category.service_code}</code> ·{' '}
        <a href={page.href(`/intern/verwaltung/vorlagen?kategorie=${category.id}`)}>{t('staff.admin.categories.templatesLink')}</a>
      </p>
      <form method="post" action={page.href(`/intern/verwaltung/kategorien/${category.id}`)} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.categories.names')}</legend>
          {field('name_de', 'staff.admin.categories.nameDe', { required: true, max: 100 })}
          {field('name_en', 'staff.admin.categories.nameEn', { required: true, max: 100 })}
          {field('group_de', 'staff.admin.categories.groupDe', { required: true, max: 60 })}
          {field('group_en', 'staff.admin.categories.groupEn', { required: true, max: 60 })}
          {field('help_de', 'staff.admin.categories.helpDe', { max: 300, multiline: true })}
          {field('help_en', 'staff.admin.categories.helpEn', { max: 300, multiline: true })}
          {field('notice_de', 'staff.admin.categories.noticeDe', { max: 300, multiline: true, help: t('staff.admin.categories.noticeHelp') })}
          {field('notice_en', 'staff.admin.categories.noticeEn', { max: 300, multiline: true })}
        </fieldset>
        <fieldset>
          <legend>{t('staff.admin.categories.handling')}</legend>
          <SelectField
            page={page}
            name="department"
            label={t('staff.admin.categories.department')}
            help={t('staff.admin.categories.departmentHelp')}
            value={values.department}
            problems={problems}
            options={[{ value: '', label: t('staff.admin.categories.noDepartment') }, ...props.departments.map((d) => ({ value: String(d.id), label: d.name }))]}
          />
          <TextField
            page={page}
            name="target_hours"
            label={t('staff.admin.categories.targetHours')}
            help={t('staff.admin.categories.targetHelp')}
            value={values.target_hours}
            problems={problems}
            required
            inputmode="numeric"
            maxlength={4}
          />
          <TextField
            page={page}
            name="duplicate_radius_m"
            label={t('staff.admin.categories.radius')}
            help={t('staff.admin.categories.radiusHelp')}
            value={values.duplicate_radius_m}
            problems={problems}
            required
            inputmode="numeric"
            maxlength={4}
          />
          <CheckboxField page={page} name="auto_publish" label={t('staff.admin.categories.autoPublish')} help={t('staff.admin.categories.autoPublishHelp')} checked={values.auto_publish} />
          <CheckboxField page={page} name="active" label={t('staff.admin.categories.activeLabel')} help={t('staff.admin.categories.activeHelp')} checked={values.active} />
        </fieldset>
        <button type="submit" class="admin-button">
          {t('staff.admin.save')}
        </button>
      </form>
    </AdminLayout>
  );
}
