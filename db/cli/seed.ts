// npm run seed: resets the database named by DATABASE_URL to the Mainz demo data. Everything in it is
// replaced, staff accounts and photos included.
import { deletePhotoFiles } from '../../server/photos.ts';
import { openDatabase } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { seedDemoData } from '../seed/mainz.ts';
import { configOrExit, fail } from './config.ts';

const config = configOrExit();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
const result = await seedDemoData(db, { now: new Date() });
await db.destroy();
console.log(`Reset ${config.databaseUrl} to the Mainz demo data: ${result.bins} bins, ${result.reports} reports.`);
console.log(`Added ${result.demoAddresses} made-up demo addresses for the demo streets; replace them with the city's: npm run import -- addresses FILE`);
if (result.removedStaff) {
  console.log(`Removed ${result.removedStaff} staff account(s) with the old departments; create an administrator again with: npm run staff -- create-admin LOGIN`);
}
// Files only go once the reset has committed: a failed reset must leave the photos of its reports.
if (result.orphanedPhotoFiles.length) {
  try {
    await deletePhotoFiles(config.photoDir, result.orphanedPhotoFiles);
    console.log(`Deleted ${result.orphanedPhotoFiles.length} photo file(s) of the replaced reports.`);
  } catch (err) {
    fail([`The database was reset, but photo files of the replaced reports could not be deleted from ${config.photoDir}: ${(err as Error).message}`]);
  }
}
