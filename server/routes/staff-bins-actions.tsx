// Changes to one bin: edit, a new code, retire. Each is a POST (CSRF checked by the guard) that
// only a person whose departments the bin belongs to may make; each writes its bin_events row in
// the same transaction, and answers with a 303 back to the bin's page (or 422 with the form).
import { Hono, type Context } from 'hono';
import { listDepartments } from '../../db/departments.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import { binDepartmentId, fullBinCategory, reissueCodeOfBin, retireBinAndCloseTasks, updateBin } from '../../db/staff-bins.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { isLang } from '../i18n/index.ts';
import { seesAllDepartments } from '../staff/access.ts';
import { loadBinAccess, renderBinDetail, type BinAccess } from './staff-bins-detail.tsx';
import { readBinForm, typedValues } from './staff-bins-form.tsx';
import { parseFormBody } from '../body.ts';

const BIN_PATH = '/intern/papierkoerbe/:id{[0-9]+}';

/** The bin's page after a change; the notice is named in the query, its content read from the database. */
function backToBin(c: Context<AppEnv>, binId: number, notice: string): Response {
  const lang = c.req.query('lang');
  return c.redirect(`/intern/papierkoerbe/${binId}?${notice}=1${isLang(lang) ? `&lang=${lang}` : ''}`, 303);
}

export function staffBinActionRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const actor = (c: Context<AppEnv>) => `staff:${c.get('staffSession')!.user.id}`;

  /** The bin, if this person may change it and it is still in service; 404 / 403 / 409 otherwise. */
  const changeableBin = async (c: Context<AppEnv>): Promise<BinAccess> => {
    const access = await loadBinAccess(ctx, c.get('staffSession')!.user, c.req.param('id')!);
    if (!access.canChange) throw new UserError(403, 'staff.bins.error.notYours');
    if (!access.bin.active) throw new UserError(409, 'staff.bins.error.retired');
    return access;
  };

  app.post(BIN_PATH, async (c) => {
    const access = await changeableBin(c);
    const { user } = c.get('staffSession')!;
    const values = typedValues(await parseFormBody(c));
    const [table, departments, fullCategory] = await Promise.all([loadRoutingTable(ctx.db), listDepartments(ctx.db), fullBinCategory(ctx.db)]);
    const read = readBinForm(values, { table, departmentIds: new Set(departments.map((d) => d.id)) });
    if (!read.ok) return renderBinDetail(c, ctx, access, { values, errors: read.errors }, 422);
    // Staff may not hand a bin to a department that is not theirs: they could not undo it.
    if (!seesAllDepartments(user) && !user.departmentIds.includes(binDepartmentId(read.edit, table, fullCategory))) {
      return renderBinDetail(c, ctx, access, { values, errors: { department_id: { key: 'staff.bins.error.departmentNotYours' } } }, 422);
    }
    const changed = await updateBin(ctx.db, access.bin.id, read.edit, { actor: actor(c), now: ctx.clock.now().toISOString(), table });
    return backToBin(c, access.bin.id, changed.length ? 'gespeichert' : 'unveraendert');
  });

  app.post(`${BIN_PATH}/neuer-code`, async (c) => {
    const access = await changeableBin(c);
    await reissueCodeOfBin(ctx.db, access.bin.id, { actor: actor(c), now: ctx.clock.now().toISOString() });
    return backToBin(c, access.bin.id, 'neuer-code');
  });

  app.post(`${BIN_PATH}/ausmustern`, async (c) => {
    const access = await changeableBin(c);
    // Retiring cannot be undone from these pages: it needs the tick that says the bin is really gone.
    const body = await parseFormBody(c);
    if (body['bestaetigt'] !== '1') return renderBinDetail(c, ctx, access, { retireUnconfirmed: true }, 422);
    await retireBinAndCloseTasks(ctx.db, access.bin.id, { actor: actor(c), now: ctx.clock.now().toISOString() });
    return backToBin(c, access.bin.id, 'ausgemustert');
  });

  return app;
}
