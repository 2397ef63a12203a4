// Runs the project's npm scripts in a scratch data directory: the files package.json names, as one process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

export function scratchEnv(extra: Record<string, string> = {}): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stadtmelder-cli-'));
  const { DATABASE_URL: _d, DATA_DIR: _dd, PORT: _p, ...rest } = process.env as Record<string, string>;
  // ENV_FILE: a developer's own .env in the project must not change what the tests see.
  return { ...rest, DATA_DIR: dataDir, LOG_LEVEL: 'info', ENV_FILE: '/dev/null', ...extra };
}

/** The SQLite URL of the scratch environment's database, and a writer of files (JSON for objects) beside it. */
export function scratchFiles(env: Record<string, string>) {
  const dbUrl = `sqlite:${join(env.DATA_DIR!, 'stadtmelder.sqlite')}`;
  const file = (name: string, content: unknown) => {
    const path = join(env.DATA_DIR!, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  return { dbUrl, file };
}

const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/**
 * The file that `npm run SCRIPT` runs, read from package.json, so a renamed script or a wrong path
 * still fails here. Every command-line script is `tsx FILE`.
 */
function scriptFile(script: string): string {
  const file = /^tsx (\S+)$/.exec(SCRIPTS[script] ?? '')?.[1];
  if (!file) throw new Error(`package.json has no script "${script}" of the form "tsx FILE"`);
  return file;
}

/**
 * Runs `npm run SCRIPT -- ARGS` as one process: Node with tsx's loader on the script's file. Through
 * npm it was three (npm, the tsx launcher, the program), and with about sixty runs in the suite on a
 * two-core machine that was most of the command-line tests' time. `npm start` is still run through
 * npm (tests/cli/start.test.ts), and so is `npm run staff` (its password prompt).
 */
export function npmRun(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', scriptFile(script), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.split('\n').filter((l) => l).join('\n') };
}

/** npmRun without blocking this process: for a script that must run while the test keeps a server busy. */
export function npmRunAsync(script: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', scriptFile(script), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => {
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr: stderr.split('\n').filter((l) => l).join('\n') });
    });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` in the background; resolves once it logs that it listens. */
export function npmStart(env: Record<string, string>) {
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen within 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      if (output.includes('"msg":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  return { ready, stop, output: () => output };
}
