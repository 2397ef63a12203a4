// /intern/verwaltung/konten: staff accounts. Create (with the password rules of
// server/staff/passwords.ts), change name/role/departments, reset the password, disable (ends the
// sessions, keeps the account), re-enable, reset the second factor. An admin cannot lock themselves out.
import { Hono, type Context } from 'hono';
import { enableStaff, findStaffOverview, listStaffOverview, resetSecondFactor, resetStaffPassword, updateStaffAccess, type StaffOverview } from '../../../db/admin-staff.ts';
import { listDepartments } from '../../../db/departments.ts';
import type { StaffRole } from '../../../db/schema.ts';
import { createStaff, disableStaff, normalizeLogin, StaffExistsError } from '../../../db/staff.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { UserError } from '../../../domain/errors.ts';
import { ROLES } from '../../staff/access.ts';
import { checkPasswordPolicy, hashPassword } from '../../staff/passwords.ts';
import { pageFor } from '../../views/page.ts';
import { AccountEditPage, AccountListPage, AccountNewPage, type AccessValues, type NewAccountValues } from '../../views/staff/admin/accounts.tsx';
import { flashFrom, formBody, hasProblems, idParam, listOf, redirectWithFlash, textOf, type FormBody, type Problems } from './form.ts';

const BASE = '/intern/verwaltung/konten';
const LOGIN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Name, role and departments: the part of the form that creating and editing share. */
function readAccess(body: FormBody, departmentIds: Set<number>): { values: AccessValues; problems: Problems } {
  const values: AccessValues = { displayName: textOf(body, 'displayName'), role: textOf(body, 'role'), departments: listOf(body, 'departments') };
  const problems: Problems = {};
  if (!values.displayName) problems['displayName'] = { key: 'staff.admin.required' };
  else if (values.displayName.length > 100) problems['displayName'] = { key: 'staff.admin.tooLong', params: { max: 100 } };
  if (!(ROLES as readonly string[]).includes(values.role)) problems['role'] = { key: 'staff.admin.accounts.roleInvalid' };
  // Only ids as the form writes them: "07" or "7.0" would name department 7 a second time.
  if (values.departments.some((d) => !/^[1-9]\d{0,8}$/.test(d) || !departmentIds.has(Number(d)))) problems['departments'] = { key: 'staff.admin.accounts.departmentsInvalid' };
  // Staff and crews see only their departments' reports: without one they would see nothing.
  else if ((values.role === 'staff' || values.role === 'crew') && values.departments.length === 0) problems['departments'] = { key: 'staff.admin.accounts.departmentsNeeded' };
  return { values, problems };
}

export function accountAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const now = () => ctx.clock.now().toISOString();
  const departmentIdSet = async () => new Set((await listDepartments(ctx.db)).map((d) => d.id));

  const existing = async (c: Context<AppEnv>) => {
    const account = await findStaffOverview(ctx.db, idParam(c));
    if (!account) throw new UserError(404, 'error.notFound');
    return account;
  };

  const renderNew = async (c: Context<AppEnv>, values: NewAccountValues, problems: Problems) => {
    const session = c.get('staffSession')!;
    return c.html(
      <AccountNewPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} departments={await listDepartments(ctx.db)} values={values} problems={problems} />,
      hasProblems(problems) ? 422 : 200,
    );
  };

  const renderEdit = async (c: Context<AppEnv>, account: StaffOverview, values: AccessValues | null, problems: Problems) => {
    const session = c.get('staffSession')!;
    const access = values ?? { displayName: account.display_name, role: account.role, departments: account.departmentIds.map(String) };
    return c.html(
      <AccountEditPage
        page={pageFor(c)}
        user={session.user}
        csrfToken={session.csrfToken}
        account={account}
        departments={await listDepartments(ctx.db)}
        values={access}
        problems={problems}
        flash={flashFrom(c)}
      />,
      hasProblems(problems) ? 422 : 200,
    );
  };

  app.get(BASE, async (c) => {
    const session = c.get('staffSession')!;
    const [accounts, departments] = await Promise.all([listStaffOverview(ctx.db), listDepartments(ctx.db)]);
    return c.html(<AccountListPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} accounts={accounts} departments={departments} flash={flashFrom(c)} />);
  });

  app.get(`${BASE}/neu`, (c) => renderNew(c, { login: '', displayName: '', role: 'staff', departments: [] }, {}));

  app.post(BASE, async (c) => {
    const body = await formBody(c);
    const { values: access, problems } = readAccess(body, await departmentIdSet());
    const login = normalizeLogin(textOf(body, 'login'));
    // The password is never sent back into the form: a 422 page asks for it again.
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const values: NewAccountValues = { ...access, login };
    if (!LOGIN.test(login)) problems['login'] = { key: 'staff.admin.accounts.loginInvalid' };
    const policy = password ? checkPasswordPolicy(password, login) : { key: 'staff.admin.accounts.passwordMissing' as const };
    if (policy) problems['password'] = policy;
    if (!hasProblems(problems)) {
      try {
        const staff = await createStaff(ctx.db, {
          login,
          displayName: access.displayName,
          passwordHash: await hashPassword(password),
          role: access.role as StaffRole,
          departmentIds: access.departments.map(Number),
          now: now(),
        });
        ctx.logger.info('staff account created', { staff: staff.id, by: c.get('staffSession')!.user.id });
        return redirectWithFlash(c, `${BASE}/${staff.id}`, 'created');
      } catch (err) {
        if (!(err instanceof StaffExistsError)) throw err;
        problems['login'] = { key: 'staff.admin.accounts.loginTaken' };
      }
    }
    return renderNew(c, values, problems);
  });

  app.get(`${BASE}/:id{[0-9]+}`, async (c) => renderEdit(c, await existing(c), null, {}));

  app.post(`${BASE}/:id{[0-9]+}`, async (c) => {
    const account = await existing(c);
    const { values, problems } = readAccess(await formBody(c), await departmentIdSet());
    if (account.id === c.get('staffSession')!.user.id && values.role !== 'admin' && !problems['role']) {
      problems['role'] = { key: 'staff.admin.accounts.selfDemote' };
    }
    if (hasProblems(problems)) return renderEdit(c, account, values, problems);
    await updateStaffAccess(ctx.db, account.id, { displayName: values.displayName, role: values.role as StaffRole, departmentIds: values.departments.map(Number) });
    ctx.logger.info('staff account changed', { staff: account.id, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, `${BASE}/${account.id}`, 'saved');
  });

  app.post(`${BASE}/:id{[0-9]+}/passwort`, async (c) => {
    const account = await existing(c);
    const body = await formBody(c);
    const password = typeof body['newPassword'] === 'string' ? body['newPassword'] : '';
    const policy = password ? checkPasswordPolicy(password, account.login) : { key: 'staff.admin.accounts.passwordMissing' as const };
    if (policy) return renderEdit(c, account, null, { newPassword: policy });
    const session = c.get('staffSession')!;
    await resetStaffPassword(ctx.db, account.id, await hashPassword(password), now(), account.id === session.user.id ? session.id : null);
    ctx.logger.info('staff password reset', { staff: account.id, by: session.user.id });
    return redirectWithFlash(c, `${BASE}/${account.id}`, 'passwordReset');
  });

  app.post(`${BASE}/:id{[0-9]+}/sperren`, async (c) => {
    const account = await existing(c);
    if (account.id === c.get('staffSession')!.user.id) return renderEdit(c, account, null, { disable: { key: 'staff.admin.accounts.selfDisable' } });
    await disableStaff(ctx.db, account.id, now());
    ctx.logger.info('staff account disabled', { staff: account.id, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, `${BASE}/${account.id}`, 'disabled');
  });

  app.post(`${BASE}/:id{[0-9]+}/entsperren`, async (c) => {
    const account = await existing(c);
    await enableStaff(ctx.db, account.id);
    ctx.logger.info('staff account enabled', { staff: account.id, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, `${BASE}/${account.id}`, 'enabled');
  });

  app.post(`${BASE}/:id{[0-9]+}/zweiter-faktor`, async (c) => {
    const account = await existing(c);
    await resetSecondFactor(ctx.db, account.id);
    ctx.logger.info('staff second factor reset', { staff: account.id, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, `${BASE}/${account.id}`, 'secondFactorReset');
  });

  return app;
}
