// npm run seed and npm run import, on a real database file.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { densify, positionCount, type FeatureCollection } from '../../db/seed/tools/densify.ts';
import { MAX_POSITIONS_PER_FILE } from '../../domain/geojson.ts';
import { npmRun, scratchEnv, scratchFiles } from './run.ts';

const env = scratchEnv();
const { dbUrl, file } = scratchFiles(env);
const square = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

async function snapshot() {
  const db = openDatabase(dbUrl);
  try {
    const districts = await db.selectFrom('districts').select(['name', 'geometry', 'active', 'approximate']).orderBy('id').execute();
    const boundary = await db.selectFrom('city_boundary').selectAll().execute();
    const bins = await db.selectFrom('bins').select(['id', 'district_id']).orderBy('id').execute();
    return { districts, boundary, bins };
  } finally {
    await db.destroy();
  }
}

beforeAll(() => {
  const seeded = npmRun('seed', [], env);
  expect(seeded.status, seeded.stderr).toBe(0);
  expect(seeded.stdout).toMatch(/Reset .* to the Mainz demo data: 300 bins, 12 reports\./);
});

describe('npm run import', () => {
  it.each([
    ['not JSON', 'oops{', /bad\.geojson: not valid JSON/],
    ['a Point', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Point', coordinates: [8.27, 50] } }] }, /bad\.geojson: feature 1 \("A"\): geometry type Point is not supported/],
    [
      'a self-intersecting ring',
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: square(8.2, 49.9, 8.3, 50) } }, { type: 'Feature', properties: { name: 'B' }, geometry: { type: 'Polygon', coordinates: [[[8.2, 49.9], [8.3, 50], [8.3, 49.9], [8.2, 50], [8.2, 49.9]]] } }] },
      /bad\.geojson: feature 2 \("B"\), outer ring: intersects itself \(edges 1 and 3 cross or overlap\)/,
    ],
    ['a missing name', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(8.2, 49.9, 8.3, 50) } }] }, /bad\.geojson: feature 1: property "name" is missing or empty/],
  ])('refuses %s, says what and where, and changes nothing', async (_name, content, message) => {
    const before = await snapshot();
    for (const kind of ['districts', 'boundary']) {
      const result = npmRun('import', [kind, file('bad.geojson', content)], env);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Nothing was imported.');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file with more positions than the limit before checking it, and changes nothing', async () => {
    const before = await snapshot();
    const demo = JSON.parse(readFileSync(new URL('../../db/seed/mainz-districts.geojson', import.meta.url), 'utf8')) as FeatureCollection;
    const heavy = densify(demo, MAX_POSITIONS_PER_FILE + 500);
    const positions = new Intl.NumberFormat('en-GB').format(positionCount(heavy));
    for (const kind of ['districts', 'boundary']) {
      const result = npmRun('import', [kind, file('heavy.geojson', heavy)], env);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`heavy.geojson: has ${positions} positions, more than the 100,000 a file may have; simplify it first`);
      expect(result.stderr).toContain('Nothing was imported.');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a missing file and wrong arguments', () => {
    const missing = npmRun('import', ['districts', '/nonexistent.geojson'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('/nonexistent.geojson: cannot be read (ENOENT)');
    const usage = npmRun('import', ['streets', 'x.geojson'], env);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain('Usage: npm run import -- districts|boundary FILE.geojson');
  });

  it('imports districts by a configurable name property, keeps the missing ones as inactive and re-derives bin districts', async () => {
    // Two official districts that split the whole city along longitude 8.25.
    const path = file('districts.geojson', {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { BEZNAME: 'Altstadt' }, geometry: { type: 'Polygon', coordinates: square(8.25, 49.8, 8.4, 50.1) } },
        { type: 'Feature', properties: { BEZNAME: 'Westen' }, geometry: { type: 'MultiPolygon', coordinates: [square(8.1, 49.8, 8.25, 50.1)] } },
      ],
    });
    const result = npmRun('import', ['districts', path, '--name-property', 'BEZNAME'], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Imported 2 districts from');
    expect(result.stdout).toContain('1 added, 1 updated, 14 deactivated.');
    const after = await snapshot();
    const active = after.districts.filter((d) => d.active === 1);
    expect(active.map((d) => [d.name, d.approximate])).toEqual([['Altstadt', 0], ['Westen', 0]]);
    expect(after.districts).toHaveLength(16);
    const db = openDatabase(dbUrl);
    const perDistrict = await db.selectFrom('bins').innerJoin('districts', 'districts.id', 'bins.district_id').select(['districts.name', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('districts.name').orderBy('districts.name').execute();
    await db.destroy();
    expect(perDistrict.map((r) => r.name)).toEqual(['Altstadt', 'Westen']);
    expect(perDistrict.reduce((s, r) => s + Number(r.n), 0)).toBe(300);
  });

  it('imports the city boundary', async () => {
    const path = file('city.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Mainz' }, geometry: { type: 'Polygon', coordinates: square(8.1, 49.8, 8.4, 50.1) } }] });
    const result = npmRun('import', ['boundary', path], env);
    expect(result.stdout).toContain('Imported the city boundary from');
    const after = await snapshot();
    expect(after.boundary).toMatchObject([{ name: 'Mainz', approximate: 0 }]);
    expect(JSON.parse(after.boundary[0]!.geometry).coordinates).toEqual(square(8.1, 49.8, 8.4, 50.1));
  });
});
