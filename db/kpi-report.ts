// One Kennzahlen report for a selection: the raw rows of db/kpi.ts summarised and named, ready for the
// dashboard and the CSV export (both show the same figures, so both are built from this).
import { emptyFigures, summarizeKpi, weeklySeries, type KpiFigures } from './kpi-aggregate.ts';
import { loadKpiData, type FullBinRow, type KpiNames, type KpiScope } from './kpi.ts';
import type { Db } from './connection.ts';

export interface KpiRow {
  id: number;
  name: string;
  figures: KpiFigures;
}

export interface KpiReport {
  scope: KpiScope;
  from: Date;
  total: KpiFigures;
  departments: KpiRow[];
  categories: KpiRow[];
  districts: KpiRow[];
  /** Bars of the chart, oldest first: the start of each bar, new and closed reports in it. */
  series: { starts: Date[]; created: number[]; closed: number[] };
  /** null when a category filter excludes the litter-bin "full" reason. */
  fullBins: FullBinRow[] | null;
}

const DAY_MS = 86_400_000;

/** Bars of one day for short periods, of a week for longer ones. */
export function bucketDaysFor(periodDays: number): number {
  return periodDays <= 30 ? 1 : 7;
}

function hasActivity(f: KpiFigures): boolean {
  return f.open > 0 || f.newInPeriod > 0 || f.acknowledgedInPeriod > 0 || f.closedInPeriod > 0;
}

export async function buildKpiReport(
  db: Db,
  scope: KpiScope,
  names: KpiNames,
  options: { lang: 'de' | 'en'; noDistrict: string; visibleDepartmentIds: readonly number[] },
): Promise<KpiReport> {
  const data = await loadKpiData(db, scope);
  const summary = summarizeKpi(data);
  const figures = (map: Map<number, KpiFigures>, id: number) => map.get(id) ?? emptyFigures();

  const departments = names.departments
    .filter((d) => (scope.departmentIds === 'all' ? options.visibleDepartmentIds.includes(d.id) : scope.departmentIds.includes(d.id)))
    .map((d) => ({ id: d.id, name: d.name, figures: figures(summary.byDepartment, d.id) }));
  const categories = names.categories
    .filter((c) => (scope.categoryId === null ? hasActivity(figures(summary.byCategory, c.id)) : c.id === scope.categoryId))
    .map((c) => ({ id: c.id, name: options.lang === 'de' ? c.nameDe : c.nameEn, figures: figures(summary.byCategory, c.id) }));
  const districts = names.districts.map((d) => ({ id: d.id, name: d.name, figures: figures(summary.byDistrict, d.id) }));
  if (summary.byDistrict.has(0)) districts.push({ id: 0, name: options.noDistrict, figures: summary.byDistrict.get(0)! });

  const buckets = Math.ceil(scope.periodDays / scope.bucketDays);
  const { created, closed } = weeklySeries(data, buckets);
  const from = new Date(scope.now.getTime() - scope.periodDays * DAY_MS);
  // Bar i (oldest first) ends (buckets - 1 - i) bars before now; the oldest starts no earlier than the period.
  const starts = created.map((_, i) => new Date(Math.max(from.getTime(), scope.now.getTime() - (buckets - i) * scope.bucketDays * DAY_MS)));

  const fullCategory = names.categories.find((c) => c.binReason === 'full');
  const binsApply = scope.categoryId === null || scope.categoryId === fullCategory?.id;
  return {
    scope,
    from,
    total: summary.total,
    departments,
    categories,
    districts,
    series: { starts, created, closed },
    fullBins: binsApply ? data.fullBins : null,
  };
}
