import { describe, expect, it } from 'vitest';
import { findSelfIntersection, GeoJsonError, MAX_POSITIONS_PER_FILE, parseNamedAreas, TooManyPositionsError } from '../../domain/geojson.ts';

const square = [[8.2, 49.9], [8.3, 49.9], [8.3, 50.0], [8.2, 50.0], [8.2, 49.9]];
const feature = (properties: object | null, geometry: object | null) => ({ type: 'Feature', properties, geometry });
const collection = (...features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const polygon = (...rings: unknown[]) => ({ type: 'Polygon', coordinates: rings });

function problemsOf(text: string, nameProperty = 'name'): string[] {
  try {
    parseNamedAreas(text, nameProperty);
  } catch (err) {
    if (err instanceof GeoJsonError) return err.problems;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

describe('parseNamedAreas', () => {
  it('reads Polygons and MultiPolygons with their names', () => {
    const areas = parseNamedAreas(
      collection(
        feature({ name: 'Altstadt' }, polygon(square)),
        feature({ name: 'Mombach' }, { type: 'MultiPolygon', coordinates: [[square], [square.map(([x, y]) => [x! + 1, y])]] }),
      ),
      'name',
    );
    expect(areas.map((a) => [a.name, a.geometry.type])).toEqual([
      ['Altstadt', 'Polygon'],
      ['Mombach', 'MultiPolygon'],
    ]);
  });

  it('uses a configurable name property', () => {
    expect(parseNamedAreas(collection(feature({ BEZ_NAME: 'Drais' }, polygon(square))), 'BEZ_NAME')[0]!.name).toBe('Drais');
  });

  it.each([
    ['not JSON', '{"type": "FeatureCollection", ', /^not valid JSON/],
    ['not a FeatureCollection', JSON.stringify({ type: 'Feature' }), /not a GeoJSON FeatureCollection/],
    ['empty collection', collection(), /has no features/],
    ['wrong geometry type', collection(feature({ name: 'X' }, { type: 'Point', coordinates: [8.2, 49.9] })), /^feature 1 \("X"\): geometry type Point is not supported, expected Polygon or MultiPolygon$/],
    ['missing geometry', collection(feature({ name: 'X' }, null)), /^feature 1 \("X"\): has no geometry$/],
    ['missing name', collection(feature({ other: 'X' }, polygon(square))), /^feature 1: property "name" is missing or empty$/],
    ['empty name', collection(feature({ name: '  ' }, polygon(square))), /^feature 1: property "name" is missing or empty$/],
    ['no properties at all', collection(feature(null, polygon(square))), /^feature 1: property "name" is missing or empty$/],
    ['duplicate name', collection(feature({ name: 'X' }, polygon(square)), feature({ name: 'X' }, polygon(square))), /^feature 2 \("X"\): name "X" was already used by feature 1$/],
    ['unclosed ring', collection(feature({ name: 'X' }, polygon(square.slice(0, 4)))), /^feature 1 \("X"\), outer ring: is not closed/],
    ['too few positions', collection(feature({ name: 'X' }, polygon([[8.2, 49.9], [8.3, 49.9], [8.2, 49.9]]))), /outer ring: has 3 positions/],
    ['bow-tie ring', collection(feature({ name: 'X' }, polygon([[8.2, 49.9], [8.3, 50.0], [8.3, 49.9], [8.2, 50.0], [8.2, 49.9]]))), /^feature 1 \("X"\), outer ring: intersects itself \(edges 1 and 3 cross or overlap\)$/],
    ['self-intersecting hole', collection(feature({ name: 'X' }, polygon(square, [[8.22, 49.92], [8.28, 49.98], [8.28, 49.92], [8.22, 49.98], [8.22, 49.92]]))), /^feature 1 \("X"\), hole 1: intersects itself/],
    ['spike that doubles back', collection(feature({ name: 'X' }, polygon([[8.2, 49.9], [8.3, 49.9], [8.25, 49.9], [8.25, 50.0], [8.2, 49.9]]))), /outer ring: intersects itself/],
    ['projected coordinates', collection(feature({ name: 'X' }, polygon([[448000, 5538000], [449000, 5538000], [449000, 5539000], [448000, 5538000]]))), /position 1: 448000, 5538000 is not longitude\/latitude in WGS 84/],
    ['text instead of numbers', collection(feature({ name: 'X' }, polygon([['8.2', '49.9'], [8.3, 49.9], [8.3, 50], [8.2, 49.9]]))), /position 1: is not a \[longitude, latitude\] pair/],
    ['bad part of a MultiPolygon', collection(feature({ name: 'X' }, { type: 'MultiPolygon', coordinates: [[square], [square.slice(0, 4)]] })), /^feature 1 \("X"\), polygon 2, outer ring: is not closed/],
  ])('refuses %s and says where', (_name, text, message) => {
    const problems = problemsOf(text);
    expect(problems.some((p) => message.test(p)), problems.join('\n')).toBe(true);
  });

  it('reports every bad feature, not just the first', () => {
    const problems = problemsOf(collection(feature({}, polygon(square)), feature({ name: 'ok' }, polygon(square)), feature({ name: 'Y' }, { type: 'LineString', coordinates: [] })));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^feature 1:/);
    expect(problems[1]).toMatch(/^feature 3 \("Y"\):/);
  });
});

describe('findSelfIntersection', () => {
  it('accepts simple rings, also with repeated consecutive points', () => {
    expect(findSelfIntersection(square as [number, number][])).toBeNull();
    expect(findSelfIntersection([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBeNull();
  });
  it('finds a ring that touches itself at a vertex', () => {
    // A figure eight that meets in (1, 1).
    expect(findSelfIntersection([[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]])).not.toBeNull();
  });
});

describe('the limit on positions per file', () => {
  const ring = (n: number, dx = 0) => {
    const corners = Array.from({ length: n - 1 }, (_, k) => [8.2 + dx + 0.01 * Math.cos((2 * Math.PI * k) / (n - 1)), 50 + 0.01 * Math.sin((2 * Math.PI * k) / (n - 1))]);
    return [...corners, corners[0]!];
  };

  it('is stated and counts every position of every feature, holes and MultiPolygon parts included', () => {
    expect(MAX_POSITIONS_PER_FILE).toBe(100_000);
    const file = collection(
      feature({ name: 'A' }, polygon(ring(40), ring(10).map(([x, y]) => [8.2 + (x! - 8.2) / 4, 50 + (y! - 50) / 4]))),
      feature({ name: 'B' }, { type: 'MultiPolygon', coordinates: [[ring(30, 1)], [ring(20, 2)]] }),
    );
    expect(parseNamedAreas(file, 'name', { maxPositions: 100 })).toHaveLength(2);
    let error: unknown;
    try {
      parseNamedAreas(file, 'name', { maxPositions: 99 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TooManyPositionsError);
    expect((error as TooManyPositionsError).positions).toBe(100);
    expect((error as TooManyPositionsError).problems).toEqual([
      'has 100 positions, more than the 99 a file may have; simplify it first (for example in QGIS: Vector › Geometry Tools › Simplify) and import it again',
    ]);
  });

  it('refuses a file over the limit before checking any geometry', () => {
    // Crossing rings and missing names would each be a problem, but the limit comes first and alone.
    const bowtie = [[8.2, 49.9], [8.3, 50.0], [8.3, 49.9], [8.2, 50.0], [8.2, 49.9]];
    const file = collection(...Array.from({ length: 20 }, () => feature({}, polygon(bowtie))));
    expect(problemsOf(file, 'name')).toHaveLength(40);
    let error: unknown;
    try {
      parseNamedAreas(file, 'name', { maxPositions: 99 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TooManyPositionsError);
    expect((error as TooManyPositionsError).problems).toHaveLength(1);
  });
});
