// What the back office reads about reports: open counts per department for the start page, and one
// report with everything staff may see (reporter addresses, unpublished text, the whole history).
import { sql } from 'kysely';
import { parseDetail, staffIdOfActor } from '../domain/report-events.ts';
import { OPEN_STATES } from '../domain/states.ts';
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

export interface LinkedReport {
  id: number;
  state: string;
  created_at: string;
}

export interface StaffReportDetails {
  report: Report;
  categoryName: string;
  categoryNameEn: string;
  categoryKind: 'defect' | 'bin';
  departmentName: string;
  districtName: string | null;
  assigneeName: string | null;
  /** The report this one was merged into, and the reports merged into this one. */
  duplicateOf: LinkedReport | null;
  duplicates: LinkedReport[];
  reporters: Array<{ email: string; confirmed: boolean; created_at: string }>;
  photos: Array<{ id: number; published: boolean; removed: boolean }>;
  events: ReportEvent[];
  /** Display names of every colleague the history or the assignment names (also disabled accounts). */
  staffNames: Map<number, string>;
}

export async function findStaffReport(db: Db, id: number): Promise<StaffReportDetails | undefined> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .innerJoin('departments', 'departments.id', 'reports.department_id')
    .leftJoin('districts', 'districts.id', 'reports.district_id')
    .leftJoin('staff', 'staff.id', 'reports.assigned_staff_id')
    .selectAll('reports')
    .select([
      'categories.name_de as category_name',
      'categories.name_en as category_name_en',
      'categories.kind as category_kind',
      'departments.name as department_name',
      'districts.name as district_name',
      'staff.display_name as assignee_name',
    ])
    .where('reports.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { category_name, category_name_en, category_kind, department_name, district_name, assignee_name, ...report } = row;
  const [subscriptions, photos, events, duplicateOf, duplicates] = await Promise.all([
    db.selectFrom('subscriptions').select(['email', 'confirmed_at', 'created_at']).where('report_id', '=', id).where('email', 'is not', null).orderBy('id').execute(),
    db.selectFrom('photos').select(['id', 'published', 'removed_at']).where('report_id', '=', id).orderBy('id').execute(),
    db.selectFrom('report_events').selectAll().where('report_id', '=', id).orderBy('id').execute(),
    report.duplicate_of === null
      ? Promise.resolve(undefined)
      : db.selectFrom('reports').select(['id', 'state', 'created_at']).where('id', '=', report.duplicate_of).executeTakeFirst(),
    db.selectFrom('reports').select(['id', 'state', 'created_at']).where('duplicate_of', '=', id).orderBy('id').execute(),
  ]);
  return {
    report,
    categoryName: category_name,
    categoryNameEn: category_name_en,
    categoryKind: category_kind,
    departmentName: department_name,
    districtName: district_name,
    assigneeName: assignee_name,
    duplicateOf: duplicateOf ?? null,
    duplicates,
    reporters: subscriptions.map((s) => ({ email: s.email!, confirmed: s.confirmed_at !== null, created_at: s.created_at })),
    photos: photos.map((p) => ({ id: p.id, published: p.published === 1, removed: p.removed_at !== null })),
    events,
    staffNames: await staffNamesFor(db, events, report.assigned_staff_id),
  };
}

/** The colleagues named by the events (as actor or in an assignment's detail). */
async function staffNamesFor(db: Db, events: ReportEvent[], assignee: number | null): Promise<Map<number, string>> {
  const ids = new Set<number>(assignee === null ? [] : [assignee]);
  for (const e of events) {
    const actor = staffIdOfActor(e.actor);
    if (actor !== null) ids.add(actor);
    const detail = parseDetail(e.detail);
    const named = e.type === 'assigned' ? [detail['from'], detail['to']] : e.type === 'forwarded' ? [detail['assignee']] : [];
    for (const v of named) if (typeof v === 'number') ids.add(v);
  }
  if (ids.size === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
