// One server for bench/scan.ts, in its own process: `app` is Stadtmelder on a seeded file database,
// `bare` is the practical ceiling, a Hono POST handler that does one SQLite insert per request.
import { serve } from '@hono/node-server';
import BetterSqlite3 from 'better-sqlite3';
import { Hono } from 'hono';
import { openDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../db/setup.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { systemClock } from '../server/context.ts';
import { createLogger } from '../server/logger.ts';

const [mode, port, file] = process.argv.slice(2);

if (mode === 'bare') {
  const sqlite = new BetterSqlite3(file!);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table if not exists presses (id integer primary key, code text, reason text, at text)');
  const insert = sqlite.prepare('insert into presses (code, reason, at) values (?, ?, ?)');
  const app = new Hono();
  app.post('/B/:code', async (c) => {
    const form = await c.req.parseBody();
    insert.run(c.req.param('code'), String(form.reason), new Date().toISOString());
    return c.redirect(`/B/${c.req.param('code')}/danke`, 303);
  });
  serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => process.send?.('ready'));
} else {
  const db = openDatabase(`sqlite:${file}`);
  await prepareDatabase(db, new Date());
  const config = loadConfig({ DATA_DIR: '/tmp', DATABASE_URL: `sqlite:${file}`, SECRET: 'b'.repeat(32), TRUST_PROXY: 'true', LOG_LEVEL: 'info' });
  // Logs go to a sink, as they would to a log collector; formatting them is part of the cost.
  const app = createApp({ db, config, clock: systemClock, logger: createLogger('info', () => {}), mailer: null });
  serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => process.send?.('ready'));
}
process.on('SIGINT', () => process.exit(0));
// The CPU time this process has used, asked for before and after a load: CPU per request is steadier
// than requests per second on a machine that others share.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
