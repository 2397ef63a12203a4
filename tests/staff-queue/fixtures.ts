// Reports for the queue tests, written straight into the database so that each test controls every
// field the queue reads (state, times, source, priority, assignee, support, reopen requests).
import type { AppContext } from '../../server/context.ts';
import type { ReportTable } from '../../db/schema.ts';
import { categoryId, departmentId, FIXED_NOW, pointIn } from '../helpers.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The demo seed files twelve reports; the queue tests start from none so that counts are exact. */
export async function removeDemoReports(ctx: AppContext) {
  await ctx.db.deleteFrom('report_events').execute();
  await ctx.db.deleteFrom('subscriptions').execute();
  await ctx.db.deleteFrom('photos').execute();
  await ctx.db.deleteFrom('reports').execute();
}

export interface ReportFixture {
  category?: string;
  /** Department slug; default: the category's default department, else the central one. */
  department?: string;
  district?: string;
  state?: string;
  /** How long ago the report came in. */
  age?: number;
  /** When it is due, relative to now (negative: overdue). Default: the category's target time after creation. */
  dueIn?: number | null;
  source?: ReportTable['source'];
  priority?: number;
  assignedTo?: number | null;
  support?: number;
  reopenRequested?: boolean;
  address?: string | null;
  description?: string | null;
  hidden?: boolean;
}

export async function insertReport(ctx: AppContext, f: ReportFixture = {}): Promise<number> {
  const category = f.category ?? 'strassenschaden';
  const catId = await categoryId(ctx.db, category);
  const cat = await ctx.db.selectFrom('categories').select(['default_department_id', 'target_hours']).where('id', '=', catId).executeTakeFirstOrThrow();
  const central = await ctx.db.selectFrom('departments').select('id').where('is_central', '=', 1).executeTakeFirstOrThrow();
  const department = f.department ? await departmentId(ctx.db, f.department) : cat.default_department_id ?? central.id;
  const districtName = f.district ?? 'Altstadt';
  const district = await ctx.db.selectFrom('districts').select('id').where('name', '=', districtName).executeTakeFirstOrThrow();
  const point = await pointIn(ctx.db, districtName);
  const now = FIXED_NOW.getTime();
  const created = new Date(now - (f.age ?? HOUR));
  const due = f.dueIn === null ? null : new Date(f.dueIn === undefined ? created.getTime() + cat.target_hours * HOUR : now + f.dueIn);
  const state = f.state ?? 'new';
  const closed = !['new', 'acknowledged', 'in_progress'].includes(state);
  const row = await ctx.db
    .insertInto('reports')
    .values({
      category_id: catId,
      department_id: department,
      district_id: district.id,
      lat: point.lat,
      lon: point.lon,
      address: f.address ?? null,
      location_source: 'map',
      description: f.description ?? null,
      state,
      source: f.source ?? 'web',
      support_count: f.support ?? 0,
      created_at: created.toISOString(),
      updated_at: created.toISOString(),
      closed_at: closed ? created.toISOString() : null,
      hidden: f.hidden ? 1 : 0,
      description_published: 0,
      priority: f.priority ?? 0,
      assigned_staff_id: f.assignedTo ?? null,
      due_at: due ? due.toISOString() : null,
      reopen_requested_at: f.reopenRequested ? new Date(now - HOUR).toISOString() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The report numbers in the order the queue page lists them. */
export function listedIds(html: string): number[] {
  return [...html.matchAll(/<a href="\/intern\/meldungen\/(\d+)(?:\?lang=\w+)?" class="queue-link">/g)].map((m) => Number(m[1]));
}

/** Many reports of one state at once, one multi-row insert per 500 (the limits are in the thousands). */
export async function insertManyReports(ctx: AppContext, count: number, state = 'new') {
  const category = await categoryId(ctx.db, 'strassenschaden');
  const department = await departmentId(ctx.db, 'tiefbau');
  const at = FIXED_NOW.toISOString();
  for (let i = 0; i < count; i += 500) {
    const rows = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
      category_id: category,
      department_id: department,
      district_id: null,
      lat: 49.99 + ((i + j) % 100) / 10_000,
      lon: 8.26,
      location_source: 'map' as const,
      state,
      source: 'web' as const,
      created_at: at,
      updated_at: at,
      closed_at: ['new', 'acknowledged', 'in_progress'].includes(state) ? null : at,
      hidden: 0,
      description_published: 0,
      due_at: new Date(FIXED_NOW.getTime() + (i + j) * 60_000).toISOString(),
    }));
    await ctx.db.insertInto('reports').values(rows).execute();
  }
}
