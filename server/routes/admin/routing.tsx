// /intern/verwaltung/zustaendigkeit: routing rules per category (city-wide and per district): add,
// change the department, remove. The "which department gets a report here?" check is routing-check.tsx.
import { Hono, type Context } from 'hono';
import { listAllCategories } from '../../../db/admin-categories.ts';
import { listDistrictOverview } from '../../../db/admin-districts.ts';
import { addRule, changeRuleDepartment, findRuleById, listRules, removeRule, ruleExists } from '../../../db/admin-routing.ts';
import { listDepartments } from '../../../db/departments.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { UserError } from '../../../domain/errors.ts';
import { pageFor } from '../../views/page.ts';
import { RoutingRulesPage, type RuleFormValues } from '../../views/staff/admin/routing.tsx';
import { flashFrom, formBody, hasProblems, idParam, redirectWithFlash, textOf, type Problems } from './form.ts';

const BASE = '/intern/verwaltung/zustaendigkeit';

export function routingAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  const choices = async () => {
    const [categories, districts, departments] = await Promise.all([listAllCategories(ctx.db), listDistrictOverview(ctx.db), listDepartments(ctx.db)]);
    return { categories, districts, departments };
  };

  const render = async (c: Context<AppEnv>, values: RuleFormValues, problems: Problems) => {
    const session = c.get('staffSession')!;
    const [rules, lists] = await Promise.all([listRules(ctx.db), choices()]);
    return c.html(
      <RoutingRulesPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} rules={rules} {...lists} values={values} problems={problems} flash={flashFrom(c)} />,
      hasProblems(problems) ? 422 : 200,
    );
  };

  app.get(BASE, (c) => render(c, { category: '', district: '', department: '' }, {}));

  app.post(BASE, async (c) => {
    const body = await formBody(c);
    const values: RuleFormValues = { category: textOf(body, 'category'), district: textOf(body, 'district'), department: textOf(body, 'department') };
    const { categories, districts, departments } = await choices();
    const problems: Problems = {};
    const categoryId = Number(values.category);
    const districtId = values.district === '' ? null : Number(values.district);
    const departmentId = Number(values.department);
    if (!categories.some((x) => x.id === categoryId)) problems['category'] = { key: 'staff.admin.routing.categoryMissing' };
    // A rule for an inactive district would never apply: only active districts are offered and accepted.
    if (districtId !== null && !districts.some((d) => d.id === districtId && d.active)) problems['district'] = { key: 'staff.admin.routing.districtInvalid' };
    if (!departments.some((d) => d.id === departmentId)) problems['department'] = { key: 'staff.admin.routing.departmentMissing' };
    if (!hasProblems(problems) && (await ruleExists(ctx.db, categoryId, districtId))) {
      problems['district'] = { key: districtId === null ? 'staff.admin.routing.cityRuleExists' : 'staff.admin.routing.districtRuleExists' };
    }
    if (hasProblems(problems)) return render(c, values, problems);
    await addRule(ctx.db, { categoryId, districtId, departmentId });
    ctx.logger.info('routing rule added', { by: c.get('staffSession')!.user.id, category: categoryId, district: districtId, department: departmentId });
    return redirectWithFlash(c, BASE, 'created');
  });

  const existing = async (c: Context<AppEnv>) => {
    const rule = await findRuleById(ctx.db, idParam(c));
    if (!rule) throw new UserError(404, 'error.notFound');
    return rule;
  };

  app.post(`${BASE}/:id{[0-9]+}`, async (c) => {
    const rule = await existing(c);
    const departmentId = Number(textOf(await formBody(c), 'department'));
    const departments = await listDepartments(ctx.db);
    // The row's own select is the field; the page comes back with the message at the rule.
    if (!departments.some((d) => d.id === departmentId)) return render(c, { category: '', district: '', department: '' }, { [`rule-${rule.id}`]: { key: 'staff.admin.routing.departmentMissing' } });
    await changeRuleDepartment(ctx.db, rule.id, departmentId);
    return redirectWithFlash(c, BASE, 'saved');
  });

  app.post(`${BASE}/:id{[0-9]+}/entfernen`, async (c) => {
    const rule = await existing(c);
    await removeRule(ctx.db, rule.id);
    ctx.logger.info('routing rule removed', { by: c.get('staffSession')!.user.id, rule: rule.id });
    return redirectWithFlash(c, BASE, 'removed');
  });

  return app;
}
