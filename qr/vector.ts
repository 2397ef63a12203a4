// The QR symbol as vector rectangles: printers and PDF viewers draw them sharp at any size, and a
// sheet of 10,000 stickers stays small. Runs of dark modules in a row become one rectangle, and a
// run repeated in the rows below grows that rectangle downwards, which roughly halves the count
// compared with one rectangle per module. All rectangles of one symbol go into one path filled once,
// so that anti-aliasing renderers show no hairline seams between neighbours.
import { QUIET_ZONE, type QrSymbol } from './symbol.ts';

/** x, y, width, height in modules from the symbol's top-left corner (quiet zone not included). */
export type ModuleRect = [x: number, y: number, w: number, h: number];

export function darkRectangles(symbol: QrSymbol): ModuleRect[] {
  const { size, modules } = symbol;
  const done: ModuleRect[] = [];
  // Rectangles still growing, by the run's start and length (key = x * 256 + w).
  let open = new Map<number, ModuleRect>();
  for (let y = 0; y < size; y++) {
    const next = new Map<number, ModuleRect>();
    let x = 0;
    while (x < size) {
      if (!modules[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules[y * size + x]) x++;
      const key = start * 256 + (x - start);
      const growing = open.get(key);
      if (growing) {
        growing[3]++;
        open.delete(key);
        next.set(key, growing);
      } else {
        next.set(key, [start, y, x - start, 1]);
      }
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  }
  for (const rect of open.values()) done.push(rect);
  return done;
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * PDF content-stream operators that fill the symbol at (x, y), the top-left corner of its dark area,
 * in a y-down user space (as PDFKit sets up), with `module` user units per module. Coordinates inside
 * are whole modules, which keeps the stream short and compressible.
 */
export function pdfSymbolOperators(symbol: QrSymbol, x: number, y: number, module: number): string {
  let ops = `q 0 g ${fmt(module)} 0 0 ${fmt(module)} ${fmt(x)} ${fmt(y)} cm\n`;
  for (const [rx, ry, w, h] of darkRectangles(symbol)) ops += `${rx} ${ry} ${w} ${h} re\n`;
  return ops + 'f Q';
}

/** A standalone SVG of the symbol with its quiet zone, `pixelsPerModule` as its nominal size. */
export function symbolSvg(symbol: QrSymbol, pixelsPerModule = 10): string {
  const side = symbol.size + 2 * QUIET_ZONE;
  let d = '';
  for (const [x, y, w, h] of darkRectangles(symbol)) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${w}v${h}h-${w}z`;
  const px = side * pixelsPerModule;
  const title = symbol.text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<title>${title}</title><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
