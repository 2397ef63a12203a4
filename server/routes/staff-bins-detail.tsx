// One bin's page for the bin routes: who may change it, and the page with its history and forms
// (also re-rendered with the form's messages after a refused save).
import type { Context } from 'hono';
import { listDepartments } from '../../db/departments.ts';
import { listActiveDistrictsForDrawing } from '../../db/districts.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import { binDepartmentId, findStaffBin, fullBinCategory, listBinEvents, listBinReports, type StaffBin } from '../../db/staff-bins.ts';
import type { BinEvent } from '../../db/schema.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { seesAllDepartments, type StaffUser } from '../staff/access.ts';
import { pageFor } from '../views/page.ts';
import { BinDetailPage, type BinDetailData } from '../views/staff/bins-detail.tsx';
import { formValuesOf, type BinFormErrors, type BinFormValues } from './staff-bins-form.tsx';

/** A bin as the routes need it: the row, the department it belongs to, and whether this person may change it. */
export interface BinAccess {
  bin: StaffBin;
  departmentId: number;
  canChange: boolean;
}

export async function loadBinAccess(ctx: AppContext, user: StaffUser, idParam: string): Promise<BinAccess> {
  const id = /^\d{1,9}$/.test(idParam) ? Number(idParam) : NaN;
  const bin = Number.isInteger(id) ? await findStaffBin(ctx.db, id) : undefined;
  if (!bin) throw new UserError(404, 'staff.bins.error.unknown');
  const [table, fullCategory] = await Promise.all([loadRoutingTable(ctx.db), fullBinCategory(ctx.db)]);
  const departmentId = binDepartmentId(bin, table, fullCategory);
  return { bin, departmentId, canChange: seesAllDepartments(user) || user.departmentIds.includes(departmentId) };
}

export interface DetailExtras {
  values?: BinFormValues;
  errors?: BinFormErrors;
  /** Which change just happened (from the redirect's query): its notice is read from the history. */
  done?: 'gespeichert' | 'unveraendert' | 'neuer-code' | 'ausgemustert' | null;
  retireUnconfirmed?: boolean;
}

const bodyOf = (e: BinEvent | undefined) => (e?.body ? (JSON.parse(e.body) as Record<string, unknown>) : {});

function noticeFor(done: DetailExtras['done'], events: BinEvent[]): Pick<BinDetailData, 'notice' | 'newCode'> {
  if (done === 'gespeichert') return { notice: { key: 'staff.bins.saved' }, newCode: null };
  if (done === 'unveraendert') return { notice: { key: 'staff.bins.nothingChanged' }, newCode: null };
  // Events are newest first; the codes shown are the recorded ones, never text from the URL.
  const latest = (type: BinEvent['type']) => events.find((e) => e.type === type);
  if (done === 'neuer-code' && latest('code_reissued')) {
    const { from, to } = bodyOf(latest('code_reissued'));
    return { notice: { key: 'staff.bins.reissued', params: { from: String(from), to: String(to) } }, newCode: String(to) };
  }
  if (done === 'ausgemustert' && latest('retired')) {
    const reports = bodyOf(latest('retired'))['reports'];
    return { notice: { key: 'staff.bins.retiredDone', params: { count: Array.isArray(reports) ? reports.length : 0 } }, newCode: null };
  }
  return { notice: null, newCode: null };
}

export async function renderBinDetail(c: Context<AppEnv>, ctx: AppContext, access: BinAccess, extras: DetailExtras = {}, status: 200 | 422 = 200) {
  const session = c.get('staffSession')!;
  const { bin } = access;
  const page = pageFor(c);
  const [reports, events, departments, districts] = await Promise.all([listBinReports(ctx.db, bin.id), listBinEvents(ctx.db, bin.id), listDepartments(ctx.db), listActiveDistrictsForDrawing(ctx.db)]);
  const staffIds = [...new Set(events.map((e) => (e.actor?.startsWith('staff:') ? Number(e.actor.slice(6)) : NaN)).filter(Number.isInteger))];
  const staff = staffIds.length ? await ctx.db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', staffIds).execute() : [];
  const routed = departments.find((d) => d.id === access.departmentId);
  const localized = reports.map((r) => ({ ...r, category_name: page.lang === 'en' ? r.category_name_en : r.category_name }));
  const data: BinDetailData = {
    user: session.user,
    csrfToken: session.csrfToken,
    bin,
    routedDepartmentName: routed?.name ?? '–',
    reports: localized,
    events,
    actors: new Map(staff.map((s) => [s.id, s.display_name])),
    canChange: access.canChange,
    form: { values: extras.values ?? formValuesOf(bin), errors: extras.errors ?? {}, departments: departments.map((d) => ({ id: d.id, name: d.name })) },
    ...noticeFor(extras.done ?? null, events),
    retireUnconfirmed: extras.retireUnconfirmed ?? false,
    districts: districts.map((d) => ({ id: d.id, name: d.name, geometry: d.geometry })),
  };
  return c.html(<BinDetailPage page={page} data={data} />, status);
}

