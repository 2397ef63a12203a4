// Reports and their history. Every change of a report writes its event in the same transaction,
// so the history is a complete audit trail; reports are never deleted, only hidden.
import { assertTransition, isOpen, isReopen, stateLabel, type ReportState } from '../domain/states.ts';
import { UserError } from '../domain/errors.ts';
import { inTransaction, type Db } from './connection.ts';
import type { Report, ReportEvent, ReportTable } from './schema.ts';

export interface NewReport {
  categoryId: number;
  departmentId: number;
  districtId: number | null;
  binId?: number | null;
  lat: number;
  lon: number;
  address?: string | null;
  locationSource: ReportTable['location_source'];
  description?: string | null;
  source: ReportTable['source'];
}

export async function createReport(db: Db, input: NewReport, now: string): Promise<Report> {
  return inTransaction(db, async (trx) => {
    const category = await trx.selectFrom('categories').select('target_hours').where('id', '=', input.categoryId).executeTakeFirst();
    const report = await trx
      .insertInto('reports')
      .values({
        category_id: input.categoryId,
        department_id: input.departmentId,
        district_id: input.districtId,
        bin_id: input.binId ?? null,
        lat: input.lat,
        lon: input.lon,
        address: input.address ?? null,
        location_source: input.locationSource,
        description: input.description ?? null,
        state: 'new',
        source: input.source,
        created_at: now,
        updated_at: now,
        due_at: category ? dueAt(now, category.target_hours) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('report_events')
      .values({ report_id: report.id, type: 'created', to_state: 'new', created_at: now })
      .execute();
    return report;
  });
}

/** When a report filed at `createdAt` is due: the category's target time later. */
export function dueAt(createdAt: string, targetHours: number): string {
  return new Date(Date.parse(createdAt) + targetHours * 3_600_000).toISOString();
}

export interface StateChange {
  to: string;
  actor: string | null;
  now: string;
  /** A public explanation that goes with the change, e.g. why a report was rejected. */
  answer?: string | null;
}

/** Moves a report to another state if the state table allows it; refuses with 409 otherwise. */
export async function changeReportState(db: Db, reportId: number, change: StateChange): Promise<Report> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('reports').select(['state', 'acknowledged_at']).where('id', '=', reportId).executeTakeFirst();
    if (!current) throw new UserError(404, 'error.notFoundReport');
    const from = current.state;
    assertTransition(from, change.to);
    const to: ReportState = change.to;
    const report = await trx
      .updateTable('reports')
      // Any decision by staff settles a pending reopen request.
      .set({
        state: to,
        updated_at: change.now,
        closed_at: isOpen(to) ? null : change.now,
        reopen_requested_at: null,
        // The first move out of "new" is the department's acknowledgement (Kennzahl "time to acknowledge").
        acknowledged_at: current.acknowledged_at ?? change.now,
      })
      .where('id', '=', reportId)
      .where('state', '=', from) // a concurrent change in between makes this update nothing
      .returningAll()
      .executeTakeFirst();
    if (!report) throw new UserError(409, 'error.transition', { from: stateLabel(from), to: stateLabel(to) });
    await trx
      .insertInto('report_events')
      .values({
        report_id: reportId,
        type: isReopen(from as ReportState, to) ? 'reopened' : 'state_changed',
        from_state: from,
        to_state: to,
        body: change.answer ?? null,
        public: change.answer ? 1 : 0,
        actor: change.actor,
        created_at: change.now,
      })
      .execute();
    return report;
  });
}

export function findReport(db: Db, id: number): Promise<Report | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listReportEvents(db: Db, reportId: number): Promise<ReportEvent[]> {
  return db.selectFrom('report_events').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}
