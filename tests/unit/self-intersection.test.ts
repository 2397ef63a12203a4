// The sweep must say exactly what the pairwise check said (same verdict, same pair of edges), on many
// seeded random rings full of the awkward cases: touching, collinear overlaps, shared vertices,
// repeated points, spikes; and on holes and MultiPolygons through the file parser. And it must look
// at far fewer than n²/2 pairs of edges for a large ring.
import { describe, expect, it } from 'vitest';
import type { Position, Ring } from '../../domain/geo.ts';
// Through the parser's module, as the import uses it.
import { findSelfIntersection, GeoJsonError, parseNamedAreas } from '../../domain/geojson.ts';
import type { IntersectionStats } from '../../domain/self-intersection.ts';
import { segmentsIntersect } from '../../domain/self-intersection.ts';
import { bruteForceSelfIntersection } from './self-intersection-reference.ts';
import { seededRandom } from '../../db/seed/mainz.ts';

/** The seed's own generator (mulberry32), so that every run checks the same rings. */
const random = seededRandom;

const close = (points: Position[]): Ring => [...points, points[0]!];

/** Any points on a small grid: most such rings cross, touch or overlap themselves somewhere. */
function gridRing(rnd: () => number, size: number, count: number): Ring {
  return close(Array.from({ length: count }, () => [Math.floor(rnd() * (size + 1)), Math.floor(rnd() * (size + 1))] as Position));
}

/** A star-shaped polygon (simple) around a centre; on a grid it gets collinear edges and near misses. */
function starRing(rnd: () => number, count: number, grid: number | null): Ring {
  const points: Position[] = [];
  for (let k = 0; k < count; k++) {
    const angle = (2 * Math.PI * (k + rnd() * 0.8)) / count;
    const radius = 2 + rnd() * 8;
    const x = 10 + radius * Math.cos(angle);
    const y = 10 + radius * Math.sin(angle);
    points.push(grid ? [Math.round(x / grid) * grid, Math.round(y / grid) * grid] : [8.2 + x / 1000, 49.9 + y / 1000]);
  }
  return close(points);
}

/** A closed walk of horizontal and vertical steps: collinear and overlapping vertical edges galore. */
function walkRing(rnd: () => number, steps: number): Ring {
  const points: Position[] = [];
  let [x, y] = [0, 0];
  for (let s = 0; s < steps; s++) {
    points.push([x, y]);
    if (s % 2) x += Math.floor((rnd() - 0.5) * 6);
    else y += Math.floor((rnd() - 0.5) * 6);
  }
  points.push([x, 0]);
  return close(points);
}

/** One small damage to a ring: a moved vertex, a repeated point, a spike, a vertex on another edge. */
function damage(rnd: () => number, ring: Ring): Ring {
  const points = ring.slice(0, -1);
  const k = Math.floor(rnd() * points.length);
  const other = points[Math.floor(rnd() * points.length)]!;
  const next = points[(k + 1) % points.length]!;
  switch (Math.floor(rnd() * 6)) {
    case 0: // a vertex moved onto another vertex: the ring touches itself there
      points[k] = [other[0], other[1]];
      break;
    case 1: // a vertex moved somewhere nearby: may cross
      points[k] = [points[k]![0] + Math.round((rnd() - 0.5) * 8), points[k]![1] + Math.round((rnd() - 0.5) * 8)];
      break;
    case 2: // a repeated position: harmless
      points.splice(k, 0, [points[k]![0], points[k]![1]]);
      break;
    case 3: // a spike: out along the edge and back
      points.splice(k + 1, 0, [2 * next[0] - points[k]![0], 2 * next[1] - points[k]![1]], [next[0], next[1]]);
      break;
    case 4: // a vertex on the middle of another edge
      points[k] = [(other[0] + points[(points.indexOf(other) + 1) % points.length]![0]) / 2, (other[1] + points[(points.indexOf(other) + 1) % points.length]![1]) / 2];
      break;
    default: // the edge doubled back onto itself part way
      points.splice(k + 1, 0, [(points[k]![0] + next[0]) / 2, (points[k]![1] + next[1]) / 2], [points[k]![0], points[k]![1]], [next[0], next[1]]);
  }
  return close(points);
}

function expectSameAsPairwise(ring: Ring, label: string) {
  expect(findSelfIntersection(ring), `${label}: ${JSON.stringify(ring)}`).toEqual(bruteForceSelfIntersection(ring));
}

describe('findSelfIntersection names the same pair of edges as the pairwise check', () => {
  it('on random rings on small grids (touching, collinear, shared vertices)', () => {
    const rnd = random(11);
    for (let k = 0; k < 4000; k++) expectSameAsPairwise(gridRing(rnd, 2 + (k % 5), 3 + (k % 10)), `grid ring ${k}`);
  });

  it('on random walks of horizontal and vertical steps', () => {
    const rnd = random(16);
    for (let k = 0; k < 2000; k++) expectSameAsPairwise(walkRing(rnd, 4 + (k % 20)), `walk ${k}`);
  });

  it('on simple star-shaped rings, whole and with one damage, on a grid and in degrees', () => {
    const rnd = random(12);
    let valid = 0;
    for (let k = 0; k < 3000; k++) {
      const star = starRing(rnd, 3 + (k % 40), k % 3 === 0 ? null : 1 + (k % 2));
      expectSameAsPairwise(star, `star ${k}`);
      let damaged = star;
      for (let d = 0; d <= k % 3; d++) damaged = damage(rnd, damaged);
      expectSameAsPairwise(damaged, `damaged star ${k}`);
      if (bruteForceSelfIntersection(damaged) === null) valid++;
    }
    // Both outcomes are exercised, not just the easy one.
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(2700);
  });

  it('on larger rings with a few crossings, where the first in file order is not the first the sweep meets', () => {
    const rnd = random(13);
    for (let k = 0; k < 300; k++) {
      let ring = starRing(rnd, 100 + (k % 150), k % 2 ? null : 1);
      for (let d = 0; d < 1 + (k % 4); d++) ring = damage(rnd, ring);
      expectSameAsPairwise(ring, `large ring ${k}`);
    }
  });

  it('on hand-made cases', () => {
    const cases: Ring[] = [
      [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]],
      [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]], // bow tie
      [[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]], // figure eight through a shared vertex
      [[0, 0], [4, 0], [4, 2], [2, 0], [0, 2], [0, 0]], // a vertex on another edge
      [[0, 0], [4, 0], [2, 0], [2, 2], [0, 0]], // spike along the first edge
      [[0, 0], [3, 0], [3, 3], [0, 3], [0, 1], [0, 2], [0, 0]], // last edges overlap back over the closing corner
      [[0, 0], [0, 4], [1, 4], [1, 1], [0, 1], [0, 0]], // vertical edges overlapping
      [[0, 0], [0, 3], [2, 3], [0, 2], [0, 1], [2, 0], [0, 0]], // collinear vertical edges touching at nothing else
      [[1, 1], [1, 1], [2, 1], [2, 2], [2, 2], [1, 2], [1, 1], [1, 1]], // repeated positions
      [[0, 0], [1, 0], [0, 0], [1, 0], [0, 0]], // degenerate: back and forth
    ];
    cases.forEach((ring, k) => expectSameAsPairwise(ring, `case ${k}`));
  });
});

// A polygon's rings are checked one by one (as before, rings are not checked against each other).
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

function pairwiseProblems(features: Array<{ name: string; geometry: Geometry }>): string[] {
  const problems: string[] = [];
  features.forEach(({ name, geometry }, f) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach((rings, p) => {
      const at = `feature ${f + 1} ("${name}")${geometry.type === 'MultiPolygon' ? `, polygon ${p + 1}` : ''}`;
      rings.forEach((ring, r) => {
        const crossing = bruteForceSelfIntersection(ring);
        if (crossing) problems.push(`${at}, ${r === 0 ? 'outer ring' : `hole ${r}`}: intersects itself (edges ${crossing[0]} and ${crossing[1]} cross or overlap)`);
      });
    });
  });
  return problems;
}

function parserProblems(features: Array<{ name: string; geometry: Geometry }>): string[] {
  const text = JSON.stringify({ type: 'FeatureCollection', features: features.map(({ name, geometry }) => ({ type: 'Feature', properties: { name }, geometry })) });
  try {
    parseNamedAreas(text, 'name');
    return [];
  } catch (err) {
    if (err instanceof GeoJsonError) return err.problems;
    throw err;
  }
}

describe('the file check reports every bad ring of polygons, holes and MultiPolygons as before', () => {
  it('on random files', () => {
    const rnd = random(14);
    const ring = (size: number) => {
      let r = starRing(rnd, 3 + Math.floor(rnd() * 30), null).map(([x, y]) => [8 + (x - 8.2) * size, 49.9 + (y - 49.9) * size] as Position);
      if (rnd() < 0.3) r = damage(rnd, r.map(([x, y]) => [Math.round(x * 1e4), Math.round(y * 1e4)] as Position)).map(([x, y]) => [x / 1e4, y / 1e4] as Position);
      return r;
    };
    const polygon = () => [ring(1), ...Array.from({ length: Math.floor(rnd() * 3) }, () => ring(0.2))];
    for (let k = 0; k < 150; k++) {
      const features = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, f) => ({
        name: `Bezirk ${f + 1}`,
        geometry: (rnd() < 0.5 ? { type: 'Polygon', coordinates: polygon() } : { type: 'MultiPolygon', coordinates: Array.from({ length: 1 + Math.floor(rnd() * 3) }, polygon) }) as Geometry,
      }));
      expect(parserProblems(features), `file ${k}`).toEqual(pairwiseProblems(features).slice(0, 50));
    }
  });
});

/** A wiggly simple polygon of `count` vertices around Mainz: no two edges meet. */
function bigRing(count: number): Ring {
  const rnd = random(15);
  return close(
    Array.from({ length: count }, (_, k) => {
      const angle = (2 * Math.PI * k) / count;
      const radius = 0.1 * (1 + 0.3 * Math.sin(7 * angle) + 0.002 * rnd());
      return [8.27 + radius * Math.cos(angle), 50 + radius * Math.sin(angle)] as Position;
    }),
  );
}

describe('the cost of the check', () => {
  const n = 20_000;
  const pairs = (n * n) / 2;

  it('looks at far fewer than n²/2 pairs of edges for a 20,000-vertex ring without crossings', () => {
    const stats: IntersectionStats = { comparisons: 0 };
    expect(findSelfIntersection(bigRing(n), stats)).toBeNull();
    // Every edge is looked at at least once; the pairwise check looked at all n²/2 = 200 million pairs.
    expect(stats.comparisons).toBeGreaterThan(n);
    expect(stats.comparisons).toBeLessThan(pairs / 100);
  });

  it('also when the ring crosses itself, and names the same pair as the pairwise check', () => {
    const ring = bigRing(n);
    // Vertex 6 pulled across the ring: edges 6 and 7 cross the far side.
    ring[6] = [8.27 - 0.2, 50.001];
    const stats: IntersectionStats = { comparisons: 0 };
    const found = findSelfIntersection(ring, stats);
    expect(found).toEqual(bruteForceSelfIntersection(ring));
    // The sweep may stop at the crossing early; it still has to look at something.
    expect(stats.comparisons).toBeGreaterThan(0);
    expect(stats.comparisons).toBeLessThan(pairs / 100);
  });

  it('names a real crossing without a quadratic search when a tangled ring has many', () => {
    // A comb of long diagonal teeth whose boxes all overlap, crossed only near its end: looking for
    // the first pair in file order edge by edge would compare nearly every pair.
    const teeth = 3000;
    const points: Position[] = [];
    for (let k = 0; k < teeth; k++) points.push([k, 0], [k + 2000, 1000]);
    // Back under the comb, through its last few teeth at half height.
    points.push([teeth, 0], [teeth + 3000, 500], [teeth + 995.25, 500], [teeth + 995.25, -1], [-1, -1]);
    const ring = close(points);
    const stats: IntersectionStats = { comparisons: 0 };
    const found = findSelfIntersection(ring, stats);
    expect(found).not.toBeNull();
    const [i, j] = found!;
    expect(segmentsIntersect(ring[i - 1]!, ring[i]!, ring[j - 1]!, ring[j]!)).toBe(true);
    const m = ring.length - 1;
    expect(stats.comparisons).toBeGreaterThan(m);
    expect(stats.comparisons).toBeLessThan((m * m) / 2 / 10);
  });
});
