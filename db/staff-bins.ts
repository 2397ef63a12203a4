// The bin registry as staff use it: search, one bin with its history, and the changes staff make
// (edit, new code, retire). Every change writes a bin_events row in the same transaction as the
// change itself (docs/decisions/018-crews-and-bins.md), as report_events do for reports.
import { sql } from 'kysely';
import { findDistrict, routeReport, type RoutingTable } from '../domain/routing.ts';
import { OPEN_STATES } from '../domain/states.ts';
import { reissueBinCode, retireBin } from './bins.ts';
import { inTransaction, type Db } from './connection.ts';
import { changeReportState } from './reports.ts';
import type { Bin, BinEvent, BinEventTable } from './schema.ts';

export type StaffBin = Bin & { district_name: string | null; department_name: string | null };

export interface BinSearch {
  /** Matches code, external ref, description or district name, in any case. */
  q?: string;
  includeRetired?: boolean;
  page: number;
  perPage: number;
}

export interface BinListRow extends StaffBin {
  open_tasks: number;
}

/** LIKE pattern for a text typed by a person: % and _ stay literal. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function binsWithNames(db: Db) {
  return db
    .selectFrom('bins')
    .leftJoin('districts', 'districts.id', 'bins.district_id')
    .leftJoin('departments', 'departments.id', 'bins.department_id')
    .selectAll('bins')
    .select(['districts.name as district_name', 'departments.name as department_name']);
}

/** One page of the registry, by district and description, and how many bins match in all. */
export async function searchBins(db: Db, search: BinSearch): Promise<{ rows: BinListRow[]; total: number }> {
  let query = binsWithNames(db);
  const q = search.q?.trim();
  if (q) {
    const like = containsPattern(q);
    // A code may be typed with a space or a dash ("K7M 4QX2"), as it is printed on the sticker.
    const codeLike = containsPattern(q.toUpperCase().replace(/[\s-]+/g, ''));
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`bins.code like ${codeLike} escape '\\'`,
        sql<boolean>`bins.external_ref like ${like} escape '\\'`,
        sql<boolean>`bins.description like ${like} escape '\\'`,
        sql<boolean>`districts.name like ${like} escape '\\'`,
      ]),
    );
  }
  if (!search.includeRetired) query = query.where('bins.active', '=', 1);
  const counted = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select((eb) =>
      eb
        .selectFrom('reports')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('reports.bin_id', '=', 'bins.id')
        .where('reports.state', 'in', OPEN_STATES)
        .as('open_tasks'),
    )
    .orderBy('districts.name')
    .orderBy('bins.description')
    .orderBy('bins.id')
    .limit(search.perPage)
    .offset((search.page - 1) * search.perPage)
    .execute();
  return { rows: rows.map((r) => ({ ...r, open_tasks: Number(r.open_tasks ?? 0) })), total: Number(counted.n) };
}

export function findStaffBin(db: Db, id: number): Promise<StaffBin | undefined> {
  return binsWithNames(db).where('bins.id', '=', id).executeTakeFirst();
}

/**
 * The department a bin belongs to: its own department, or else the one that gets its "full"
 * reports at its place (the routing of the "full" bin category). Staff may change the bins of their
 * departments only; this says which those are, also for the many bins without an own department.
 */
export function binDepartmentId(bin: Pick<Bin, 'lat' | 'lon' | 'department_id'>, table: RoutingTable, fullCategory: { id: number; defaultDepartmentId: number | null }): number {
  if (bin.department_id !== null) return bin.department_id;
  try {
    return routeReport({ category: fullCategory, point: { lat: bin.lat, lon: bin.lon } }, table).departmentId;
  } catch {
    // A bin outside the (re-imported) city boundary still belongs somewhere: central triage.
    return table.centralDepartmentId;
  }
}

/** The bin category whose reports the crews empty for ("full"); it decides a bin's department. */
export async function fullBinCategory(db: Db): Promise<{ id: number; defaultDepartmentId: number | null }> {
  const row = await db
    .selectFrom('categories')
    .select(['id', 'default_department_id'])
    .where('kind', '=', 'bin')
    .where('bin_reason', '=', 'full')
    .orderBy('active', 'desc')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, defaultDepartmentId: row.default_department_id };
}

export interface BinReportEntry {
  id: number;
  category_name: string;
  category_name_en: string;
  bin_reason: string | null;
  state: string;
  support_count: number;
  created_at: string;
  closed_at: string | null;
}

/** Every report ever filed for the bin, newest first (open tasks and closed ones). */
export function listBinReports(db: Db, binId: number): Promise<BinReportEntry[]> {
  return db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .select(['reports.id', 'categories.name_de as category_name', 'categories.name_en as category_name_en', 'categories.bin_reason', 'reports.state', 'reports.support_count', 'reports.created_at', 'reports.closed_at'])
    .where('reports.bin_id', '=', binId)
    .orderBy('reports.created_at', 'desc')
    .orderBy('reports.id', 'desc')
    .execute();
}

export function listBinEvents(db: Db, binId: number): Promise<BinEvent[]> {
  return db.selectFrom('bin_events').selectAll().where('bin_id', '=', binId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

async function recordBinEvent(db: Db, binId: number, type: BinEventTable['type'], body: unknown, actor: string, now: string): Promise<void> {
  await db.insertInto('bin_events').values({ bin_id: binId, type, body: body === null ? null : JSON.stringify(body), actor, created_at: now }).execute();
}

/** What staff may change on a bin; the district follows from the location. */
export interface BinEdit {
  bin_type: string;
  volume_l: number | null;
  description: string;
  lat: number;
  lon: number;
  department_id: number | null;
  next_emptying_at: string | null;
}

const EDIT_FIELDS = ['bin_type', 'volume_l', 'description', 'lat', 'lon', 'department_id', 'next_emptying_at'] as const;

/** Writes only what changed, and records the change as {field: [before, after]}; returns the changed fields. */
export function updateBin(db: Db, binId: number, edit: BinEdit, options: { actor: string; now: string; table: RoutingTable }): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const bin = await trx.selectFrom('bins').selectAll().where('id', '=', binId).executeTakeFirstOrThrow();
    const changes: Record<string, [unknown, unknown]> = {};
    for (const field of EDIT_FIELDS) if (bin[field] !== edit[field]) changes[field] = [bin[field], edit[field]];
    const fields = Object.keys(changes);
    if (!fields.length) return fields;
    const districtId = findDistrict({ lat: edit.lat, lon: edit.lon }, options.table.districts)?.id ?? null;
    if (districtId !== bin.district_id) changes['district_id'] = [bin.district_id, districtId];
    await trx
      .updateTable('bins')
      .set({ ...edit, district_id: districtId })
      .where('id', '=', binId)
      .execute();
    await recordBinEvent(trx, binId, 'edited', changes, options.actor, options.now);
    return fields;
  });
}

/** New sticker: the old code is revoked, a fresh one issued, both recorded in the bin's history. */
export function reissueCodeOfBin(db: Db, binId: number, options: { actor: string; now: string }): Promise<{ oldCode: string; newCode: string }> {
  return inTransaction(db, async (trx) => {
    const bin = await trx.selectFrom('bins').select('code').where('id', '=', binId).executeTakeFirstOrThrow();
    const { oldCode, newCode } = await reissueBinCode(trx, bin.code, options.now);
    await recordBinEvent(trx, binId, 'code_reissued', { from: oldCode, to: newCode }, options.actor, options.now);
    return { oldCode, newCode };
  });
}

/**
 * The bin is gone: retired, and its open tasks closed as "no action possible" (nobody can empty a
 * bin that is not there), each with its report event; the bin's history names the closed reports.
 */
export function retireBinAndCloseTasks(db: Db, binId: number, options: { actor: string; now: string }): Promise<number[]> {
  return inTransaction(db, async (trx) => {
    const bin = await trx.selectFrom('bins').select('code').where('id', '=', binId).executeTakeFirstOrThrow();
    await retireBin(trx, bin.code, options.now);
    const open = await trx.selectFrom('reports').select('id').where('bin_id', '=', binId).where('state', 'in', OPEN_STATES).orderBy('id').execute();
    for (const task of open) await changeReportState(trx, task.id, { to: 'no_action', actor: options.actor, now: options.now });
    const reports = open.map((t) => t.id);
    await recordBinEvent(trx, binId, 'retired', { reports }, options.actor, options.now);
    return reports;
  });
}
