import { describe, expect, it } from 'vitest';
import { bboxOf, geometryContains, labelPoint, pointInRing, polygonContains, ringArea, type Ring } from '../../domain/geo.ts';

const square: Ring = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
const hole: Ring = [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]];
// A "C" shape whose vertex average lies in the notch, outside the shape.
const cShape: Ring = [[0, 0], [6, 0], [6, 1], [1, 1], [1, 5], [6, 5], [6, 6], [0, 6], [0, 0]];

describe('pointInRing', () => {
  it.each([
    [2, 2, 'inside'],
    [5, 2, 'outside'],
    [0, 2, 'boundary'],
    [4, 4, 'boundary'],
    [2, 4, 'boundary'],
    [2, 4.000001, 'outside'],
    [-1, 0, 'outside'],
  ] as const)('(%s, %s) is %s', (lon, lat, expected) => {
    expect(pointInRing({ lon, lat }, square)).toBe(expected);
  });
});

describe('polygonContains with a hole', () => {
  it.each([
    [0.5, 0.5, true],
    [2, 2, false],
    [1, 2, true],
    [3, 3, true],
    [4.5, 2, false],
  ] as const)('(%s, %s) -> %s', (lon, lat, expected) => {
    expect(polygonContains({ lon, lat }, [square, hole])).toBe(expected);
  });
});

describe('geometryContains', () => {
  const multi = { type: 'MultiPolygon' as const, coordinates: [[square], [[[10, 10], [12, 10], [12, 12], [10, 12], [10, 10]] as Ring]] };
  it('finds points in every part of a MultiPolygon and none between them', () => {
    expect(geometryContains({ lon: 1, lat: 1 }, multi)).toBe(true);
    expect(geometryContains({ lon: 11, lat: 11 }, multi)).toBe(true);
    expect(geometryContains({ lon: 7, lat: 7 }, multi)).toBe(false);
  });
  it('rejects by bounding box without looking at the rings', () => {
    expect(geometryContains({ lon: 1, lat: 1 }, multi, { minLon: 5, minLat: 5, maxLon: 6, maxLat: 6 })).toBe(false);
  });
  it('computes the bounding box over all parts', () => {
    expect(bboxOf(multi)).toEqual({ minLon: 0, minLat: 0, maxLon: 12, maxLat: 12 });
  });
});

describe('labelPoint and ringArea', () => {
  it('puts the label inside a concave shape', () => {
    const p = labelPoint({ type: 'Polygon', coordinates: [cShape] });
    expect(polygonContains(p, [cShape])).toBe(true);
  });
  it('measures area whatever the orientation', () => {
    expect(ringArea(square)).toBe(16);
    expect(ringArea([...square].reverse())).toBe(16);
  });
});
