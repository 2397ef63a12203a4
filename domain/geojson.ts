// Reads a GeoJSON FeatureCollection of named areas (districts, a city boundary) and says exactly
// what is wrong and where, because the people importing it are GIS staff with a file to fix.
import type { AreaGeometry, Position, Ring } from './geo.ts';
import { findSelfIntersection } from './self-intersection.ts';

// The ring check lives in its own module (a sweep and an index); it was part of this one's API.
export { findSelfIntersection };

export interface NamedArea {
  name: string;
  geometry: AreaGeometry;
}

export class GeoJsonError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Positions one file may hold in all, for the CLI import and the admin's upload alike: the check,
 * the simplification and the import then take well under a second, so an upload in the server process
 * does not hold up other requests noticeably (docs/decisions/027-geometry-size.md). A 1 MB file, about
 * the size of the Mainz districts with official detail, holds 27,000 to 45,000 positions.
 */
export const MAX_POSITIONS_PER_FILE = 100_000;

const COUNT = new Intl.NumberFormat('en-GB');

/** The file has more positions than allowed: refused before any geometry is checked. */
export class TooManyPositionsError extends GeoJsonError {
  constructor(
    readonly positions: number,
    readonly max: number,
  ) {
    super([
      `has ${COUNT.format(positions)} positions, more than the ${COUNT.format(max)} a file may have; simplify it first (for example in QGIS: Vector › Geometry Tools › Simplify) and import it again`,
    ]);
  }
}

/** Positions in the Polygons and MultiPolygons of the features, however malformed the rest is. */
function countPositions(features: unknown[]): number {
  const count = (value: unknown, depth: number): number => {
    if (!Array.isArray(value)) return 0;
    if (depth === 1) return value.length;
    let sum = 0;
    for (const item of value) sum += count(item, depth - 1);
    return sum;
  };
  let sum = 0;
  for (const feature of features) {
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
    if (geometry?.type === 'Polygon') sum += count(geometry.coordinates, 2);
    else if (geometry?.type === 'MultiPolygon') sum += count(geometry.coordinates, 3);
  }
  return sum;
}

const MAX_PROBLEMS = 50;

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

function checkRing(ring: unknown, where: string, problems: string[]): ring is Ring {
  if (!Array.isArray(ring)) {
    problems.push(`${where}: is not an array of positions`);
    return false;
  }
  const bad = ring.findIndex((p) => !isPosition(p));
  if (bad >= 0) {
    problems.push(`${where}, position ${bad + 1}: is not a [longitude, latitude] pair of numbers`);
    return false;
  }
  const positions = ring as Position[];
  const outOfRange = positions.findIndex(([lon, lat]) => Math.abs(lon) > 180 || Math.abs(lat) > 90);
  if (outOfRange >= 0) {
    const [lon, lat] = positions[outOfRange]!;
    problems.push(
      `${where}, position ${outOfRange + 1}: ${lon}, ${lat} is not longitude/latitude in WGS 84 (EPSG:4326); reproject the file`,
    );
    return false;
  }
  if (positions.length < 4) {
    problems.push(`${where}: has ${positions.length} positions, a closed ring needs at least 4`);
    return false;
  }
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    problems.push(`${where}: is not closed (the last position must repeat the first)`);
    return false;
  }
  const crossing = findSelfIntersection(positions);
  if (crossing) {
    problems.push(`${where}: intersects itself (edges ${crossing[0]} and ${crossing[1]} cross or overlap)`);
    return false;
  }
  return true;
}

function checkGeometry(geometry: unknown, where: string, problems: string[]): AreaGeometry | null {
  if (!geometry || typeof geometry !== 'object') {
    problems.push(`${where}: has no geometry`);
    return null;
  }
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    problems.push(`${where}: geometry type ${String(type)} is not supported, expected Polygon or MultiPolygon`);
    return null;
  }
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) {
    problems.push(`${where}: has no coordinates`);
    return null;
  }
  let ok = true;
  polygons.forEach((rings, p) => {
    const at = type === 'MultiPolygon' ? `${where}, polygon ${p + 1}` : where;
    if (!Array.isArray(rings) || rings.length === 0) {
      problems.push(`${at}: has no rings`);
      ok = false;
      return;
    }
    rings.forEach((ring: unknown, r: number) => {
      ok = checkRing(ring, `${at}, ${r === 0 ? 'outer ring' : `hole ${r}`}`, problems) && ok;
    });
  });
  return ok ? (geometry as AreaGeometry) : null;
}

/**
 * Parses and checks everything; throws GeoJsonError with all problems (TooManyPositionsError before
 * checking anything when the file is over the limit), or returns the areas.
 */
export function parseNamedAreas(text: string, nameProperty: string, { maxPositions = MAX_POSITIONS_PER_FILE } = {}): NamedArea[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GeoJsonError([`not valid JSON: ${(err as Error).message}`]);
  }
  const collection = data as { type?: unknown; features?: unknown };
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new GeoJsonError(['not a GeoJSON FeatureCollection (expected "type": "FeatureCollection" with "features")']);
  }
  if (collection.features.length === 0) throw new GeoJsonError(['the FeatureCollection has no features']);
  const positions = countPositions(collection.features);
  if (positions > maxPositions) throw new TooManyPositionsError(positions, maxPositions);

  const problems: string[] = [];
  const areas: NamedArea[] = [];
  const seen = new Map<string, number>();
  collection.features.forEach((feature: unknown, index: number) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const f = (feature ?? {}) as { properties?: Record<string, unknown> | null; geometry?: unknown };
    const rawName = f.properties?.[nameProperty];
    const name = typeof rawName === 'string' || typeof rawName === 'number' ? String(rawName).trim() : '';
    const where = `feature ${index + 1}${name ? ` ("${name}")` : ''}`;
    if (!name) problems.push(`${where}: property "${nameProperty}" is missing or empty`);
    else if (seen.has(name)) problems.push(`${where}: name "${name}" was already used by feature ${seen.get(name)}`);
    else seen.set(name, index + 1);
    const geometry = checkGeometry(f.geometry, where, problems);
    if (geometry && name) areas.push({ name, geometry });
  });
  if (problems.length) throw new GeoJsonError(problems.slice(0, MAX_PROBLEMS));
  return areas;
}
