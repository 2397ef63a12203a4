// Reads the configuration, opens and prepares the database, and serves the app.
import { serve } from '@hono/node-server';
import { openDatabase } from '../db/connection.ts';
import { runRetention } from '../db/retention.ts';
import { prepareDatabase } from '../db/setup.ts';
import { createApp } from './app.ts';
import { ConfigError, ensureSecret, loadConfig, loadEnvFile, type Config } from './config.ts';
import { systemClock } from './context.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mailer.ts';
import { settleDepartmentNotifications } from './notify/department.ts';
import { runDigest } from './notify/digest.ts';
import { digestDueToday, nextDigestAt } from './notify/schedule.ts';

async function main() {
  let config;
  try {
    loadEnvFile();
    config = ensureSecret(loadConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) console.error(`Configuration error: ${problem}`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databaseUrl);
  const { migrations, seeded } = await prepareDatabase(db, systemClock.now());
  if (migrations.length) logger.info('migrated', { migrations: migrations.join(', ') });
  if (seeded) logger.info('filled the empty database with Mainz demo data');

  const mailer = config.smtpUrl ? createMailer(config.smtpUrl, config.mailFrom) : null;
  const app = createApp({ db, config, clock: systemClock, logger, mailer });
  // Listening comes before the jobs: a taken port stops the start before any mail or deletion runs.
  const server = await listen(app.fetch, config);
  logger.info('listening', { url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`, publicBaseUrl: config.publicBaseUrl });

  // Retention once at start and then daily; the log names counts only, never an address or a file.
  const retention = () =>
    runRetention(db, { now: systemClock.now(), emailDays: config.retentionEmailDays, photoMonths: config.retentionPhotoMonths, photoDir: config.photoDir, logger })
      .then((removed) => logger.info('retention', { ...removed }))
      .catch((err: unknown) => logger.error('retention failed', { error: err instanceof Error ? err.message : String(err) }));
  void retention();
  setInterval(() => void retention(), 24 * 60 * 60 * 1000).unref();

  // The departments' daily digest at DIGEST_HOUR Mainz time; at start too when that hour has passed
  // today (runDigest sends a department's digest at most once per day, so a restart sends nothing twice).
  const context = { db, config, clock: systemClock, logger, mailer };
  const digest = () =>
    runDigest(context, systemClock.now())
      .then((result) => logger.info('digest', { ...result }))
      .catch((err: unknown) => logger.error('digest failed', { error: err instanceof Error ? err.message : String(err) }));
  const scheduleDigest = () => {
    // Recomputed each day rather than a fixed 24 h interval: the days of the summer-time switch have 23 and 25 hours.
    const wait = nextDigestAt(systemClock.now(), config.digestHour).getTime() - systemClock.now().getTime();
    setTimeout(() => void digest().finally(scheduleDigest), wait).unref();
  };
  if (digestDueToday(systemClock.now(), config.digestHour)) void digest();
  scheduleDigest();
  const stop = () => {
    // Department mails already under way are finished first (each is bounded by the SMTP timeouts).
    server.close(() => void settleDepartmentNotifications().then(() => db.destroy()).then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Serves on PORT and HOST; a port that is taken or not allowed ends the start with one line. */
function listen(fetch: Parameters<typeof serve>[0]['fetch'], config: Config): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      const where = `${config.host} port ${config.port}`;
      if (err.code === 'EADDRINUSE') console.error(`Cannot listen on ${where}: another program (perhaps another Stadtmelder) uses it. Stop it or choose another PORT.`);
      else if (err.code === 'EACCES') console.error(`Cannot listen on ${where}: not allowed for this user. Choose a PORT above 1023.`);
      else if (err.code === 'EADDRNOTAVAIL') console.error(`Cannot listen on ${where}: this machine has no such address. Check HOST.`);
      else console.error(`Cannot listen on ${where}: ${err.message}`);
      process.exit(1);
    });
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
