// Reports for the open-data exports: every report that is not hidden, whatever its age, without
// personal data. Read in chunks by id, so an export of the whole city never holds the one SQLite
// connection (and with it every other request) for the length of a download.
import type { Db } from './connection.ts';

export interface OpenDataReport {
  id: number;
  slug: string;
  name_de: string;
  name_en: string;
  state: string;
  district_name: string | null;
  lat: number;
  lon: number;
  created_at: string;
  closed_at: string | null;
  /** Null unless staff published the text. */
  description: string | null;
}

/** The next `limit` published reports with an id above `afterId`, in id order. */
export function listOpenDataReportsAfter(db: Db, afterId: number, limit: number): Promise<OpenDataReport[]> {
  return db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .leftJoin('districts', 'districts.id', 'reports.district_id')
    .select([
      'reports.id',
      'categories.slug',
      'categories.name_de',
      'categories.name_en',
      'reports.state',
      'districts.name as district_name',
      'reports.lat',
      'reports.lon',
      'reports.created_at',
      'reports.closed_at',
    ])
    .select((eb) => eb.case().when('reports.description_published', '=', 1).then(eb.ref('reports.description')).else(null).end().as('description'))
    .where('reports.hidden', '=', 0)
    .where('reports.id', '>', afterId)
    .orderBy('reports.id')
    .limit(limit)
    .execute();
}
