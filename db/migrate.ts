// Migrations are listed here explicitly (no directory scan) so that they work the same under tsx,
// vitest and a bundler, and their order is reviewable in one place.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';
import * as m001 from './migrations/001_initial.ts';
import * as m002 from './migrations/002_bin_tasks.ts';
import * as m003 from './migrations/003_citizen_reports.ts';
import * as m004 from './migrations/004_staff.ts';
import * as m005 from './migrations/005_backoffice.ts';
import * as m006 from './migrations/006_queue.ts';
import * as m007 from './migrations/007_event_detail.ts';
import * as m008 from './migrations/008_photo_redaction.ts';
import * as m009 from './migrations/009_bin_events.ts';
import * as m010 from './migrations/010_kpi_indexes.ts';
import * as m011 from './migrations/011_display_geometry.ts';
import * as m012 from './migrations/012_login_hardening.ts';
import * as m013 from './migrations/013_citizen_hardening.ts';
import * as m014 from './migrations/014_public_map_index.ts';
import * as m016 from './migrations/016_addresses.ts';

const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_bin_tasks': m002,
  '003_citizen_reports': m003,
  '004_staff': m004,
  '005_backoffice': m005,
  '006_queue': m006,
  '007_event_detail': m007,
  '008_photo_redaction': m008,
  '009_bin_events': m009,
  '010_kpi_indexes': m010,
  '011_display_geometry': m011,
  '012_login_hardening': m012,
  '013_citizen_hardening': m013,
  '014_public_map_index': m014,
  '016_addresses': m016,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; returns the names of the migrations that ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to the named migration (inclusive): for tests of a migration's data changes. */
export async function migrateUpTo(db: Db, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
