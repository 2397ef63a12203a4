// Where the QR code and each text line go on one label, in PDF points from the label's top-left
// corner (y down). Pure: font measurements come in through FontMetrics, so the geometry can be
// checked without drawing. Texts keep the sizes the format asks for when they fit; when they do not
// (a long description, a narrow label) all texts shrink together so the hierarchy stays, and a format
// whose texts cannot fit at a readable size is an error rather than a sticker nobody can read.
import { FormatError, qrBoxMm, type StickerFormat } from './formats.ts';
import { TEXT_FONTS, type FontId, type TextId } from './sticker-text.ts';
import { QUIET_ZONE } from './symbol.ts';

export const PT_PER_MM = 72 / 25.4;
/** Nothing on a sticker is set smaller than this. */
export const MIN_TEXT_PT = 4.5;

export interface FontMetrics {
  widthOf(font: FontId, sizePt: number, text: string): number;
  /** Ascender to descender, in points. */
  lineHeight(font: FontId, sizePt: number): number;
}

export interface PlacedLine {
  id: TextId;
  font: FontId;
  size: number;
  x: number;
  y: number;
  text: string;
}

export interface LabelLayout {
  /** Top-left corner of the symbol's dark area (inside the quiet zone) and the size of one module. */
  qr: { x: number; y: number; module: number; symbolMm: number; boxMm: number };
  lines: PlacedLine[];
}

interface Block {
  id: TextId;
  font: FontId;
  size: number;
  lines: string[];
  height: number;
}

/**
 * Greedy wrap of `tokens` joined by `joiner` (words at ordinary spaces, never at no-break spaces);
 * null when one token alone is too wide.
 */
function wrap(tokens: string[], joiner: string, width: number, font: FontId, size: number, m: FontMetrics): string[] | null {
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line ? line + joiner + token : token;
    if (m.widthOf(font, size, candidate) <= width) line = candidate;
    else {
      if (m.widthOf(font, size, token) > width) return null;
      if (line) lines.push(line);
      line = token;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The code and the address are one word each and are shrunk to the column rather than broken; an
 * address too long even at the smallest size breaks after a dot or slash, never inside a name.
 */
function setUnbroken(id: TextId, text: string, font: FontId, size: number, width: number, m: FontMetrics): { size: number; lines: string[] } | null {
  const fitting = Math.min(size, (width / m.widthOf(font, 100, text)) * 100);
  if (fitting >= MIN_TEXT_PT) return { size: fitting, lines: [text] };
  if (id !== 'address') return null;
  const lines = wrap(text.split(/(?<=[./])/), '', width, font, Math.min(size, MIN_TEXT_PT), m);
  return lines && { size: Math.min(size, MIN_TEXT_PT), lines };
}

function setBlocks(specs: StickerFormat['layout']['texts'], texts: Record<TextId, string>, width: number, scale: number, m: FontMetrics): Block[] | null {
  const blocks: Block[] = [];
  for (const { text: id, pt } of specs) {
    const font = TEXT_FONTS[id];
    let size = pt * scale;
    let lines: string[] | null;
    if (id === 'code' || id === 'address') {
      const set = setUnbroken(id, texts[id], font, size, width, m);
      if (!set) return null;
      ({ size, lines } = set);
    } else lines = wrap(texts[id].split(/ +/).filter(Boolean), ' ', width, font, size, m);
    if (!lines || size < MIN_TEXT_PT) return null;
    blocks.push({ id, font, size, lines, height: lines.length * m.lineHeight(font, size) });
  }
  return blocks;
}

const stackHeight = (blocks: Block[], gap: number) => blocks.reduce((h, b) => h + b.height, 0) + gap * Math.max(0, blocks.length - 1);

function place(blocks: Block[], x: number, top: number, width: number, gap: number, align: 'left' | 'centre', m: FontMetrics): PlacedLine[] {
  const out: PlacedLine[] = [];
  let y = top;
  for (const b of blocks) {
    const lh = m.lineHeight(b.font, b.size);
    for (const text of b.lines) {
      const dx = align === 'centre' ? (width - m.widthOf(b.font, b.size, text)) / 2 : 0;
      out.push({ id: b.id, font: b.font, size: b.size, x: x + dx, y, text });
      y += lh;
    }
    y += gap;
  }
  return out;
}

/** Shrinks all texts together, 5 % at a time, until `attempt` finds that they fit. */
function fitTexts<T>(format: StickerFormat, attempt: (scale: number) => T | null): T {
  for (let scale = 1; scale > 0.2; scale *= 0.95) {
    const result = attempt(scale);
    if (result) return result;
  }
  throw new FormatError(`sticker format ${format.id}: the texts do not fit on the label at ${MIN_TEXT_PT} pt or more`);
}

/** Lays out one label for a symbol of `symbolSize` modules. */
export function layoutLabel(format: StickerFormat, texts: Record<TextId, string>, symbolSize: number, m: FontMetrics): LabelLayout {
  const { label, layout } = format;
  const W = label.widthMm * PT_PER_MM;
  const H = label.heightMm * PT_PER_MM;
  const pad = layout.paddingMm * PT_PER_MM;
  const gap = layout.gapMm * PT_PER_MM;
  const boxMm = qrBoxMm(format, symbolSize);
  const box = boxMm * PT_PER_MM;
  if (boxMm > label.widthMm + 1e-9 || boxMm > label.heightMm + 1e-9) {
    throw new FormatError(`sticker format ${format.id}: a QR code of ${symbolSize} modules needs ${boxMm.toFixed(1)} mm with its quiet zone; the label is smaller`);
  }
  const module = box / (symbolSize + 2 * QUIET_ZONE);
  const qrAt = (x: number, y: number) => ({ x: x + QUIET_ZONE * module, y: y + QUIET_ZONE * module, module, symbolMm: module * symbolSize / PT_PER_MM, boxMm });

  if (layout.qr === 'left') {
    // The quiet zone is white already, so the text column starts right where the box ends.
    const boxX = Math.min(pad, W - box);
    const colX = boxX + box;
    const colW = W - pad - colX;
    const colH = H - 2 * pad;
    const blocks = fitTexts(format, (s) => {
      const b = setBlocks(layout.texts, texts, colW, s, m);
      return b && stackHeight(b, gap) <= colH ? b : null;
    });
    const top = pad + (colH - stackHeight(blocks, gap)) / 2;
    return { qr: qrAt(boxX, (H - box) / 2), lines: place(blocks, colX, top, colW, gap, layout.align, m) };
  }

  // QR in the centre: texts above it, the symbol, texts below it, the whole stack centred on the label.
  const colW = W - 2 * pad;
  const room = H - 2 * pad - box - (layout.textsAbove.length ? gap : 0) - gap;
  const [above, below] = fitTexts(format, (s) => {
    const a = setBlocks(layout.textsAbove, texts, colW, s, m);
    const b = setBlocks(layout.texts, texts, colW, s, m);
    return a && b && stackHeight(a, gap) + stackHeight(b, gap) <= room ? ([a, b] as const) : null;
  });
  const aboveH = stackHeight(above, gap);
  const total = aboveH + (above.length ? gap : 0) + box + gap + stackHeight(below, gap);
  const top = pad + (H - 2 * pad - total) / 2;
  const boxY = top + aboveH + (above.length ? gap : 0);
  return {
    qr: qrAt((W - box) / 2, boxY),
    lines: [...place(above, pad, top, colW, gap, layout.align, m), ...place(below, pad, boxY + box + gap, colW, gap, layout.align, m)],
  };
}
