// The mask penalty of ISO/IEC 18004 §7.8.3 computed 32 modules at a time: every row and every column
// of a symbol up to version 3 (29 modules) fits one integer, and each rule becomes a handful of shifts
// and ANDs per line instead of a loop over modules. Same rules and scores as maskPenalty in mask.ts
// (and as qrcode), about eight times faster; bigger symbols use that one.

/** Rows of up to this many modules fit a 32-bit integer with the shifts below. */
export const MAX_BIT_SIZE = 29;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** N1 (runs of 5+ same-coloured modules) and N3 (1011101 next to 4 light modules) of one line. */
function linePenalty(line: number, size: number): number {
  // eq bit j: modules j and j+1 have the same colour. A run of length n >= 5 holds n - 4 windows of
  // five equal modules, and scores 3 + (n - 5) = (n - 4) + 2: count windows, plus 2 for each run.
  const eq = ~(line ^ (line >>> 1)) & ((1 << (size - 1)) - 1);
  const five = eq & (eq >>> 1) & (eq >>> 2) & (eq >>> 3);
  let points = popcount(five) + 2 * popcount(five & ~(five << 1));
  // Windows of 11 modules starting at bit k (k <= size - 11) equal to 00001011101 or its mirror.
  const inv = ~line;
  const core = line & (inv >>> 1) & (line >>> 2) & (line >>> 3) & (line >>> 4) & (inv >>> 5) & (line >>> 6);
  const lightAfter = (inv >>> 7) & (inv >>> 8) & (inv >>> 9) & (inv >>> 10);
  const lightBefore = inv & (inv >>> 1) & (inv >>> 2) & (inv >>> 3);
  const starts = (1 << (size - 10)) - 1;
  points += 40 * (popcount(core & lightAfter & starts) + popcount((lightBefore & (core >>> 4) & starts) >>> 0));
  return points;
}

function linesPenalty(lines: Int32Array, size: number): number {
  let points = 0;
  for (let i = 0; i < size; i++) points += linePenalty(lines[i]!, size);
  return points;
}

/** N2 (2x2 blocks of one colour) and N4 (dark share away from 50 %), from the rows. */
function blockAndBalancePenalty(rows: Int32Array, size: number): number {
  const inner = (1 << (size - 1)) - 1;
  let blocks = 0;
  let dark = 0;
  for (let i = 0; i < size; i++) {
    const r = rows[i]!;
    dark += popcount(r);
    if (i === size - 1) break;
    const vertical = ~(r ^ rows[i + 1]!);
    blocks += popcount(vertical & (vertical >>> 1) & ~(r ^ (r >>> 1)) & inner);
  }
  return blocks * 3 + Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
}

export interface BitTables {
  /** Per mask, per row/column: the bits the mask inverts (function patterns excluded). */
  maskRows: Int32Array[];
  maskCols: Int32Array[];
  /** Per row/column: 0 where a format bit sits; per mask: the format bits themselves. */
  keepRows: Int32Array;
  keepCols: Int32Array;
  formatRows: Int32Array[];
  formatCols: Int32Array[];
}

/** Row bits (bit j = column j) and column bits (bit i = row i) of a row-major module array. */
export function packLines(modules: Uint8Array, size: number, rows: Int32Array, cols: Int32Array): void {
  rows.fill(0);
  cols.fill(0);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (modules[i * size + j]) {
        rows[i]! |= 1 << j;
        cols[j]! |= 1 << i;
      }
    }
  }
}

export function bitTables(size: number, masks: Uint8Array[], formatCells: Int32Array, formatBits: (mask: number) => number): BitTables {
  const pack = (modules: Uint8Array) => {
    const rows = new Int32Array(size);
    const cols = new Int32Array(size);
    packLines(modules, size, rows, cols);
    return { rows, cols };
  };
  const cells = new Uint8Array(size * size);
  for (const index of formatCells) cells[index] = 1;
  const keep = pack(cells);
  const packedMasks = masks.map(pack);
  const packedFormats = masks.map((_, p) => {
    const f = new Uint8Array(size * size);
    for (let i = 0; i < 15; i++) f[formatCells[i]!] = f[formatCells[15 + i]!] = (formatBits(p) >> i) & 1;
    return pack(f);
  });
  return {
    maskRows: packedMasks.map((m) => m.rows),
    maskCols: packedMasks.map((m) => m.cols),
    keepRows: keep.rows.map((x) => ~x),
    keepCols: keep.cols.map((x) => ~x),
    formatRows: packedFormats.map((f) => f.rows),
    formatCols: packedFormats.map((f) => f.cols),
  };
}

/** The best mask (lowest penalty, first of equals) for unmasked data of a symbol of <= 29 modules. */
export function bestMaskByBits(raw: Uint8Array, size: number, t: BitTables): number {
  const rawRows = new Int32Array(size);
  const rawCols = new Int32Array(size);
  packLines(raw, size, rawRows, rawCols);
  const rows = new Int32Array(size);
  const cols = new Int32Array(size);
  let best = 0;
  let bestPenalty = Infinity;
  for (let p = 0; p < 8; p++) {
    const mr = t.maskRows[p]!;
    const mc = t.maskCols[p]!;
    const fr = t.formatRows[p]!;
    const fc = t.formatCols[p]!;
    for (let i = 0; i < size; i++) {
      rows[i] = ((rawRows[i]! ^ mr[i]!) & t.keepRows[i]!) | fr[i]!;
      cols[i] = ((rawCols[i]! ^ mc[i]!) & t.keepCols[i]!) | fc[i]!;
    }
    const penalty = linesPenalty(rows, size) + linesPenalty(cols, size) + blockAndBalancePenalty(rows, size);
    if (penalty < bestPenalty) {
      bestPenalty = penalty;
      best = p;
    }
  }
  return best;
}
