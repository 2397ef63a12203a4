// A lighter copy of district and city geometry for drawing. An official boundary may carry a vertex
// every metre; /ortsbezirke draws the whole city 640 units wide (about 25 m a unit) and a bin's map a
// district 320 units wide (about 5 to 15 m a unit), so most of those vertices only make pages heavy
// (587 KB of HTML for a 50,000-vertex boundary). Routing keeps the exact geometry: this copy is only
// ever drawn.
//
// Visvalingam–Whyatt: repeatedly drop the corner whose triangle with its two neighbours has the
// smallest area, until every remaining triangle is at least the given area. A heap makes that
// O(n log n) for any shape (Douglas–Peucker can take O(n²) on a spiral).
import { bboxOf, polygonsOf, type AreaGeometry, type Ring } from './geo.ts';

/**
 * Corners whose triangle is smaller than this (square metres) are not drawn: a bump 1 m high on a 50 m
 * stretch, or 5 m on 10 m. That is under a tenth of a square unit on the bins' map and far less on
 * /ortsbezirke.
 */
export const DRAWING_MIN_AREA_M2 = 25;

const METRES_PER_DEGREE = 111_320;

export function simplifyForDrawing(geometry: AreaGeometry, minAreaM2 = DRAWING_MIN_AREA_M2): AreaGeometry {
  const box = bboxOf(geometry);
  // Metres per degree of longitude in the middle of the area: enough on city scale.
  const kx = METRES_PER_DEGREE * Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  const polygons = polygonsOf(geometry).map((rings) => rings.map((ring) => simplifyRing(ring, minAreaM2, kx)));
  return geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/** A closed ring stays closed and keeps at least three corners (four positions). */
export function simplifyRing(ring: Ring, minAreaM2: number, metresPerDegreeLon: number): Ring {
  const m = ring.length - 1; // corners; the last position repeats the first
  if (m <= 3) return ring;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    x[k] = ring[k]![0] * metresPerDegreeLon;
    y[k] = ring[k]![1] * METRES_PER_DEGREE;
  }
  const prev = new Int32Array(m);
  const next = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    prev[k] = k === 0 ? m - 1 : k - 1;
    next[k] = k === m - 1 ? 0 : k + 1;
  }
  const area = (k: number) => Math.abs((x[prev[k]!]! - x[k]!) * (y[next[k]!]! - y[k]!) - (x[next[k]!]! - x[k]!) * (y[prev[k]!]! - y[k]!)) / 2;
  const heap = new AreaHeap(m);
  for (let k = 0; k < m; k++) heap.set(k, area(k));
  const removed = new Uint8Array(m);
  let left = m;
  while (left > 3 && heap.minArea() < minAreaM2) {
    const k = heap.popMin();
    removed[k] = 1;
    left--;
    const p = prev[k]!;
    const q = next[k]!;
    next[p] = q;
    prev[q] = p;
    heap.set(p, area(p));
    heap.set(q, area(q));
  }
  const kept = ring.slice(0, m).filter((_, k) => !removed[k]);
  return [...kept, kept[0]!];
}

/** A binary min-heap of corners by area, where a corner's area can change in place. */
class AreaHeap {
  private readonly items: Int32Array;
  private readonly at: Int32Array; // a corner's place in items, -1 when not in the heap
  private readonly area: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.at = new Int32Array(capacity).fill(-1);
    this.area = new Float64Array(capacity);
  }

  minArea(): number {
    return this.size ? this.area[this.items[0]!]! : Infinity;
  }

  popMin(): number {
    const top = this.items[0]!;
    this.size--;
    this.at[top] = -1;
    if (this.size > 0) {
      this.place(this.items[this.size]!, 0);
      this.down(0);
    }
    return top;
  }

  set(corner: number, value: number): void {
    this.area[corner] = value;
    if (this.at[corner] === -1) {
      this.place(corner, this.size++);
      this.up(this.at[corner]!);
    } else {
      this.up(this.at[corner]!);
      this.down(this.at[corner]!);
    }
  }

  private place(corner: number, i: number): void {
    this.items[i] = corner;
    this.at[corner] = i;
  }

  private less(i: number, j: number): boolean {
    const a = this.area[this.items[i]!]!;
    const b = this.area[this.items[j]!]!;
    // Equal areas: the earlier corner first, so that the result does not depend on the heap's history.
    return a < b || (a === b && this.items[i]! < this.items[j]!);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!;
    this.place(this.items[j]!, i);
    this.place(a, j);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < this.size && this.less(l, smallest)) smallest = l;
      if (r < this.size && this.less(r, smallest)) smallest = r;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
