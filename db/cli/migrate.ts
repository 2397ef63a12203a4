// npm run migrate: brings the database named by DATABASE_URL up to date.
import { openDatabase } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { configOrExit } from './config.ts';

const config = configOrExit();
const db = openDatabase(config.databaseUrl);
const ran = await migrateToLatest(db);
console.log(ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}` : 'The database is up to date.');
await db.destroy();
