// What the back office reads about reports: open counts per department for the start page, and one
// report with everything staff may see (reporter addresses, unpublished text, the whole history).
import { sql } from 'kysely';
import { OPEN_STATES } from '../server/domain/states.ts';
import type { Db } from './connection.ts';
import type { Report, ReportEvent } from './schema.ts';

export interface DepartmentOpenCount {
  id: number;
  name: string;
  isCentral: boolean;
  open: number;
}

/** Departments (all, or the given ones) with their open reports; `binOnly` counts bin tasks only (crews). */
export async function openCountsByDepartment(db: Db, departmentIds: readonly number[] | 'all', binOnly: boolean): Promise<DepartmentOpenCount[]> {
  if (departmentIds !== 'all' && departmentIds.length === 0) return [];
  let q = db
    .selectFrom('departments')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('reports')
          .innerJoin('categories', 'categories.id', 'reports.category_id')
          .select(['reports.department_id', sql<number>`count(*)`.as('open')])
          .where('reports.state', 'in', [...OPEN_STATES])
          .$if(binOnly, (qb) => qb.where('categories.kind', '=', 'bin'))
          .groupBy('reports.department_id')
          .as('counts'),
      (join) => join.onRef('counts.department_id', '=', 'departments.id'),
    )
    .select(['departments.id', 'departments.name', 'departments.is_central', sql<number>`coalesce(counts.open, 0)`.as('open')])
    .orderBy('departments.is_central', 'desc')
    .orderBy('departments.name');
  if (departmentIds !== 'all') q = q.where('departments.id', 'in', [...departmentIds]);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isCentral: r.is_central === 1, open: Number(r.open) }));
}

export interface StaffReportListEntry {
  id: number;
  state: string;
  created_at: string;
  category_name: string;
  department_name: string;
}

/** The newest open reports in the given departments (all for 'all'). */
export function newestOpenReports(db: Db, departmentIds: readonly number[] | 'all', binOnly: boolean, limit: number): Promise<StaffReportListEntry[]> {
  if (departmentIds !== 'all' && departmentIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .innerJoin('departments', 'departments.id', 'reports.department_id')
    .select(['reports.id', 'reports.state', 'reports.created_at', 'categories.name_de as category_name', 'departments.name as department_name'])
    .where('reports.state', 'in', [...OPEN_STATES])
    .orderBy('reports.created_at', 'desc')
    .orderBy('reports.id', 'desc')
    .limit(limit);
  if (departmentIds !== 'all') q = q.where('reports.department_id', 'in', [...departmentIds]);
  if (binOnly) q = q.where('categories.kind', '=', 'bin');
  return q.execute();
}

export interface StaffReportDetails {
  report: Report;
  categoryName: string;
  categoryKind: 'defect' | 'bin';
  departmentName: string;
  districtName: string | null;
  reporters: Array<{ email: string; confirmed: boolean; created_at: string }>;
  photos: Array<{ id: number; published: boolean; removed: boolean }>;
  events: ReportEvent[];
}

export async function findStaffReport(db: Db, id: number): Promise<StaffReportDetails | undefined> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .innerJoin('departments', 'departments.id', 'reports.department_id')
    .leftJoin('districts', 'districts.id', 'reports.district_id')
    .selectAll('reports')
    .select(['categories.name_de as category_name', 'categories.kind as category_kind', 'departments.name as department_name', 'districts.name as district_name'])
    .where('reports.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { category_name, category_kind, department_name, district_name, ...report } = row;
  const [subscriptions, photos, events] = await Promise.all([
    db.selectFrom('subscriptions').select(['email', 'confirmed_at', 'created_at']).where('report_id', '=', id).where('email', 'is not', null).orderBy('id').execute(),
    db.selectFrom('photos').select(['id', 'published', 'removed_at']).where('report_id', '=', id).orderBy('id').execute(),
    db.selectFrom('report_events').selectAll().where('report_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    report,
    categoryName: category_name,
    categoryKind: category_kind,
    departmentName: department_name,
    districtName: district_name,
    reporters: subscriptions.map((s) => ({ email: s.email!, confirmed: s.confirmed_at !== null, created_at: s.created_at })),
    photos: photos.map((p) => ({ id: p.id, published: p.published === 1, removed: p.removed_at !== null })),
    events,
  };
}
