// Published photos for the public. Unpublished ones are personal data until staff look at them, so
// this route answers only for a photo the public may see and is 404 for everything else, including
// photos that exist but are not published (it does not tell them apart).
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findPublishedPhoto } from '../../db/photos.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { isPhotoFileName } from '../photos.ts';

/**
 * The bytes under a name never change (a redacted copy will get a name of its own), so browsers and
 * proxies may keep them long. The price: unpublishing does not reach copies that were already cached.
 */
const PHOTO_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** A stored photo's bytes; a file that retention or a crash removed is a 404, logged, never a 500. */
export async function readStoredPhoto(ctx: AppContext, photo: { id: number; file: string }): Promise<Buffer> {
  try {
    return await readFile(join(ctx.config.photoDir, photo.file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    ctx.logger.warn('photo file missing', { photoId: photo.id });
    throw new UserError(404, 'photo.notFound');
  }
}

export function photoRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get('/fotos/:file', async (c) => {
    const file = c.req.param('file');
    // Only the server's own names reach the database and the disk: no "../", no other directories or types.
    if (!isPhotoFileName(file)) throw new UserError(404, 'photo.notFound');
    const photo = await findPublishedPhoto(ctx.db, file);
    if (!photo) throw new UserError(404, 'photo.notFound');
    const data = await readStoredPhoto(ctx, photo);
    c.header('Content-Type', 'image/jpeg');
    c.header('Content-Length', String(data.length));
    c.header('Cache-Control', PHOTO_CACHE_CONTROL);
    return c.body(data as Uint8Array<ArrayBuffer>); // readFile never returns shared memory
  });

  return app;
}
