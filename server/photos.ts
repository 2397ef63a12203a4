// Photos of defect reports. Every upload is decoded and written anew as JPEG, so what is stored and
// served are pixels the server encoded itself: no EXIF (GPS position, camera serial), no ICC, XMP or
// IPTC, no data hidden after the image, and a file name the server chose. See
// docs/decisions/012-photos.md.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { inTransaction, type Db } from '../db/connection.ts';
import { insertPhotos, type NewPhotoRow } from '../db/photos.ts';
import type { Photo } from '../db/schema.ts';
import { UserError } from '../domain/errors.ts';
import { GateFullError, WorkGate, type GateStats } from './work-gate.ts';
import type { MessageParam } from './i18n/index.ts';

// libvips keeps the results of recent operations (up to 50 MB by default) to serve them again; every
// upload is a new image, so that cache only held memory: after 400 photos the process was about 20 MB
// larger with it, the growth bench:soak had measured.
sharp.cache(false);

export const PHOTO_LIMITS = {
  /** Near and far view of the problem and one more; beyond that photos add moderation work, not information. */
  maxCount: 3,
  /** A phone photo at full resolution is 2–8 MB; 10 MB leaves room and keeps a form post (3 photos) near 30 MB. */
  maxBytes: 10 * 1024 * 1024,
  /**
   * Checked from the image header before any pixel is decoded, so a small file that unpacks to a huge
   * image (a decompression bomb) costs nothing. 40 MP is above the 12–24 MP that phones save by
   * default; decoding one such photo needs about 120 MB of memory.
   */
  maxPixels: 40_000_000,
  /**
   * Also from the header: no side longer than this, and no stripe thinner than 1 : maxAspectRatio.
   * Phones save at most about 8000 px on a side and panoramas around 6 : 1; a picture of 40,000,000 x 1
   * pixels is within the pixel limit, yet decoding such a stripe cost 18 s of CPU.
   */
  maxEdge: 12_000,
  maxAspectRatio: 10,
  /** Enough to read a sign or see a crack on a desktop screen; keeps a stored photo around 0.3–1 MB. */
  longestEdge: 2000,
  /** A last guard for one photo's decode and encode (a 40 MP photo takes 1–2 s); sharp stops the work after this. */
  decodeTimeoutSeconds: 20,
} as const;

/**
 * Decoding is the expensive part: at most two request's photo sets are decoded at once in this
 * process, at most eight more wait; beyond that the form answers 503 with Retry-After (see
 * docs/decisions/012-photos.md). Process-wide because it guards this process' cores and memory.
 */
export const PHOTO_WORK = { concurrency: 2, maxQueue: 8, busyRetryAfterSeconds: 30 } as const;
export const photoGate = new WorkGate(PHOTO_WORK.concurrency, PHOTO_WORK.maxQueue);
let decodes = 0;

/** How much photo decoding this process did and does: for tests and benchmarks. */
export function photoWorkStats(): GateStats & { decodes: number } {
  return { ...photoGate.stats(), decodes };
}

/** What the encoder produces: quality 82 is visually clean for photos at a third of the size of 95. */
const JPEG_QUALITY = 82;
/** mozjpeg makes files about 10 % smaller at the same quality; sharp's prebuilt libvips has it, a system libvips may not. */
const USE_MOZJPEG = Boolean(sharp.versions.mozjpeg);

export interface PreparedPhoto {
  buffer: Buffer;
  width: number;
  height: number;
  bytes: number;
  mime: 'image/jpeg';
}

type AllowedFormat = 'jpeg' | 'png' | 'webp';

/**
 * Recognises the allowed formats by their first bytes. Only these reach sharp: libvips would also
 * parse SVG, GIF, TIFF, HEIF and more, and none of those parsers need to see citizens' uploads. What
 * sharp then reports as the decoded format must agree.
 */
function sniffFormat(bytes: Buffer): AllowedFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

const MAX_NAME_CHARS = 60;

/**
 * The uploaded name, only to tell the person which file is meant. Control and bidi characters go (a
 * right-to-left override can make "gpj.exe" read as "exe.jpg"); long names are shortened.
 */
function displayName(file: File): MessageParam {
  const base = file.name.split(/[\\/]/).pop() ?? '';
  const chars = Array.from(base.replace(/\p{C}/gu, '').trim());
  if (chars.length === 0) return { key: 'photo.unnamed' };
  return chars.length > MAX_NAME_CHARS ? chars.slice(0, MAX_NAME_CHARS - 1).join('') + '…' : chars.join('');
}

/** A browser sends an empty, nameless file for a file field where nothing was chosen. */
function isEmptyInput(file: File): boolean {
  return file.size === 0 && file.name === '';
}

/** Photo errors share the key prefix, so a form can show them next to its photo field. */
export function isPhotoError(err: unknown): err is UserError {
  return err instanceof UserError && err.key.startsWith('photo.');
}

/**
 * The cheap part, without reading a byte of any file: empty file inputs dropped, the number of photos
 * and each file's size. Throws a photo UserError; returns the files that need the expensive part.
 */
export function choosePhotos(files: File[]): File[] {
  const chosen = files.filter((file) => !isEmptyInput(file));
  if (chosen.length > PHOTO_LIMITS.maxCount) throw new UserError(422, 'photo.tooMany', { max: PHOTO_LIMITS.maxCount, count: chosen.length });
  // Sizes first, for all files: cheap, and no file is read while another one is too large.
  for (const file of chosen) if (file.size > PHOTO_LIMITS.maxBytes) throw tooLarge(file);
  return chosen;
}

/**
 * Checks and re-encodes the chosen photos; refuses the whole set with the first problem (a
 * UserError naming the file). First every file's header (format, pixels, dimensions), so a set with
 * one bad photo costs no decoding at all; then the pixel work, inside the process-wide photoGate
 * (503 photo.busy when its line is full). Nothing is written here: the caller stores the result with
 * savePhotos once everything is accepted.
 */
export async function preparePhotos(files: File[]): Promise<PreparedPhoto[]> {
  const chosen = choosePhotos(files);
  if (chosen.length === 0) return [];
  const checked: CheckedPhoto[] = [];
  for (const file of chosen) checked.push(await checkHeader(file));
  try {
    // One after the other inside one slot: decoding is CPU and memory heavy, and the server has few cores.
    return await photoGate.run(async () => {
      const prepared: PreparedPhoto[] = [];
      for (const photo of checked) prepared.push(await reencode(photo));
      return prepared;
    });
  } catch (err) {
    if (err instanceof GateFullError) throw new UserError(503, 'photo.busy', {}, { retryAfterSeconds: PHOTO_WORK.busyRetryAfterSeconds });
    throw err;
  }
}

function tooLarge(file: File): UserError {
  return new UserError(413, 'photo.tooLarge', { name: displayName(file), max: PHOTO_LIMITS.maxBytes / 1024 / 1024 });
}

interface CheckedPhoto {
  input: Buffer;
  name: MessageParam;
}

const isOverPixelLimit = (err: unknown) => err instanceof Error && /pixel limit/i.test(err.message);

/** Format by signature, then width and height from the header alone: no pixel is decoded here. */
async function checkHeader(file: File): Promise<CheckedPhoto> {
  const name = displayName(file);
  const input = Buffer.from(await file.arrayBuffer());
  if (input.length > PHOTO_LIMITS.maxBytes) throw tooLarge(file);
  const notImage = () => new UserError(422, 'photo.notImage', { name });

  const sniffed = sniffFormat(input);
  if (!sniffed) throw notImage();
  // sharp compares width x height from the header with limitInputPixels as soon as it has read the
  // header, so a decompression bomb is refused here, before any pixel data is unpacked.
  let header: Metadata;
  try {
    header = await sharp(input, { limitInputPixels: PHOTO_LIMITS.maxPixels }).metadata(); // reads the header only
  } catch (err) {
    throw isOverPixelLimit(err) ? tooManyPixels(name) : notImage();
  }
  if (header.format !== sniffed || !header.width || !header.height) throw notImage();
  const { width, height } = header;
  if (width * height > PHOTO_LIMITS.maxPixels) throw tooManyPixels(name);
  const longer = Math.max(width, height);
  if (longer > PHOTO_LIMITS.maxEdge || longer > Math.min(width, height) * PHOTO_LIMITS.maxAspectRatio) {
    throw new UserError(422, 'photo.badDimensions', { name, width: { count: width }, height: { count: height }, maxEdge: { count: PHOTO_LIMITS.maxEdge }, maxAspect: PHOTO_LIMITS.maxAspectRatio });
  }
  return { input, name };
}

function tooManyPixels(name: MessageParam): UserError {
  return new UserError(413, 'photo.tooManyPixels', { name, max: PHOTO_LIMITS.maxPixels / 1_000_000 });
}

async function reencode({ input, name }: CheckedPhoto): Promise<PreparedPhoto> {
  decodes++;
  try {
    const { data, info } = await sharp(input, {
      limitInputPixels: PHOTO_LIMITS.maxPixels,
      // Refuse truncated and corrupt data, but accept the harmless warnings some cameras' JPEGs cause.
      failOn: 'error',
      // Phones store portrait photos sideways with an orientation tag; the tag goes with the metadata.
      autoOrient: true,
    })
      .timeout({ seconds: PHOTO_LIMITS.decodeTimeoutSeconds })
      .flatten({ background: '#ffffff' }) // JPEG has no transparency: transparent parts become white, not black
      .resize({ width: PHOTO_LIMITS.longestEdge, height: PHOTO_LIMITS.longestEdge, fit: 'inside', withoutEnlargement: true })
      // No keepMetadata/withMetadata/keepExif/keepIccProfile/keepXmp/keepGainMap: sharp then writes
      // none of them and converts to sRGB (tests/photos check the output).
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: USE_MOZJPEG })
      .toBuffer({ resolveWithObject: true });
    return { buffer: data, width: info.width, height: info.height, bytes: data.length, mime: 'image/jpeg' };
  } catch (err) {
    if (isOverPixelLimit(err)) throw tooManyPixels(name);
    if (err instanceof Error && /timeout/i.test(err.message)) throw new UserError(422, 'photo.tooSlow', { name });
    throw new UserError(422, 'photo.unreadable', { name });
  }
}

/** Server-chosen names: 128 random bits, so names can neither be guessed nor collide. */
const PHOTO_FILE = /^[A-Za-z0-9_-]{22}\.jpg$/;

export function isPhotoFileName(name: string): boolean {
  return PHOTO_FILE.test(name);
}

/** 128 random bits; the photo route serves only names of this pattern. */
export function newPhotoFileName(): string {
  return randomBytes(16).toString('base64url') + '.jpg';
}

/**
 * Writes under a temporary name (which the name pattern never matches, so it is never served) and
 * renames: a reader sees the whole file or none, also on a shared volume.
 */
export async function writeAtomically(dir: string, file: string, data: Buffer): Promise<void> {
  const temp = join(dir, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync(); // the content is on disk before the name is
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, file));
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

/**
 * Stores prepared photos of a report: the files first, then the rows (unpublished), so that a row
 * never points at a missing file. If writing a file or a row fails, the files written so far are
 * deleted again. Inside a caller's transaction the rows join it; should that transaction fail later,
 * the caller deletes the files with deletePhotoFiles(photoDir, photos.map((p) => p.file)).
 */
export async function savePhotos(db: Db, photoDir: string, reportId: number, photos: PreparedPhoto[], now: string): Promise<Photo[]> {
  if (photos.length === 0) return [];
  await mkdir(photoDir, { recursive: true });
  const written: string[] = [];
  try {
    const rows: NewPhotoRow[] = [];
    for (const photo of photos) {
      const file = newPhotoFileName();
      await writeAtomically(photoDir, file, photo.buffer);
      written.push(file);
      rows.push({ report_id: reportId, file, mime: photo.mime, width: photo.width, height: photo.height, bytes: photo.bytes, published: 0, created_at: now });
    }
    return await inTransaction(db, (trx) => insertPhotos(trx, rows));
  } catch (err) {
    // The original error matters to the caller; a failed cleanup must not replace it.
    await deletePhotoFiles(photoDir, written).catch(() => {});
    throw err;
  }
}

/**
 * Deletes photo files (rollback, retention, moderation). Files that are already gone are fine; a name
 * that is not one of the server's own is refused, so a bad row can never delete anything else.
 */
export async function deletePhotoFiles(photoDir: string, files: string[]): Promise<void> {
  const failures: unknown[] = [];
  for (const file of files) {
    if (!isPhotoFileName(file)) {
      failures.push(new Error(`not a photo file name: ${JSON.stringify(file)}`));
      continue;
    }
    try {
      await unlink(join(photoDir, file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') failures.push(err);
    }
  }
  if (failures.length) throw new AggregateError(failures, `could not delete ${failures.length} photo file(s)`);
}
