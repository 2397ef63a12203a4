// `npm start` from scratch: creates, migrates and fills the database, serves the start page and /healthz.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, npmRun, npmStart, scratchEnv } from './run.ts';

describe('npm start', () => {
  it('starts on an empty data directory with the Mainz demo data, and does not re-seed on the second start', async () => {
    const port = await freePort();
    const env = scratchEnv({ PORT: String(port) });
    const first = npmStart(env);
    try {
      await first.ready;
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<html lang="de">');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    } finally {
      await first.stop();
    }
    expect(first.output()).toContain('filled the empty database with Mainz demo data');
    expect(existsSync(join(env.DATA_DIR!, 'stadtmelder.sqlite'))).toBe(true);
    expect(existsSync(join(env.DATA_DIR!, 'secret'))).toBe(true);

    const second = npmStart(env);
    try {
      await second.ready;
    } finally {
      await second.stop();
    }
    expect(second.output()).not.toContain('filled the empty database');
    expect(second.output()).not.toContain('migrated');
  });

  it('stops at a bad variable with one line naming it', () => {
    const result = npmRun('start', [], scratchEnv({ PORT: 'abc' }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT must be an integer between 1 and 65535 (got "abc")');
  });

  it('migrates with npm run migrate', () => {
    const env = scratchEnv();
    expect(npmRun('migrate', [], env).stdout).toContain(`Applied 11 migration(s): ${[
      '001_initial',
      '002_bin_tasks',
      '003_citizen_reports',
      '004_staff',
      '005_backoffice',
      '006_queue',
      '007_event_detail',
      '008_photo_redaction',
      '009_bin_events',
      '010_kpi_indexes',
      '013_citizen_hardening',
    ].join(', ')}`);
    expect(npmRun('migrate', [], env).stdout).toContain('The database is up to date.');
  });
});
