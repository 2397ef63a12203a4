// Districts and the city boundary. Geometry is stored as GeoJSON text with its bounding box in
// columns, so that a later spatial filter can use plain indexes on any engine. Next to it, a copy
// simplified for drawing, made once here at import: pages draw that one, routing the exact one.
import type { AreaGeometry } from '../domain/geo.ts';
import { bboxOf } from '../domain/geo.ts';
import type { NamedArea } from '../domain/geojson.ts';
import { findDistrict } from '../domain/routing.ts';
import { simplifyForDrawing } from '../domain/simplify.ts';
import { sql } from 'kysely';
import { inTransaction, type Db } from './connection.ts';

export interface DistrictRow {
  id: number;
  name: string;
  geometry: AreaGeometry;
  approximate: boolean;
}

export async function listActiveDistricts(db: Db): Promise<DistrictRow[]> {
  const rows = await db
    .selectFrom('districts')
    .select(['id', 'name', 'geometry', 'approximate'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, geometry: JSON.parse(r.geometry) as AreaGeometry, approximate: r.approximate === 1 }));
}

/** The active districts without their geometry, for choices and counts: reads no geometry at all. */
export async function listActiveDistrictNames(db: Db): Promise<Array<{ id: number; name: string; approximate: boolean }>> {
  const rows = await db.selectFrom('districts').select(['id', 'name', 'approximate']).where('active', '=', 1).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, approximate: r.approximate === 1 }));
}

/** The active districts with the geometry simplified for drawing: for maps, never for routing. */
export async function listActiveDistrictsForDrawing(db: Db): Promise<DistrictRow[]> {
  const rows = await db
    .selectFrom('districts')
    .select(['id', 'name', DRAWN, 'approximate'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, geometry: JSON.parse(r.drawn) as AreaGeometry, approximate: r.approximate === 1 }));
}

/** One active district's simplified outline, by name: for the small location figure of a report. */
export async function findDistrictForDrawing(db: Db, name: string): Promise<DistrictRow | undefined> {
  const r = await db.selectFrom('districts').select(['id', 'name', DRAWN, 'approximate']).where('active', '=', 1).where('name', '=', name).executeTakeFirst();
  return r && { id: r.id, name: r.name, geometry: JSON.parse(r.drawn) as AreaGeometry, approximate: r.approximate === 1 };
}

// Every write sets the drawn copy and migration 011 filled it in; the exact geometry is only a fallback
// (and is not even read from the table when the copy is there).
const DRAWN = sql<string>`coalesce(display_geometry, geometry)`.as('drawn');

const displayGeometryOf = (geometry: AreaGeometry) => JSON.stringify(simplifyForDrawing(geometry));

export interface DistrictImportResult {
  added: number;
  updated: number;
  deactivated: number;
}

/**
 * Makes the given areas the active districts, matched by name: known names get the new geometry,
 * new names are added, and districts missing from the file are deactivated rather than deleted,
 * because reports, bins and rules still point at them.
 */
export async function replaceDistricts(
  db: Db,
  areas: NamedArea[],
  options: { approximate: boolean; now: string },
): Promise<DistrictImportResult> {
  return inTransaction(db, async (trx) => {
    const result = await upsertDistricts(trx, areas, options);
    await assignBinDistricts(trx);
    return result;
  });
}

async function upsertDistricts(trx: Db, areas: NamedArea[], options: { approximate: boolean; now: string }): Promise<DistrictImportResult> {
    const existing = await trx.selectFrom('districts').select(['id', 'name', 'active']).execute();
    const byName = new Map(existing.map((d) => [d.name, d]));
    const result: DistrictImportResult = { added: 0, updated: 0, deactivated: 0 };
    for (const area of areas) {
      const box = bboxOf(area.geometry);
      const values = {
        geometry: JSON.stringify(area.geometry),
        display_geometry: displayGeometryOf(area.geometry),
        min_lon: box.minLon,
        min_lat: box.minLat,
        max_lon: box.maxLon,
        max_lat: box.maxLat,
        approximate: options.approximate ? 1 : 0,
        active: 1,
        updated_at: options.now,
      };
      const known = byName.get(area.name);
      if (known) {
        await trx.updateTable('districts').set(values).where('id', '=', known.id).execute();
        result.updated++;
      } else {
        await trx.insertInto('districts').values({ name: area.name, ...values }).execute();
        result.added++;
      }
    }
    const names = new Set(areas.map((a) => a.name));
    for (const d of existing) {
      if (!names.has(d.name) && d.active === 1) {
        await trx.updateTable('districts').set({ active: 0, updated_at: options.now }).where('id', '=', d.id).execute();
        result.deactivated++;
      }
    }
  return result;
}

/** A bin's district is derived from its location: recompute it after the geometry changed. */
export async function assignBinDistricts(trx: Db): Promise<void> {
  const districts = (await listActiveDistricts(trx)).map((d) => ({ ...d, bbox: bboxOf(d.geometry) }));
  const bins = await trx.selectFrom('bins').select(['id', 'lat', 'lon', 'district_id']).execute();
  for (const bin of bins) {
    const districtId = findDistrict({ lat: bin.lat, lon: bin.lon }, districts)?.id ?? null;
    if (districtId !== bin.district_id) {
      await trx.updateTable('bins').set({ district_id: districtId }).where('id', '=', bin.id).execute();
    }
  }
}

export interface CityBoundary {
  name: string;
  geometry: AreaGeometry;
  approximate: boolean;
}

/** The exact boundary: what decides whether a point is in the city. */
export async function loadCityBoundary(db: Db): Promise<CityBoundary | null> {
  const row = await db.selectFrom('city_boundary').select(['name', 'geometry', 'approximate']).where('id', '=', 1).executeTakeFirst();
  return row ? { name: row.name, geometry: JSON.parse(row.geometry) as AreaGeometry, approximate: row.approximate === 1 } : null;
}

/** The boundary simplified for drawing, and for a map's extent and centre: never for routing. */
export async function loadCityBoundaryForDrawing(db: Db): Promise<CityBoundary | null> {
  const row = await db.selectFrom('city_boundary').select(['name', DRAWN, 'approximate']).where('id', '=', 1).executeTakeFirst();
  return row ? { name: row.name, geometry: JSON.parse(row.drawn) as AreaGeometry, approximate: row.approximate === 1 } : null;
}

/** All features of the file together are the city: one MultiPolygon. */
export async function saveCityBoundary(db: Db, areas: NamedArea[], options: { approximate: boolean; now: string }): Promise<void> {
  const polygons = areas.flatMap((a) => (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates));
  const geometry: AreaGeometry = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
  const values = {
    name: areas.map((a) => a.name).join(', '),
    geometry: JSON.stringify(geometry),
    display_geometry: displayGeometryOf(geometry),
    approximate: options.approximate ? 1 : 0,
    updated_at: options.now,
  };
  await db
    .insertInto('city_boundary')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
