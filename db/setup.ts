// What every start does to the database before serving: migrate, and fill an empty one with demo data.
// `npm run staff -- create-admin` does the same before it adds its account, so that the start after it
// finds data; and should a start still find accounts in a database without departments, it keeps them.
import type { Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { isEmpty, seedDemoData } from './seed/mainz.ts';

export async function prepareDatabase(db: Db, now: Date): Promise<{ migrations: string[]; seeded: boolean }> {
  const migrations = await migrateToLatest(db);
  // Only an empty database gets the demo data; a city's real data is never overwritten on start.
  if (!(await isEmpty(db))) return { migrations, seeded: false };
  // Never an account deleted on start: an administrator created before it must still be able to log in.
  await seedDemoData(db, { now, keepStaff: true });
  return { migrations, seeded: true };
}
