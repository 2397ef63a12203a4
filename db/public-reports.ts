// What the public may see of reports: the map, the list and their filters. Everything that leaves
// this module is free of personal data by construction: no e-mail (subscriptions are never joined),
// no internal notes (events are never read), and a description or typed address only where staff (or
// the category) published it.
import { sql, type ExpressionBuilder } from 'kysely';
import type { BBox } from '../domain/geo.ts';
import { CLOSED_STATES, OPEN_STATES } from '../domain/states.ts';
import type { Db } from './connection.ts';
import type { Database } from './schema.ts';

export interface PublicReportFilter {
  /** Closed reports count as public when they were closed at or after this ISO instant. */
  closedSince: string;
  categoryId?: number;
  stateGroup?: 'open' | 'closed';
  districtId?: number;
  box?: BBox;
  /** Set by listPublicMapPoints: read the table rather than the reports_map index. */
  scanWideBox?: boolean;
}

type Eb = ExpressionBuilder<Database, 'reports'>;

/**
 * The place in words as the public may read it, decided in SQL so that unpublished words never reach
 * a view: the words the reporter typed once published (the category publishes automatically, or
 * staff did), otherwise the geocoder's name for the place (from its map data, not from the reporter),
 * otherwise nothing (the page names the district).
 */
export function publicAddress(eb: Eb) {
  return eb.case().when('reports.address_published', '=', 1).then(eb.ref('reports.address')).else(eb.ref('reports.geocoded_address')).end();
}

/**
 * Not hidden; open, or closed recently. The state lists come from server/domain/states.ts, the one
 * place that knows them.
 */
function isPublic(eb: Eb, f: PublicReportFilter) {
  const open = eb('reports.state', 'in', [...OPEN_STATES]);
  // The closed part is a range of recent closing times (reports_closed_recently, migration 014). The
  // state behind a unary plus: as a term of its own SQLite would read every closed report by state.
  const closedState = sql<string>`+${sql.ref('reports.state')}`;
  const closed = eb.and([eb(closedState, 'in', [...CLOSED_STATES]), eb('reports.closed_at', '>=', f.closedSince)]);
  const state = f.stateGroup === 'open' ? open : f.stateGroup === 'closed' ? closed : eb.or([open, closed]);
  const conditions = [eb('reports.hidden', '=', 0), state];
  if (f.categoryId !== undefined) conditions.push(eb('reports.category_id', '=', f.categoryId));
  if (f.districtId !== undefined) conditions.push(eb('reports.district_id', '=', f.districtId));
  if (f.box) {
    // The reports_map index is (lat, lon): the lat range is searched in it, lon checked in it. A unary
    // plus (valid on SQLite and PostgreSQL) keeps the planner from using it for a wide box, see below.
    const lat = f.scanWideBox ? sql<number>`+${sql.ref('reports.lat')}` : sql.ref<number>('reports.lat');
    conditions.push(eb(lat, '>=', f.box.minLat), eb(lat, '<=', f.box.maxLat));
    conditions.push(eb('reports.lon', '>=', f.box.minLon), eb('reports.lon', '<=', f.box.maxLon));
  }
  return eb.and(conditions);
}

/**
 * Whether a box covers so much of the reports' latitude span that reading the whole table beats the
 * reports_map index. The index costs a random row lookup per report in the box, about four times a
 * row of a plain scan; without ANALYZE statistics SQLite takes the index for any range (measured with
 * 100,000 reports: 155 ms through the index, 41 ms scanning, for a city-wide box). min and max of
 * the first column of an index are two index lookups.
 */
async function isWideBox(db: Db, box: BBox): Promise<boolean> {
  const span = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('reports').select((e) => e.fn.min('lat').as('v')).as('lo'),
      eb.selectFrom('reports').select((e) => e.fn.max('lat').as('v')).as('hi'),
    ])
    .executeTakeFirst();
  const lo = Number(span?.lo);
  const hi = Number(span?.hi);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return false;
  const covered = Math.min(hi, box.maxLat) - Math.max(lo, box.minLat);
  return covered / (hi - lo) > WIDE_BOX_SHARE;
}

/** Above this share of the latitude span a table scan is cheaper than the index (see isWideBox). */
const WIDE_BOX_SHARE = 0.25;

/**
 * Newest first, with created_at behind a unary plus: public reports are a few percent of all, found by
 * state and closing time (isPublic); ordered through reports_created, SQLite would walk every report
 * ever filed instead (issue 10, defect 12). Sorting the few thousand found costs less.
 */
const newestFirst = sql<string>`+${sql.ref('reports.created_at')}`;

export interface MapPoint {
  id: number;
  lat: number;
  lon: number;
  state: string;
  created_at: string;
  name_de: string;
  name_en: string;
}

/**
 * The newest public reports in a box, at most `limit`. One more row is read than asked for, so the
 * caller can say whether the map shows everything.
 */
export async function listPublicMapPoints(db: Db, filter: PublicReportFilter, limit: number): Promise<{ points: MapPoint[]; truncated: boolean }> {
  if (filter.box) filter = { ...filter, scanWideBox: await isWideBox(db, filter.box) };
  const rows = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .select(['reports.id', 'reports.lat', 'reports.lon', 'reports.state', 'reports.created_at', 'categories.name_de', 'categories.name_en'])
    .where((eb) => isPublic(eb, filter))
    .orderBy(newestFirst, 'desc')
    .orderBy('reports.id', 'desc')
    .limit(limit + 1)
    .execute();
  return { points: rows.slice(0, limit), truncated: rows.length > limit };
}

export interface PublicListEntry {
  id: number;
  state: string;
  created_at: string;
  /** The typed words once published, else the geocoder's name for the place (publicAddress). */
  address: string | null;
  /** Null unless staff published the text. */
  description: string | null;
  name_de: string;
  name_en: string;
  district_name: string | null;
}

export async function countPublicReports(db: Db, filter: PublicReportFilter): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => isPublic(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of the public list, newest first, and how many there are in all: counted in the same
 * query (a window over the filtered rows), so that the table is read once, not twice.
 */
export async function listPublicReportsPage(
  db: Db,
  filter: PublicReportFilter,
  page: { offset: number; limit: number },
): Promise<{ entries: PublicListEntry[]; total: number }> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .leftJoin('districts', 'districts.id', 'reports.district_id')
    .select(['reports.id', 'reports.state', 'reports.created_at', 'categories.name_de', 'categories.name_en', 'districts.name as district_name'])
    .select((eb) => publicAddress(eb).as('address'))
    // The unpublished text is decided here, in SQL, so it never reaches a view that could show it.
    .select((eb) => eb.case().when('reports.description_published', '=', 1).then(eb.ref('reports.description')).else(null).end().as('description'))
    .select((eb) => eb.fn.countAll<number>().over().as('total'))
    .where((eb) => isPublic(eb, filter))
    .orderBy(newestFirst, 'desc')
    .orderBy('reports.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  // A page past the end has no row to carry the count.
  const total = rows[0] ? Number(rows[0].total) : page.offset === 0 ? 0 : await countPublicReports(db, filter);
  return { entries: rows.map(({ total: _total, ...entry }) => entry), total };
}

/** The choices of the filter form: active categories in their order, active districts by name. */
export async function listPublicFilterChoices(db: Db) {
  const [categories, districts] = await Promise.all([
    db.selectFrom('categories').select(['id', 'slug', 'name_de', 'name_en']).where('active', '=', 1).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('districts').select(['id', 'name']).where('active', '=', 1).orderBy('name').execute(),
  ]);
  return { categories, districts };
}
