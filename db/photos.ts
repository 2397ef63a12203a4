// Photo rows of reports. The files live under the photo directory (server/photos.ts writes and deletes
// them); a row says which report a file belongs to and whether the public may see it.
import type { Insertable } from 'kysely';
import { UserError } from '../server/domain/errors.ts';
import { inTransaction, type Db } from './connection.ts';
import type { Photo, PhotoTable } from './schema.ts';

export type NewPhotoRow = Insertable<PhotoTable>;

/** Returns the rows in the order given. */
export async function insertPhotos(db: Db, rows: NewPhotoRow[]): Promise<Photo[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto('photos').values(rows).returningAll().execute();
  const byFile = new Map(inserted.map((photo) => [photo.file, photo]));
  return rows.map((row) => byFile.get(row.file)!);
}

/**
 * What the public may see: published, file not removed by retention, and the report not hidden by
 * moderation. The one definition for the photo route and the public pages.
 */
function publicPhotos(db: Db) {
  return db
    .selectFrom('photos')
    .innerJoin('reports', 'reports.id', 'photos.report_id')
    .selectAll('photos')
    .where('photos.published', '=', 1)
    .where('photos.removed_at', 'is', null)
    .where('reports.hidden', '=', 0);
}

export function listPublishedPhotos(db: Db, reportId: number): Promise<Photo[]> {
  return publicPhotos(db).where('photos.report_id', '=', reportId).orderBy('photos.id').execute();
}

export function findPublishedPhoto(db: Db, file: string): Promise<Photo | undefined> {
  return publicPhotos(db).where('photos.file', '=', file).executeTakeFirst();
}

/** All photos of a report for staff, unpublished and removed ones included (removed_at says so). */
export function listPhotos(db: Db, reportId: number): Promise<Photo[]> {
  return db.selectFrom('photos').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}

/**
 * Makes a photo public, with a history row on its report (moderation is part of the audit trail).
 * Publishing a published photo changes nothing; a removed or unknown photo is a 404.
 */
export async function publishPhoto(db: Db, photoId: number, now: string, actor: string | null = null): Promise<Photo> {
  return inTransaction(db, async (trx) => {
    const photo = await trx.selectFrom('photos').selectAll().where('id', '=', photoId).where('removed_at', 'is', null).executeTakeFirst();
    if (!photo) throw new UserError(404, 'photo.notFound');
    if (photo.published === 1) return photo;
    const published = await trx.updateTable('photos').set({ published: 1 }).where('id', '=', photoId).returningAll().executeTakeFirstOrThrow();
    // updated_at tells Open311 clients and caches that what the public sees of the report changed.
    await trx.updateTable('reports').set({ updated_at: now }).where('id', '=', photo.report_id).execute();
    await trx
      .insertInto('report_events')
      .values({ report_id: photo.report_id, type: 'photo_published', body: photo.file, public: 0, actor, created_at: now })
      .execute();
    return published;
  });
}
