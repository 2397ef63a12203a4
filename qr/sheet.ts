// Sticker sheets as PDF. The QR symbol goes into the page content as one filled path per sticker
// (vectors, never an image); texts use the embedded fonts. Pages are finished one at a time and the
// event loop gets a turn after each, so a file streams out while later pages are drawn (10,000
// stickers never sit in memory as a whole) and the server keeps answering meanwhile.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { stickerFonts } from './fonts.ts';
import { labelOriginMm, labelsPerPage, type StickerFormat } from './formats.ts';
import { layoutLabel, PT_PER_MM, type FontMetrics, type LabelLayout } from './layout.ts';
import { PDF_TITLE, stickerTexts, type FontId, type StickerBin } from './sticker-text.ts';
import { binQrSymbol, displayAddress } from './symbol.ts';
import { pdfSymbolOperators } from './vector.ts';

export interface SheetResult {
  stickers: number;
  pages: number;
}

function newDocument(title: string, now: Date): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, compress: true, lang: 'de', info: { Title: title, Creator: 'Stadtmelder', CreationDate: now } });
  const fonts = stickerFonts();
  for (const id of Object.keys(fonts) as FontId[]) doc.registerFont(id, fonts[id]);
  return doc;
}

function metricsOf(doc: PDFKit.PDFDocument): FontMetrics {
  return {
    widthOf: (font, size, text) => doc.font(font).fontSize(size).widthOfString(text),
    lineHeight: (font, size) => doc.font(font).fontSize(size).currentLineHeight(false),
  };
}

/** Measurements of the sticker fonts as the PDF will set them, for checking layouts without drawing. */
export function stickerFontMetrics(): FontMetrics {
  return metricsOf(newDocument('', new Date(0)));
}

const titleOf = (format: StickerFormat) => `${PDF_TITLE} (${format.name})`;

/** Draws the stickers for `bins` into `doc`, in the order given. */
async function drawSheet(doc: PDFKit.PDFDocument, bins: StickerBin[], format: StickerFormat, publicBaseUrl: string): Promise<SheetResult> {
  const metrics = metricsOf(doc);
  const address = displayAddress(publicBaseUrl);
  const perPage = labelsPerPage(format);
  const usesDescription = [...format.layout.texts, ...format.layout.textsAbove].some((t) => t.text === 'description');
  // A layout depends on the symbol size and the description only: codes are all set in the same
  // monospaced font at the same length, so one layout serves every sticker of a sheet of labels.
  const layouts = new Map<string, LabelLayout>();
  let pages = 0;
  for (let i = 0; i < bins.length; i++) {
    const slot = i % perPage;
    if (slot === 0) {
      if (i > 0) await nextTurn();
      doc.addPage({ size: [format.page.widthMm * PT_PER_MM, format.page.heightMm * PT_PER_MM], margin: 0 });
      pages++;
    }
    const bin = bins[i]!;
    const symbol = binQrSymbol(publicBaseUrl, bin.code);
    const texts = stickerTexts(bin, address);
    const key = `${symbol.size}|${usesDescription ? texts.description : ''}`;
    let layout = layouts.get(key);
    if (!layout) layouts.set(key, (layout = layoutLabel(format, texts, symbol.size, metrics)));
    const origin = labelOriginMm(format, slot);
    const ox = origin.x * PT_PER_MM;
    const oy = origin.y * PT_PER_MM;
    doc.addContent(pdfSymbolOperators(symbol, ox + layout.qr.x, oy + layout.qr.y, layout.qr.module));
    for (const line of layout.lines) {
      const text = line.id === 'code' ? texts.code : line.text;
      doc.font(line.font).fontSize(line.size).text(text, ox + line.x, oy + line.y, { lineBreak: false });
    }
  }
  return { stickers: bins.length, pages };
}

/** The whole PDF in memory, for an HTTP response (a district's stickers are a few hundred kB). */
export async function stickerPdf(bins: StickerBin[], format: StickerFormat, publicBaseUrl: string, now = new Date()): Promise<{ pdf: Buffer } & SheetResult> {
  const doc = newDocument(titleOf(format), now);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.once('end', resolve);
    doc.once('error', reject);
  });
  const result = await drawSheet(doc, bins, format, publicBaseUrl);
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), ...result };
}

/**
 * Writes the PDF to `path` through a temporary file beside it, so that a failure leaves no half-written
 * sheet behind and an existing file is replaced only by a complete one.
 */
export async function writeStickerPdf(path: string, bins: StickerBin[], format: StickerFormat, publicBaseUrl: string, now = new Date()): Promise<SheetResult> {
  const temporary = `${path}.${process.pid}.tmp`;
  const doc = newDocument(titleOf(format), now);
  const file = createWriteStream(temporary);
  const written = new Promise<void>((resolve, reject) => {
    file.once('finish', resolve);
    file.once('error', reject);
    doc.once('error', reject);
  });
  doc.pipe(file);
  try {
    const result = await drawSheet(doc, bins, format, publicBaseUrl);
    doc.end();
    await written;
    renameSync(temporary, path);
    return result;
  } catch (err) {
    written.catch(() => undefined); // the first error is the one to report
    file.destroy();
    rmSync(temporary, { force: true });
    throw err;
  }
}
