// Shared set-up for the moderation tests: a Tiefbau report with real photo files in a temporary
// photo directory, staff of the right and of another department, and small readers for JPEG pixels.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createApp } from '../../server/app.ts';
import { preparePhotos, savePhotos } from '../../server/photos.ts';
import { createReport, createTestContext } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';

export const DESCRIPTION = 'Schlagloch vor Hausnummer 12, Auto HH-AB 123 parkt daneben';
/** The place as a reporter might type it: with a name that must not be public unchecked. */
export const ADDRESS = 'Große Bleiche 12, bei Familie Beispiel klingeln';

/** A light grey photo: black pixels can only come from redaction. */
export async function greyJpeg(width = 400, height = 300): Promise<File> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: '#c8c8c8' } }).jpeg().toBuffer();
  return new File([new Uint8Array(bytes)], 'foto.jpg', { type: 'image/jpeg' });
}

export async function makePhotoDir(): Promise<{ photoDir: string; cleanup: () => Promise<void> }> {
  const tmp = await mkdtemp(join(tmpdir(), 'stadtmelder-moderation-'));
  return { photoDir: join(tmp, 'photos'), cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

export async function photoFiles(photoDir: string): Promise<string[]> {
  return (await readdir(photoDir)).sort();
}

/** A new Tiefbau report with text, typed address and `photoCount` unpublished photos, and the people who act on it. */
export async function moderationSetup(photoDir: string, photoCount = 1) {
  const ctx = await createTestContext({ config: { photoDir } });
  const app = createApp(ctx);
  const report = await createReport(ctx, { description: DESCRIPTION, address: ADDRESS });
  const files = await Promise.all(Array.from({ length: photoCount }, () => greyJpeg()));
  const photos = await savePhotos(ctx.db, photoDir, report.id, await preparePhotos(files), ctx.clock.now().toISOString());
  const tiefbau = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'] });
  const other = await asStaff(app, ctx, { role: 'staff', departments: ['gruen'] });
  const crew = await asStaff(app, ctx, { role: 'crew', departments: ['tiefbau'] });
  return { ctx, app, report, photos, tiefbau, other, crew };
}

export type Client = Awaited<ReturnType<typeof asStaff>>;

/** A form POST the way the panel sends it: the CSRF field plus the given fields. */
export function post(client: Client, path: string, fields: Record<string, string> = {}, csrf: string | null = client.csrfToken) {
  const body = new URLSearchParams(fields);
  if (csrf !== null) body.set('csrf', csrf);
  return client.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

export async function eventsOf(ctx: { db: Awaited<ReturnType<typeof createTestContext>>['db'] }, reportId: number) {
  return ctx.db.selectFrom('report_events').select(['type', 'actor', 'public', 'body']).where('report_id', '=', reportId).where('type', '<>', 'created').orderBy('id').execute();
}

/** Decoded RGB pixels of a JPEG, with a reader for the brightest and darkest channel in a pixel box. */
export async function pixels(jpeg: Buffer | ArrayBuffer) {
  const { data, info } = await sharp(Buffer.from(jpeg as ArrayBuffer)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const range = (left: number, top: number, width: number, height: number) => {
    let min = 255;
    let max = 0;
    for (let y = top; y < top + height; y++) {
      for (let x = left; x < left + width; x++) {
        for (let ch = 0; ch < 3; ch++) {
          const v = data[(y * info.width + x) * 3 + ch]!;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
    }
    return { min, max };
  };
  return { width: info.width, height: info.height, range };
}
