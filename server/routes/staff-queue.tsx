// Back office: the queue of reports (list, map, GeoJSON, CSV), the central triage desk and the
// escalation list. Everything here is behind the /intern guard (server/routes/staff.tsx); this file
// adds who may open what: crews have their own page, staff see their departments only, the central
// desk is for admin and dispatcher.
import { Hono, type Context } from 'hono';
import { loadCityBoundaryForDrawing } from '../../db/districts.ts';
import { listCentralTriage, listOverdueByDepartment } from '../../db/staff-queue-desk.ts';
import { countQueueByState, listQueuePage, listQueueRows, loadQueueCatalogue, type QueueCatalogueRows, type QueueDbFilter } from '../../db/staff-queue.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { bboxOf } from '../../domain/geo.ts';
import { QUEUE_PAGE_SIZE, parseQueueQuery, statesToCount, type QueueFilterValues, type QueueSelection } from '../../domain/queue-filter.ts';
import { STATES, isReportState, open311Status } from '../../domain/states.ts';
import { seesAllDepartments, type StaffUser } from '../staff/access.ts';
import { pageFor } from '../views/page.ts';
import { formatState } from '../views/staff.tsx';
import { queueCsv } from '../views/staff/queue-csv.ts';
import { OverduePage, TriagePage } from '../views/staff/queue-desk.tsx';
import { QueueMapPage } from '../views/staff/queue-map-page.tsx';
import { QueuePage, type QueueListData } from '../views/staff/queue-page.tsx';
import { categoryName, isOverdue } from '../views/staff/queue-table.tsx';
import { parseBbox } from './map.tsx';

/** Features per GeoJSON answer: a district's open reports at any zoom, without a slow page. */
export const QUEUE_MAP_LIMIT = 2000;
/** Rows per CSV file: every open report of the city fits; more must be narrowed first. */
export const QUEUE_CSV_LIMIT = 20_000;
/** A closed state is counted up to this many; beyond, the page says "more than". */
export const CLOSED_COUNT_CAP = 10_000;
/** Rows per department on the escalation list; the queue link shows the rest. */
const OVERDUE_PER_DEPARTMENT = 20;
const FALLBACK_CENTER = { lat: 49.9929, lon: 8.2473 };
const DAY_MS = 86_400_000;

/** Office roles only: a crew has /intern/kolonne. */
function officeSession(c: Context<AppEnv>) {
  const session = c.get('staffSession')!;
  if (session.user.role === 'crew') throw new UserError(403, 'staff.forbidden');
  return session;
}

function departmentsFor(user: StaffUser, catalogue: QueueCatalogueRows) {
  return seesAllDepartments(user) ? catalogue.departments : catalogue.departments.filter((d) => user.departmentIds.includes(d.id));
}

interface ReadSelection {
  values: QueueFilterValues;
  catalogue: QueueCatalogueRows;
  errors: ReturnType<typeof parseQueueQuery>['errors'];
  selection: QueueSelection | null;
  /** null when the selection is invalid. */
  filter: QueueDbFilter | null;
}

export function staffQueueRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  /** Parses and checks the query; a department the user is not in is a 403, a bad value a field error. */
  async function readSelection(c: Context<AppEnv>, user: StaffUser): Promise<ReadSelection> {
    const catalogue = await loadQueueCatalogue(ctx.db);
    const parsed = parseQueueQuery(new URL(c.req.url).searchParams, {
      categories: catalogue.categories.map((x) => x.slug),
      districts: catalogue.districts.map((x) => x.name),
      departments: catalogue.departments.map((x) => x.slug),
    });
    const { values, selection, errors } = parsed;
    if (!selection) return { values, catalogue, errors, selection: null, filter: null };
    const now = ctx.clock.now();
    const department = selection.departmentSlug === undefined ? undefined : catalogue.departments.find((d) => d.slug === selection.departmentSlug)!;
    if (department && !seesAllDepartments(user) && !user.departmentIds.includes(department.id)) {
      throw new UserError(403, 'staff.queue.forbiddenDepartment', { name: department.name });
    }
    const filter: QueueDbFilter = {
      departmentIds: department ? [department.id] : seesAllDepartments(user) ? 'all' : user.departmentIds,
      states: selection.states,
      categoryId: selection.categorySlug === undefined ? undefined : catalogue.categories.find((x) => x.slug === selection.categorySlug)!.id,
      districtId: selection.districtName === undefined ? undefined : catalogue.districts.find((x) => x.name === selection.districtName)!.id,
      source: selection.source,
      createdBefore: selection.olderThanDays === undefined ? undefined : new Date(now.getTime() - selection.olderThanDays * DAY_MS).toISOString(),
      dueBefore: selection.overdueOnly ? now.toISOString() : undefined,
      assignedStaffId: selection.mine ? user.id : undefined,
      priority: selection.priority,
    };
    return { values, catalogue, errors: [], selection, filter };
  }

  /** Counts per state (closed ones only where asked for, and only up to a cap), the total, the page. */
  async function queueResult(selection: QueueSelection, filter: QueueDbFilter, limit: number) {
    const counted = await countQueueByState(ctx.db, { ...filter, states: statesToCount(selection) }, CLOSED_COUNT_CAP);
    const selected = selection.states.map((s) => counted.get(s) ?? { count: 0, capped: false });
    const total = selected.reduce((sum, c) => sum + c.count, 0);
    const capped = selected.some((c) => c.capped);
    const offset = (selection.page - 1) * QUEUE_PAGE_SIZE;
    // With a capped count the last page is unknown: one row more tells whether there is a next one.
    const rows = capped || offset < total ? await listQueuePage(ctx.db, filter, selection.sort, offset, capped ? limit + 1 : limit) : [];
    const hasNext = capped ? rows.length > limit : offset + limit < total;
    const pages = capped ? null : Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
    const counts = STATES.map((state) => ({ state, count: counted.get(state)?.count ?? null, capped: counted.get(state)?.capped ?? false }));
    return { selection, counts, total, capped, pages, hasNext, rows: rows.slice(0, limit) };
  }

  async function listData(c: Context<AppEnv>, limit: number): Promise<{ data: QueueListData; status: 200 | 422 }> {
    const session = officeSession(c);
    const { user } = session;
    const read = await readSelection(c, user);
    const base = {
      user,
      csrfToken: session.csrfToken,
      values: read.values,
      errors: read.errors,
      catalogue: read.catalogue,
      departments: departmentsFor(user, read.catalogue),
      allDepartments: seesAllDepartments(user),
      now: ctx.clock.now(),
    };
    if (!read.selection || !read.filter) return { data: { ...base, result: null }, status: 422 };
    return { data: { ...base, result: await queueResult(read.selection, read.filter, limit) }, status: 200 };
  }

  app.get('/intern/meldungen', async (c) => {
    const { data, status } = await listData(c, QUEUE_PAGE_SIZE);
    // A colleague who forwarded a report out of their own departments lands here (staff-report-routing.tsx).
    const forwarded = c.req.query('weitergeleitet');
    return c.html(<QueuePage page={pageFor(c)} data={data} forwarded={forwarded && /^[0-9]{1,12}$/.test(forwarded) ? Number(forwarded) : null} />, status);
  });

  app.get('/intern/meldungen/karte', async (c) => {
    // Without JavaScript the map page lists the first page of the selection.
    const { data, status } = await listData(c, QUEUE_PAGE_SIZE);
    // The map's extent: the simplified boundary is exact enough and far smaller to read.
    const boundary = await loadCityBoundaryForDrawing(ctx.db);
    const bounds = boundary ? bboxOf(boundary.geometry) : null;
    const center = bounds ? { lat: (bounds.minLat + bounds.maxLat) / 2, lon: (bounds.minLon + bounds.maxLon) / 2 } : FALLBACK_CENTER;
    // Only a map page's CSP lets images come from the tile server.
    c.set('mapPage', true);
    return c.html(<QueueMapPage page={pageFor(c)} data={{ ...data, center, bounds, config: ctx.config, featureLimit: QUEUE_MAP_LIMIT }} />, status);
  });

  /** For the data formats: the first invalid value as the error (no form to show the others at). */
  async function validSelection(c: Context<AppEnv>) {
    const { user } = officeSession(c);
    const read = await readSelection(c, user);
    if (!read.selection || !read.filter) {
      const first = read.errors[0]!;
      throw new UserError(422, first.key, first.params);
    }
    return { selection: read.selection, filter: read.filter };
  }

  app.get('/intern/meldungen.geojson', async (c) => {
    const { selection, filter } = await validSelection(c);
    const rawBox = c.req.query('bbox');
    let box: QueueDbFilter['box'];
    if (rawBox !== undefined) {
      try {
        box = parseBbox(rawBox);
      } catch {
        throw new UserError(422, 'staff.queue.error.bbox');
      }
    }
    const page = pageFor(c);
    // One more than the limit tells whether the selection was cut.
    const rows = await listQueueRows(ctx.db, { ...filter, box }, selection.sort, QUEUE_MAP_LIMIT + 1);
    const now = ctx.clock.now();
    const features = rows.slice(0, QUEUE_MAP_LIMIT).map((r) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
      properties: {
        id: r.id,
        category: categoryName(page, r),
        state: r.state,
        stateLabel: formatState(page, r.state),
        // open/closed as Open311 says it: web/map.js colours markers by it.
        status: isReportState(r.state) ? open311Status(r.state) : 'closed',
        createdAt: r.created_at,
        dueAt: r.due_at,
        overdue: isOverdue(r, now),
        priority: r.priority,
      },
    }));
    c.header('Content-Type', 'application/geo+json; charset=utf-8');
    return c.body(JSON.stringify({ type: 'FeatureCollection', limit: QUEUE_MAP_LIMIT, truncated: rows.length > QUEUE_MAP_LIMIT, features }));
  });

  app.get('/intern/meldungen.csv', async (c) => {
    const { selection, filter } = await validSelection(c);
    // Counting stops just above the limit: a larger selection is refused, however large it is.
    const counted = [...(await countQueueByState(ctx.db, filter, QUEUE_CSV_LIMIT)).values()];
    const total = counted.reduce((sum, c) => sum + c.count, 0);
    if (total > QUEUE_CSV_LIMIT || counted.some((c) => c.capped)) throw new UserError(422, 'staff.queue.csvTooMany', { limit: QUEUE_CSV_LIMIT });
    const page = pageFor(c);
    const rows = await listQueueRows(ctx.db, filter, selection.sort, QUEUE_CSV_LIMIT);
    const now = ctx.clock.now();
    const day = now.toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${page.t('staff.queue.csv.filename')}-${day}.csv"`);
    return c.body(queueCsv(page, rows, now));
  });

  app.get('/intern/zentrale', async (c) => {
    const session = c.get('staffSession')!;
    if (!seesAllDepartments(session.user)) throw new UserError(403, 'staff.forbidden');
    const rawPage = c.req.query('seite') ?? '1';
    if (!/^[1-9]\d{0,5}$/.test(rawPage)) throw new UserError(422, 'staff.queue.error.page', { value: rawPage });
    const pageNumber = Number(rawPage);
    const { rows, total } = await listCentralTriage(ctx.db, (pageNumber - 1) * QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
    return c.html(<TriagePage page={pageFor(c)} data={{ user: session.user, csrfToken: session.csrfToken, now: ctx.clock.now(), rows, total, pageNumber, pages }} />);
  });

  app.get('/intern/ueberfaellig', async (c) => {
    const session = officeSession(c);
    const { user } = session;
    const now = ctx.clock.now();
    const departments = await listOverdueByDepartment(ctx.db, seesAllDepartments(user) ? 'all' : user.departmentIds, now.toISOString(), OVERDUE_PER_DEPARTMENT);
    return c.html(<OverduePage page={pageFor(c)} data={{ user, csrfToken: session.csrfToken, now, departments }} />);
  });

  return app;
}
