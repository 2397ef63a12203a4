// What department mails need: a report with its category, district and department, the reports a
// digest still has to list, and the stamps that make sure nothing is mailed twice.
import { sql } from 'kysely';
import { OPEN_STATES } from '../domain/states.ts';
import type { Db } from './connection.ts';
import type { Department } from './schema.ts';

export interface ReportForMail {
  id: number;
  category: string;
  kind: 'defect' | 'bin';
  district: string | null;
  address: string | null;
  lat: number;
  lon: number;
  description: string | null;
  createdAt: string;
  dueAt: string | null;
}

function reportsForMail(db: Db) {
  return db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .leftJoin('districts', 'districts.id', 'reports.district_id')
    .select([
      'reports.id',
      'categories.name_de as category',
      'categories.kind',
      'districts.name as district',
      'reports.address',
      'reports.lat',
      'reports.lon',
      'reports.description',
      'reports.created_at as createdAt',
      'reports.due_at as dueAt',
    ]);
}

/** The report and the department it is with now (after a forward: the new one). */
export async function findReportForDepartmentMail(db: Db, reportId: number): Promise<{ report: ReportForMail; department: Department } | undefined> {
  const report = await reportsForMail(db).select('reports.department_id').where('reports.id', '=', reportId).executeTakeFirst();
  if (!report) return undefined;
  const department = await db.selectFrom('departments').selectAll().where('id', '=', report.department_id).executeTakeFirstOrThrow();
  const { department_id: _, ...rest } = report;
  return { report: rest, department };
}

export async function stampDepartmentNotified(db: Db, reportIds: number[], now: string): Promise<void> {
  if (!reportIds.length) return;
  await db.updateTable('reports').set({ department_notified_at: now }).where('id', 'in', reportIds).execute();
}

/** A forwarded report is new to its new department: a digest department lists it in its next digest. */
export async function clearDepartmentNotified(db: Db, reportId: number): Promise<void> {
  await db.updateTable('reports').set({ department_notified_at: null }).where('id', '=', reportId).execute();
}

export function listDigestDepartments(db: Db): Promise<Department[]> {
  return db.selectFrom('departments').selectAll().where('notify_mode', '=', 'digest').orderBy('id').execute();
}

/** Open defect reports of the department that no mail has told it about yet, oldest first. */
export function listUnnotifiedReports(db: Db, departmentId: number): Promise<ReportForMail[]> {
  return reportsForMail(db)
    .where('reports.department_id', '=', departmentId)
    .where('reports.department_notified_at', 'is', null)
    .where('categories.kind', '=', 'defect')
    .where('reports.state', 'in', [...OPEN_STATES])
    .orderBy('reports.created_at')
    .orderBy('reports.id')
    .execute();
}

/** Bin tasks of the department opened in (since, until]: the digest only counts them. */
export async function countNewBinTasks(db: Db, departmentId: number, since: string, until: string): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .select(sql<number>`count(*)`.as('count'))
    .where('reports.department_id', '=', departmentId)
    .where('categories.kind', '=', 'bin')
    .where('reports.created_at', '>', since)
    .where('reports.created_at', '<=', until)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Claims today's digest for the department: a compare-and-set on digest_sent_at, so that of several
 * app instances (or a cron run next to the server) only one sends it. `previous` is the value read
 * before; false means someone else claimed it meanwhile.
 */
export async function claimDigest(db: Db, departmentId: number, previous: string | null, now: string): Promise<boolean> {
  const result = await db
    .updateTable('departments')
    .set({ digest_sent_at: now })
    .where('id', '=', departmentId)
    .where('digest_sent_at', previous === null ? 'is' : '=', previous)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the claim back when the mail could not be sent, so the next run tries again. */
export async function releaseDigest(db: Db, departmentId: number, previous: string | null, claimedAt: string): Promise<void> {
  await db.updateTable('departments').set({ digest_sent_at: previous }).where('id', '=', departmentId).where('digest_sent_at', '=', claimedAt).execute();
}
