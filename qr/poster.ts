// The poster for citizen offices and notice boards: one A4 page with a QR code to the report form
// (/melden), the address to type, and the emergency numbers. The QR symbol is drawn as vectors like
// the stickers' (qr/vector.ts), the texts in the embedded sticker fonts, so any print shop prints it as laid out.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { stickerFonts } from './fonts.ts';
import { PT_PER_MM } from './layout.ts';
import type { FontId } from './sticker-text.ts';
import type { QrSymbol } from './symbol.ts';
import { pdfSymbolOperators } from './vector.ts';

export interface PosterTexts {
  title: string;
  lead: string;
  scan: string;
  orType: string;
  emergency: string;
}

/** The URL the poster's QR code holds: the form itself, not the start page, so that one scan is one step. */
export function posterUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/melden`;
}

/**
 * The symbol of the form's URL. Byte mode, not the stickers' upper-case alphanumeric trick: /melden is
 * answered in lower case only, and a poster has room for the few more modules. Level Q as on the stickers:
 * posters hang behind glass and in the sun.
 */
export function posterSymbol(url: string): QrSymbol {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'Q' });
  const { size, data } = qr.modules;
  return { text: url, size, version: qr.version, mask: qr.maskPattern ?? 0, mode: 'Alphanumeric', modules: Uint8Array.from(data) };
}

const A4 = { w: 210 * PT_PER_MM, h: 297 * PT_PER_MM };
const MARGIN = 20 * PT_PER_MM;

export function posterPdf(publicBaseUrl: string, texts: PosterTexts, lang: string, now: Date): Promise<Buffer> {
  const url = posterUrl(publicBaseUrl);
  const doc = new PDFDocument({ size: [A4.w, A4.h], margin: 0, compress: true, lang, info: { Title: texts.title, Creator: 'Stadtmelder', CreationDate: now } });
  const fonts = stickerFonts();
  for (const id of Object.keys(fonts) as FontId[]) doc.registerFont(id, fonts[id]);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const width = A4.w - 2 * MARGIN;
  doc.rect(0, 0, A4.w, 30 * PT_PER_MM).fill('#a5122a');
  doc.fillColor('#ffffff').font('bold').fontSize(34).text(texts.title, MARGIN, 8 * PT_PER_MM, { width, align: 'center' });
  doc.fillColor('#1d1d1f').font('regular').fontSize(18).text(texts.lead, MARGIN, 42 * PT_PER_MM, { width, align: 'center', lineGap: 4 });

  // 100 mm of symbol: readable from two metres, and the quiet zone (4 modules) left white around it.
  const symbol = posterSymbol(url);
  const side = 100 * PT_PER_MM;
  const module = side / symbol.size;
  const top = 95 * PT_PER_MM;
  doc.addContent(pdfSymbolOperators(symbol, (A4.w - side) / 2, top, module));
  doc.fillColor('#1d1d1f').font('bold').fontSize(18).text(texts.scan, MARGIN, top + side + 10 * PT_PER_MM, { width, align: 'center' });
  doc.font('regular').fontSize(16).text(texts.orType, { width, align: 'center' });
  doc.font('code').fontSize(20).text(url.replace(/^https?:\/\//, ''), { width, align: 'center' });
  doc.font('bold').fontSize(14).fillColor('#7d0d1f').text(texts.emergency, MARGIN, A4.h - MARGIN - 14, { width, align: 'center' });
  doc.end();
  return done;
}
