// Photo rows of reports. The files live under the photo directory (server/photos.ts writes and deletes
// them); a row says which report a file belongs to and whether the public may see it.
import type { Insertable } from 'kysely';
import { UserError } from '../domain/errors.ts';
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
 *
 * `file` in the rows is the name the public gets: the redacted copy once a region was blacked out
 * (photos.redacted_file), the original otherwise. The original's name of a redacted photo never leaves
 * this query, so no public page can link it and the photo route answers 404 for it.
 */
function publicPhotos(db: Db) {
  return db
    .selectFrom('photos')
    .innerJoin('reports', 'reports.id', 'photos.report_id')
    .select([
      'photos.id',
      'photos.report_id',
      'photos.mime',
      'photos.width',
      'photos.height',
      'photos.bytes',
      'photos.published',
      'photos.created_at',
      'photos.removed_at',
      'photos.redacted_file',
    ])
    .select((eb) => eb.fn.coalesce('photos.redacted_file', 'photos.file').as('file'))
    .where('photos.published', '=', 1)
    .where('photos.removed_at', 'is', null)
    .where('reports.hidden', '=', 0);
}

export function listPublishedPhotos(db: Db, reportId: number): Promise<Photo[]> {
  return publicPhotos(db).where('photos.report_id', '=', reportId).orderBy('photos.id').execute();
}

/**
 * The photos a reporter sent, for their private status page: published or not (they are theirs), but
 * not those retention has deleted. The redacted copy where there is one, like everywhere else.
 */
export function listReporterPhotos(db: Db, reportId: number) {
  return db
    .selectFrom('photos')
    .select(['id', 'published'])
    .select((eb) => eb.fn.coalesce('redacted_file', 'file').as('file'))
    .where('report_id', '=', reportId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** By the public name: the redacted copy's name, or the original's while there is no redacted copy. */
export function findPublishedPhoto(db: Db, file: string): Promise<Photo | undefined> {
  return publishedPhotoByName(db, file).executeTakeFirst();
}

/** The query of findPublishedPhoto, apart so that a test can check its plan. */
export function publishedPhotoByName(db: Db, file: string) {
  return (
    publicPhotos(db)
      // Written as an OR of two indexed lookups (photos.file is unique, photos_redacted_file too) rather
      // than coalesce(...) = file, which no index serves.
      .where((eb) => eb.or([eb.and([eb('photos.file', '=', file), eb('photos.redacted_file', 'is', null)]), eb('photos.redacted_file', '=', file)]))
  );
}

/** All photos of a report for staff, unpublished and removed ones included (removed_at says so). */
export function listPhotos(db: Db, reportId: number): Promise<Photo[]> {
  return db.selectFrom('photos').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}

/**
 * Makes a photo public, with a history row on its report (moderation is part of the audit trail).
 * Publishing a published photo changes nothing; a removed or unknown photo is a 404.
 */
export function publishPhoto(db: Db, photoId: number, now: string, actor: string | null = null): Promise<Photo> {
  return setPhotoPublished(db, photoId, true, now, actor);
}

/** Takes a photo back from the public (event photo_hidden); the file stays for staff. */
export function hidePhoto(db: Db, photoId: number, now: string, actor: string | null = null): Promise<Photo> {
  return setPhotoPublished(db, photoId, false, now, actor);
}

async function setPhotoPublished(db: Db, photoId: number, publish: boolean, now: string, actor: string | null): Promise<Photo> {
  const flag = publish ? 1 : 0;
  return inTransaction(db, async (trx) => {
    const photo = await trx.selectFrom('photos').selectAll().where('id', '=', photoId).where('removed_at', 'is', null).executeTakeFirst();
    if (!photo) throw new UserError(404, 'photo.notFound');
    if (photo.published === flag) return photo;
    const changed = await trx.updateTable('photos').set({ published: flag }).where('id', '=', photoId).returningAll().executeTakeFirstOrThrow();
    // updated_at tells Open311 clients and caches that what the public sees of the report changed.
    await trx.updateTable('reports').set({ updated_at: now }).where('id', '=', photo.report_id).execute();
    await trx
      .insertInto('report_events')
      .values({ report_id: photo.report_id, type: publish ? 'photo_published' : 'photo_hidden', body: photo.file, public: 0, actor, created_at: now })
      .execute();
    return changed;
  });
}

export interface RedactionChange {
  photoId: number;
  /** The redacted copy the new one was made from (null: made from the original). */
  previous: string | null;
  /** The new copy's file name, already written; null takes the photo back to its original. */
  next: string | null;
  now: string;
  actor: string;
  /** What the history says about it, e.g. the rectangle. */
  body: string;
}

/**
 * Points a photo at a new redacted copy (or back at the original) with its history row. Only if the
 * photo still has the copy the new one was made from: a colleague's redaction in between would
 * otherwise be lost, so that case is a 409 and the caller deletes the file it wrote.
 */
export async function recordRedaction(db: Db, change: RedactionChange): Promise<Photo> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('photos')
      .set({ redacted_file: change.next })
      .where('id', '=', change.photoId)
      .where('removed_at', 'is', null)
      .where((eb) => (change.previous === null ? eb('redacted_file', 'is', null) : eb('redacted_file', '=', change.previous)))
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new UserError(409, 'staff.moderation.redactionConflict');
    await trx.updateTable('reports').set({ updated_at: change.now }).where('id', '=', updated.report_id).execute();
    await trx
      .insertInto('report_events')
      .values({ report_id: updated.report_id, type: change.next ? 'photo_redacted' : 'photo_unredacted', body: change.body, public: 0, actor: change.actor, created_at: change.now })
      .execute();
    return updated;
  });
}
