// The back-office queue: one selection of reports (filters, sort, page), the counts per state for it,
// and the rows that list, map and CSV show. Built for 1,000,000 reports of which ~20,000 are open:
// - the page is fetched in two steps: first the ids of one page, ordered, from an index that holds
//   state, due_at and the rowid (reports_open_due / reports_department_due), then the 50 rows with
//   their joins; the sorter never carries whole joined rows;
// - counts per state read the same indexes and count closed states only when the selection asks for
//   them (statesToCount in server/domain/queue-filter.ts), so a normal page view never walks the
//   closed reports. docs/decisions/015-queue.md has the measurements.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { QueueSort } from '../domain/queue-filter.ts';
import { OPEN_STATES } from '../domain/states.ts';
import type { Db } from './connection.ts';
import type { Database } from './schema.ts';

export interface QueueDbFilter {
  /** 'all' for admin and dispatcher; an empty list selects nothing. */
  departmentIds: readonly number[] | 'all';
  states: readonly string[];
  categoryId?: number;
  districtId?: number;
  source?: string;
  /** created_at before this instant (the age filter). */
  createdBefore?: string;
  /** due_at before this instant (overdue only). */
  dueBefore?: string;
  assignedStaffId?: number;
  priority?: number;
  box?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
}

export interface QueueRow {
  id: number;
  state: string;
  priority: number;
  category_name_de: string;
  category_name_en: string;
  department_name: string;
  department_slug: string;
  department_is_central: number;
  district_name: string | null;
  address: string | null;
  lat: number;
  lon: number;
  source: string;
  support_count: number;
  created_at: string;
  due_at: string | null;
  assignee_name: string | null;
  reopen_requested_at: string | null;
  hidden: number;
  description: string | null;
  description_published: number;
}

function selectsNothing(filter: Pick<QueueDbFilter, 'departmentIds' | 'states'>): boolean {
  return filter.states.length === 0 || (filter.departmentIds !== 'all' && filter.departmentIds.length === 0);
}

const isOpenState = (state: string) => (OPEN_STATES as readonly string[]).includes(state);

/**
 * The WHERE clause of a selection. Without ANALYZE statistics (the app never runs it) SQLite may pick
 * any index that matches a term, e.g. one led by category_id that holds every closed report of the
 * category too. The open states are the selective part (~2 % of all reports), so while only open states
 * are selected every other term is written `+column`, which leaves only state-led indexes to choose.
 * Due first may still use (department_id, state, due_at); the other sorts read reports_open_created /
 * reports_open_support (migration 006), which carry department_id as a trailing column.
 */
function matches(eb: ExpressionBuilder<Database, 'reports'>, f: QueueDbFilter, sort: QueueSort = 'due'): Expression<SqlBool> {
  const stateLed = f.states.every(isOpenState);
  const column = <C extends 'department_id' | 'category_id' | 'district_id' | 'source' | 'created_at' | 'due_at' | 'assigned_staff_id' | 'priority'>(name: C, keepIndex = false) =>
    stateLed && !keepIndex ? sql<Database['reports'][C]>`+${sql.ref(`reports.${name}`)}` : eb.ref(`reports.${name}`);
  const terms: Expression<SqlBool>[] = [eb('reports.state', 'in', [...f.states])];
  if (f.departmentIds !== 'all') terms.push(eb(column('department_id', sort === 'due'), 'in', [...f.departmentIds]));
  if (f.categoryId !== undefined) terms.push(eb(column('category_id'), '=', f.categoryId));
  if (f.districtId !== undefined) terms.push(eb(column('district_id'), '=', f.districtId));
  if (f.source !== undefined) terms.push(eb(column('source'), '=', f.source as 'web'));
  // The age and overdue ranges are the second column of reports_open_created / reports_open_due.
  if (f.createdBefore !== undefined) terms.push(eb(column('created_at', true), '<', f.createdBefore));
  if (f.dueBefore !== undefined) terms.push(eb(column('due_at', true), '<', f.dueBefore));
  if (f.assignedStaffId !== undefined) terms.push(eb(column('assigned_staff_id'), '=', f.assignedStaffId));
  if (f.priority !== undefined) terms.push(eb(column('priority'), '=', f.priority));
  if (f.box) {
    terms.push(eb.between('reports.lat', f.box.minLat, f.box.maxLat));
    terms.push(eb.between('reports.lon', f.box.minLon, f.box.maxLon));
  }
  return eb.and(terms);
}

/** ORDER BY of each sort; `id` breaks every tie, so pages never overlap or skip a report. */
const ORDER: Record<QueueSort, ReturnType<typeof sql>> = {
  due: sql`reports.due_at asc, reports.id asc`,
  oldest: sql`reports.created_at asc, reports.id asc`,
  newest: sql`reports.created_at desc, reports.id desc`,
  supported: sql`reports.support_count desc, reports.due_at asc, reports.id asc`,
};

/** The ids of one page of the selection, in the order of the sort. */
export function queueIdsQuery(db: Db, filter: QueueDbFilter, sort: QueueSort, offset: number, limit: number) {
  return db
    .selectFrom('reports')
    .select('reports.id')
    .where((eb) => matches(eb, filter, sort))
    .orderBy(ORDER[sort])
    .limit(limit)
    .offset(offset);
}

/** reports with what a row shows; the caller adds WHERE, ORDER BY and LIMIT. */
function rowsQuery(db: Db) {
  return db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .innerJoin('departments', 'departments.id', 'reports.department_id')
    .leftJoin('districts', 'districts.id', 'reports.district_id')
    .leftJoin('staff', 'staff.id', 'reports.assigned_staff_id')
    .select([
      'reports.id',
      'reports.state',
      'reports.priority',
      'categories.name_de as category_name_de',
      'categories.name_en as category_name_en',
      'departments.name as department_name',
      'departments.slug as department_slug',
      'departments.is_central as department_is_central',
      'districts.name as district_name',
      'reports.address',
      'reports.lat',
      'reports.lon',
      'reports.source',
      'reports.support_count',
      'reports.created_at',
      'reports.due_at',
      'staff.display_name as assignee_name',
      'reports.reopen_requested_at',
      'reports.hidden',
      'reports.description',
      'reports.description_published',
    ]);
}

/** SQLite allows a few thousand bound values per statement; larger id lists are looked up in slices. */
const ROWS_PER_LOOKUP = 500;

/** The rows for the given ids, in the ids' order. */
export async function queueRowsByIds(db: Db, ids: readonly number[]): Promise<QueueRow[]> {
  const byId = new Map<number, QueueRow>();
  for (let i = 0; i < ids.length; i += ROWS_PER_LOOKUP) {
    const rows = await rowsQuery(db)
      .where('reports.id', 'in', [...ids.slice(i, i + ROWS_PER_LOOKUP)])
      .execute();
    for (const row of rows) byId.set(row.id, row);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One page of the selection: the ids first (from an index), then 50 joined rows. */
export async function listQueuePage(db: Db, filter: QueueDbFilter, sort: QueueSort, offset: number, limit: number): Promise<QueueRow[]> {
  if (selectsNothing(filter)) return [];
  const ids = await queueIdsQuery(db, filter, sort, offset, limit).execute();
  return queueRowsByIds(
    db,
    ids.map((r) => r.id),
  );
}

/** The first `limit` rows of the selection in one joined query: for the map and the CSV file. */
export async function listQueueRows(db: Db, filter: QueueDbFilter, sort: QueueSort, limit: number): Promise<QueueRow[]> {
  if (selectsNothing(filter)) return [];
  return rowsQuery(db)
    .where((eb) => matches(eb, filter, sort))
    .orderBy(ORDER[sort])
    .limit(limit)
    .execute();
}

export interface StateCount {
  count: number;
  /** true: there are more than `count` (counting stopped at the cap). */
  capped: boolean;
}

/**
 * Reports per state for the selection, for the states in `filter.states` (the caller leaves out the
 * closed states nobody asked for); states without reports are present with 0. Open states are counted
 * exactly in one pass over a state-led index. A closed state holds up to hundreds of thousands of
 * reports, so it is counted only up to `closedCap` (a LIMIT inside the count): the page then says
 * "more than …" instead of reading the whole range on every view.
 */
export async function countQueueByState(db: Db, filter: QueueDbFilter, closedCap: number): Promise<Map<string, StateCount>> {
  const counts = new Map<string, StateCount>(filter.states.map((s) => [s, { count: 0, capped: false }]));
  if (selectsNothing(filter)) return counts;
  const open = filter.states.filter(isOpenState);
  if (open.length > 0) {
    const rows = await db
      .selectFrom('reports')
      .select(['reports.state', sql<number>`count(*)`.as('n')])
      .where((eb) => matches(eb, { ...filter, states: open }))
      .groupBy('reports.state')
      .execute();
    for (const row of rows) counts.set(row.state, { count: Number(row.n), capped: false });
  }
  for (const state of filter.states.filter((s) => !isOpenState(s))) {
    const limited = db
      .selectFrom('reports')
      .select(sql<number>`1`.as('one'))
      .where((eb) => matches(eb, { ...filter, states: [state] }))
      .limit(closedCap + 1)
      .as('limited');
    const row = await db.selectFrom(limited).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const n = Number(row.n);
    counts.set(state, { count: Math.min(n, closedCap), capped: n > closedCap });
  }
  return counts;
}

/** The catalogue the filter form offers and the query parameters are checked against. */
export interface QueueCatalogueRows {
  categories: Array<{ id: number; slug: string; name_de: string; name_en: string; kind: 'defect' | 'bin' }>;
  districts: Array<{ id: number; name: string }>;
  departments: Array<{ id: number; slug: string; name: string; is_central: number }>;
}

export async function loadQueueCatalogue(db: Db): Promise<QueueCatalogueRows> {
  const [categories, districts, departments] = await Promise.all([
    db.selectFrom('categories').select(['id', 'slug', 'name_de', 'name_en', 'kind']).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('districts').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('departments').select(['id', 'slug', 'name', 'is_central']).orderBy('name').execute(),
  ]);
  return { categories, districts, departments };
}
