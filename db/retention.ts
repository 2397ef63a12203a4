// The retention job: the only code that deletes personal data. E-mail addresses go RETENTION_EMAIL_DAYS
// after a report was closed, photo files RETENTION_PHOTO_MONTHS after. A reopened report has
// closed_at null again and keeps everything until it is closed anew. The rows stay (with removed_at),
// so the history still shows that there was an address or a photo.
import { unlink } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Logger } from '../server/logger.ts';
import type { Db } from './connection.ts';

export interface RetentionOptions {
  now: Date;
  emailDays: number;
  photoMonths: number;
  photoDir: string;
  /** Problems deleting a file are logged here (photo id and error code only) and retried next run. */
  logger?: Logger;
}

export interface RetentionResult {
  emailsRemoved: number;
  photosRemoved: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar months in UTC; a day missing in the target month rolls over (31 August − 6 months = 3 March 2026). */
function monthsBefore(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Reports closed before the cutoff. Timestamps are ISO-8601 UTC text, so text order is time order. */
function closedBefore(db: Db, cutoff: Date) {
  return db.selectFrom('reports').select('id').where('closed_at', 'is not', null).where('closed_at', '<', cutoff.toISOString());
}

async function removeEmails(db: Db, cutoff: Date, now: string): Promise<number> {
  const result = await db
    .updateTable('subscriptions')
    .set({ email: null, removed_at: now })
    .where('email', 'is not', null)
    .where('report_id', 'in', closedBefore(db, cutoff))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The photo's path inside photoDir; null for a name that would lead outside it. */
function photoPath(photoDir: string, file: string): string | null {
  const root = resolve(photoDir);
  const path = resolve(root, file);
  return path.startsWith(root + sep) ? path : null;
}

async function deleteFile(path: string): Promise<'deleted' | 'missing'> {
  try {
    await unlink(path);
    return 'deleted';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
}

async function removePhotos(db: Db, options: RetentionOptions, cutoff: Date, now: string): Promise<number> {
  const photos = await db
    .selectFrom('photos')
    .select(['id', 'file', 'redacted_file'])
    .where('removed_at', 'is', null)
    .where('report_id', 'in', closedBefore(db, cutoff))
    .orderBy('id')
    .execute();
  let removed = 0;
  for (const photo of photos) {
    // The redacted copy goes with the original: it shows the same scene.
    const paths = [photo.file, photo.redacted_file].filter((f): f is string => f !== null).map((f) => photoPath(options.photoDir, f));
    try {
      if (paths.some((p) => !p)) throw Object.assign(new Error('photo file name leads outside PHOTO_DIR'), { code: 'EOUTSIDE' });
      // Files first, row second: if the process stops in between, the next run finds the row again
      // and a missing file is fine.
      for (const path of paths) await deleteFile(path!);
    } catch (err) {
      options.logger?.error('retention: photo file not deleted', { photo: photo.id, code: (err as NodeJS.ErrnoException).code ?? 'unknown' });
      continue;
    }
    await db.updateTable('photos').set({ removed_at: now }).where('id', '=', photo.id).execute();
    removed++;
  }
  return removed;
}

export async function runRetention(db: Db, options: RetentionOptions): Promise<RetentionResult> {
  const now = options.now.toISOString();
  const emailsRemoved = await removeEmails(db, new Date(options.now.getTime() - options.emailDays * DAY_MS), now);
  const photosRemoved = await removePhotos(db, options, monthsBefore(options.now, options.photoMonths), now);
  return { emailsRemoved, photosRemoved };
}
