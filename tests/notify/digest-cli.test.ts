// db/cli/digest.ts as an operator (or cron) runs it: a real database file, a real SMTP server,
// configured only by environment variables.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedDemoData } from '../../db/seed/mainz.ts';
import { createLogger } from '../../server/logger.ts';
import { createReport, departmentId, fixedClock, testConfig } from '../helpers.ts';
import { startSmtpServer } from '../mail/smtp.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function runCli(env: Record<string, string>) {
  // Not spawnSync: the SMTP server runs in this process and must keep answering meanwhile.
  return import('node:child_process').then(
    ({ spawn }) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(TSX, ['db/cli/digest.ts'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d));
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      }),
  );
}

describe('db/cli/digest.ts', () => {
  it('sends the digest once, prints counts only, and sends nothing on a second run', async () => {
    const smtp = await startSmtpServer();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-digest-'));
      const databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`;
      const db = openDatabase(databaseUrl);
      await migrateToLatest(db);
      const clock = fixedClock();
      await seedDemoData(db, { now: clock.now() });
      await db.updateTable('reports').set({ department_notified_at: clock.now().toISOString() }).execute();
      const entsorgung = await departmentId(db, 'entsorgung');
      await db.updateTable('departments').set({ notify_mode: 'digest' }).where('id', '=', entsorgung).execute();
      const ctx = { db, config: testConfig(), clock, logger: createLogger('silent'), mailer: null };
      const report = await createReport(ctx, { category: 'illegale-ablagerung', description: 'Sofa im Park' });
      await db.updateTable('reports').set({ department_id: entsorgung }).where('id', '=', report.id).execute();
      await db.destroy();

      const env = { DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://melder.mainz.de', SECRET: 'y'.repeat(32) };
      const first = await runCli(env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^Sent 1 digest\(s\) listing 1 report\(s\); \d+ department\(s\) skipped, 0 failed\.\n$/);
      expect(first.stdout).not.toContain('@');
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.envelopeTo).toEqual(['entsorgung@stadt.example']);
      expect(smtp.received[0]!.text).toContain('https://melder.mainz.de/intern/meldungen/' + report.id);

      const second = await runCli(env);
      expect(second.stdout).toMatch(/^Sent 0 digest\(s\) listing 0 report\(s\)/);
      expect(smtp.received).toHaveLength(1);

      const noSmtp = spawnSync(TSX, ['db/cli/digest.ts'], { cwd: ROOT, env: { ...process.env, ...env, SMTP_URL: '' }, encoding: 'utf8' });
      expect(noSmtp.status).toBe(1);
      expect(noSmtp.stderr).toContain('SMTP_URL is not set: no digest can be sent.');
    } finally {
      await smtp.close();
    }
  }, 60_000);
});
