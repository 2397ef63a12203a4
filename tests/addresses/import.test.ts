// npm run import -- addresses FILE, on a real database file: both formats, and bad files refused with a
// clear message while the addresses stay as they were.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { distanceMeters } from '../../domain/geo.ts';
import { npmRun, scratchEnv, scratchFiles } from '../cli/run.ts';
import { HKDE_PLACES, hkDeFile, hkDeLine, osmExport } from './fixtures.ts';

const env = scratchEnv();
const { dbUrl, file } = scratchFiles(env);

async function addresses() {
  const db = openDatabase(dbUrl);
  try {
    return await db.selectFrom('addresses').select(['street', 'house_number', 'postcode', 'city', 'lat', 'lon', 'street_key', 'number_key', 'source']).orderBy('id').execute();
  } finally {
    await db.destroy();
  }
}

beforeAll(() => {
  const seeded = npmRun('seed', [], env);
  expect(seeded.status, seeded.stderr).toBe(0);
  expect(seeded.stdout).toMatch(/Added \d+ made-up demo addresses for the demo streets/);
});

describe('npm run import -- addresses', () => {
  it('starts from the demo addresses, all marked as demo', async () => {
    const rows = await addresses();
    expect(rows.length).toBeGreaterThan(500);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['demo']));
    expect(rows.some((r) => r.street === 'Breite Straße' && r.house_number === '20')).toBe(true);
  });

  it('reads HK-DE: UTM 32N with the zone in front and decimal commas, within a metre of the true place', async () => {
    const result = npmRun('import', ['addresses', file('hk.csv', hkDeFile([...HKDE_PLACES.map((p) => hkDeLine(p)), hkDeLine(HKDE_PLACES[0]!, 'L')]))], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported 3 addresses from');
    expect(result.stdout).toContain('(HK-DE); they replace the previous addresses.');
    expect(result.stdout).toContain('Skipped 1 records marked as deleted (NBA "L").');
    const rows = await addresses();
    expect(rows.map((r) => [r.street, r.house_number, r.postcode, r.city, r.source])).toEqual([
      ['Große Bleiche', '12', '55116', 'Mainz', 'hk-de'],
      ['Große Bleiche', '12a', '55116', 'Mainz', 'hk-de'],
      ['Breite Straße', '20', '55124', 'Mainz', 'hk-de'],
    ]);
    rows.forEach((r, i) => expect(distanceMeters(r, HKDE_PLACES[i]!)).toBeLessThan(1));
    expect(rows[1]).toMatchObject({ street_key: 'grossebleiche', number_key: '12a' });
  });

  it('reads an OpenStreetMap export: points, buildings as a point inside, nested tags; skips what is no address', async () => {
    const result = npmRun('import', ['addresses', file('osm.geojson', osmExport())], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported 4 addresses from');
    expect(result.stdout).toContain('(OpenStreetMap GeoJSON)');
    expect(result.stdout).toContain('Skipped 1 feature without addr:housenumber.');
    expect(result.stdout).toMatch(/Skipped 1 feature with geometry type LineString/);
    const rows = await addresses();
    expect(rows.map((r) => `${r.street} ${r.house_number}`)).toEqual(['Große Bleiche 12', 'Große Bleiche 12a', 'Breite Straße 20', 'Kaiser-Wilhelm-Ring 5']);
    const building = rows[2]!;
    expect(building.lon).toBeGreaterThan(8.2268);
    expect(building.lon).toBeLessThan(8.227);
    expect(building.lat).toBeGreaterThan(50.0177);
    expect(building.lat).toBeLessThan(50.0179);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['osm']));
  });

  it.each([
    ['broken JSON', '{"type": "FeatureCollection", ', /bad\.txt: not valid JSON/],
    ['HK-DE with a missing field', hkDeFile([hkDeLine(HKDE_PLACES[0]!), hkDeLine(HKDE_PLACES[1]!).replace(';Altstadt', '')]), /bad\.txt: line 2: 17 fields, HK-DE has 18/],
  ])('refuses %s, says what and where, and changes nothing (the other refusals: address-files.test.ts)', async (_name, content, message) => {
    const before = await addresses();
    const result = npmRun('import', ['addresses', file('bad.txt', content)], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Nothing was imported.');
    expect(await addresses()).toEqual(before);
  });

  it('a file that cannot be read, and a wrong kind, say so', () => {
    expect(npmRun('import', ['addresses', join(env.DATA_DIR!, 'missing.csv')], env).stderr).toMatch(/missing\.csv: cannot be read \(ENOENT\)/);
    expect(npmRun('import', ['adressen', 'x'], env).stderr).toContain('npm run import -- addresses FILE');
  });
});
