// Reads the configuration, opens and prepares the database, and serves the app.
import { serve } from '@hono/node-server';
import { openDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../db/setup.ts';
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
  const { migrations, seeded } = await prepareDatabase(db, systemClock.now());
  if (migrations.length) logger.info('migrated', { migrations: migrations.join(', ') });
  if (seeded) logger.info('filled the empty database with Mainz demo data');

  const app = createApp({ db, config, clock: systemClock, logger, mailer: null });
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
