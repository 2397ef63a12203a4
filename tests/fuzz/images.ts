// Hostile "photos" for the file fields: decompression bombs, images that are something else as well
// (polyglots), SVG with script, and honest photos to mix in. Made once per test file (sharp is slow
// enough that building them per run would dominate the suite).
import { deflateSync, gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { bilevelPng, pngChunk } from '../photos/images.ts';
import { LONG_RUN } from './config.ts';
import type { FileSpec } from './hostile.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);


/** An 8-bit RGB PNG of the given size whose pixels are all zero: megapixels in a few kilobytes. */
function zeroRgbPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const data = deflateSync(Buffer.alloc((1 + width * 3) * height), { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', data), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A tiny valid PNG with a text chunk carrying markup (PNG/HTML polyglot). */
async function pngWithText(text: string): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toBuffer();
  const iend = png.length - 12;
  const chunk = pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.from(text, 'latin1')]));
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

/** A small JPEG with an HTML document in a comment segment (JPEG/HTML polyglot). */
async function jpegWithHtml(html: string): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  const comment = Buffer.from(html, 'latin1');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(comment.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, comment, jpeg.subarray(2)]);
}

/** A JPEG whose frame header claims 65500 x 65500 pixels. */
async function jpegClaimingHugeSize(): Promise<Buffer> {
  const jpeg = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } }).jpeg().toBuffer());
  for (let at = 2; at + 9 < jpeg.length; ) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xc0 || marker === 0xc2) {
      jpeg.writeUInt16BE(65500, at + 5);
      jpeg.writeUInt16BE(65500, at + 7);
      break;
    }
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return jpeg;
}

/** The marker every script in these files calls; a stored or served copy must never contain it. */
export const FILE_MARKER = 'fzq_file';

export interface HostileFiles {
  /** Decoded and stored normally: the suite also wants successful uploads. */
  honest: FileSpec[];
  /** Everything that must be refused (or, for polyglots of allowed formats, stored without the payload). */
  hostile: FileSpec[];
  /**
   * Zero pixels, highly compressible and under the pixel limit: 6000 x 6000 (36 MP from 105 kB, about
   * 3 s and 250 MB to decode) under `npm run fuzz`, 2500 x 2500 in `npm test`.
   */
  heavy: FileSpec;
}

const spec = (name: string, type: string, bytes: Uint8Array): FileSpec => ({ name, type, bytes: new Uint8Array(bytes) });

export async function makeHostileFiles(): Promise<HostileFiles> {
  const honestJpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } }).jpeg().toBuffer();
  const honestPng = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } }).png().toBuffer();
  const html = `<html><body><script>${FILE_MARKER}()</script><fzq-file></body></html>`;
  const gif = Buffer.concat([Buffer.from(`GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;${FILE_MARKER}();//`, 'latin1'), Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b])]);
  return {
    honest: [spec('foto.jpg', 'image/jpeg', honestJpeg), spec('foto.png', 'image/png', honestPng)],
    hostile: [
      spec('bombe.png', 'image/png', bilevelPng(20000, 20000)),
      spec('bombe-kaputt.png', 'image/png', bilevelPng(60000, 60000, { garbageData: true })),
      spec('riesig.jpg', 'image/jpeg', await jpegClaimingHugeSize()),
      spec('gzip-bombe.png', 'image/png', gzipSync(Buffer.alloc(20 * 1024 * 1024), { level: 9 })),
      spec('skript.svg', 'image/svg+xml', Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${FILE_MARKER}()"><script>${FILE_MARKER}()</script><fzq-svg/></svg>`)),
      spec('skript.jpg', 'image/jpeg', Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>${FILE_MARKER}()</script></svg>`)),
      spec('gif-js.gif', 'image/gif', gif),
      spec('jpeg-html.jpg', 'text/html', await jpegWithHtml(html)),
      spec('png-html.png', 'image/png', await pngWithText(html)),
      spec('nur-kopf.jpg', 'image/jpeg', honestJpeg.subarray(0, 200)),
      spec('leer.jpg', 'image/jpeg', new Uint8Array(0)),
      spec('../../../etc/passwd', 'image/jpeg', honestJpeg),
      spec('<fzq-name>.jpg', 'image/jpeg', Buffer.from('not an image')),
      spec('\u202Egpj.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00')),
    ],
    heavy: LONG_RUN ? spec('schwer.png', 'image/png', zeroRgbPng(6000, 6000)) : spec('schwer.png', 'image/png', zeroRgbPng(2500, 2500)),
  };
}
