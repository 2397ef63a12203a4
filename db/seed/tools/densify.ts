// Makes a heavy copy of the demo geometry, for the tests and the benchmark of issue 11: every edge is
// cut into pieces about as long as an official boundary's (50,000 vertices around Mainz: one every
// 1.5 m) and each piece wobbles half a metre, so that a simplification cannot just drop points
// that lie on straight lines. Shared borders stay shared: a border walked the other way gets the same
// points and the same wobble, and the wobble is zero at the original corners.
import type { AreaGeometry, Position, Ring } from '../../../domain/geo.ts';
import { polygonsOf } from '../../../domain/geo.ts';

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; properties: Record<string, unknown>; geometry: AreaGeometry }>;
}

const METRES_PER_DEGREE = 111_320;
const K = Math.cos((50 * Math.PI) / 180);

const lengthM = (a: Position, b: Position) => Math.hypot((b[0] - a[0]) * K, b[1] - a[1]) * METRES_PER_DEGREE;

/** The same features with about `positions` positions in all, each edge cut by its share of the length. */
export function densify(collection: FeatureCollection, positions: number, wobbleM = 0.5): FeatureCollection {
  const rings = collection.features.flatMap((f) => polygonsOf(f.geometry).flat());
  const total = rings.reduce((sum, ring) => sum + ring.slice(1).reduce((s, p, k) => s + lengthM(ring[k]!, p), 0), 0);
  const metresPerPiece = total / positions;
  const ringOf = (ring: Ring): Ring => {
    const out: Position[] = [];
    for (let k = 0; k + 1 < ring.length; k++) out.push(...pieces(ring[k]!, ring[k + 1]!, metresPerPiece, wobbleM));
    return [...out, ring[0]!];
  };
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => ({
      ...f,
      geometry:
        f.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(ringOf) }
          : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((p) => p.map(ringOf)) },
    })),
  };
}

/** a and the points between a and b (not b): a sine wave across the edge, one period per 8 pieces. */
function pieces(a: Position, b: Position, metresPerPiece: number, wobbleM: number): Position[] {
  const count = Math.max(1, Math.round(lengthM(a, b) / metresPerPiece));
  const periods = Math.max(1, Math.floor(count / 8));
  // The unit normal in metres, turned back into degrees on each axis.
  const dx = (b[0] - a[0]) * K;
  const dy = b[1] - a[1];
  const norm = Math.hypot(dx, dy);
  const nLon = (-dy / norm / K) * (wobbleM / METRES_PER_DEGREE);
  const nLat = (dx / norm) * (wobbleM / METRES_PER_DEGREE);
  const out: Position[] = [a];
  for (let s = 1; s < count; s++) {
    const t = s / count;
    const w = Math.sin(2 * Math.PI * periods * t);
    out.push([a[0] + t * (b[0] - a[0]) + w * nLon, a[1] + t * (b[1] - a[1]) + w * nLat]);
  }
  return out;
}

export function positionCount(collection: FeatureCollection): number {
  return collection.features.reduce((sum, f) => sum + polygonsOf(f.geometry).flat().reduce((s, ring) => s + ring.length, 0), 0);
}
