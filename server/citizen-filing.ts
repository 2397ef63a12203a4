// Files a citizen's defect report: the report with its route, its private status link, and its
// photos, all in one transaction. Text and photos are public at once only where the category says so.
import { inTransaction } from '../db/connection.ts';
import { claimFormToken, deleteExpiredFormTokens, findFormTokenReport, type FiledByForm } from '../db/form-tokens.ts';
import type { Report } from '../db/schema.ts';
import type { AppContext } from './context.ts';
import type { Point } from '../domain/geo.ts';
import type { RoutingTable } from '../domain/routing.ts';
import { fileReport } from './filing.ts';
import { notifyDepartmentInBackground } from './notify/department.ts';
import { deletePhotoFiles, savePhotos, type PreparedPhoto } from './photos.ts';
import { hashToken } from './tokens.ts';

export interface CitizenReport {
  categoryId: number;
  point: Point;
  /** The words the reporter typed: public only with the description's rule (autoPublish) or by staff. */
  address: string | null;
  /** The place as the geocoder named it, when it found the typed address. */
  geocodedAddress: string | null;
  locationSource: 'map' | 'gps' | 'address' | 'district';
  description: string | null;
  photos: PreparedPhoto[];
  autoPublish: boolean;
  /** The table the location was checked with, so it is not loaded a second time. */
  routing: RoutingTable;
  /** The form's token: claimed in the filing transaction, so that one form files one report. */
  formToken: { hash: string; expiresAt: string };
  /** The private status link, derived from the form's token (statusTokenForForm). */
  statusToken: string;
}

export type FilingResult = { report: Report; statusToken: string } | { alreadyFiled: FiledByForm };

/** Thrown inside the transaction to undo the report when the form's token was claimed by another post. */
class TokenAlreadyUsed extends Error {}

export async function fileCitizenReport(ctx: AppContext, input: CitizenReport, now: string): Promise<FilingResult> {
  const { statusToken } = input;
  let written: string[] = [];
  // savePhotos removes its files when it fails itself; when a later step or the commit fails, the
  // files it wrote must go too, or they would stay without a report.
  const report = await inTransaction(ctx.db, async (trx) => {
    const { report } = await fileReport(
      trx,
      { categoryId: input.categoryId, lat: input.point.lat, lon: input.point.lon, address: input.address, locationSource: input.locationSource, description: input.description, source: 'web' },
      now,
      input.routing,
    );
    // Before any photo file is written: a post that loses the claim leaves nothing behind.
    await deleteExpiredFormTokens(trx, now);
    if (!(await claimFormToken(trx, { tokenHash: input.formToken.hash, reportId: report.id, expiresAt: input.formToken.expiresAt }))) throw new TokenAlreadyUsed();
    const published = input.autoPublish ? 1 : 0;
    await trx
      .updateTable('reports')
      .set({ status_token_hash: hashToken(statusToken), description_published: published, address_published: input.address ? published : 0, geocoded_address: input.geocodedAddress })
      .where('id', '=', report.id)
      .execute();
    written = (await savePhotos(trx, ctx.config.photoDir, report.id, input.photos, now)).map((p) => p.file);
    // Published with the report itself, so no separate photo_published event is written.
    if (input.autoPublish) await trx.updateTable('photos').set({ published: 1 }).where('report_id', '=', report.id).execute();
    return report;
  }).catch(async (err: unknown) => {
    await deletePhotoFiles(ctx.config.photoDir, written);
    if (err instanceof TokenAlreadyUsed) return null;
    throw err;
  });
  if (!report) {
    const first = await findFormTokenReport(ctx.db, input.formToken.hash);
    if (first === undefined) throw new Error('form token claimed, but its report is not found');
    return { alreadyFiled: first };
  }
  // After the commit, and not awaited: the citizen never waits for (or fails with) the department's mail.
  notifyDepartmentInBackground(ctx, report.id);
  return { report, statusToken };
}
