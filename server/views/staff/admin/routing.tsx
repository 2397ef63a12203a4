// Routing rules: per category the city-wide rule and the district rules, each with its department
// (changeable in place) and a remove button; a form to add a rule; a link to the check on the map.
import type { DistrictOverview } from '../../../../db/admin-districts.ts';
import type { RuleOverview } from '../../../../db/admin-routing.ts';
import type { Category, Department } from '../../../../db/schema.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import { categoryName } from './categories.tsx';
import { AdminLayout, Csrf, SelectField, problemText, type AdminFrame } from './parts.tsx';

export interface RuleFormValues {
  category: string;
  district: string;
  department: string;
}

type CategoryChoice = Pick<Category, 'id' | 'name_de' | 'name_en' | 'kind' | 'default_department_id'>;

export function RoutingRulesPage(
  props: AdminFrame & {
    rules: RuleOverview[];
    categories: CategoryChoice[];
    districts: DistrictOverview[];
    departments: Department[];
    values: RuleFormValues;
    problems: Problems;
    flash: MessageKey | null;
  },
) {
  const { page, problems } = props;
  const { t } = page;
  const departmentName = (id: number | null) => props.departments.find((d) => d.id === id)?.name;
  const withRules = props.categories.filter((c) => props.rules.some((r) => r.category_id === c.id));
  const departmentOptions = props.departments.map((d) => ({ value: String(d.id), label: d.name }));
  return (
    <AdminLayout {...props} title={t('staff.admin.routing.title')} problems={problems}>
      <p>{t('staff.admin.routing.lead')}</p>
      <p>
        <a class="admin-button admin-button-secondary" href={page.href('/intern/verwaltung/zustaendigkeit/pruefen')}>
          {t('staff.admin.routing.checkLink')}
        </a>
      </p>
      <h2>{t('staff.admin.routing.rules')}</h2>
      {withRules.length === 0 ? <p>{t('staff.admin.routing.noRules')}</p> : null}
      {withRules.map((category) => (
        <section class="admin-rule-group" aria-labelledby={`category-${category.id}`}>
          <h3 id={`category-${category.id}`}>{categoryName(page, category)}</h3>
          <p class="help">
            {t('staff.admin.routing.defaultIs', { department: departmentName(category.default_department_id) ?? t('staff.admin.routing.central') })}
          </p>
          <div class="table-scroll">
            <table class="admin-table admin-rule-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.admin.routing.scope')}</th>
                  <th scope="col">{t('staff.admin.routing.department')}</th>
                  <th scope="col">{t('staff.admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.rules
                  .filter((r) => r.category_id === category.id)
                  .map((rule) => {
                    const scope = rule.district_id === null ? t('staff.admin.routing.wholeCity') : rule.district_name!;
                    const problem = problems[`rule-${rule.id}`];
                    return (
                      <tr>
                        <th scope="row" id={`rule-${rule.id}-scope`}>
                          {scope}
                          {rule.district_active === 0 ? <span class="admin-tag admin-tag-warn">{t('staff.admin.routing.districtInactive')}</span> : null}
                        </th>
                        <td>
                          <form method="post" action={page.href(`/intern/verwaltung/zustaendigkeit/${rule.id}`)} class="admin-row-form">
                            <Csrf token={props.csrfToken} />
                            <label for={`rule-${rule.id}`} class="visually-hidden">
                              {t('staff.admin.routing.departmentFor', { category: categoryName(page, category), scope })}
                            </label>
                            {problem ? (
                              <p class="field-error" id={`rule-${rule.id}-error`}>
                                {problemText(page, problem)}
                              </p>
                            ) : null}
                            <select id={`rule-${rule.id}`} name="department" aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `rule-${rule.id}-error` : undefined}>
                              {departmentOptions.map((o) => (
                                <option value={o.value} selected={Number(o.value) === rule.department_id}>
                                  {o.label}
                                </option>
                              ))}
                            </select>
                            <button type="submit" class="admin-button admin-button-secondary" aria-describedby={`rule-${rule.id}-scope`}>
                              {t('staff.admin.routing.change')}
                            </button>
                          </form>
                        </td>
                        <td>
                          <form method="post" action={page.href(`/intern/verwaltung/zustaendigkeit/${rule.id}/entfernen`)} class="admin-inline-form">
                            <Csrf token={props.csrfToken} />
                            <button type="submit" class="admin-button admin-button-danger" aria-label={t('staff.admin.routing.removeRule', { category: categoryName(page, category), scope })}>
                              {t('staff.admin.routing.remove')}
                            </button>
                          </form>
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p class="help">{t('staff.admin.routing.othersNote')}</p>

      <h2 id="add">{t('staff.admin.routing.add')}</h2>
      <form method="post" action={page.href('/intern/verwaltung/zustaendigkeit')} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.routing.newRule')}</legend>
          <SelectField
            page={page}
            name="category"
            label={t('staff.admin.routing.category')}
            value={props.values.category}
            problems={problems}
            required
            options={[{ value: '', label: t('staff.admin.choose') }, ...props.categories.map((c) => ({ value: String(c.id), label: categoryName(page, c) }))]}
          />
          <SelectField
            page={page}
            name="district"
            label={t('staff.admin.routing.district')}
            help={t('staff.admin.routing.districtHelp')}
            value={props.values.district}
            problems={problems}
            options={[{ value: '', label: t('staff.admin.routing.wholeCity') }, ...props.districts.filter((d) => d.active).map((d) => ({ value: String(d.id), label: d.name }))]}
          />
          <SelectField
            page={page}
            name="department"
            label={t('staff.admin.routing.department')}
            value={props.values.department}
            problems={problems}
            required
            options={[{ value: '', label: t('staff.admin.choose') }, ...departmentOptions]}
          />
        </fieldset>
        <button type="submit" class="admin-button">
          {t('staff.admin.routing.addSubmit')}
        </button>
      </form>
    </AdminLayout>
  );
}
