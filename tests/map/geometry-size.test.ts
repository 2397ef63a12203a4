// Issue 11: pages draw a simplified copy of the geometry, made at import; routing keeps the exact one.
// With a 50,000-vertex boundary and 50,000-vertex districts (the demo geometry cut into metre-long
// wobbling pieces), /ortsbezirke was 587 KB of HTML; it must stay under 100 KB, as must a bin's page
// with its map of the districts.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRoutingTable } from '../../db/routing.ts';
import { replaceDistricts, saveCityBoundary } from '../../db/districts.ts';
import { densify, positionCount, type FeatureCollection } from '../../db/seed/tools/densify.ts';
import { parseNamedAreas, type NamedArea } from '../../domain/geojson.ts';
import { polygonsOf } from '../../domain/geo.ts';
import { createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';

const demo = (name: string) => JSON.parse(readFileSync(new URL(`../../db/seed/mainz-${name}.geojson`, import.meta.url), 'utf8')) as FeatureCollection;
const PAGE_LIMIT = 100 * 1024;

let setup: Awaited<ReturnType<typeof createTestApp>> & { districts: NamedArea[]; boundary: NamedArea[] };

beforeAll(async () => {
  const boundaryFile = densify(demo('boundary'), 50_000);
  const districtFile = densify(demo('districts'), 50_000);
  expect(positionCount(boundaryFile)).toBeGreaterThanOrEqual(50_000);
  expect(positionCount(districtFile)).toBeGreaterThanOrEqual(50_000);
  const boundary = parseNamedAreas(JSON.stringify(boundaryFile), 'name');
  const districts = parseNamedAreas(JSON.stringify(districtFile), 'name');
  const app = await createTestApp();
  const now = app.ctx.clock.now().toISOString();
  await saveCityBoundary(app.ctx.db, boundary, { approximate: false, now });
  await replaceDistricts(app.ctx.db, districts, { approximate: false, now });
  setup = { ...app, districts, boundary };
});

/** The rings of an SVG path: each "M … Z" with its corners. */
const ringsOfPath = (d: string) => d.split('Z').filter(Boolean).map((ring) => ring.replace(/^M/, '').split('L'));

describe('pages draw simplified geometry', () => {
  it(`/ortsbezirke stays under ${PAGE_LIMIT / 1024} KB and still draws every district and the boundary with closed rings`, async () => {
    const res = await setup.app.request('/ortsbezirke');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(Buffer.byteLength(html)).toBeLessThan(PAGE_LIMIT);
    const paths = [...html.matchAll(/<path d="([^"]+)" class="(district d\d|boundary)"/g)];
    expect(paths.filter((p) => p[2] !== 'boundary')).toHaveLength(15);
    expect(paths.filter((p) => p[2] === 'boundary')).toHaveLength(1);
    for (const [, d] of paths) {
      for (const ring of ringsOfPath(d!)) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[ring.length - 1]).toBe(ring[0]);
      }
    }
    for (const name of ['Altstadt', 'Hartenberg-Münchfeld', 'Weisenau']) expect(html).toContain(`<th scope="row">${name}</th>`);
  });

  it(`a bin's page with its map of the districts stays under ${PAGE_LIMIT / 1024} KB`, async () => {
    const staff = await asStaff(setup.app, setup.ctx, { role: 'admin' });
    const bin = await setup.ctx.db.selectFrom('bins').select('id').where('district_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const res = await staff.request(`/intern/papierkoerbe/${bin.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="bins-map-own"');
    expect(Buffer.byteLength(html)).toBeLessThan(PAGE_LIMIT);
  });

  it('the simplified copy is made at import and stored; routing reads the exact geometry', async () => {
    const rows = await setup.ctx.db.selectFrom('districts').select(['name', 'geometry', 'display_geometry']).where('active', '=', 1).orderBy('id').execute();
    const positions = (text: string) => polygonsOf(JSON.parse(text)).flat().reduce((sum, ring) => sum + ring.length, 0);
    const drawn = rows.reduce((sum, r) => sum + positions(r.display_geometry!), 0);
    const exact = rows.reduce((sum, r) => sum + positions(r.geometry), 0);
    expect(exact).toBeGreaterThanOrEqual(50_000);
    expect(drawn).toBeLessThan(exact / 10);

    const table = await loadRoutingTable(setup.ctx.db);
    for (const area of setup.districts) expect(table.districts.find((d) => d.name === area.name)?.geometry).toEqual(area.geometry);
    expect(table.boundary?.geometry).toEqual(setup.boundary[0]!.geometry);
  });
});
