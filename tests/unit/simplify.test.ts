import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position, Ring } from '../../domain/geo.ts';
import { DRAWING_MIN_AREA_M2, simplifyForDrawing, simplifyRing } from '../../domain/simplify.ts';

const KX = 111_320 * Math.cos((50 * Math.PI) / 180);
const metres = (dx: number, dy: number): Position => [8.27 + dx / KX, 50 + dy / 111_320];

/** A 1 km square walked in 1 m steps, with a bump `bump` metres high in the middle of the south side. */
function noisySquare(bump: number): Ring {
  const ring: Position[] = [];
  for (let k = 0; k < 1000; k++) ring.push(metres(k, k === 500 ? -bump : 0));
  for (let k = 0; k < 1000; k++) ring.push(metres(1000, k));
  for (let k = 0; k < 1000; k++) ring.push(metres(1000 - k, 1000));
  for (let k = 0; k < 1000; k++) ring.push(metres(0, 1000 - k));
  return [...ring, ring[0]!];
}

describe('simplifyRing', () => {
  it('keeps the corners of a shape and drops the points between them', () => {
    const simple = simplifyRing(noisySquare(0), DRAWING_MIN_AREA_M2, KX);
    expect(simple).toEqual([metres(0, 0), metres(1000, 0), metres(1000, 1000), metres(0, 1000), metres(0, 0)]);
  });

  it('drops a bump smaller than the area on screen, keeps a larger one', () => {
    // The bump's triangle with its neighbours 1 m away: 1 m² per metre of height.
    expect(simplifyRing(noisySquare(2), DRAWING_MIN_AREA_M2, KX)).toHaveLength(5);
    expect(simplifyRing(noisySquare(100), DRAWING_MIN_AREA_M2, KX)).toContainEqual(metres(500, -100));
  });

  it('keeps a ring closed with at least four positions, however small', () => {
    const tiny: Ring = [metres(0, 0), metres(1, 0), metres(1, 1), metres(0.5, 1.2), metres(0, 1), metres(0, 0)];
    const simple = simplifyRing(tiny, DRAWING_MIN_AREA_M2, KX);
    expect(simple).toHaveLength(4);
    expect(simple[3]).toEqual(simple[0]);
    const triangle: Ring = [metres(0, 0), metres(1, 0), metres(0, 1), metres(0, 0)];
    expect(simplifyRing(triangle, DRAWING_MIN_AREA_M2, KX)).toEqual(triangle);
  });
});

describe('simplifyForDrawing', () => {
  it('simplifies every ring of a MultiPolygon with holes and keeps the structure', () => {
    const hole = noisySquare(0).map(([x, y]) => [8.27 + (x - 8.27) / 4 + 0.001, 50 + (y - 50) / 4 + 0.001] as Position).reverse();
    const geometry: AreaGeometry = { type: 'MultiPolygon', coordinates: [[noisySquare(0), hole], [noisySquare(0).map(([x, y]) => [x + 0.1, y] as Position)]] };
    const simple = simplifyForDrawing(geometry);
    expect(simple.type).toBe('MultiPolygon');
    const polygons = simple.coordinates as Ring[][];
    expect(polygons.map((p) => p.map((r) => r.length))).toEqual([[5, 5], [5]]);
  });
});
