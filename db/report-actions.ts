// What staff do to one report, each in one transaction together with its history row. The route has
// validated the input already; what can change between the check and the write (the report's state,
// a concurrent colleague) is checked here again inside the transaction.
import { UserError } from '../domain/errors.ts';
import { inTransaction, type Db } from './connection.ts';
import { dueAt } from './reports.ts';
import type { Report } from './schema.ts';

/** Who acts and when: `actor` is `staff:<id>` (server/domain/report-events.ts). */
export interface ActionMeta {
  actor: string;
  now: string;
}

export interface EventRow {
  type: string;
  body?: string | null;
  public?: boolean;
  fromState?: string | null;
  toState?: string | null;
  detail?: Record<string, unknown> | null;
}

export async function writeEvent(trx: Db, reportId: number, event: EventRow, meta: ActionMeta): Promise<void> {
  await trx
    .insertInto('report_events')
    .values({
      report_id: reportId,
      type: event.type,
      body: event.body ?? null,
      public: event.public ? 1 : 0,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
      actor: meta.actor,
      created_at: meta.now,
    })
    .execute();
}

async function lockedReport(trx: Db, reportId: number): Promise<Report> {
  const report = await trx.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!report) throw new UserError(404, 'error.notFoundReport');
  return report;
}

/** Sets the priority; returns false (and writes nothing) when it already was that. */
export function setPriority(db: Db, reportId: number, priority: number, meta: ActionMeta): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const report = await lockedReport(trx, reportId);
    if (report.priority === priority) return false;
    await trx.updateTable('reports').set({ priority, updated_at: meta.now }).where('id', '=', reportId).execute();
    await writeEvent(trx, reportId, { type: 'priority_changed', detail: { from: report.priority, to: priority } }, meta);
    return true;
  });
}

/** Assigns a colleague (or nobody, null); returns false when nothing changed. */
export function assignReport(db: Db, reportId: number, staffId: number | null, meta: ActionMeta): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const report = await lockedReport(trx, reportId);
    if (report.assigned_staff_id === staffId) return false;
    await trx.updateTable('reports').set({ assigned_staff_id: staffId, updated_at: meta.now }).where('id', '=', reportId).execute();
    await writeEvent(trx, reportId, { type: 'assigned', detail: { from: report.assigned_staff_id, to: staffId } }, meta);
    return true;
  });
}

/**
 * Hands the report to another department. The state stays (the new department sees where it stands);
 * the assignee is cleared because a colleague of the old department no longer handles it.
 */
export function forwardReport(db: Db, reportId: number, input: { departmentId: number; reason: string }, meta: ActionMeta): Promise<void> {
  return inTransaction(db, async (trx) => {
    const report = await lockedReport(trx, reportId);
    if (report.department_id === input.departmentId) throw new UserError(409, 'staff.report.forward.sameDepartment');
    await trx
      .updateTable('reports')
      .set({ department_id: input.departmentId, assigned_staff_id: null, updated_at: meta.now })
      .where('id', '=', reportId)
      .execute();
    await writeEvent(
      trx,
      reportId,
      { type: 'forwarded', body: input.reason, detail: { from: report.department_id, to: input.departmentId, assignee: report.assigned_staff_id } },
      meta,
    );
  });
}

/** An internal note: never shown to the public, never mailed. */
export function addNote(db: Db, reportId: number, text: string, meta: ActionMeta): Promise<void> {
  return inTransaction(db, async (trx) => {
    await lockedReport(trx, reportId);
    await trx.updateTable('reports').set({ updated_at: meta.now }).where('id', '=', reportId).execute();
    await writeEvent(trx, reportId, { type: 'note', body: text }, meta);
  });
}

/** A public answer: shown on /m/{number}; the caller mails it to confirmed reporters after the commit. */
export function addPublicAnswer(db: Db, reportId: number, text: string, meta: ActionMeta): Promise<void> {
  return inTransaction(db, async (trx) => {
    await lockedReport(trx, reportId);
    await trx.updateTable('reports').set({ updated_at: meta.now }).where('id', '=', reportId).execute();
    await writeEvent(trx, reportId, { type: 'answer', body: text, public: true }, meta);
  });
}

/**
 * Corrects the category. The department stays: moving the report elsewhere is a forwarding with a
 * reason. The due time follows the new category's target time, counted from the report's creation.
 */
export function correctCategory(db: Db, reportId: number, categoryId: number, meta: ActionMeta): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const report = await lockedReport(trx, reportId);
    if (report.category_id === categoryId) return false;
    const category = await trx.selectFrom('categories').select('target_hours').where('id', '=', categoryId).executeTakeFirst();
    if (!category) throw new UserError(422, 'error.unknownCategory');
    await trx
      .updateTable('reports')
      .set({ category_id: categoryId, due_at: dueAt(report.created_at, category.target_hours), updated_at: meta.now })
      .where('id', '=', reportId)
      .execute();
    await writeEvent(trx, reportId, { type: 'category_changed', detail: { from: report.category_id, to: categoryId, dueFrom: report.due_at } }, meta);
    return true;
  });
}

export interface CorrectedLocation {
  lat: number;
  lon: number;
  districtId: number | null;
  /** The place in words as the public sees it; null shows none. Left out: the address stays. */
  address?: string | null;
}

/**
 * Corrects the place and its address in words; the caller has checked the city boundary and found the
 * district. Staff also use it to take a name or other personal detail out of an address a reporter typed.
 */
export function correctLocation(db: Db, reportId: number, to: CorrectedLocation, meta: ActionMeta): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const report = await lockedReport(trx, reportId);
    const address = to.address === undefined ? report.address : to.address;
    // The form shows six decimals (about 10 cm); sending them back unchanged is no move.
    const moved = Math.abs(report.lat - to.lat) > 1e-6 || Math.abs(report.lon - to.lon) > 1e-6;
    if (!moved && address === report.address) return false;
    // Only a moved point counts as placed on the map; a reworded address keeps how it was placed.
    const place = moved ? { lat: to.lat, lon: to.lon, district_id: to.districtId, location_source: 'map' as const } : {};
    // Words staff write into the address field are written for the public (the form says so); the
    // reporter's own words stay as moderation left them while staff only move the point.
    const published = address === report.address ? {} : { address_published: address ? 1 : 0 };
    await trx.updateTable('reports').set({ ...place, ...published, address, updated_at: meta.now }).where('id', '=', reportId).execute();
    const from = { lat: report.lat, lon: report.lon, districtId: report.district_id, address: report.address };
    const after = moved ? { lat: to.lat, lon: to.lon, districtId: to.districtId, address } : { ...from, address };
    await writeEvent(trx, reportId, { type: 'location_changed', detail: { from, to: after } }, meta);
    return true;
  });
}
