// Reads the configuration, opens and prepares the database, and serves the app.
import { serve } from '@hono/node-server';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { isEmpty, seedDemoData } from '../db/seed/mainz.ts';
import { createApp } from './app.ts';
import { ConfigError, ensureSecret, loadConfig } from './config.ts';
import { systemClock } from './context.ts';
import { createLogger } from './logger.ts';

async function main() {
  let config;
  try {
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
  const ran = await migrateToLatest(db);
  if (ran.length) logger.info('migrated', { migrations: ran.join(', ') });
  // Only an empty database gets the demo data; a city's real data is never overwritten on start.
  if (await isEmpty(db)) {
    const seeded = await seedDemoData(db, { now: systemClock.now() });
    logger.info('seeded Mainz demo data', seeded);
  }

  const app = createApp({ db, config, clock: systemClock, logger });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info('listening', { url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`, publicBaseUrl: config.publicBaseUrl });
  });

  const stop = () => {
    server.close(() => void db.destroy().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
