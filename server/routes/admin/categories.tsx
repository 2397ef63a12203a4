// /intern/verwaltung/kategorien: categories grouped by kind, and the edit form for one.
import { Hono, type Context } from 'hono';
import { findCategoryById, listCategoryOverview, updateCategory, type CategoryFields } from '../../../db/admin-categories.ts';
import { listDepartments } from '../../../db/departments.ts';
import type { Category } from '../../../db/schema.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { UserError } from '../../../domain/errors.ts';
import { pageFor } from '../../views/page.ts';
import { CategoryFormPage, CategoryListPage, type CategoryFormValues } from '../../views/staff/admin/categories.tsx';
import { checked, flashFrom, formBody, hasProblems, idParam, redirectWithFlash, textOf, wholeNumber, type FormBody, type Problems } from './form.ts';

const BASE = '/intern/verwaltung/kategorien';
export const TARGET_HOURS_MAX = 8760;
export const DUPLICATE_RADIUS_MAX = 1000;

const TEXT_LIMITS: Record<string, number> = { name_de: 100, name_en: 100, group_de: 60, group_en: 60, help_de: 300, help_en: 300, notice_de: 300, notice_en: 300 };
const REQUIRED = ['name_de', 'name_en', 'group_de', 'group_en'];

function valuesOf(category: Category): CategoryFormValues {
  return {
    name_de: category.name_de,
    name_en: category.name_en,
    help_de: category.help_de,
    help_en: category.help_en,
    group_de: category.group_de,
    group_en: category.group_en,
    department: category.default_department_id === null ? '' : String(category.default_department_id),
    target_hours: String(category.target_hours),
    auto_publish: category.auto_publish === 1,
    notice_de: category.notice_de ?? '',
    notice_en: category.notice_en ?? '',
    duplicate_radius_m: String(category.duplicate_radius_m),
    active: category.active === 1,
  };
}

function readForm(body: FormBody, departmentIds: Set<number>): { values: CategoryFormValues; problems: Problems; fields: CategoryFields | null } {
  const text = (name: string) => textOf(body, name);
  const values: CategoryFormValues = {
    name_de: text('name_de'),
    name_en: text('name_en'),
    help_de: text('help_de'),
    help_en: text('help_en'),
    group_de: text('group_de'),
    group_en: text('group_en'),
    department: text('department'),
    target_hours: text('target_hours'),
    auto_publish: checked(body, 'auto_publish'),
    notice_de: text('notice_de'),
    notice_en: text('notice_en'),
    duplicate_radius_m: text('duplicate_radius_m'),
    active: checked(body, 'active'),
  };
  const problems: Problems = {};
  for (const [name, max] of Object.entries(TEXT_LIMITS)) {
    const value = values[name as keyof CategoryFormValues] as string;
    if (REQUIRED.includes(name) && !value) problems[name] = { key: 'staff.admin.required' };
    else if (value.length > max) problems[name] = { key: 'staff.admin.tooLong', params: { max } };
  }
  const department = values.department === '' ? null : Number(values.department);
  if (department !== null && !departmentIds.has(department)) problems['department'] = { key: 'staff.admin.categories.departmentInvalid' };
  const hours = wholeNumber(values.target_hours, 1, TARGET_HOURS_MAX);
  if (hours === null) problems['target_hours'] = { key: 'staff.admin.categories.targetInvalid', params: { max: TARGET_HOURS_MAX } };
  const radius = wholeNumber(values.duplicate_radius_m, 0, DUPLICATE_RADIUS_MAX);
  if (radius === null) problems['duplicate_radius_m'] = { key: 'staff.admin.categories.radiusInvalid', params: { max: DUPLICATE_RADIUS_MAX } };
  if (hasProblems(problems)) return { values, problems, fields: null };
  return {
    values,
    problems,
    fields: {
      name_de: values.name_de,
      name_en: values.name_en,
      help_de: values.help_de,
      help_en: values.help_en,
      group_de: values.group_de,
      group_en: values.group_en,
      default_department_id: department,
      target_hours: hours!,
      auto_publish: values.auto_publish ? 1 : 0,
      notice_de: values.notice_de || null,
      notice_en: values.notice_en || null,
      duplicate_radius_m: radius!,
      active: values.active ? 1 : 0,
    },
  };
}

export function categoryAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  const existing = async (c: Context<AppEnv>) => {
    const category = await findCategoryById(ctx.db, idParam(c));
    if (!category) throw new UserError(404, 'error.notFound');
    return category;
  };

  const renderForm = async (c: Context<AppEnv>, category: Category, values: CategoryFormValues, problems: Problems) => {
    const session = c.get('staffSession')!;
    const departments = await listDepartments(ctx.db);
    return c.html(
      <CategoryFormPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} category={category} departments={departments} values={values} problems={problems} />,
      hasProblems(problems) ? 422 : 200,
    );
  };

  app.get(BASE, async (c) => {
    const session = c.get('staffSession')!;
    const categories = await listCategoryOverview(ctx.db);
    return c.html(<CategoryListPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} categories={categories} flash={flashFrom(c)} />);
  });

  app.get(`${BASE}/:id{[0-9]+}`, async (c) => {
    const category = await existing(c);
    return renderForm(c, category, valuesOf(category), {});
  });

  app.post(`${BASE}/:id{[0-9]+}`, async (c) => {
    const category = await existing(c);
    const departments = await listDepartments(ctx.db);
    const { values, problems, fields } = readForm(await formBody(c), new Set(departments.map((d) => d.id)));
    if (!fields) return renderForm(c, category, values, problems);
    await updateCategory(ctx.db, category.id, fields);
    ctx.logger.info('category changed', { category: category.id, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, BASE, 'saved');
  });

  return app;
}
