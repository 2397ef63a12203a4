// npm run seed: resets the database named by DATABASE_URL to the Mainz demo data. Everything in it is replaced.
import { openDatabase } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { seedDemoData } from '../seed/mainz.ts';
import { configOrExit } from './config.ts';

const config = configOrExit();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
const result = await seedDemoData(db, { now: new Date() });
console.log(`Reset ${config.databaseUrl} to the Mainz demo data: ${result.bins} bins, ${result.reports} reports.`);
await db.destroy();
