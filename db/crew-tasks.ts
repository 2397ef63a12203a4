// What a street-cleaning crew sees and does: the open bin tasks of their departments, one entry per
// bin, in the order of urgency, and "geleert" for one or several bins at once.
import { boxAround, distanceMeters, type Point } from '../domain/geo.ts';
import { OPEN_STATES } from '../domain/states.ts';
import { markBinEmptied } from './bin-tasks.ts';
import { inTransaction, type Db } from './connection.ts';

/** Reasons whose task an emptying settles (as markBinEmptied closes them). */
export const EMPTYING_SETTLES: readonly string[] = ['full', 'dirty'];

/** "Near me" means within this distance: a crew's walk or a short drive. */
export const NEAR_RADIUS_M = 2000;

/** How many hours of waiting count as much as one more press, for the order of the list. */
export const HOURS_PER_PRESS = 12;

/** At most this many bins on the page: a crew works through the top of the list. */
export const CREW_LIST_LIMIT = 100;

export interface CrewTask {
  reportId: number;
  reason: string | null;
  categoryName: string;
  categoryNameEn: string;
  presses: number;
  createdAt: string;
  departmentId: number;
}

export interface CrewBin {
  binId: number;
  code: string;
  description: string;
  lat: number;
  lon: number;
  districtName: string | null;
  tasks: CrewTask[];
  /** Sum of the tasks' presses (support_count). */
  presses: number;
  /** The oldest open task's creation time. */
  oldestAt: string;
  /** Metres from the crew's position, when it was given. */
  distanceM: number | null;
  /** Whether "geleert" closes at least one task of this bin. */
  emptiable: boolean;
  /** An emptying would also close another department's task: this person may not record it. */
  sharedWithOtherDepartment: boolean;
}

export interface CrewScope {
  /** 'all' for admin and dispatcher; the department ids otherwise. */
  departments: 'all' | readonly number[];
  districtId?: number;
  near?: Point;
}

/**
 * The urgency of a bin: its presses, plus one for every HOURS_PER_PRESS hours its oldest task has
 * waited. A bin pressed five times this morning comes before one pressed once yesterday, but a bin
 * forgotten for days rises to the top. Pure, so the order can be tested and explained on the page.
 */
export function urgencyOf(bin: Pick<CrewBin, 'presses' | 'oldestAt'>, now: Date): number {
  const hours = Math.max(0, (now.getTime() - Date.parse(bin.oldestAt)) / 3_600_000);
  return bin.presses + hours / HOURS_PER_PRESS;
}

export function sortByUrgency(bins: CrewBin[], now: Date): CrewBin[] {
  return bins
    .map((bin) => ({ bin, urgency: urgencyOf(bin, now) }))
    .sort((a, b) => b.urgency - a.urgency || a.bin.oldestAt.localeCompare(b.bin.oldestAt) || a.bin.binId - b.bin.binId)
    .map((x) => x.bin);
}

/** The open bin tasks in the scope, grouped per active bin, most urgent first. */
export async function listCrewBins(db: Db, scope: CrewScope, now: Date): Promise<{ bins: CrewBin[]; total: number }> {
  let query = db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .innerJoin('bins', 'bins.id', 'reports.bin_id')
    .leftJoin('districts', 'districts.id', 'bins.district_id')
    .select([
      'reports.id as report_id',
      'reports.support_count',
      'reports.created_at',
      'reports.department_id',
      'categories.bin_reason',
      'categories.name_de',
      'categories.name_en',
      'bins.id as bin_id',
      'bins.code',
      'bins.description',
      'bins.lat',
      'bins.lon',
      'districts.name as district_name',
    ])
    .where('categories.kind', '=', 'bin')
    .where('reports.state', 'in', OPEN_STATES)
    .where('reports.hidden', '=', 0)
    .where('bins.active', '=', 1);
  if (scope.departments !== 'all') {
    if (!scope.departments.length) return { bins: [], total: 0 };
    query = query.where('reports.department_id', 'in', scope.departments);
  }
  if (scope.districtId !== undefined) query = query.where('bins.district_id', '=', scope.districtId);
  if (scope.near) {
    const box = boxAround(scope.near, NEAR_RADIUS_M);
    query = query.where('bins.lat', '>=', box.minLat).where('bins.lat', '<=', box.maxLat).where('bins.lon', '>=', box.minLon).where('bins.lon', '<=', box.maxLon);
  }
  const rows = await query.orderBy('reports.created_at').orderBy('reports.id').execute();

  const byBin = new Map<number, CrewBin>();
  for (const r of rows) {
    let bin = byBin.get(r.bin_id);
    if (!bin) {
      const distanceM = scope.near ? distanceMeters(scope.near, { lat: r.lat, lon: r.lon }) : null;
      bin = { binId: r.bin_id, code: r.code, description: r.description, lat: r.lat, lon: r.lon, districtName: r.district_name, tasks: [], presses: 0, oldestAt: r.created_at, distanceM, emptiable: false, sharedWithOtherDepartment: false };
      byBin.set(r.bin_id, bin);
    }
    bin.tasks.push({ reportId: r.report_id, reason: r.bin_reason, categoryName: r.name_de, categoryNameEn: r.name_en, presses: r.support_count, createdAt: r.created_at, departmentId: r.department_id });
    bin.presses += r.support_count;
    if (r.bin_reason !== null && EMPTYING_SETTLES.includes(r.bin_reason)) bin.emptiable = true;
  }
  // The box is a square; the radius is a circle.
  const bins = [...byBin.values()].filter((b) => b.distanceM === null || b.distanceM <= NEAR_RADIUS_M);
  if (scope.departments !== 'all') await markSharedBins(db, bins, scope.departments);
  const sorted = sortByUrgency(bins, now);
  return { bins: sorted.slice(0, CREW_LIST_LIMIT), total: sorted.length };
}

/**
 * Bins whose emptying would also close a task of a department outside the scope: the button would
 * be refused (mayEmptyBin), so the page says so instead of offering it.
 */
async function markSharedBins(db: Db, bins: CrewBin[], departments: readonly number[]): Promise<void> {
  const ids = bins.filter((b) => b.emptiable).map((b) => b.binId);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('reports')
      .innerJoin('categories', 'categories.id', 'reports.category_id')
      .select('reports.bin_id')
      .where('reports.bin_id', 'in', ids.slice(i, i + 500))
      .where('categories.bin_reason', 'in', EMPTYING_SETTLES)
      .where('reports.state', 'in', OPEN_STATES)
      .where('reports.department_id', 'not in', departments)
      .execute();
    const shared = new Set(rows.map((r) => r.bin_id));
    for (const bin of bins) {
      if (!shared.has(bin.binId)) continue;
      bin.sharedWithOtherDepartment = true;
      bin.emptiable = false;
    }
  }
}

export interface EmptyingCandidate {
  binId: number;
  active: boolean;
  /** The bin's department (its own, or the routing of "full" reports at its place). */
  departmentId: number;
  /** Departments of the open tasks an emptying would close. */
  settledTaskDepartments: number[];
}

/** What the access check needs about each bin to be emptied; unknown ids are missing from the map. */
export async function loadEmptyingCandidates(db: Db, binIds: readonly number[], departmentOf: (bin: { lat: number; lon: number; department_id: number | null }) => number): Promise<Map<number, EmptyingCandidate>> {
  const found = new Map<number, EmptyingCandidate>();
  if (!binIds.length) return found;
  const bins = await db.selectFrom('bins').select(['id', 'active', 'lat', 'lon', 'department_id']).where('id', 'in', binIds).execute();
  const tasks = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .select(['reports.bin_id', 'reports.department_id'])
    .where('reports.bin_id', 'in', binIds)
    .where('categories.bin_reason', 'in', EMPTYING_SETTLES)
    .where('reports.state', 'in', OPEN_STATES)
    .execute();
  for (const b of bins) found.set(b.id, { binId: b.id, active: b.active === 1, departmentId: departmentOf(b), settledTaskDepartments: [] });
  for (const t of tasks) found.get(t.bin_id!)?.settledTaskDepartments.push(t.department_id);
  return found;
}

/**
 * May this person empty this bin? Admin and dispatcher always. Crew and staff when every task the
 * emptying closes is of one of their departments, and the bin is theirs (it has such a task, or its
 * department is theirs): an emptying never closes another department's task.
 */
export function mayEmptyBin(user: { role: string; departmentIds: readonly number[] }, bin: EmptyingCandidate): boolean {
  if (user.role === 'admin' || user.role === 'dispatcher') return true;
  const mine = (id: number) => user.departmentIds.includes(id);
  if (!bin.settledTaskDepartments.every(mine)) return false;
  return bin.settledTaskDepartments.length > 0 || mine(bin.departmentId);
}

/** Empties the bins in one transaction: all of them, or (when one fails) none. Returns the closed report ids. */
export function markBinsEmptied(db: Db, binIds: readonly number[], options: { now: string; actor: string }): Promise<number[]> {
  return inTransaction(db, async (trx) => {
    const closed: number[] = [];
    for (const id of binIds) closed.push(...(await markBinEmptied(trx, id, options)));
    return closed;
  });
}
