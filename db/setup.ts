// What every start does to the database before serving: migrate, and fill an empty one with demo data.
import type { Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { isEmpty, seedDemoData } from './seed/mainz.ts';

export async function prepareDatabase(db: Db, now: Date): Promise<{ migrations: string[]; seeded: boolean }> {
  const migrations = await migrateToLatest(db);
  // Only an empty database gets the demo data; a city's real data is never overwritten on start.
  if (!(await isEmpty(db))) return { migrations, seeded: false };
  await seedDemoData(db, { now });
  return { migrations, seeded: true };
}
