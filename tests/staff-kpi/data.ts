// A small, fully known data set for the Kennzahlen tests: the Mainz catalogue and bins without the demo
// reports, plus eleven reports written with exact timestamps, so every figure can be computed by hand
// (the expected values are worked out in figures.test.ts next to each assertion).
import type { AppContext } from '../../server/context.ts';
import { seedDemoData } from '../../db/seed/mainz.ts';
import { categoryId, createTestApp, departmentId, FIXED_NOW } from '../helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const at = (msBeforeNow: number) => new Date(FIXED_NOW.getTime() - msBeforeNow).toISOString();
export { HOUR, DAY };

interface KnownReport {
  category: string;
  department: string;
  district: string | null;
  /** ms before FIXED_NOW */
  created: number;
  /** ms after creation */
  ack?: number;
  closed?: number;
  state: string;
  bin?: number;
  support?: number;
}

async function districtId(ctx: AppContext, name: string) {
  return (await ctx.db.selectFrom('districts').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function insertKnown(ctx: AppContext, r: KnownReport): Promise<number> {
  const category = await ctx.db.selectFrom('categories').select(['id', 'target_hours']).where('slug', '=', r.category).executeTakeFirstOrThrow();
  const createdMs = FIXED_NOW.getTime() - r.created;
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(createdMs + ms).toISOString());
  const row = await ctx.db
    .insertInto('reports')
    .values({
      category_id: category.id,
      department_id: await departmentId(ctx.db, r.department),
      district_id: r.district ? await districtId(ctx, r.district) : null,
      bin_id: r.bin ?? null,
      lat: 50,
      lon: 8.27,
      location_source: r.bin ? 'bin' : 'map',
      state: r.state,
      source: r.bin ? 'qr' : 'web',
      support_count: r.support ?? 1,
      created_at: new Date(createdMs).toISOString(),
      updated_at: new Date(createdMs).toISOString(),
      closed_at: iso(r.closed),
      acknowledged_at: iso(r.ack),
      due_at: new Date(createdMs + category.target_hours * HOUR).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Two bins of the demo register: A and B of the worked examples. */
export async function twoBins(ctx: AppContext) {
  const bins = await ctx.db.selectFrom('bins').select(['id', 'code']).orderBy('id').limit(2).execute();
  return { a: bins[0]!, b: bins[1]! };
}

export async function createKpiApp(options: { reports?: boolean } = {}) {
  const { ctx, app } = await createTestApp({ seed: false });
  await seedDemoData(ctx.db, { now: ctx.clock.now(), reports: false });
  if (options.reports !== false) await insertKnownReports(ctx);
  return { ctx, app };
}

export async function insertKnownReports(ctx: AppContext) {
  const { a, b } = await twoBins(ctx);
  // Tiefbau, Straßenschaden (target 120 h), Altstadt.
  await insertKnown(ctx, { category: 'strassenschaden', department: 'tiefbau', district: 'Altstadt', created: 10 * DAY, ack: 2 * HOUR, closed: 72 * HOUR, state: 'done' }); // R1
  await insertKnown(ctx, { category: 'strassenschaden', department: 'tiefbau', district: 'Altstadt', created: 20 * DAY, ack: 24 * HOUR, closed: 192 * HOUR, state: 'done' }); // R2
  await insertKnown(ctx, { category: 'strassenschaden', department: 'tiefbau', district: 'Altstadt', created: 3 * DAY, ack: HOUR / 2, state: 'acknowledged' }); // R3
  await insertKnown(ctx, { category: 'strassenschaden', department: 'tiefbau', district: 'Altstadt', created: 6 * DAY, state: 'new' }); // R4, overdue by a day
  // Tiefbau, Gully (target 72 h), Neustadt.
  await insertKnown(ctx, { category: 'gully', department: 'tiefbau', district: 'Neustadt', created: 40 * DAY, ack: 4 * HOUR, closed: 35 * DAY, state: 'done' }); // R5
  await insertKnown(ctx, { category: 'gully', department: 'tiefbau', district: 'Neustadt', created: 2 * DAY, state: 'new' }); // R6
  // Entsorgung, Papierkorb voll (target 24 h), Altstadt, bin tasks.
  await insertKnown(ctx, { category: 'papierkorb-voll', department: 'entsorgung', district: 'Altstadt', created: DAY, state: 'new', bin: a.id, support: 5 }); // R7, due exactly now
  await insertKnown(ctx, { category: 'papierkorb-voll', department: 'entsorgung', district: 'Altstadt', created: 12 * DAY, ack: 6 * HOUR, closed: 6 * HOUR, state: 'done', bin: a.id, support: 3 }); // R8
  await insertKnown(ctx, { category: 'papierkorb-voll', department: 'entsorgung', district: 'Altstadt', created: 4 * DAY, ack: HOUR, closed: 30 * HOUR, state: 'done', bin: b.id, support: 7 }); // R9
  await insertKnown(ctx, { category: 'papierkorb-voll', department: 'entsorgung', district: 'Altstadt', created: 60 * DAY, ack: HOUR, closed: 2 * HOUR, state: 'done', bin: b.id, support: 20 }); // R10
  // Verkehr, Ampel (target 24 h), Mombach: open for 100 days.
  await insertKnown(ctx, { category: 'ampel', department: 'verkehr', district: 'Mombach', created: 100 * DAY, ack: DAY, state: 'acknowledged' }); // R11
  void categoryId;
}
