// What moderation needs to know about a report (its text, its typed address, its photos and whether it
// is hidden) and the moderation changes that are not about photo files: publishing or hiding the text
// or the address words, hiding or showing the whole report. Every change writes its history row in the same transaction.
import { UserError } from '../domain/errors.ts';
import type { ReportScope } from '../server/staff/access.ts';
import { inTransaction, type Db } from './connection.ts';
import type { Photo } from './schema.ts';

export interface ModerationPhoto {
  id: number;
  published: boolean;
  removed: boolean;
  redacted: boolean;
  width: number;
  height: number;
}

export interface ModerationState {
  reportId: number;
  hidden: boolean;
  description: string | null;
  descriptionPublished: boolean;
  /** The words the reporter typed for the place, and whether the public may read them. */
  address: string | null;
  addressPublished: boolean;
  /** What the public reads instead while the words are unpublished: the geocoder's name, if any. */
  geocodedAddress: string | null;
  photos: ModerationPhoto[];
}

export async function loadModerationState(db: Db, reportId: number): Promise<ModerationState> {
  const [report, photos] = await Promise.all([
    db.selectFrom('reports').select(['hidden', 'description', 'description_published', 'address', 'address_published', 'geocoded_address']).where('id', '=', reportId).executeTakeFirstOrThrow(),
    db.selectFrom('photos').select(['id', 'published', 'removed_at', 'redacted_file', 'width', 'height']).where('report_id', '=', reportId).orderBy('id').execute(),
  ]);
  return {
    reportId,
    hidden: report.hidden === 1,
    description: report.description,
    descriptionPublished: report.description_published === 1,
    address: report.address,
    addressPublished: report.address_published === 1,
    geocodedAddress: report.geocoded_address,
    photos: photos.map((p) => ({ id: p.id, published: p.published === 1, removed: p.removed_at !== null, redacted: p.redacted_file !== null, width: p.width, height: p.height })),
  };
}

/** What access control needs to know about a report (server/staff/access.ts); undefined if there is none. */
export async function findReportScope(db: Db, reportId: number): Promise<ReportScope | undefined> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .select(['reports.department_id', 'categories.kind'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  return row && { departmentId: row.department_id, kind: row.kind };
}

/** A photo with the scope of its report, for the staff-only photo URLs. */
export async function findPhotoWithScope(db: Db, photoId: number): Promise<{ photo: Photo; scope: ReportScope } | undefined> {
  const row = await db
    .selectFrom('photos')
    .innerJoin('reports', 'reports.id', 'photos.report_id')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .selectAll('photos')
    .select(['reports.department_id', 'categories.kind'])
    .where('photos.id', '=', photoId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { department_id, kind, ...photo } = row;
  return { photo, scope: { departmentId: department_id, kind } };
}

/** One photo of one report; a photo of another report is treated as unknown. */
export function findPhotoOfReport(db: Db, reportId: number, photoId: number): Promise<Photo | undefined> {
  return db.selectFrom('photos').selectAll().where('id', '=', photoId).where('report_id', '=', reportId).executeTakeFirst();
}

/**
 * Publishes or hides the reporter's text (text_published / text_hidden). Returns whether anything
 * changed: doing what is already done writes no history row. A report without text has nothing to
 * publish (422).
 */
export async function setDescriptionPublished(db: Db, reportId: number, publish: boolean, now: string, actor: string): Promise<boolean> {
  const flag = publish ? 1 : 0;
  return inTransaction(db, async (trx) => {
    const report = await trx.selectFrom('reports').select(['description', 'description_published']).where('id', '=', reportId).executeTakeFirst();
    if (!report) throw new UserError(404, 'error.notFound');
    if (publish && !report.description) throw new UserError(422, 'staff.moderation.noText');
    if (report.description_published === flag) return false;
    await trx.updateTable('reports').set({ description_published: flag, updated_at: now }).where('id', '=', reportId).execute();
    await trx
      .insertInto('report_events')
      .values({ report_id: reportId, type: publish ? 'text_published' : 'text_hidden', public: 0, actor, created_at: now })
      .execute();
    return true;
  });
}

/**
 * Publishes or hides the address words the reporter typed (address_published / address_hidden), the
 * same way as the text: nothing changes twice, and words that are not there cannot be published (422).
 */
export async function setAddressPublished(db: Db, reportId: number, publish: boolean, now: string, actor: string): Promise<boolean> {
  const flag = publish ? 1 : 0;
  return inTransaction(db, async (trx) => {
    const report = await trx.selectFrom('reports').select(['address', 'address_published']).where('id', '=', reportId).executeTakeFirst();
    if (!report) throw new UserError(404, 'error.notFound');
    if (publish && !report.address) throw new UserError(422, 'staff.moderation.noAddressToPublish');
    if (report.address_published === flag) return false;
    await trx.updateTable('reports').set({ address_published: flag, updated_at: now }).where('id', '=', reportId).execute();
    await trx
      .insertInto('report_events')
      .values({ report_id: reportId, type: publish ? 'address_published' : 'address_hidden', public: 0, actor, created_at: now })
      .execute();
    return true;
  });
}

/**
 * Hides the whole report from the public, or shows it again (report_hidden / report_shown). Never a
 * deletion: staff keep seeing it, and every public query filters on reports.hidden.
 */
export async function setReportHidden(db: Db, reportId: number, hide: boolean, now: string, actor: string): Promise<boolean> {
  const flag = hide ? 1 : 0;
  return inTransaction(db, async (trx) => {
    const updated = await trx.updateTable('reports').set({ hidden: flag, updated_at: now }).where('id', '=', reportId).where('hidden', '<>', flag).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await trx
      .insertInto('report_events')
      .values({ report_id: reportId, type: hide ? 'report_hidden' : 'report_shown', public: 0, actor, created_at: now })
      .execute();
    return true;
  });
}
