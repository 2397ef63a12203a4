// The retention command as an operator runs it (db/cli/retention.ts, `npm run retention`), on a real
// database file and a real photo directory, configured only by environment variables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { changeReportState } from '../../db/reports.ts';
import { seedDemoData } from '../../db/seed/mainz.ts';
import { createLogger } from '../../server/logger.ts';
import { testConfig, createReport, fixedClock } from '../helpers.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('db/cli/retention.ts', () => {
  it('removes what is due, prints counts only, and removes nothing more on a second run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-retention-'));
    const photoDir = join(dir, 'photos');
    const databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`;
    const db = openDatabase(databaseUrl);
    await migrateToLatest(db);
    // Closed long ago (2020) and still open: the command runs on today's clock.
    const clock = fixedClock(new Date('2020-03-01T08:00:00.000Z'));
    await seedDemoData(db, { now: clock.now() });
    const ctx = { db, config: testConfig(), clock, logger: createLogger('silent'), mailer: null };
    const old = await createReport(ctx);
    const open = await createReport(ctx);
    await changeReportState(db, old.id, { to: 'done', actor: 'test', now: clock.now().toISOString() });
    const at = clock.now().toISOString();
    for (const [reportId, email] of [[old.id, 'old@example.org'], [open.id, 'open@example.org']] as const) {
      await db.insertInto('subscriptions').values({ report_id: reportId, email, token_hash: `h-${email}`, confirmed_at: at, created_at: at }).execute();
    }
    mkdirSync(photoDir);
    writeFileSync(join(photoDir, 'old.jpg'), 'x');
    writeFileSync(join(photoDir, 'open.jpg'), 'x');
    for (const [reportId, file] of [[old.id, 'old.jpg'], [open.id, 'open.jpg']] as const) {
      await db.insertInto('photos').values({ report_id: reportId, file, mime: 'image/jpeg', width: 1, height: 1, bytes: 1, created_at: at }).execute();
    }
    await db.destroy();

    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: databaseUrl, PHOTO_DIR: photoDir, LOG_LEVEL: 'info' };
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'db/cli/retention.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('Removed 1 e-mail address(es) and 1 photo(s).\n');
    expect(existsSync(join(photoDir, 'old.jpg'))).toBe(false);
    expect(existsSync(join(photoDir, 'open.jpg'))).toBe(true);

    const check = openDatabase(databaseUrl);
    const emails = await check.selectFrom('subscriptions').select(['report_id', 'email']).orderBy('id').execute();
    expect(emails).toEqual([{ report_id: old.id, email: null }, { report_id: open.id, email: 'open@example.org' }]);
    await check.destroy();

    const second = run();
    expect(second.stdout).toBe('Removed 0 e-mail address(es) and 0 photo(s).\n');
  });

  it('stops at a bad variable with one line naming it', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'db/cli/retention.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ':memory:', RETENTION_EMAIL_DAYS: 'soon' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: RETENTION_EMAIL_DAYS must be a whole number from 1 (got "soon")');
  });
});
