// /intern/verwaltung/aemter: list, create and edit departments (no deletion: departments own reports).
import { Hono, type Context } from 'hono';
import {
  createDepartment,
  departmentSlugTaken,
  findDepartmentById,
  listDepartmentOverview,
  NOTIFY_MODES,
  updateDepartment,
  type DepartmentFields,
  type NotifyMode,
} from '../../../db/admin-departments.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { UserError } from '../../../domain/errors.ts';
import { pageFor } from '../../views/page.ts';
import { DepartmentFormPage, DepartmentListPage, type DepartmentFormValues } from '../../views/staff/admin/departments.tsx';
import { flashFrom, formBody, hasProblems, idParam, looksLikeEmail, redirectWithFlash, textOf, type FormBody, type Problems } from './form.ts';

const BASE = '/intern/verwaltung/aemter';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function readForm(body: FormBody): { values: DepartmentFormValues; problems: Problems } {
  const values: DepartmentFormValues = { name: textOf(body, 'name'), slug: textOf(body, 'slug').toLowerCase(), email: textOf(body, 'email'), notifyMode: textOf(body, 'notifyMode') };
  const problems: Problems = {};
  if (!values.name) problems['name'] = { key: 'staff.admin.departments.nameMissing' };
  else if (values.name.length > 100) problems['name'] = { key: 'staff.admin.tooLong', params: { max: 100 } };
  if (!SLUG.test(values.slug) || values.slug.length > 40) problems['slug'] = { key: 'staff.admin.departments.slugInvalid' };
  if (!(NOTIFY_MODES as readonly string[]).includes(values.notifyMode)) problems['notifyMode'] = { key: 'staff.admin.departments.notifyModeInvalid' };
  if (values.email && !looksLikeEmail(values.email)) problems['email'] = { key: 'staff.admin.departments.emailInvalid' };
  // Mail can only go somewhere if there is an address to send it to.
  else if (!values.email && values.notifyMode !== 'off' && !problems['notifyMode']) problems['email'] = { key: 'staff.admin.departments.emailNeeded' };
  return { values, problems };
}

function toFields(values: DepartmentFormValues): DepartmentFields {
  return { name: values.name, slug: values.slug, email: values.email || null, notifyMode: values.notifyMode as NotifyMode };
}

export function departmentAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  const renderForm = (c: Context<AppEnv>, id: number | null, values: DepartmentFormValues, problems: Problems, isCentral = false) => {
    const session = c.get('staffSession')!;
    return c.html(
      <DepartmentFormPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} id={id} isCentral={isCentral} values={values} problems={problems} flash={flashFrom(c)} />,
      hasProblems(problems) ? 422 : 200,
    );
  };

  const existing = async (c: Context<AppEnv>) => {
    const department = await findDepartmentById(ctx.db, idParam(c));
    if (!department) throw new UserError(404, 'error.notFound');
    return department;
  };

  app.get(BASE, async (c) => {
    const session = c.get('staffSession')!;
    const departments = await listDepartmentOverview(ctx.db);
    return c.html(<DepartmentListPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} departments={departments} flash={flashFrom(c)} />);
  });

  app.get(`${BASE}/neu`, (c) => renderForm(c, null, { name: '', slug: '', email: '', notifyMode: 'immediate' }, {}));

  app.post(BASE, async (c) => {
    const { values, problems } = readForm(await formBody(c));
    if (!problems['slug'] && (await departmentSlugTaken(ctx.db, values.slug, null))) problems['slug'] = { key: 'staff.admin.departments.slugTaken' };
    if (hasProblems(problems)) return renderForm(c, null, values, problems);
    const id = await createDepartment(ctx.db, toFields(values), ctx.clock.now().toISOString());
    ctx.logger.info('department created', { department: id, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, BASE, 'created');
  });

  app.get(`${BASE}/:id{[0-9]+}`, async (c) => {
    const d = await existing(c);
    return renderForm(c, d.id, { name: d.name, slug: d.slug, email: d.email ?? '', notifyMode: d.notify_mode }, {}, d.is_central === 1);
  });

  app.post(`${BASE}/:id{[0-9]+}`, async (c) => {
    const d = await existing(c);
    const { values, problems } = readForm(await formBody(c));
    if (!problems['slug'] && (await departmentSlugTaken(ctx.db, values.slug, d.id))) problems['slug'] = { key: 'staff.admin.departments.slugTaken' };
    if (hasProblems(problems)) return renderForm(c, d.id, values, problems, d.is_central === 1);
    await updateDepartment(ctx.db, d.id, toFields(values));
    ctx.logger.info('department changed', { department: d.id, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, BASE, 'saved');
  });

  return app;
}
