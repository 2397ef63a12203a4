// Does a ring cross or touch itself, and where first? Comparing every pair of edges took 16.5 s for a
// 50,000-vertex boundary and did not finish for 200,000, so the question is answered in two steps:
//
// 1. Whether: a Shamos–Hoey sweep (a vertical line moves over the edges' end points; only edges that
//    become neighbours on that line are compared). If no two edges meet, no pair was missed, after
//    O(n log n) comparisons. That is the usual answer for a file to import.
// 2. Where: the file's first offending pair in the order the pairwise check reported it (edge i, then
//    edge j), because GIS staff fix what the message names. Edges are looked up in a packed R-tree,
//    edge by edge, up to the crossing the sweep found. A ring so tangled that this would cost more than
//    a fixed multiple of the sweep's work is named by the crossing the sweep found instead.
//
// Edges are numbered as before: 1-based, after dropping repeated consecutive positions.
import type { Position, Ring } from './geo.ts';
import { EdgeIndex } from './edge-index.ts';
import { SkipList } from './skip-list.ts';

/** Counts what the check costs: one per pair of edges looked at (a test, a comparison, a box check). */
export interface IntersectionStats {
  comparisons: number;
}

/** The sign of the turn a → b → c; nearly straight (below 1e-15 square degrees) counts as straight. */
export function orientation(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < 1e-15 ? 0 : Math.sign(v);
}

function within(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

/** Whether segments p1–p2 and p3–p4 have any point in common (crossing, touching or overlapping). */
export function segmentsIntersect(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const d1 = orientation(p3, p4, p1);
  const d2 = orientation(p3, p4, p2);
  const d3 = orientation(p1, p2, p3);
  const d4 = orientation(p1, p2, p4);
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) return true;
  return (
    (d1 === 0 && within(p3, p4, p1)) ||
    (d2 === 0 && within(p3, p4, p2)) ||
    (d3 === 0 && within(p1, p2, p3)) ||
    (d4 === 0 && within(p1, p2, p4))
  );
}

/** A pair of 0-based edges that meet: i < j, or j = -1 for edge i turning straight back on edge i - 1. */
interface Hit {
  i: number;
  j: number;
}

/** The first pair of edges (1-based) that cross or touch other than at their shared corner. */
export function findSelfIntersection(ring: Ring, stats: IntersectionStats = { comparisons: 0 }): [number, number] | null {
  // Repeated consecutive positions are harmless and would look like touching edges.
  const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
  const n = pts.length - 1; // number of edges
  if (n < 3) return null;
  const spike = firstSpike(pts, n);
  // A spike makes two neighbouring edges overlap, which the sweep's order of edges cannot represent;
  // it is itself an answer, and step 2 looks for anything the old order named before it.
  const known = spike >= 0 ? { i: spike, j: -1 } : sweep(pts, n, stats);
  if (!known) return null;
  const first = firstInRingOrder(pts, n, known, stats);
  return first.j < 0 ? [((first.i - 1 + n) % n) + 1, first.i + 1] : [first.i + 1, first.j + 1];
}

/** The first edge i that turns straight back on its predecessor (they overlap: a spike), or -1. */
function firstSpike(pts: Position[], n: number): number {
  for (let i = 0; i < n; i++) {
    const prev = pts[(i - 1 + n) % n]!;
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (orientation(prev, a, b) === 0 && (a[0] - prev[0]) * (b[0] - a[0]) + (a[1] - prev[1]) * (b[1] - a[1]) < 0) return i;
  }
  return -1;
}

/** Edges i and j share a corner of the ring (the closing corner joins the first and the last). */
function neighbours(i: number, j: number, n: number): boolean {
  const d = Math.abs(i - j);
  return d === 1 || d === n - 1;
}

/**
 * Shamos–Hoey. The sweep runs over the corners in (x, y) order, so a vertical edge enters at its lower
 * end. The edges on the sweep line are kept in a skip list ordered bottom to top; an edge is compared
 * with its neighbours there when it enters, and its two neighbours with each other when it leaves. At
 * a corner, edges leave before others enter, so that an edge and its successor in the ring (which
 * share that corner legitimately) are never both on the line there unless both start there.
 */
function sweep(pts: Position[], n: number, stats: IntersectionStats): Hit | null {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    x[v] = pts[v]![0];
    y[v] = pts[v]![1];
  }
  const endOf = (e: number) => (e + 1 === n ? 0 : e + 1);
  // Each edge's lower and upper end in sweep order, as corner numbers.
  const low = new Int32Array(n);
  const high = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    const a = e;
    const b = endOf(e);
    const aFirst = x[a]! < x[b]! || (x[a] === x[b] && y[a]! < y[b]!);
    low[e] = aFirst ? a : b;
    high[e] = aFirst ? b : a;
  }
  // A plain array: V8 sorts it with a comparison about twice as fast as a typed one.
  const corners = Array.from({ length: n }, (_, v) => v).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]! || a - b);

  let hit: Hit | null = null;
  const test = (a: number, b: number) => {
    stats.comparisons++;
    if (hit || neighbours(a, b, n)) return;
    if (segmentsIntersect(pts[a]!, pts[a + 1]!, pts[b]!, pts[b + 1]!)) hit = { i: Math.min(a, b), j: Math.max(a, b) };
  };
  const side = (t: number, v: number) => {
    const ax = x[low[t]!]!;
    const ay = y[low[t]!]!;
    return Math.sign((x[high[t]!]! - ax) * (y[v]! - ay) - (y[high[t]!]! - ay) * (x[v]! - ax));
  };
  // Where edge s (entering at its lower end) goes relative to edge t already on the line.
  const compare = (s: number, t: number) => {
    stats.comparisons++;
    const p = low[s]!;
    const above = side(t, p);
    // s starts on (or within rounding of) t: they meet unless they are neighbours in the ring.
    if (above === 0 || orientation(pts[low[t]!]!, pts[high[t]!]!, pts[p]!) === 0) test(s, t);
    return above || side(t, high[s]!) || s - t;
  };

  const line = new SkipList(n, compare);
  const leaving: number[] = [];
  const entering: number[] = [];
  for (let k = 0; k < n; ) {
    // All corners at one point: a ring that passes a point twice has two edges there that are not
    // neighbours in the ring, and leaving before entering would never compare them.
    const first = k;
    const v0 = corners[k]!;
    while (k < n && x[corners[k]!] === x[v0] && y[corners[k]!] === y[v0]) k++;
    leaving.length = 0;
    entering.length = 0;
    for (let c = first; c < k; c++) {
      const v = corners[c]!;
      const before = v === 0 ? n - 1 : v - 1;
      (high[before] === v ? leaving : entering).push(before);
      (high[v] === v ? leaving : entering).push(v);
    }
    if (k - first > 1) {
      const all = [...leaving, ...entering];
      for (let a = 0; a < all.length && !hit; a++) for (let b = a + 1; b < all.length && !hit; b++) test(all[a]!, all[b]!);
    }
    for (const e of leaving) {
      const below = line.below(e);
      const above = line.above(e);
      line.remove(e);
      if (below >= 0 && above >= 0) test(below, above);
    }
    for (const e of entering) {
      line.insert(e);
      const below = line.below(e);
      const above = line.above(e);
      if (below >= 0) test(e, below);
      if (above >= 0) test(e, above);
    }
    if (hit) return hit;
  }
  return null;
}

/**
 * The first pair in the order the pairwise check reported (smallest i, then smallest j; edge i
 * turning back on i - 1 before any j), given a pair that is known to meet. Returns `known` when the
 * search would cost more than a few times the sweep.
 */
function firstInRingOrder(pts: Position[], n: number, known: Hit, stats: IntersectionStats): Hit {
  const index = new EdgeIndex(pts, n);
  const budget = 16 * n * Math.ceil(Math.log2(n + 1));
  for (let i = 0; i <= known.i; i++) {
    if (i === known.i && known.j < 0) return known;
    let first = i === known.i ? known.j : Infinity;
    index.search(i, (j) => {
      stats.comparisons++;
      if (j < i + 2 || j >= first || (i === 0 && j === n - 1)) return;
      if (segmentsIntersect(pts[i]!, pts[i + 1]!, pts[j]!, pts[j + 1]!)) first = j;
    });
    if (first !== Infinity) return { i, j: first };
    if (index.work > budget) break;
  }
  return known;
}
