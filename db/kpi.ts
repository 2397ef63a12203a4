// The Kennzahlen's raw material, read per request in SQL: the open reports, the reports filed in the
// period, and the durations of what was acknowledged or closed in the period, each as small numeric
// rows packed into one string; db/kpi-aggregate.ts turns them into figures per department, category
// and district (exact medians need every duration).
// Every query reads, per department of the selection, one date range of a covering index of migration
// 011, so the cost grows with the selection's reports of the period, not with the whole table (see
// docs/decisions/020-kennzahlen.md).
import { sql, type RawBuilder } from 'kysely';
import { OPEN_STATES } from '../domain/states.ts';
import type { Db } from './connection.ts';

const DAY_MS = 86_400_000;

export interface KpiScope {
  /** 'all' for admin and dispatcher without a department filter. */
  departmentIds: readonly number[] | 'all';
  categoryId: number | null;
  periodDays: number;
  now: Date;
  /** Width of one bar of the "new vs closed" chart, in days. */
  bucketDays: number;
}

/**
 * Rows as flat arrays of integers, `stride` numbers per report (one typed array instead of thousands
 * of objects). The first three numbers of a row are always department, category and district (0: none).
 */
export interface PackedRows {
  stride: number;
  values: Float64Array;
}

export const OPEN_FIELDS = { overdue: 3 } as const; // d c r overdue(0/1)
export const CREATED_FIELDS = { week: 3, bucket: 4 } as const; // d c r inLastWeek(0/1) bucket
export const ACK_FIELDS = { seconds: 3 } as const; // d c r seconds
export const CLOSED_FIELDS = { seconds: 3, within: 4, bucket: 5 } as const; // d c r seconds within(1/0/-1 no due time) bucket

export interface FullBinRow {
  binId: number;
  code: string;
  description: string;
  district: string | null;
  tasks: number;
  presses: number;
}

export interface KpiRawData {
  open: PackedRows;
  created: PackedRows;
  acknowledged: PackedRows;
  closed: PackedRows;
  fullBins: FullBinRow[];
}

export function periodStart(scope: Pick<KpiScope, 'now' | 'periodDays'>): string {
  return new Date(scope.now.getTime() - scope.periodDays * DAY_MS).toISOString();
}

/**
 * Seconds between two ISO timestamps (SQLite's unixepoch; PostgreSQL will need extract(epoch from …),
 * which is why the date arithmetic lives in these helpers).
 */
function secondsBetween(from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(unixepoch(${to}) - unixepoch(${from}))`;
}

/** Which bar of the chart a timestamp falls into: 0 for the newest (ending now). */
function bucketOf(column: RawBuilder<unknown>, scope: KpiScope): RawBuilder<number> {
  // The width is written into the SQL as an integer literal: a bound JS number arrives as a REAL and
  // would make this a fractional division.
  return sql<number>`((unixepoch(${scope.now.toISOString()}) - unixepoch(${column})) / ${sql.lit(Math.round(scope.bucketDays * 86400))})`;
}

/**
 * The department and category conditions shared by every query. The departments are always named,
 * all of them for 'all' (`KpiScope.departmentIds` is resolved by the caller), so that SQLite reads one
 * range of the department-led covering indexes per department. The unary `+` keeps it from using an
 * index led by the category instead: without statistics it would take any equality it can get.
 */
function scopeWhere(departmentIds: readonly number[], scope: KpiScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [departmentIds.length === 0 ? sql`0` : sql`department_id in (${sql.join([...departmentIds])})`];
  if (scope.categoryId !== null) parts.push(sql`+category_id = ${scope.categoryId}`);
  return sql`and ${sql.join(parts, sql` and `)}`;
}

/**
 * Splits "1 2 3 4,1 2 3 5,…" into one flat array of integers without making a string per number;
 * throws when a row has another number of fields, since every later index depends on the stride.
 */
export function unpack(text: string, stride: number): PackedRows {
  let rows = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) rows++;
  const values = new Float64Array(rows * stride);
  let k = 0;
  let n = 0;
  let negative = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) n = n * 10 + (ch - 48);
    else if (ch === 45) negative = true;
    else {
      values[k++] = negative ? -n : n;
      n = 0;
      negative = false;
    }
  }
  values[k++] = negative ? -n : n;
  if (k !== rows * stride) throw new Error(`packed rows: ${k} numbers for ${rows} rows of ${stride}`);
  return { stride, values };
}

/**
 * Reads many small numeric rows as one packed string. Handing a row to JavaScript costs several
 * microseconds; a year of closed reports is 300,000 rows, so the rows are packed in SQL (group_concat;
 * string_agg on PostgreSQL) and unpacked here in one pass.
 */
async function packed(db: Db, fields: RawBuilder<unknown>[], rest: RawBuilder<unknown>): Promise<PackedRows> {
  const row = sql`${sql.join(fields, sql`||' '||`)}`;
  const result = await sql<{ p: string | null }>`select group_concat(${row}, ',') as p ${rest}`.execute(db);
  const text = result.rows[0]?.p;
  return text ? unpack(text, fields.length) : { stride: fields.length, values: new Float64Array(0) };
}

export async function loadKpiData(db: Db, scope: KpiScope): Promise<KpiRawData> {
  const now = scope.now.toISOString();
  const from = periodStart(scope);
  const weekAgo = new Date(scope.now.getTime() - 7 * DAY_MS).toISOString();
  const departmentIds = scope.departmentIds === 'all' ? (await db.selectFrom('departments').select('id').execute()).map((d) => d.id) : scope.departmentIds;
  const where = scopeWhere(departmentIds, scope);
  const openStates = sql.join([...OPEN_STATES]);
  const keys = [sql`department_id`, sql`category_id`, sql`coalesce(district_id, 0)`];

  const open = await packed(db, [...keys, sql`coalesce(due_at < ${now}, 0)`], sql`from reports where state in (${openStates}) ${where}`);
  const created = await packed(
    db,
    [...keys, sql`(created_at >= ${weekAgo})`, bucketOf(sql`created_at`, scope)],
    sql`from reports where created_at >= ${from} and created_at <= ${now} ${where}`,
  );
  const acknowledged = await packed(
    db,
    [...keys, secondsBetween(sql`created_at`, sql`acknowledged_at`)],
    sql`from reports where acknowledged_at >= ${from} and acknowledged_at <= ${now} ${where}`,
  );
  const closed = await packed(
    db,
    [...keys, secondsBetween(sql`created_at`, sql`closed_at`), sql`(case when due_at is null then -1 when closed_at <= due_at then 1 else 0 end)`, bucketOf(sql`closed_at`, scope)],
    sql`from reports where closed_at >= ${from} and closed_at <= ${now} ${where}`,
  );
  const fullBins = await loadFullBins(db, scope, departmentIds, from, now);
  return { open, created, acknowledged, closed, fullBins };
}

/**
 * The bins reported full most often: bin tasks of the 'full' reason created in the period, ranked by
 * presses (a task's support_count counts every press of the button while it was open).
 */
async function loadFullBins(db: Db, scope: KpiScope, departmentIds: readonly number[], from: string, now: string, limit = 10): Promise<FullBinRow[]> {
  const fullCategories = await db.selectFrom('categories').select('id').where('bin_reason', '=', 'full').execute();
  const ids = fullCategories.map((c) => c.id).filter((id) => scope.categoryId === null || id === scope.categoryId);
  if (ids.length === 0) return [];
  if (departmentIds.length === 0) return [];
  const result = await sql<FullBinRow>`select b.id as "binId", b.code as code, b.description as description, d.name as district, t.tasks as tasks, t.presses as presses
        from (select bin_id, count(*) as tasks, sum(support_count) as presses
              from reports t
              where t.category_id in (${sql.join(ids)}) and t.department_id in (${sql.join([...departmentIds])})
                and t.created_at >= ${from} and t.created_at <= ${now} and t.bin_id is not null
              group by bin_id
              order by presses desc, tasks desc, bin_id
              limit ${limit}) t
        join bins b on b.id = t.bin_id
        left join districts d on d.id = b.district_id
        order by t.presses desc, t.tasks desc, b.id`.execute(db);
  return result.rows;
}

export interface KpiNames {
  departments: { id: number; slug: string; name: string; isCentral: boolean }[];
  categories: { id: number; slug: string; nameDe: string; nameEn: string; binReason: string | null; sort: number }[];
  districts: { id: number; name: string }[];
}

/** Names for the tables and the filter form; small tables, read whole. */
export async function loadKpiNames(db: Db): Promise<KpiNames> {
  const [departments, categories, districts] = await Promise.all([
    db.selectFrom('departments').select(['id', 'slug', 'name', 'is_central']).orderBy('is_central', 'desc').orderBy('name').execute(),
    db.selectFrom('categories').select(['id', 'slug', 'name_de', 'name_en', 'bin_reason', 'sort']).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('districts').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return {
    departments: departments.map((d) => ({ id: d.id, slug: d.slug, name: d.name, isCentral: d.is_central === 1 })),
    categories: categories.map((c) => ({ id: c.id, slug: c.slug, nameDe: c.name_de, nameEn: c.name_en, binReason: c.bin_reason, sort: c.sort })),
    districts,
  };
}
