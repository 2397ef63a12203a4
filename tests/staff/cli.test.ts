// `staff create-admin` as a process, with the password piped in (the npm script runs the same file).
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { verifyPassword } from '../../server/staff/passwords.ts';
import { ROOT, scratchEnv } from '../cli/run.ts';

const PASSWORD = 'Kupferberg Terrasse 1957';

/** `npm run staff -- ARGS` as an administrator types it, with the password piped to stdin. */
function runStaff(args: string[], input: string, env: Record<string, string>) {
  const result = spawnSync('npm', ['run', '--silent', 'staff', '--', ...args], { cwd: ROOT, env, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('staff create-admin', () => {
  it('creates an admin from a password on stdin, and the password appears in no output, log or database text', async () => {
    const env = scratchEnv({ LOG_LEVEL: 'debug' });
    const result = runStaff(['create-admin', 'Chefin', '--name', 'Clara Chefin'], `${PASSWORD}\n`, env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('The database was empty: filled it with the Mainz demo data.\nCreated the administrator "chefin". Log in at http://localhost:3000/intern/anmelden\n');
    const file = join(env.DATA_DIR!, 'stadtmelder.sqlite');
    const db = openDatabase(`sqlite:${file}`);
    const row = await db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
    await db.destroy();
    expect(row).toMatchObject({ login: 'chefin', display_name: 'Clara Chefin', role: 'admin', active: 1 });
    expect(await verifyPassword(PASSWORD, row.password_hash)).toBe(true);
    for (const f of [file, `${file}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(PASSWORD)).toBe(false);

    const again = runStaff(['create-admin', 'chefin'], `${PASSWORD}x\n`, env);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('A staff account with the login "chefin" already exists. Nothing was changed.\n');
    for (const out of [result.stdout, result.stderr, again.stdout, again.stderr]) expect(out).not.toContain('Kupferberg');
  });

  it('refuses a weak password or none, with a clear line, and creates nothing', () => {
    const env = scratchEnv();
    const cases: Array<[string, string]> = [
      ['kurz\n', 'The password must be at least 12 characters long. Nothing was created.\n'],
      ['Passwort1234\n', 'This password is too common or too easy to guess. Please choose another one, for example a sentence of several words. Nothing was created.\n'],
      ['verwaltung.mainz\n', 'The password must not be the login name or too similar to it. Nothing was created.\n'],
      ['Verwaltung.Mainz1\n', 'The password must not be the login name or too similar to it. Nothing was created.\n'],
      ['Kupferberg\u0000Terrasse 1957\n', 'The password must not contain control characters (such as a tab or NUL). Nothing was created.\n'],
      ['', 'No password given on stdin. Nothing was created.\n' + 'Usage: npm run staff -- create-admin LOGIN [--name "DISPLAY NAME"]   (the password is read from stdin)\n'],
    ];
    for (const [input, message] of cases) {
      const result = runStaff(['create-admin', 'verwaltung.mainz'], input, env);
      expect(result.status, input).toBe(1);
      expect(result.stderr, input).toBe(message);
      if (input.trim()) expect(result.stdout + result.stderr).not.toContain(input.trim().replace('\u0000', ''));
    }
    expect(existsSync(join(env.DATA_DIR!, 'stadtmelder.sqlite'))).toBe(false);
    expect(runStaff(['create-admin'], PASSWORD, env).stderr).toMatch(/^Usage: npm run staff/);
    expect(runStaff(['create-admin', 'x y'], PASSWORD, env).stderr).toMatch(/is not a usable login/);
  });
});
