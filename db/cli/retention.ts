// npm run retention: removes reporters' e-mail addresses and photo files whose retention period is over
// (RETENTION_EMAIL_DAYS, RETENTION_PHOTO_MONTHS after a report was closed). The server also runs it daily;
// this is for cron or for running it by hand. It prints counts only, never an address or a file name.
import { createLogger } from '../../server/logger.ts';
import { openDatabase } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { runRetention } from '../retention.ts';
import { configOrExit } from './config.ts';

const config = configOrExit();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
const result = await runRetention(db, {
  now: new Date(),
  emailDays: config.retentionEmailDays,
  photoMonths: config.retentionPhotoMonths,
  photoDir: config.photoDir,
  logger: createLogger(config.logLevel, (line) => process.stderr.write(line + '\n')),
});
console.log(`Removed ${result.emailsRemoved} e-mail address(es) and ${result.photosRemoved} photo(s).`);
await db.destroy();
