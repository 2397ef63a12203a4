// Files a new report: looks up what routing needs, asks the pure routing function, stores the result.
import type { Db } from '../db/connection.ts';
import { createReport, type NewReport } from '../db/reports.ts';
import { loadRoutingTable } from '../db/routing.ts';
import type { Report } from '../db/schema.ts';
import { UserError } from '../domain/errors.ts';
import { routeReport, type RouteReason, type RoutingTable } from '../domain/routing.ts';

export interface ReportDraft extends Omit<NewReport, 'departmentId' | 'districtId'> {}

/** `routing` lets a hot caller pass a table it keeps, instead of loading one for every report. */
export async function fileReport(db: Db, draft: ReportDraft, now: string, routing?: RoutingTable): Promise<{ report: Report; reason: RouteReason }> {
  const category = await db
    .selectFrom('categories')
    .select(['id', 'default_department_id'])
    .where('id', '=', draft.categoryId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!category) throw new UserError(422, 'error.unknownCategory');
  const bin = draft.binId
    ? await db.selectFrom('bins').select(['department_id']).where('id', '=', draft.binId).executeTakeFirst()
    : null;
  const table = routing ?? (await loadRoutingTable(db));
  const route = routeReport(
    {
      category: { id: category.id, defaultDepartmentId: category.default_department_id },
      point: { lat: draft.lat, lon: draft.lon },
      bin: bin ? { departmentId: bin.department_id } : null,
    },
    table,
  );
  const report = await createReport(db, { ...draft, departmentId: route.departmentId, districtId: route.districtId }, now);
  return { report, reason: route.reason };
}
