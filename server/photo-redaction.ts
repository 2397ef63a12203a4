// Blacking out a region of a report photo. The rectangle arrives as percentages of the image (so the
// form works without JavaScript and without knowing the pixel size); it is painted black on the
// current public version (the previous redacted copy, or the original) and written as a new JPEG
// under a new random name. A new name because public photos are cached `immutable` for a year: the
// redacted pixels must have a URL of their own. See docs/decisions/017-moderation.md.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { recordRedaction } from '../db/photos.ts';
import type { Photo } from '../db/schema.ts';
import type { AppContext } from './context.ts';
import { UserError } from '../domain/errors.ts';
import type { MessageKey } from './i18n/index.ts';
import { deletePhotoFiles, isPhotoFileName, newPhotoFileName, writeAtomically } from './photos.ts';

/** The form's field names, in the order of the form. */
export const RECT_FIELDS = ['x', 'y', 'breite', 'hoehe'] as const;
export type RectField = (typeof RECT_FIELDS)[number];

/** A rectangle in percent of the image: left, top, width, height. */
export interface PercentRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type RectInput = Record<RectField, string>;

export type RectParseResult = { ok: true; rect: PercentRect } | { ok: false; errors: Partial<Record<RectField, MessageKey>> };

/** Rounding in the browser (one decimal) must not make 70 + 30 look like 100.05. */
const EDGE_TOLERANCE = 0.001;

/** "12,5" (German keyboards) and "12.5" are the same number; anything else that is not a number is refused. */
function parsePercent(value: string): number | 'missing' | 'invalid' {
  const text = value.trim().replace(',', '.');
  if (text === '') return 'missing';
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return 'invalid';
  return Number(text);
}

/**
 * Checks the four numbers of the form. Each field gets at most one message, at the field that is wrong:
 * a corner outside the image at x or y, no area or an overhang at width or height.
 */
export function parseRedactionRect(input: RectInput): RectParseResult {
  const errors: Partial<Record<RectField, MessageKey>> = {};
  const values: Partial<Record<RectField, number>> = {};
  for (const field of RECT_FIELDS) {
    const parsed = parsePercent(input[field]);
    if (parsed === 'missing') errors[field] = 'staff.moderation.redact.required';
    else if (parsed === 'invalid') errors[field] = 'staff.moderation.redact.notNumber';
    else if (parsed < 0 || parsed > 100) errors[field] = 'staff.moderation.redact.outside';
    else values[field] = parsed;
  }
  const { x, y, breite, hoehe } = values;
  if (x !== undefined && x >= 100) errors.x = 'staff.moderation.redact.outside';
  if (y !== undefined && y >= 100) errors.y = 'staff.moderation.redact.outside';
  if (breite === 0) errors.breite = 'staff.moderation.redact.empty';
  if (hoehe === 0) errors.hoehe = 'staff.moderation.redact.empty';
  if (!errors.x && !errors.breite && x !== undefined && breite !== undefined && x + breite > 100 + EDGE_TOLERANCE) errors.breite = 'staff.moderation.redact.beyondRight';
  if (!errors.y && !errors.hoehe && y !== undefined && hoehe !== undefined && y + hoehe > 100 + EDGE_TOLERANCE) errors.hoehe = 'staff.moderation.redact.beyondBottom';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, rect: { x: x!, y: y!, width: breite!, height: hoehe! } };
}

export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Percent to pixels, rounded outwards: for redaction a pixel too many is harmless, a pixel too few
 * may leave the edge of a number plate readable. At least one pixel, never beyond the image.
 */
export function toPixelRect(rect: PercentRect, imageWidth: number, imageHeight: number): PixelRect {
  const left = Math.min(imageWidth - 1, Math.floor((rect.x / 100) * imageWidth));
  const top = Math.min(imageHeight - 1, Math.floor((rect.y / 100) * imageHeight));
  const right = Math.max(left + 1, Math.min(imageWidth, Math.ceil(((rect.x + rect.width) / 100) * imageWidth)));
  const bottom = Math.max(top + 1, Math.min(imageHeight, Math.ceil(((rect.y + rect.height) / 100) * imageHeight)));
  return { left, top, width: right - left, height: bottom - top };
}

/** Same encoder settings as uploads (server/photos.ts), so a redacted copy looks like the original. */
const JPEG_QUALITY = 82;
const USE_MOZJPEG = Boolean(sharp.versions.mozjpeg);

/**
 * Paints the rectangle black and re-encodes. No keepMetadata/withMetadata: the copy carries no EXIF,
 * ICC or XMP (the stored originals have none either, but this does not rely on it).
 */
export async function blackOut(jpeg: Buffer, rect: PixelRect): Promise<Buffer> {
  const black = await sharp({ create: { width: rect.width, height: rect.height, channels: 3, background: '#000000' } }).png().toBuffer();
  return sharp(jpeg, { failOn: 'error' })
    .composite([{ input: black, left: rect.left, top: rect.top }])
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: USE_MOZJPEG })
    .toBuffer();
}

async function readPhotoFile(ctx: AppContext, file: string): Promise<Buffer> {
  if (!isPhotoFileName(file)) throw new UserError(404, 'photo.notFound');
  try {
    return await readFile(join(ctx.config.photoDir, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new UserError(404, 'photo.notFound');
  }
}

/** What the history says: which photo and where, in numbers every language reads the same. */
export function describeRect(photoId: number, rect: PercentRect): string {
  const n = (v: number) => String(Math.round(v * 100) / 100);
  return `photo ${photoId}: x ${n(rect.x)} %, y ${n(rect.y)} %, ${n(rect.width)} × ${n(rect.height)} %`;
}

/**
 * Blacks out one more region of a photo: reads the current public version, writes the new copy, then
 * points the row at it with a photo_redacted event (one transaction). The copy it replaces is deleted
 * afterwards; the original is always kept for staff.
 */
export async function redactPhoto(ctx: AppContext, photo: Photo, rect: PercentRect, actor: string): Promise<Photo> {
  const source = await readPhotoFile(ctx, photo.redacted_file ?? photo.file);
  const redacted = await blackOut(source, toPixelRect(rect, photo.width, photo.height));
  const next = newPhotoFileName(); // a new URL: the public may have cached the old one for a year
  await mkdir(ctx.config.photoDir, { recursive: true });
  await writeAtomically(ctx.config.photoDir, next, redacted);
  let updated: Photo;
  try {
    updated = await recordRedaction(ctx.db, { photoId: photo.id, previous: photo.redacted_file, next, now: ctx.clock.now().toISOString(), actor, body: describeRect(photo.id, rect) });
  } catch (err) {
    await deletePhotoFiles(ctx.config.photoDir, [next]).catch(() => {});
    throw err;
  }
  await deleteReplacedCopy(ctx, photo);
  return updated;
}

/** Back to the original: a deliberate action with its own event; the public gets the original again. */
export async function undoRedaction(ctx: AppContext, photo: Photo, actor: string): Promise<Photo> {
  if (!photo.redacted_file) return photo;
  const updated = await recordRedaction(ctx.db, { photoId: photo.id, previous: photo.redacted_file, next: null, now: ctx.clock.now().toISOString(), actor, body: `photo ${photo.id}` });
  await deleteReplacedCopy(ctx, photo);
  return updated;
}

/** Nothing points at the replaced copy any more; failing to delete it is logged, not the request's problem. */
async function deleteReplacedCopy(ctx: AppContext, photo: Photo): Promise<void> {
  if (!photo.redacted_file) return;
  try {
    await deletePhotoFiles(ctx.config.photoDir, [photo.redacted_file]);
  } catch {
    ctx.logger.warn('replaced redacted copy not deleted', { photoId: photo.id });
  }
}
