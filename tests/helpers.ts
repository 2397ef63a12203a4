// Small domain helpers for request-level tests: a fresh in-memory database with the demo data and a
// fixed clock, and shortcuts for what tests do again and again.
import { openDatabase, type DatabaseOptions, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemoData } from '../db/seed/mainz.ts';
import { createApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import type { AppContext, Clock, Mailer } from '../server/context.ts';
import { createLogger } from '../server/logger.ts';
import { fileReport, type ReportDraft } from '../server/filing.ts';
import { labelPoint } from '../domain/geo.ts';
import { listActiveDistricts } from '../db/districts.ts';

export const FIXED_NOW = new Date('2026-11-21T10:00:00.000Z');

export function fixedClock(at: Date = FIXED_NOW): Clock & { set(d: Date): void; advance(ms: number): void } {
  let now = at;
  return { now: () => now, set: (d) => (now = d), advance: (ms) => (now = new Date(now.getTime() + ms)) };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ DATA_DIR: '/tmp/stadtmelder-test', DATABASE_URL: ':memory:', SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' }), ...overrides };
}

export async function createTestContext(
  options: { seed?: boolean; logLines?: string[]; config?: Partial<Config>; mailer?: Mailer; onQuery?: DatabaseOptions['onQuery'] } = {},
): Promise<AppContext & { clock: ReturnType<typeof fixedClock> }> {
  const db = openDatabase(':memory:', { onQuery: options.onQuery });
  await migrateToLatest(db);
  const clock = fixedClock();
  if (options.seed !== false) await seedDemoData(db, { now: clock.now() });
  const logger = options.logLines ? createLogger('debug', (l) => options.logLines!.push(l)) : createLogger('silent');
  return { db, config: testConfig(options.config), clock, logger, mailer: options.mailer ?? null };
}

export async function createTestApp(options: Parameters<typeof createTestContext>[0] = {}) {
  const ctx = await createTestContext(options);
  return { ctx, app: createApp(ctx) };
}

export async function categoryId(db: Db, slug: string): Promise<number> {
  const row = await db.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

export async function departmentId(db: Db, slug: string): Promise<number> {
  const row = await db.selectFrom('departments').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

/** A point inside the named district of the demo data. */
export async function pointIn(db: Db, district: string): Promise<{ lat: number; lon: number }> {
  const d = (await listActiveDistricts(db)).find((x) => x.name === district);
  if (!d) throw new Error(`no district ${district}`);
  return labelPoint(d.geometry);
}

export async function createReport(ctx: AppContext, draft: Partial<ReportDraft> & { category?: string; district?: string } = {}) {
  const { category = 'strassenschaden', district = 'Altstadt', ...rest } = draft;
  const point = await pointIn(ctx.db, district);
  const { report } = await fileReport(
    ctx.db,
    { categoryId: await categoryId(ctx.db, category), ...point, locationSource: 'map', source: 'web', ...rest },
    ctx.clock.now().toISOString(),
  );
  return report;
}
