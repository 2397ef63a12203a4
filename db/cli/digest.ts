// npm run digest: sends the daily digest to every department whose notify_mode is 'digest' (the server
// also sends it daily at DIGEST_HOUR). A department gets at most one digest per day, so running this
// next to the server or twice sends nothing twice. Prints counts only, never an address.
import { createLogger } from '../../server/logger.ts';
import { createMailer } from '../../server/mailer.ts';
import { runDigest } from '../../server/notify/digest.ts';
import { openDatabase } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { configOrExit, fail } from './config.ts';

const config = configOrExit();
if (!config.smtpUrl) fail(['SMTP_URL is not set: no digest can be sent.']);
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
const logger = createLogger(config.logLevel, (line) => process.stderr.write(line + '\n'));
const result = await runDigest({ db, config, clock: { now: () => new Date() }, logger, mailer: createMailer(config.smtpUrl, config.mailFrom) });
console.log(`Sent ${result.sent} digest(s) listing ${result.reports} report(s); ${result.skipped} department(s) skipped, ${result.failed} failed.`);
await db.destroy();
if (result.failed) process.exitCode = 1;
