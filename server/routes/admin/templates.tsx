// /intern/verwaltung/vorlagen: answer templates per category and state; create, edit, (de)activate.
import { Hono, type Context } from 'hono';
import { listAllCategories } from '../../../db/admin-categories.ts';
import { createTemplate, findTemplateById, listTemplates, setTemplateActive, updateTemplate, type TemplateFields } from '../../../db/admin-templates.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { UserError } from '../../../domain/errors.ts';
import { isReportState } from '../../../domain/states.ts';
import { pageFor } from '../../views/page.ts';
import { TemplateFormPage, TemplateListPage, type TemplateFormValues } from '../../views/staff/admin/templates.tsx';
import { flashFrom, formBody, hasProblems, idParam, redirectWithFlash, textOf, type FormBody, type Problems } from './form.ts';

const BASE = '/intern/verwaltung/vorlagen';
const TITLE_MAX = 100;
const BODY_MAX = 2000;

function readForm(body: FormBody, categoryIds: Set<number>): { values: TemplateFormValues; problems: Problems; fields: TemplateFields | null } {
  const values: TemplateFormValues = { category: textOf(body, 'category'), state: textOf(body, 'state'), title: textOf(body, 'title'), body: textOf(body, 'body') };
  const problems: Problems = {};
  const categoryId = values.category === '' ? null : Number(values.category);
  if (categoryId !== null && !categoryIds.has(categoryId)) problems['category'] = { key: 'staff.admin.templates.categoryInvalid' };
  if (values.state !== '' && !isReportState(values.state)) problems['state'] = { key: 'staff.admin.templates.stateInvalid' };
  if (!values.title) problems['title'] = { key: 'staff.admin.required' };
  else if (values.title.length > TITLE_MAX) problems['title'] = { key: 'staff.admin.tooLong', params: { max: TITLE_MAX } };
  if (!values.body) problems['body'] = { key: 'staff.admin.required' };
  else if (values.body.length > BODY_MAX) problems['body'] = { key: 'staff.admin.tooLong', params: { max: BODY_MAX } };
  if (hasProblems(problems)) return { values, problems, fields: null };
  return { values, problems, fields: { categoryId, state: values.state || null, title: values.title, body: values.body } };
}

export function templateAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  const renderForm = async (c: Context<AppEnv>, id: number | null, values: TemplateFormValues, problems: Problems, active = true) => {
    const session = c.get('staffSession')!;
    const categories = await listAllCategories(ctx.db);
    return c.html(
      <TemplateFormPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} id={id} active={active} categories={categories} values={values} problems={problems} />,
      hasProblems(problems) ? 422 : 200,
    );
  };

  const existing = async (c: Context<AppEnv>) => {
    const template = await findTemplateById(ctx.db, idParam(c));
    if (!template) throw new UserError(404, 'error.notFound');
    return template;
  };

  const categoryIdSet = async () => new Set((await listAllCategories(ctx.db)).map((c) => c.id));

  app.get(BASE, async (c) => {
    const session = c.get('staffSession')!;
    const categories = await listAllCategories(ctx.db);
    const raw = c.req.query('kategorie') ?? '';
    // An unknown filter value is a bad link, not "show everything".
    const filter = raw === '' ? null : Number(raw);
    if (filter !== null && !categories.some((x) => x.id === filter)) throw new UserError(404, 'error.notFound');
    const templates = await listTemplates(ctx.db, filter);
    return c.html(<TemplateListPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} categories={categories} filter={filter} templates={templates} flash={flashFrom(c)} />);
  });

  app.get(`${BASE}/neu`, (c) => renderForm(c, null, { category: c.req.query('kategorie') ?? '', state: '', title: '', body: '' }, {}));

  app.post(BASE, async (c) => {
    const { values, problems, fields } = readForm(await formBody(c), await categoryIdSet());
    if (!fields) return renderForm(c, null, values, problems);
    await createTemplate(ctx.db, fields, ctx.clock.now().toISOString());
    return redirectWithFlash(c, BASE, 'created');
  });

  app.get(`${BASE}/:id{[0-9]+}`, async (c) => {
    const t = await existing(c);
    return renderForm(c, t.id, { category: t.category_id === null ? '' : String(t.category_id), state: t.state ?? '', title: t.title, body: t.body }, {}, t.active === 1);
  });

  app.post(`${BASE}/:id{[0-9]+}`, async (c) => {
    const t = await existing(c);
    const { values, problems, fields } = readForm(await formBody(c), await categoryIdSet());
    if (!fields) return renderForm(c, t.id, values, problems, t.active === 1);
    await updateTemplate(ctx.db, t.id, fields);
    return redirectWithFlash(c, BASE, 'saved');
  });

  app.post(`${BASE}/:id{[0-9]+}/aktiv`, async (c) => {
    const t = await existing(c);
    const value = textOf(await formBody(c), 'active');
    if (value !== '0' && value !== '1') throw new UserError(422, 'staff.admin.badAction');
    await setTemplateActive(ctx.db, t.id, value === '1');
    return redirectWithFlash(c, BASE, value === '1' ? 'enabled' : 'disabled');
  });

  return app;
}
