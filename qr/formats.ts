// Sticker formats are data: one JSON file per format in qr/formats/, its name (without .json) is the
// format's id. They are read at every use, so a new file is picked up without a code change or restart.
// Everything a format says is checked here, so that a wrong file fails with a line saying what is wrong
// instead of printing a sheet that does not match the labels.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { TEXT_IDS } from './sticker-text.ts';

const FORMATS_DIR = new URL('./formats/', import.meta.url);

/** Bin codes make QR version 2 at the least (version 1 holds 16 characters, a bin URL has more). */
export const SMALLEST_BIN_SYMBOL = 25;
/** The smallest QR symbol we print: scans reliably from an arm's length with an ordinary phone. */
export const MIN_SYMBOL_MM = 25;

const mm = z.number().nonnegative();
const text = z.object({ text: z.enum(TEXT_IDS), pt: z.number().min(4).max(200) }).strict();

const formatSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().min(1),
    page: z.object({ widthMm: mm, heightMm: mm }).strict(),
    label: z.object({ widthMm: z.number().positive(), heightMm: z.number().positive() }).strict(),
    grid: z
      .object({ columns: z.number().int().positive(), rows: z.number().int().positive(), topMm: mm, leftMm: mm, columnGapMm: mm, rowGapMm: mm })
      .strict(),
    layout: z
      .object({
        qr: z.enum(['left', 'centre']),
        qrSymbolMm: z.number().min(MIN_SYMBOL_MM, `QR symbols must be at least ${MIN_SYMBOL_MM} mm wide`),
        paddingMm: mm,
        gapMm: mm,
        align: z.enum(['left', 'centre']),
        textsAbove: z.array(text),
        texts: z.array(text).min(1),
      })
      .strict(),
  })
  .strict();

export type StickerFormat = z.infer<typeof formatSchema> & { id: string };

export class FormatError extends Error {}

/** Side of the square a symbol of `size` modules takes with its quiet zone, in mm. */
export function qrBoxMm(format: StickerFormat, size: number): number {
  return (format.layout.qrSymbolMm * (size + 8)) / size;
}

function checkGeometry(f: StickerFormat): string[] {
  const problems: string[] = [];
  const { page, label, grid, layout } = f;
  const usedWidth = grid.leftMm + grid.columns * label.widthMm + (grid.columns - 1) * grid.columnGapMm;
  const usedHeight = grid.topMm + grid.rows * label.heightMm + (grid.rows - 1) * grid.rowGapMm;
  // 0.05 mm of slack for the rounding of published sheet dimensions.
  if (usedWidth > page.widthMm + 0.05) problems.push(`the labels end at ${usedWidth.toFixed(1)} mm, past the page width of ${page.widthMm} mm`);
  if (usedHeight > page.heightMm + 0.05) problems.push(`the labels end at ${usedHeight.toFixed(1)} mm, past the page height of ${page.heightMm} mm`);
  const box = qrBoxMm(f, SMALLEST_BIN_SYMBOL);
  if (box > label.widthMm || box > label.heightMm) {
    problems.push(`a ${layout.qrSymbolMm} mm QR symbol with its quiet zone needs up to ${box.toFixed(1)} mm, more than the ${label.widthMm} x ${label.heightMm} mm label`);
  }
  if (layout.qr === 'left' && layout.textsAbove.length) problems.push('textsAbove is only for layouts with the QR code in the centre');
  return problems;
}

export function parseFormat(id: string, json: string): StickerFormat {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new FormatError(`sticker format ${id}: not valid JSON (${(err as Error).message})`);
  }
  // "$comment" lets a format file say where its measurements come from.
  if (raw && typeof raw === 'object' && '$comment' in raw) delete (raw as Record<string, unknown>).$comment;
  const parsed = formatSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new FormatError(`sticker format ${id}: ${lines.join('; ')}`);
  }
  const format = { ...parsed.data, id };
  const problems = checkGeometry(format);
  if (problems.length) throw new FormatError(`sticker format ${id}: ${problems.join('; ')}`);
  return format;
}

/** All formats, sorted by id. A broken file is an error here, not a silently missing format. */
export function loadFormats(dir: URL = FORMATS_DIR): StickerFormat[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseFormat(f.slice(0, -'.json'.length), readFileSync(new URL(f, dir), 'utf8')));
}

/** The format with this id (case-insensitive: people type "a4" as often as "A4"). */
export function findFormat(id: string, formats: StickerFormat[] = loadFormats()): StickerFormat | undefined {
  return formats.find((f) => f.id.toLowerCase() === id.trim().toLowerCase());
}

/** Top-left corner of the label in slot `index` of a page, in mm, row by row. */
export function labelOriginMm(format: StickerFormat, index: number): { x: number; y: number } {
  const { grid, label } = format;
  const col = index % grid.columns;
  const row = Math.floor(index / grid.columns);
  return { x: grid.leftMm + col * (label.widthMm + grid.columnGapMm), y: grid.topMm + row * (label.heightMm + grid.rowGapMm) };
}

export const labelsPerPage = (format: StickerFormat) => format.grid.columns * format.grid.rows;
