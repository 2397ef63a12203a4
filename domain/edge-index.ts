// A static R-tree of a ring's edges (their boxes), for the self-intersection check's search for the
// first offending pair in file order (self-intersection.ts).
import type { Position } from './geo.ts';

interface IndexNode {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  children: IndexNode[];
  edges: number[];
}

const NODE_SIZE = 16;

/** A static R-tree of the edges' boxes, packed by sort-tile-recursive (STR). */
export class EdgeIndex {
  private readonly box: Float64Array; // minX, minY, maxX, maxY per edge
  private readonly root: IndexNode;
  /** Nodes and edges looked at so far: what bounds the search. */
  work = 0;

  constructor(pts: Position[], n: number) {
    this.box = new Float64Array(4 * n);
    const leaves: IndexNode[] = [];
    for (let e = 0; e < n; e++) {
      const [ax, ay] = pts[e]!;
      const [bx, by] = pts[e + 1]!;
      this.box.set([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)], 4 * e);
      leaves.push({ minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by), children: [], edges: [e] });
    }
    let level = pack(leaves).map((group) => merge(group, true));
    while (level.length > 1) level = pack(level).map((group) => merge(group, false));
    this.root = level[0]!;
  }

  /** Calls `found` with every edge whose box overlaps edge i's box (i itself included). */
  search(i: number, found: (j: number) => void): void {
    const b = this.box;
    const minX = b[4 * i]!;
    const minY = b[4 * i + 1]!;
    const maxX = b[4 * i + 2]!;
    const maxY = b[4 * i + 3]!;
    const stack = [this.root];
    while (stack.length) {
      const node = stack.pop()!;
      this.work++;
      if (node.minX > maxX || node.maxX < minX || node.minY > maxY || node.maxY < minY) continue;
      for (const child of node.children) stack.push(child);
      for (const j of node.edges) {
        this.work++;
        if (b[4 * j]! <= maxX && b[4 * j + 2]! >= minX && b[4 * j + 1]! <= maxY && b[4 * j + 3]! >= minY) found(j);
      }
    }
  }
}

/** Groups boxes into nodes of NODE_SIZE: vertical slices by centre x, then runs by centre y. */
function pack(nodes: IndexNode[]): IndexNode[][] {
  const slices = Math.ceil(Math.sqrt(Math.ceil(nodes.length / NODE_SIZE)));
  const perSlice = slices * NODE_SIZE;
  const byX = nodes.slice().sort((a, b) => a.minX + a.maxX - (b.minX + b.maxX));
  const groups: IndexNode[][] = [];
  for (let s = 0; s < byX.length; s += perSlice) {
    const slice = byX.slice(s, s + perSlice).sort((a, b) => a.minY + a.maxY - (b.minY + b.maxY));
    for (let k = 0; k < slice.length; k += NODE_SIZE) groups.push(slice.slice(k, k + NODE_SIZE));
  }
  return groups;
}

function merge(group: IndexNode[], leaf: boolean): IndexNode {
  return {
    minX: Math.min(...group.map((g) => g.minX)),
    minY: Math.min(...group.map((g) => g.minY)),
    maxX: Math.max(...group.map((g) => g.maxX)),
    maxY: Math.max(...group.map((g) => g.maxY)),
    children: leaf ? [] : group,
    edges: leaf ? group.flatMap((g) => g.edges) : [],
  };
}
