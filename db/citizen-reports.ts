// Reports as citizens see them: nearby open reports ("Schon gemeldet?"), the private status link, the
// public page, "Ich auch" and "Immer noch nicht behoben?". Nothing here returns personal data.
import { boxAround, distanceMeters, type Point } from '../domain/geo.ts';
import { CLOSED_STATES, OPEN_STATES } from '../domain/states.ts';
import { inTransaction, type Db } from './connection.ts';
import { publicAddress } from './public-reports.ts';

export interface NearbyReport {
  id: number;
  distance: number;
  createdAt: string;
  supportCount: number;
  description: string | null;
  /** The place in words as the public may see it (publicAddress), so the citizen can tell them apart. */
  address: string | null;
}

/**
 * Open, visible reports of one category within `radius` metres, nearest first. Reports placed only at
 * their district's centre are left out: their distance to anything says nothing (issue 11, point 2).
 */
export async function findNearbyOpenReports(db: Db, categoryId: number, point: Point, radius: number, limit = 5): Promise<NearbyReport[]> {
  const box = boxAround(point, radius);
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'lat', 'lon', 'created_at', 'support_count', 'description', 'description_published'])
    .select((eb) => publicAddress(eb).as('address'))
    .where('category_id', '=', categoryId)
    .where('location_source', '!=', 'district')
    .where('hidden', '=', 0)
    .where('state', 'in', OPEN_STATES)
    .where('lat', '>=', box.minLat)
    .where('lat', '<=', box.maxLat)
    .where('lon', '>=', box.minLon)
    .where('lon', '<=', box.maxLon)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      distance: distanceMeters(point, { lat: r.lat, lon: r.lon }),
      createdAt: r.created_at,
      supportCount: r.support_count,
      description: r.description_published ? r.description : null,
      address: r.address,
    }))
    .filter((r) => r.distance <= radius)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit);
}

export interface PublicReport {
  id: number;
  state: string;
  categoryId: number;
  categoryDe: string;
  categoryEn: string;
  district: string | null;
  /** The typed words once published, else the geocoder's name for the place, else null (see publicAddress). */
  address: string | null;
  lat: number;
  lon: number;
  locationSource: string;
  description: string | null;
  /** The reporter's text and photos are public (staff looked at them, or the category publishes at once). */
  textPublished: boolean;
  supportCount: number;
  createdAt: string;
  closedAt: string | null;
  reopenRequestedAt: string | null;
}

function publicReportQuery(db: Db) {
  return db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .leftJoin('districts', 'districts.id', 'reports.district_id')
    .select([
      'reports.id',
      'reports.state',
      'reports.category_id',
      'categories.name_de',
      'categories.name_en',
      'districts.name as district',
      'reports.lat',
      'reports.lon',
      'reports.location_source',
      'reports.description',
      'reports.description_published',
      'reports.support_count',
      'reports.created_at',
      'reports.closed_at',
      'reports.reopen_requested_at',
    ])
    .select((eb) => publicAddress(eb).as('address'))
    .where('reports.hidden', '=', 0);
}

type PublicRow = Awaited<ReturnType<ReturnType<typeof publicReportQuery>['executeTakeFirstOrThrow']>>;

/** `ownText`: the reporter's private link shows their own text even before it is published. */
function toPublicReport(r: PublicRow, ownText: boolean): PublicReport {
  return {
    id: r.id,
    state: r.state,
    categoryId: r.category_id,
    categoryDe: r.name_de,
    categoryEn: r.name_en,
    district: r.district,
    address: r.address,
    lat: r.lat,
    lon: r.lon,
    locationSource: r.location_source,
    description: r.description_published || ownText ? r.description : null,
    textPublished: r.description_published === 1,
    supportCount: r.support_count,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    reopenRequestedAt: r.reopen_requested_at,
  };
}

export async function findPublicReport(db: Db, id: number): Promise<PublicReport | undefined> {
  const row = await publicReportQuery(db).where('reports.id', '=', id).executeTakeFirst();
  return row && toPublicReport(row, false);
}

export async function findReportByStatusToken(db: Db, tokenHash: string): Promise<PublicReport | undefined> {
  const row = await publicReportQuery(db).where('reports.status_token_hash', '=', tokenHash).executeTakeFirst();
  return row && toPublicReport(row, true);
}

export interface PublicAnswer {
  at: string;
  body: string;
  toState: string | null;
}

/** The answers staff published, oldest first. Internal notes (public = 0) never appear. */
export async function listPublicAnswers(db: Db, reportId: number): Promise<PublicAnswer[]> {
  const rows = await db
    .selectFrom('report_events')
    .select(['created_at', 'body', 'to_state'])
    .where('report_id', '=', reportId)
    .where('public', '=', 1)
    .where('body', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: r.created_at, body: r.body!, toState: r.to_state }));
}

/** "Ich auch": one more person has the same problem; counted like a further bin press. */
export async function supportReport(db: Db, reportId: number, now: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('reports')
      .set((eb) => ({ support_count: eb('support_count', '+', 1), updated_at: now }))
      .where('id', '=', reportId)
      .where('hidden', '=', 0)
      .where('state', 'in', OPEN_STATES)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await trx.insertInto('report_events').values({ report_id: reportId, type: 'supported', created_at: now }).execute();
    return true;
  });
}

/**
 * "Immer noch nicht behoben?": staff decide; the first request since the closing counts. A later one
 * finds it pending; that is told apart from a report that is not closed in the same transaction, so a
 * request that a parallel one beat to it is not mistaken for one about an open report.
 */
export async function requestReopen(db: Db, reportId: number, now: string): Promise<'requested' | 'pending' | 'not-closed'> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('reports')
      .set({ reopen_requested_at: now })
      .where('id', '=', reportId)
      .where('hidden', '=', 0)
      .where('state', 'in', CLOSED_STATES)
      .where('reopen_requested_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) {
      await trx.insertInto('report_events').values({ report_id: reportId, type: 'reopen_requested', created_at: now }).execute();
      return 'requested';
    }
    const closed = await trx.selectFrom('reports').select('reopen_requested_at').where('id', '=', reportId).where('hidden', '=', 0).where('state', 'in', CLOSED_STATES).executeTakeFirst();
    return closed?.reopen_requested_at ? 'pending' : 'not-closed';
  });
}
