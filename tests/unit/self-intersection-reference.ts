// The pairwise self-intersection check as it was before the sweep (issue 10, defect 11), kept as the
// oracle the property tests compare the sweep against: it looks at every pair of edges, so its answer
// is right by construction, only slow. The segment predicate is the domain's own (what the sweep could
// get wrong is which pairs it looks at, not how one pair is judged).
import type { Ring } from '../../domain/geo.ts';
import { orientation, segmentsIntersect } from '../../domain/self-intersection.ts';

export function bruteForceSelfIntersection(ring: Ring): [number, number] | null {
  const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
  const n = pts.length - 1;
  for (let i = 0; i < n; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    const prev = pts[(i - 1 + n) % n]!;
    if (n > 2 && orientation(prev, a, b) === 0 && (a[0] - prev[0]) * (b[0] - a[0]) + (a[1] - prev[1]) * (b[1] - a[1]) < 0) {
      return [((i - 1 + n) % n) + 1, i + 1];
    }
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsIntersect(a, b, pts[j]!, pts[j + 1]!)) return [i + 1, j + 1];
    }
  }
  return null;
}
