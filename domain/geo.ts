// Planar geometry on WGS 84 longitude/latitude. At city scale the distortion of treating degrees as
// a plane is far below the accuracy of any district border, so no projection is needed.

export type Position = [number, number]; // [lon, lat] as in GeoJSON
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export interface Point {
  lon: number;
  lat: number;
}
export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

// About 0.1 mm: points this close to an edge count as on it.
const EPSILON = 1e-9;

export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function onSegment(p: Point, a: Position, b: Position): boolean {
  const ax = a[0];
  const ay = a[1];
  const bx = b[0];
  const by = b[1];
  // The box first: it rules out nearly every edge of a detailed ring without a square root.
  if (p.lon < Math.min(ax, bx) - EPSILON || p.lon > Math.max(ax, bx) + EPSILON || p.lat < Math.min(ay, by) - EPSILON || p.lat > Math.max(ay, by) + EPSILON) {
    return false;
  }
  const cross = (bx - ax) * (p.lat - ay) - (by - ay) * (p.lon - ax);
  return Math.abs(cross) <= EPSILON * Math.max(Math.hypot(bx - ax, by - ay), 1);
}

/** Even-odd ray cast, with an explicit check for points on an edge so that borders are decided. */
export function pointInRing(p: Point, ring: Ring): 'inside' | 'outside' | 'boundary' {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    if (onSegment(p, a, b)) return 'boundary';
    if (a[1] > p.lat !== b[1] > p.lat) {
      const x = a[0] + ((p.lat - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (x > p.lon) inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}

/** A polygon is a closed set: its outer border and the borders of its holes belong to it. */
export function polygonContains(p: Point, rings: Ring[]): boolean {
  const [shell, ...holes] = rings;
  if (!shell) return false;
  const where = pointInRing(p, shell);
  if (where === 'outside') return false;
  if (where === 'boundary') return true;
  return holes.every((hole) => pointInRing(p, hole) !== 'inside');
}

export function geometryContains(p: Point, geometry: AreaGeometry, box?: BBox): boolean {
  if (box && (p.lon < box.minLon || p.lon > box.maxLon || p.lat < box.minLat || p.lat > box.maxLat)) {
    return false;
  }
  return polygonsOf(geometry).some((rings) => polygonContains(p, rings));
}

export function bboxOf(geometry: AreaGeometry): BBox {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const rings of polygonsOf(geometry)) {
    for (const [lon, lat] of rings[0] ?? []) {
      box.minLon = Math.min(box.minLon, lon);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLon = Math.max(box.maxLon, lon);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  }
  return box;
}

/** A point inside the polygon's outer ring, for labels and for reports placed "at the district". */
export function labelPoint(geometry: AreaGeometry): Point {
  // Largest polygon's vertex average, nudged to a point that is really inside when the shape is concave.
  const polygons = polygonsOf(geometry);
  const largest = polygons.reduce((best, rings) => (ringArea(rings[0] ?? []) > ringArea(best[0] ?? []) ? rings : best));
  const shell = (largest[0] ?? []).slice(0, -1);
  const centre = {
    lon: shell.reduce((s, p) => s + p[0], 0) / shell.length,
    lat: shell.reduce((s, p) => s + p[1], 0) / shell.length,
  };
  if (polygonContains(centre, largest)) return centre;
  const box = bboxOf({ type: 'Polygon', coordinates: largest });
  for (let step = 1; step < 20; step++) {
    for (let k = 1; k < step * 2; k += 2) {
      const candidate = { lon: box.minLon + ((box.maxLon - box.minLon) * k) / (step * 2), lat: centre.lat };
      if (polygonContains(candidate, largest)) return candidate;
    }
  }
  return { lon: shell[0]![0], lat: shell[0]![1] };
}

export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return Math.abs(sum) / 2;
}

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres (haversine): exact enough for "within 50 m". */
export function distanceMeters(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box around a point that contains every point within `meters`, for an index prefilter. */
export function boxAround(p: Point, meters: number): BBox {
  const dLat = meters / 111_320;
  const dLon = meters / (111_320 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)));
  return { minLon: p.lon - dLon, minLat: p.lat - dLat, maxLon: p.lon + dLon, maxLat: p.lat + dLat };
}
