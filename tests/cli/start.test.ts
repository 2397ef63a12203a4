// `npm start` from scratch: creates, migrates and fills the database, serves the start page and /healthz.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, npmRun, npmStart, ROOT, scratchEnv } from './run.ts';

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

  it('keeps an administrator created before the first start: create-admin prepares the database, the start seeds nothing and the login works', async () => {
    const port = await freePort();
    const env = scratchEnv({ PORT: String(port) });
    const password = 'Kupferberg Terrasse 1957';
    const created = spawnSync('npm', ['run', '--silent', 'staff', '--', 'create-admin', 'chefin'], { cwd: ROOT, env, input: `${password}\n`, encoding: 'utf8', timeout: 60_000 });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const server = npmStart(env);
    try {
      await server.ready;
      const base = `http://127.0.0.1:${port}`;
      const form = await (await fetch(`${base}/intern/anmelden`)).text();
      const token = /name="token" value="([^"]+)"/.exec(form)![1]!;
      const login = await fetch(`${base}/intern/anmelden`, { method: 'POST', body: new URLSearchParams({ token, login: 'chefin', password }), redirect: 'manual' });
      expect(login.status).toBe(303);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const start = await fetch(`${base}/intern`, { headers: { Cookie: cookie } });
      expect(start.status).toBe(200);
      // The demo data is there (departments on the start page).
      expect(await start.text()).toContain('Tiefbauamt');
    } finally {
      await server.stop();
    }
    expect(server.output()).not.toContain('filled the empty database');
  });

  it('reads .env (ENV_FILE): the port and the address create-admin names come from it; the environment wins', async () => {
    const port = await freePort();
    const env = scratchEnv();
    const file = join(env.DATA_DIR!, 'stadtmelder.env');
    writeFileSync(file, `# as copied from .env.example\nPORT=${port}\nLOG_LEVEL=info\nTILE_ATTRIBUTION=aus der Datei\n`);
    const created = spawnSync('npm', ['run', '--silent', 'staff', '--', 'create-admin', 'chefin'], { cwd: ROOT, env: { ...env, ENV_FILE: file }, input: 'Kupferberg Terrasse 1957\n', encoding: 'utf8', timeout: 60_000 });
    expect(created.status).toBe(0);
    expect(created.stdout).toContain(`Log in at http://localhost:${port}/intern/anmelden`);
    const server = npmStart({ ...env, ENV_FILE: file, TILE_ATTRIBUTION: 'aus der Umgebung' });
    try {
      await server.ready;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const map = await (await fetch(`http://127.0.0.1:${port}/karte`)).text();
      expect(map).toContain('aus der Umgebung');
      expect(map).not.toContain('aus der Datei');
    } finally {
      await server.stop();
    }
  });

  it('names a missing ENV_FILE in one line', () => {
    const result = npmRun('start', [], scratchEnv({ ENV_FILE: '/nonexistent/stadtmelder.env' }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: ENV_FILE must name a readable file (got "/nonexistent/stadtmelder.env")');
  });

  it('stops with one line when the port is taken, before any job runs', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const result = npmRun('start', [], scratchEnv({ PORT: String(port) }));
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(`Cannot listen on 127.0.0.1 port ${port}: another program (perhaps another Stadtmelder) uses it. Stop it or choose another PORT.`);
      expect(result.stdout).not.toContain('"retention"');
      expect(result.stdout).not.toContain('"digest"');
    } finally {
      blocker.close();
    }
  });

  it('stops at a bad variable with one line naming it', () => {
    const result = npmRun('start', [], scratchEnv({ PORT: 'abc' }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT must be an integer between 1 and 65535 (got "abc")');
  });

  it('migrates with npm run migrate', () => {
    const env = scratchEnv();
    const all = [
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
      '011_display_geometry',
      '012_login_hardening',
      '013_citizen_hardening',
      '014_public_map_index',
      '016_addresses',
    ];
    expect(npmRun('migrate', [], env).stdout).toContain(`Applied ${all.length} migration(s): ${all.join(', ')}`);
    expect(npmRun('migrate', [], env).stdout).toContain('The database is up to date.');
  });
});
