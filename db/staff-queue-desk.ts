// The two lists beside the queue: the central triage desk (reports no rule could route, and reopen
// requests from any department) and the escalation list (open reports past their due time).
// Both return ids in order first and then the rows (db/staff-queue.ts), like the queue itself.
import { sql } from 'kysely';
import { OPEN_STATES } from '../domain/states.ts';
import type { Db } from './connection.ts';
import { queueRowsByIds, type QueueRow } from './staff-queue.ts';

/**
 * Reports waiting at the central desk: open reports of a central department, and any report with a
 * pending reopen request (usually closed, in any department). Two small index reads (the central
 * departments' open reports via reports_department_due, the requests via the partial index
 * reports_reopen_requested of migration 006), merged here: as one UNION or OR query SQLite without
 * statistics chose to scan all reports for the second half.
 */
async function centralEntries(db: Db): Promise<Array<{ id: number; due_at: string | null }>> {
  const central = (await db.selectFrom('departments').select('id').where('is_central', '=', 1).execute()).map((d) => d.id);
  const [unrouted, reopen] = await Promise.all([
    central.length === 0
      ? Promise.resolve([])
      : db.selectFrom('reports').select(['id', 'due_at']).where('department_id', 'in', central).where('state', 'in', [...OPEN_STATES]).execute(),
    db.selectFrom('reports').select(['id', 'due_at']).where('reopen_requested_at', 'is not', null).execute(),
  ]);
  const byId = new Map([...unrouted, ...reopen].map((r) => [r.id, r]));
  // Earliest due first, as the queue; a report without a due time last; the number breaks ties.
  return [...byId.values()].sort((a, b) => (a.due_at ?? '\uffff').localeCompare(b.due_at ?? '\uffff') || a.id - b.id);
}

export async function listCentralTriage(db: Db, offset: number, limit: number): Promise<{ rows: QueueRow[]; total: number }> {
  const entries = await centralEntries(db);
  return {
    rows: await queueRowsByIds(
      db,
      entries.slice(offset, offset + limit).map((r) => r.id),
    ),
    total: entries.length,
  };
}

export interface OverdueDepartment {
  id: number;
  slug: string;
  name: string;
  overdue: number;
  /** The most overdue first, at most the limit given. */
  rows: QueueRow[];
}

/** Open reports past due, per department (all, or the given ones), the most overdue first. */
export async function listOverdueByDepartment(db: Db, departmentIds: readonly number[] | 'all', now: string, perDepartment: number): Promise<OverdueDepartment[]> {
  if (departmentIds !== 'all' && departmentIds.length === 0) return [];
  // reports_open_due: one range scan per open state, counted per department.
  let counts = db
    .selectFrom('reports')
    .select(['reports.department_id', sql<number>`count(*)`.as('n')])
    .where('reports.state', 'in', [...OPEN_STATES])
    .where('reports.due_at', '<', now)
    .groupBy('reports.department_id');
  if (departmentIds !== 'all') counts = counts.where('reports.department_id', 'in', [...departmentIds]);
  const [countRows, departments] = await Promise.all([counts.execute(), db.selectFrom('departments').select(['id', 'slug', 'name']).execute()]);
  const result: OverdueDepartment[] = [];
  for (const c of countRows) {
    const department = departments.find((d) => d.id === c.department_id);
    if (!department) continue;
    const ids = await db
      .selectFrom('reports')
      .select('reports.id')
      .where('reports.department_id', '=', department.id)
      .where('reports.state', 'in', [...OPEN_STATES])
      .where('reports.due_at', '<', now)
      .orderBy('reports.due_at')
      .orderBy('reports.id')
      .limit(perDepartment)
      .execute();
    result.push({ ...department, overdue: Number(c.n), rows: await queueRowsByIds(db, ids.map((r) => r.id)) });
  }
  // The department with the longest-overdue report first.
  return result.sort((a, b) => (a.rows[0]?.due_at ?? '').localeCompare(b.rows[0]?.due_at ?? '') || a.name.localeCompare(b.name, 'de'));
}
