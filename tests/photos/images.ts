// Test images made on the spot with sharp (and two PNGs written by hand), and small readers that look
// into JPEG and EXIF bytes directly instead of trusting the library under test.
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

export const PLACE = { lat: '50/1 0/1 0/1', lon: '8/1 16/1 0/1' };
export const XMP_AUTHOR = 'Erika Mustermann';
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${XMP_AUTHOR}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

export function file(bytes: Uint8Array, name: string, type = 'image/jpeg'): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

/** A colour field with some texture, so that encoders have real work and truncation hits image data. */
export function texture(width: number, height: number): Sharp {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
}

export function plain(width: number, height: number, background = '#3366cc'): Sharp {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** What a phone writes: camera, GPS position, an ICC profile and XMP with the author's name. */
export function withEverything(image: Sharp): Sharp {
  return image
    .withIccProfile('p3')
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Phone 1', Artist: 'Max Mustermann' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: PLACE.lat, GPSLongitudeRef: 'E', GPSLongitude: PLACE.lon },
    })
    .withXmp(XMP);
}

export function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return withEverything(texture(width, height).jpeg()).toBuffer();
}

/** A sideways-stored photo: pixels width x height, EXIF orientation 6 (rotate 90° clockwise to view). */
export function jpegOrientation6(width: number, height: number): Promise<Buffer> {
  return plain(width, height).jpeg().withMetadata({ orientation: 6 }).toBuffer();
}

export interface GpsTags {
  latitudeRef?: string;
  latitude?: number[];
  longitudeRef?: string;
  longitude?: number[];
}

/**
 * Reads the GPS IFD of an EXIF block (as sharp's metadata().exif returns it: "Exif\0\0" + TIFF), by
 * hand: IFD0 → tag 0x8825 (GPS IFD pointer) → tags 1–4. Null when there is no GPS IFD.
 */
export function readGps(exif: Buffer): GpsTags | null {
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const entries = (ifd: number) =>
    Array.from({ length: u16(ifd) }, (_, i) => {
      const at = ifd + 2 + i * 12;
      return { tag: u16(at), type: u16(at + 2), count: u32(at + 4), valueAt: at + 8 };
    });
  const pointer = entries(u32(4)).find((e) => e.tag === 0x8825);
  if (!pointer) return null;
  const gps: GpsTags = {};
  for (const e of entries(u32(pointer.valueAt))) {
    const ascii = () => tiff.toString('latin1', e.valueAt, e.valueAt + e.count).replace(/\0+$/, ''); // short: stored inline
    const rationals = () => Array.from({ length: e.count }, (_, i) => u32(u32(e.valueAt) + i * 8) / u32(u32(e.valueAt) + i * 8 + 4));
    if (e.tag === 1) gps.latitudeRef = ascii();
    if (e.tag === 2) gps.latitude = rationals();
    if (e.tag === 3) gps.longitudeRef = ascii();
    if (e.tag === 4) gps.longitude = rationals();
  }
  return gps;
}

/** The marker bytes of a JPEG's segments before the image data (0xE0 = APP0 … 0xEF, 0xFE = comment). */
export function jpegMarkers(jpeg: Buffer): number[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break; // start of scan: the entropy-coded data follows
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

/** One PNG chunk: length, type, data and CRC, for hand-built PNGs (bombs, broken files). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A black-and-white PNG of the given size, written by hand: 1 bit per pixel, all black, so 20000 x
 * 20000 pixels (400 MB once decoded) fit in a few dozen kilobytes. With `garbageData` the image data is
 * not even valid: only a decoder that stops at the header can get the pixel-limit answer.
 */
export function bilevelPng(width: number, height: number, options: { garbageData?: boolean; idat?: Buffer } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter method, no interlace
  const rowBytes = 1 + Math.ceil(width / 8); // each row: filter type 0 and the packed bits
  const data = options.idat ?? (options.garbageData ? Buffer.from('this is not zlib data at all') : deflateSync(Buffer.alloc(rowBytes * height), { level: 9 }));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', data),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The PNG of the hardening issue: 40,000,000 x 1 pixels declared in the header, exactly the pixel
 * limit, and an image data chunk of a few bytes (the start of a zlib stream). About 65 bytes that a
 * decoder would spend many seconds on.
 */
export function needlePng(): Buffer {
  return bilevelPng(40_000_000, 1, { idat: deflateSync(Buffer.alloc(64)).subarray(0, 8) });
}
