// Reading stickers as a phone would: poppler's pdftoppm renders a page at 300 dpi, each label is cut
// out of the picture, and zbar (a real QR decoder) reads each cut-out. One label at a time, because
// zbar finds only some of 24 codes in one whole-page picture, and because it lets a test say which
// label failed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelOriginMm, labelsPerPage, type StickerFormat } from '../../qr/formats.ts';

export const DPI = 300;
export const pxOf = (mm: number) => Math.round((mm / 25.4) * DPI);

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export const scratchDir = () => mkdtempSync(join(tmpdir(), 'stadtmelder-qr-'));

/** Page `page` (1-based) of a PDF as an 8-bit grey picture. */
export function renderPage(pdfPath: string, page: number): Gray {
  const out = join(mkdtempSync(join(tmpdir(), 'stadtmelder-page-')), 'p');
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, out]);
  return readPgm(readFileSync(`${out}.pgm`));
}

export function readPgm(data: Buffer): Gray {
  // "P5" width height maxval, each followed by one whitespace byte, then the pixels.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [all, w, h] = header;
  return { width: Number(w), height: Number(h), pixels: data.subarray(all!.length) };
}

export function crop(g: Gray, x: number, y: number, w: number, h: number): Gray {
  const pixels = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) pixels.set(g.pixels.subarray((y + row) * g.width + x, (y + row) * g.width + x + w), row * w);
  return { width: w, height: h, pixels };
}

export function writePgm(path: string, g: Gray): string {
  writeFileSync(path, Buffer.concat([Buffer.from(`P5\n${g.width} ${g.height}\n255\n`), g.pixels]));
  return path;
}

/** Decodes every file with one zbarimg run; the texts found in each file, by path. */
export function zbar(files: string[]): Map<string, string[]> {
  let xml = '';
  try {
    xml = execFileSync('zbarimg', ['-q', '--xml', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    // Exit status 4: some file had no code. The XML for the others is still on stdout.
    xml = (err as { stdout?: string }).stdout ?? '';
  }
  const found = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const source of xml.split('<source href=').slice(1)) {
    const path = /^'([^']*)'/.exec(source)![1]!;
    found.set(path, [...source.matchAll(/<data><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)].map((m) => m[1]!));
  }
  return found;
}

/** What zbar reads on each label slot of one page, slot by slot (empty array: nothing readable). */
export function decodeLabels(pdfPath: string, page: number, format: StickerFormat): string[][] {
  const picture = renderPage(pdfPath, page);
  const dir = scratchDir();
  const files = Array.from({ length: labelsPerPage(format) }, (_, slot) => {
    const o = labelOriginMm(format, slot);
    const x = pxOf(o.x);
    const y = pxOf(o.y);
    const w = Math.min(pxOf(format.label.widthMm), picture.width - x);
    const h = Math.min(pxOf(format.label.heightMm), picture.height - y);
    return writePgm(join(dir, `slot-${slot}.pgm`), crop(picture, x, y, w, h));
  });
  const found = zbar(files);
  return files.map((f) => found.get(f) ?? []);
}

/** Number of pages, from pdfinfo. */
export function pageCount(pdfPath: string): number {
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
}

/** pdffonts' table as rows of {name, type, emb}. */
export function fontsOf(pdfPath: string): { name: string; type: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' }).trimEnd().split('\n');
  const header = lines[0]!;
  const emb = header.indexOf('emb');
  const type = header.indexOf('type');
  return lines.slice(2).map((l) => ({ name: l.slice(0, type).trim(), type: l.slice(type, header.indexOf('encoding')).trim(), embedded: l.slice(emb, emb + 3) === 'yes' }));
}

/** Bounding box of the dark pixels (< 128) in a region of a picture, in pixels. */
export function darkBox(g: Gray, x0: number, y0: number, w: number, h: number): { x: number; y: number; w: number; h: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      if (g.pixels[y * g.width + x]! < 128) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}
