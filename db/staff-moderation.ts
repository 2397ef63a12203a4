// What moderation needs to know about a report: its text, its photos and whether it is hidden.
import type { Db } from './connection.ts';

export interface ModerationState {
  reportId: number;
  hidden: boolean;
  description: string | null;
  descriptionPublished: boolean;
  photos: Array<{ id: number; published: boolean; removed: boolean; redacted: boolean; width: number; height: number }>;
}

export async function loadModerationState(db: Db, reportId: number): Promise<ModerationState> {
  const [report, photos] = await Promise.all([
    db.selectFrom('reports').select(['hidden', 'description', 'description_published']).where('id', '=', reportId).executeTakeFirstOrThrow(),
    db.selectFrom('photos').select(['id', 'published', 'removed_at', 'redacted_file', 'width', 'height']).where('report_id', '=', reportId).orderBy('id').execute(),
  ]);
  return {
    reportId,
    hidden: report.hidden === 1,
    description: report.description,
    descriptionPublished: report.description_published === 1,
    photos: photos.map((p) => ({ id: p.id, published: p.published === 1, removed: p.removed_at !== null, redacted: p.redacted_file !== null, width: p.width, height: p.height })),
  };
}
