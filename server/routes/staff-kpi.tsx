// Back office: the Kennzahlen dashboard and its CSV export. Admins and dispatchers see every
// department, staff their own; crews have no dashboard. Both URLs take the same GET filters.
import { Hono, type Context } from 'hono';
import { buildKpiReport, bucketDaysFor } from '../../db/kpi-report.ts';
import { loadKpiNames, type KpiNames, type KpiScope } from '../../db/kpi.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { staffLang, type MessageKey } from '../i18n/index.ts';
import { seesAllDepartments, type StaffUser } from '../staff/access.ts';
import { kpiCsv } from '../views/staff/kpi-csv.tsx';
import { KpiPage } from '../views/staff/kpi-page.tsx';
import { pageFor } from '../views/page.ts';

export const PERIOD_CHOICES = [7, 30, 90, 365] as const;
export const DEFAULT_PERIOD = 30;

/** The filters exactly as given, for re-rendering the form. */
export interface KpiFilterValues {
  fachamt: string;
  kategorie: string;
  zeitraum: string;
}

export interface KpiFieldError {
  field: keyof KpiFilterValues;
  key: MessageKey;
}

export type ParsedKpiFilter =
  | { values: KpiFilterValues; errors: []; departmentId: number | null; categoryId: number | null; periodDays: number }
  | { values: KpiFilterValues; errors: KpiFieldError[] };

/**
 * Validates the GET filters against the catalogue. An unknown value is a field error (422); a
 * department that exists but is not the user's is refused outright (403), like its reports.
 */
export function parseKpiFilter(query: Record<string, string | undefined>, names: KpiNames, user: StaffUser): ParsedKpiFilter {
  const values: KpiFilterValues = {
    fachamt: (query['fachamt'] ?? '').trim(),
    kategorie: (query['kategorie'] ?? '').trim(),
    zeitraum: (query['zeitraum'] ?? '').trim(),
  };
  const errors: KpiFieldError[] = [];
  let departmentId: number | null = null;
  if (values.fachamt) {
    const department = names.departments.find((d) => d.slug === values.fachamt);
    if (!department) errors.push({ field: 'fachamt', key: 'staff.kpi.error.department' });
    else if (!seesAllDepartments(user) && !user.departmentIds.includes(department.id)) throw new UserError(403, 'staff.forbidden');
    else departmentId = department.id;
  }
  let categoryId: number | null = null;
  if (values.kategorie) {
    const category = names.categories.find((c) => c.slug === values.kategorie);
    if (!category) errors.push({ field: 'kategorie', key: 'staff.kpi.error.category' });
    else categoryId = category.id;
  }
  let periodDays: number = DEFAULT_PERIOD;
  if (values.zeitraum) {
    const days = Number(values.zeitraum);
    if (!/^\d+$/.test(values.zeitraum) || !(PERIOD_CHOICES as readonly number[]).includes(days)) errors.push({ field: 'zeitraum', key: 'staff.kpi.error.period' });
    else periodDays = days;
  }
  if (errors.length) return { values, errors };
  return { values, errors: [], departmentId, categoryId, periodDays };
}

/** The query string of a valid selection, without defaults, for the CSV link and the form's links. */
export function kpiQueryString(values: KpiFilterValues): string {
  const params = new URLSearchParams();
  if (values.fachamt) params.set('fachamt', values.fachamt);
  if (values.kategorie) params.set('kategorie', values.kategorie);
  if (values.zeitraum && Number(values.zeitraum) !== DEFAULT_PERIOD) params.set('zeitraum', values.zeitraum);
  const query = params.toString();
  return query ? `?${query}` : '';
}

function userForKpi(c: Context<AppEnv>): { user: StaffUser; csrfToken: string } {
  const session = c.get('staffSession')!;
  // Crews work from the bin list; the figures of a whole department are office work.
  if (session.user.role === 'crew') throw new UserError(403, 'staff.forbidden');
  return { user: session.user, csrfToken: session.csrfToken };
}

export function staffKpiRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  /** Reads and checks the filters, then computes the report; null report with errors for a 422. */
  async function prepare(c: Context<AppEnv>) {
    const { user, csrfToken } = userForKpi(c);
    const names = await loadKpiNames(ctx.db);
    const visible = seesAllDepartments(user) ? names.departments.map((d) => d.id) : names.departments.filter((d) => user.departmentIds.includes(d.id)).map((d) => d.id);
    const parsed = parseKpiFilter(c.req.query(), names, user);
    const options = {
      departments: names.departments.filter((d) => visible.includes(d.id)).map((d) => ({ slug: d.slug, name: d.name })),
      categories: names.categories.map((cat) => ({ slug: cat.slug, name: c.get('lang') === 'de' ? cat.nameDe : cat.nameEn })),
      periods: PERIOD_CHOICES,
      defaultPeriod: DEFAULT_PERIOD,
    };
    if (parsed.errors.length > 0) return { user, csrfToken, parsed, options, report: null };
    const ok = parsed as Extract<ParsedKpiFilter, { departmentId: number | null }>;
    const scope: KpiScope = {
      departmentIds: ok.departmentId !== null ? [ok.departmentId] : seesAllDepartments(user) ? 'all' : visible,
      categoryId: ok.categoryId,
      periodDays: ok.periodDays,
      now: ctx.clock.now(),
      bucketDays: bucketDaysFor(ok.periodDays),
    };
    const report = await buildKpiReport(ctx.db, scope, names, { lang: staffLang(c.get('lang')), noDistrict: c.get('t')('staff.kpi.noDistrict'), visibleDepartmentIds: visible });
    return { user, csrfToken, parsed, options, report };
  }

  app.get('/intern/kennzahlen', async (c) => {
    const { user, csrfToken, parsed, options, report } = await prepare(c);
    const page = pageFor(c);
    return c.html(
      <KpiPage page={page} data={{ user, csrfToken, values: parsed.values, errors: parsed.errors, options, report, query: kpiQueryString(parsed.values) }} />,
      report ? 200 : 422,
    );
  });

  app.get('/intern/kennzahlen.csv', async (c) => {
    const { parsed, report } = await prepare(c);
    if (!report) throw new UserError(422, parsed.errors[0]!.key);
    const page = pageFor(c);
    const day = report.scope.now.toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="kennzahlen-${day}.csv"`);
    return c.body(kpiCsv(report, page.lang, page.t));
  });

  return app;
}
