// The sweep line of the self-intersection check (self-intersection.ts): edges in their order on the
// line, with the neighbours of each at hand. Typed arrays, because a 200,000-edge ring otherwise spends
// more time collecting garbage than comparing.

const MAX_LEVEL = 32;

/**
 * A skip list of edges ordered by a comparison that is only asked when an edge enters; leaving
 * unlinks the edge as it is. Every edge enters once, so its links are taken from one growing pool.
 */
export class SkipList {
  private readonly head: number;
  private readonly height: Int32Array;
  private readonly base: Int32Array; // where an edge's links start in the pools
  private next: Int32Array;
  private prev: Int32Array;
  private used: number;
  private levels = 1;
  private seed = 0x9e3779b9; // fixed: the same file costs the same every time
  private readonly update = new Int32Array(MAX_LEVEL);

  constructor(
    size: number,
    private readonly compare: (entering: number, onLine: number) => number,
  ) {
    this.head = size;
    this.height = new Int32Array(size + 1);
    this.base = new Int32Array(size + 1);
    this.next = new Int32Array(2 * size + MAX_LEVEL + 16).fill(-1);
    this.prev = new Int32Array(this.next.length).fill(-1);
    this.height[size] = MAX_LEVEL;
    this.base[size] = 0;
    this.used = MAX_LEVEL;
  }

  below(edge: number): number {
    const p = this.prev[this.base[edge]!]!;
    return p === this.head ? -1 : p;
  }

  above(edge: number): number {
    return this.next[this.base[edge]!]!;
  }

  insert(edge: number): void {
    const { next, base, update } = this;
    let at = this.head;
    for (let level = this.levels - 1; level >= 0; level--) {
      for (let to = next[base[at]! + level]!; to >= 0 && this.compare(edge, to) > 0; to = next[base[at]! + level]!) at = to;
      update[level] = at;
    }
    const height = this.randomHeight();
    for (let level = this.levels; level < height; level++) update[level] = this.head;
    this.levels = Math.max(this.levels, height);
    this.reserve(height);
    this.height[edge] = height;
    base[edge] = this.used;
    this.used += height;
    for (let level = 0; level < height; level++) {
      const before = update[level]!;
      const after = this.next[this.base[before]! + level]!;
      this.next[base[edge]! + level] = after;
      this.prev[base[edge]! + level] = before;
      if (after >= 0) this.prev[this.base[after]! + level] = edge;
      this.next[this.base[before]! + level] = edge;
    }
  }

  remove(edge: number): void {
    const { next, prev, base } = this;
    for (let level = 0; level < this.height[edge]!; level++) {
      const before = prev[base[edge]! + level]!;
      const after = next[base[edge]! + level]!;
      next[base[before]! + level] = after;
      if (after >= 0) prev[base[after]! + level] = before;
    }
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.next.length) return;
    const grow = (old: Int32Array) => {
      const bigger = new Int32Array(old.length * 2).fill(-1);
      bigger.set(old);
      return bigger;
    };
    this.next = grow(this.next);
    this.prev = grow(this.prev);
  }

  private randomHeight(): number {
    // xorshift32; each further level with probability 1/2.
    let s = this.seed;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.seed = s >>> 0;
    let height = 1;
    while (height < MAX_LEVEL && this.seed & (1 << (height - 1))) height++;
    return height;
  }
}
