// Configuration comes only from environment variables and is checked once at start, so that a
// wrong value stops the process with a line that names the variable instead of failing later.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicBaseUrl: string;
  secret: string;
  tileUrl: string;
  tileAttribution: string;
  smtpUrl: string | null;
  /** The sender of outgoing mail, e.g. `Stadtmelder Mainz <noreply@melder.mainz.de>`. */
  mailFrom: string;
  logLevel: LogLevel;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** A Nominatim- or Photon-compatible geocoder run by the city; null: reports by address are placed at the district. */
  geocoderUrl: string | null;
  /** Where photos are stored (a path that may be a shared volume). */
  photoDir: string;
  /** Days after a report is closed when reporters' e-mail addresses are removed. */
  retentionEmailDays: number;
  /** Months after a report is closed when its photos are deleted. */
  retentionPhotoMonths: number;
  /** Hour of the day (Europe/Berlin, 0–23) when departments with notify mode "digest" get their daily mail. */
  digestHour: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

type Env = Record<string, string | undefined>;
type Check<T> = (raw: string) => T | { error: string };

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

const port: Check<number> = (raw) => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= 1 && n <= 65535 ? n : { error: 'an integer between 1 and 65535' };
};

const httpUrl: Check<string> = (raw) => {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) {
      return raw.replace(/\/+$/, '');
    }
  } catch {
    // reported below
  }
  return { error: 'an http:// or https:// URL without query, e.g. https://melder.mainz.de' };
};

const tileUrl: Check<string> = (raw) => {
  const ok = /^https?:\/\/[^/]+\//.test(raw) && ['{z}', '{x}', '{y}'].every((p) => raw.includes(p));
  return ok ? raw : { error: 'a tile URL with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png' };
};

const databaseUrl: Check<string> = (raw) => {
  if (/^(sqlite|file):.+/.test(raw) || raw === ':memory:') return raw;
  if (/^postgres(ql)?:\/\//.test(raw)) {
    return { error: 'sqlite:PATH for now (PostgreSQL support is planned, not built yet)' };
  }
  return { error: 'sqlite:PATH (e.g. sqlite:./data/stadtmelder.sqlite)' };
};

const smtpUrl: Check<string> = (raw) =>
  /^smtps?:\/\/[^/]+/.test(raw) ? raw : { error: 'smtp://host:port or smtps://user:pass@host:port' };

const logLevel: Check<LogLevel> = (raw) =>
  (LOG_LEVELS as string[]).includes(raw) ? (raw as LogLevel) : { error: `one of ${LOG_LEVELS.join(', ')}` };

const secret: Check<string> = (raw) =>
  raw.length >= 32 ? raw : { error: 'at least 32 characters (leave it unset to have one generated)' };

const flag: Check<boolean> = (raw) =>
  ['1', 'true', 'yes'].includes(raw) ? true : ['0', 'false', 'no'].includes(raw) ? false : { error: 'true or false' };

const positiveInt: Check<number> = (raw) => (/^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : { error: 'a whole number from 1' });

const hourOfDay: Check<number> = (raw) => (/^\d{1,2}$/.test(raw) && Number(raw) <= 23 ? Number(raw) : { error: 'an hour from 0 to 23' });

const nonEmpty: Check<string> = (raw) => (raw.trim() ? raw : { error: 'a non-empty value' });

/**
 * Reads the variables of ENV_FILE (default: `.env` in the current directory, when there is one) into
 * the environment, so that `cp .env.example .env` is all a set-up needs. A variable already set in the
 * environment wins over the file. Called by `npm start` and every command-line tool before loadConfig.
 */
export function loadEnvFile(env: Env = process.env): void {
  const named = env.ENV_FILE;
  const path = named || '.env';
  if (!named && !existsSync(path)) return;
  try {
    process.loadEnvFile(path);
  } catch {
    throw new ConfigError([`ENV_FILE must name a readable file (got "${path}")`]);
  }
}

/** Reads and checks every variable; collects all problems so that one start shows all of them. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  function read<T>(name: string, check: Check<T>, fallback: T): T {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const result = check(raw);
    if (typeof result === 'object' && result !== null && 'error' in result) {
      problems.push(`${name} must be ${result.error} (got "${raw}")`);
      return fallback;
    }
    return result as T;
  }

  const dataDir = resolve(read('DATA_DIR', nonEmpty, './data'));
  const p = read('PORT', port, 3000);
  const config: Config = {
    port: p,
    host: read('HOST', nonEmpty, '127.0.0.1'),
    dataDir,
    databaseUrl: read('DATABASE_URL', databaseUrl, `sqlite:${join(dataDir, 'stadtmelder.sqlite')}`),
    publicBaseUrl: read('PUBLIC_BASE_URL', httpUrl, `http://localhost:${p}`),
    secret: read('SECRET', secret, ''),
    tileUrl: read('TILE_URL', tileUrl, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    tileAttribution: read('TILE_ATTRIBUTION', nonEmpty, '© OpenStreetMap-Mitwirkende'),
    smtpUrl: read<string | null>('SMTP_URL', smtpUrl, null),
    mailFrom: read('MAIL_FROM', nonEmpty, 'Stadtmelder Mainz <noreply@localhost>'),
    logLevel: read('LOG_LEVEL', logLevel, 'info'),
    trustProxy: read('TRUST_PROXY', flag, false),
    geocoderUrl: read<string | null>('GEOCODER_URL', httpUrl, null),
    photoDir: resolve(read('PHOTO_DIR', nonEmpty, join(dataDir, 'photos'))),
    retentionEmailDays: read('RETENTION_EMAIL_DAYS', positiveInt, 30),
    retentionPhotoMonths: read('RETENTION_PHOTO_MONTHS', positiveInt, 6),
    digestHour: read('DIGEST_HOUR', hourOfDay, 7),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * A generated secret must survive restarts (it keys hashes and tokens), so it is written once into
 * the data directory, readable only by the owner.
 */
export function ensureSecret(config: Config): Config {
  if (config.secret) return config;
  const file = join(config.dataDir, 'secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return { ...config, secret: readFileSync(file, 'utf8').trim() };
}

/** The origin of the tile server, for the CSP of map pages. */
export function tileOrigin(config: Pick<Config, 'tileUrl'>): string {
  return new URL(config.tileUrl.replace(/[{}]/g, '')).origin;
}
