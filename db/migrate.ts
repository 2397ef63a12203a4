// Migrations are listed here explicitly (no directory scan) so that they work the same under tsx,
// vitest and a bundler, and their order is reviewable in one place.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';
import * as m001 from './migrations/001_initial.ts';
import * as m002 from './migrations/002_bin_tasks.ts';
import * as m003 from './migrations/003_citizen_reports.ts';
import * as m004 from './migrations/004_staff.ts';
import * as m005 from './migrations/005_backoffice.ts';

const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_bin_tasks': m002,
  '003_citizen_reports': m003,
  '004_staff': m004,
  '005_backoffice': m005,
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
