import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ensureSecret, loadConfig, tileOrigin } from '../../server/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toMatch(/^sqlite:.*\/data\/stadtmelder\.sqlite$/);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.smtpUrl).toBeNull();
    expect(config.logLevel).toBe('info');
    expect(config.trustProxy).toBe(false);
    expect(config.geocoderUrl).toBeNull();
    expect(config.photoDir).toMatch(/\/data\/photos$/);
    expect([config.retentionEmailDays, config.retentionPhotoMonths]).toEqual([30, 6]);
    expect(loadConfig({ GEOCODER_URL: 'https://geo.mainz.example/api', PHOTO_DIR: '/srv/fotos', RETENTION_EMAIL_DAYS: '14' })).toMatchObject({
      geocoderUrl: 'https://geo.mainz.example/api',
      photoDir: '/srv/fotos',
      retentionEmailDays: 14,
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(tileOrigin(config)).toBe('https://tile.openstreetmap.org');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/stadtmelder',
      DATABASE_URL: 'sqlite:/srv/melder.db',
      PUBLIC_BASE_URL: 'https://melder.mainz.de/',
      SECRET: 's'.repeat(40),
      TILE_URL: 'https://tiles.mainz.de/{z}/{x}/{y}.png',
      TILE_ATTRIBUTION: '© Stadt Mainz',
      SMTP_URL: 'smtp://mail.mainz.de:25',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/stadtmelder',
      databaseUrl: 'sqlite:/srv/melder.db',
      publicBaseUrl: 'https://melder.mainz.de',
      tileAttribution: '© Stadt Mainz',
      smtpUrl: 'smtp://mail.mainz.de:25',
      logLevel: 'warn',
    });
    expect(tileOrigin(config)).toBe('https://tiles.mainz.de');
  });

  it.each([
    ['PORT', 'abc', /^PORT must be an integer between 1 and 65535 \(got "abc"\)$/],
    ['PORT', '70000', /^PORT must be an integer/],
    ['PUBLIC_BASE_URL', 'melder.mainz.de', /^PUBLIC_BASE_URL must be an http:\/\/ or https:\/\/ URL/],
    ['DATABASE_URL', 'mysql://x', /^DATABASE_URL must be sqlite:PATH/],
    ['DATABASE_URL', 'postgres://localhost/test', /^DATABASE_URL must be sqlite:PATH for now/],
    ['SECRET', 'short', /^SECRET must be at least 32 characters/],
    ['TILE_URL', 'https://tiles.example/x.png', /^TILE_URL must be a tile URL with \{z\}, \{x\} and \{y\}/],
    ['SMTP_URL', 'mail.example', /^SMTP_URL must be smtp:\/\/host:port/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL must be one of debug, info, warn, error, silent/],
    ['TRUST_PROXY', 'maybe', /^TRUST_PROXY must be true or false \(got "maybe"\)$/],
    ['GEOCODER_URL', 'nominatim.local', /^GEOCODER_URL must be an http:\/\/ or https:\/\/ URL/],
    ['RETENTION_EMAIL_DAYS', '0', /^RETENTION_EMAIL_DAYS must be a whole number from 1/],
    ['RETENTION_PHOTO_MONTHS', 'six', /^RETENTION_PHOTO_MONTHS must be a whole number from 1/],
    ['DIGEST_HOUR', '24', /^DIGEST_HOUR must be an hour from 0 to 23/],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('lists all bad variables at once', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });
});

describe('ensureSecret', () => {
  it('generates a secret once, keeps it in the data directory and reuses it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stadtmelder-'));
    const first = ensureSecret(loadConfig({ DATA_DIR: dataDir }));
    const second = ensureSecret(loadConfig({ DATA_DIR: dataDir }));
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.secret).toBe(first.secret);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim()).toBe(first.secret);
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600);
  });
  it('uses SECRET when given and writes nothing', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stadtmelder-'));
    expect(ensureSecret(loadConfig({ DATA_DIR: dataDir, SECRET: 'k'.repeat(32) })).secret).toBe('k'.repeat(32));
    expect(() => statSync(join(dataDir, 'secret'))).toThrow();
  });
});
