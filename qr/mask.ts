// Choosing the data mask of a QR symbol, fast. The `qrcode` package tries all eight masks on its own
// bit matrix through per-module method calls, and that search is most of its cost (about 0.25 ms of
// 0.3 ms per symbol). Here the symbol is encoded once with mask 0, unmasked, and the eight candidates
// are scored with tables built once per version: a whole row at a time up to version 3, all that bin
// stickers need (mask-bits.ts), on flat byte arrays above. The penalty rules are those of ISO/IEC
// 18004 §7.8.3 exactly as `qrcode` implements them, so the chosen mask is the one `qrcode` would
// choose (tests/qr/symbol.test.ts compares both on many codes). Format bits are written for level Q,
// the only level stickers use (symbol.ts).
import { bestMaskByBits, bitTables, MAX_BIT_SIZE, type BitTables } from './mask-bits.ts';

const N1 = 3;
const N2 = 3;
const N3 = 40;
const N4 = 10;

/** Penalty score of a masked symbol (row-major, 1 = dark); lower is better. */
export function maskPenalty(m: Uint8Array, size: number): number {
  let points = 0;
  // N1: runs of five or more same-coloured modules, in rows and in columns.
  // N3: the finder-like pattern 1011101 with four light modules before or after it.
  for (let a = 0; a < size; a++) {
    let rowRun = 0;
    let colRun = 0;
    let rowLast = -1;
    let colLast = -1;
    let rowBits = 0;
    let colBits = 0;
    for (let b = 0; b < size; b++) {
      const r = m[a * size + b]!;
      const c = m[b * size + a]!;
      if (r === rowLast) rowRun++;
      else {
        if (rowRun >= 5) points += N1 + rowRun - 5;
        rowLast = r;
        rowRun = 1;
      }
      if (c === colLast) colRun++;
      else {
        if (colRun >= 5) points += N1 + colRun - 5;
        colLast = c;
        colRun = 1;
      }
      rowBits = ((rowBits << 1) & 0x7ff) | r;
      colBits = ((colBits << 1) & 0x7ff) | c;
      if (b >= 10) {
        if (rowBits === 0x5d0 || rowBits === 0x05d) points += N3;
        if (colBits === 0x5d0 || colBits === 0x05d) points += N3;
      }
    }
    if (rowRun >= 5) points += N1 + rowRun - 5;
    if (colRun >= 5) points += N1 + colRun - 5;
  }
  // N2: 2x2 blocks of one colour. N4: deviation of the dark share from 50 % in steps of 5 %.
  let dark = 0;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      const v = m[i]!;
      dark += v;
      if (row < size - 1 && col < size - 1) {
        const sum = v + m[i + 1]! + m[i + size]! + m[i + size + 1]!;
        if (sum === 0 || sum === 4) points += N2;
      }
    }
  }
  return points + Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * N4;
}

/** Whether mask pattern `p` inverts the module at row i, column j (ISO/IEC 18004 table 10). */
export function maskBit(p: number, i: number, j: number): boolean {
  switch (p) {
    case 0: return (i + j) % 2 === 0;
    case 1: return i % 2 === 0;
    case 2: return j % 3 === 0;
    case 3: return (i + j) % 3 === 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    case 7: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
    default: throw new RangeError(`no mask pattern ${p}`);
  }
}

/** The 15 format bits for error correction level Q and a mask: BCH(15,5) code, XOR 0x5412. */
export function formatBits(mask: number): number {
  const data = (0b11 << 3) | mask; // Q is 0b11 in the format information
  let rem = data << 10;
  for (let bit = 14; bit >= 10; bit--) if (rem & (1 << bit)) rem ^= 0x537 << (bit - 10);
  return ((data << 10) | rem) ^ 0x5412;
}

interface MaskTables {
  /** Per mask: 1 where the mask inverts a data module; function patterns are never inverted. */
  masks: Uint8Array[];
  /** Row-major indexes of the 15 format bits, twice (both copies), bit i at positions i and 15 + i. */
  formatCells: Int32Array;
  /** The same, packed a row and a column per integer, for symbols of up to MAX_BIT_SIZE modules. */
  bits: BitTables | null;
}

const tablesBySize = new Map<number, MaskTables>();

function tablesFor(size: number, reserved: Uint8Array): MaskTables {
  const cached = tablesBySize.get(size);
  if (cached) return cached;
  const masks = Array.from({ length: 8 }, (_, p) => {
    const t = new Uint8Array(size * size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) t[i * size + j] = !reserved[i * size + j] && maskBit(p, i, j) ? 1 : 0;
    return t;
  });
  // The placement of ISO/IEC 18004 §7.9.1 (as in qrcode's setupFormatInfo).
  const formatCells = new Int32Array(30);
  for (let i = 0; i < 15; i++) {
    const vRow = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    const hCol = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    formatCells[i] = vRow * size + 8;
    formatCells[15 + i] = 8 * size + hCol;
  }
  const tables = { masks, formatCells, bits: size <= MAX_BIT_SIZE ? bitTables(size, masks, formatCells, formatBits) : null };
  tablesBySize.set(size, tables);
  return tables;
}

/** Writes `raw` masked with pattern p, format bits included, into `out`. */
function maskInto(out: Uint8Array, raw: Uint8Array, tables: MaskTables, p: number): void {
  const t = tables.masks[p]!;
  for (let i = 0; i < raw.length; i++) out[i] = raw[i]! ^ t[i]!;
  const bits = formatBits(p);
  for (let i = 0; i < 15; i++) {
    const v = (bits >> i) & 1;
    out[tables.formatCells[i]!] = v;
    out[tables.formatCells[15 + i]!] = v;
  }
}

/**
 * Re-masks a symbol that was encoded with mask 0 with the best of the eight masks (the first of equal
 * ones, as qrcode does). `reserved` marks function patterns (1 = not data), as qrcode's
 * BitMatrix.reservedBit does.
 */
export function applyBestMask(maskedWith0: Uint8Array, reserved: Uint8Array, size: number): { modules: Uint8Array; mask: number } {
  const tables = tablesFor(size, reserved);
  // XOR with mask 0 undoes mask 0: raw is the unmasked data (its format bits are rewritten below).
  const raw = new Uint8Array(maskedWith0.length);
  const mask0 = tables.masks[0]!;
  for (let i = 0; i < raw.length; i++) raw[i] = maskedWith0[i]! ^ mask0[i]!;
  const candidate = new Uint8Array(raw.length);
  let bestMask = 0;
  if (tables.bits) bestMask = bestMaskByBits(raw, size, tables.bits);
  else {
    let bestPenalty = Infinity;
    for (let p = 0; p < 8; p++) {
      maskInto(candidate, raw, tables, p);
      const penalty = maskPenalty(candidate, size);
      if (penalty < bestPenalty) {
        bestPenalty = penalty;
        bestMask = p;
      }
    }
  }
  maskInto(candidate, raw, tables, bestMask);
  return { modules: candidate, mask: bestMask };
}
