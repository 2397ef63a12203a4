// The public map and list of reports: /karte (filters, and the map for JavaScript users), /karte/liste
// (the same as a list with pages, no JavaScript needed) and /karte.geojson (what the map draws).
// Public are reports that are not hidden and are open or were closed in the last 30 days.
import { Hono, type Context } from 'hono';
import { findPublicReport } from '../../db/citizen-reports.ts';
import { findDistrictForDrawing, loadCityBoundaryForDrawing } from '../../db/districts.ts';
import { listPublicFilterChoices, listPublicMapPoints, listPublicReportsPage, type PublicReportFilter } from '../../db/public-reports.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { bboxOf, type BBox } from '../../domain/geo.ts';
import { isReportState, open311Status, stateLabel } from '../../domain/states.ts';
import type { MessageKey } from '../i18n/index.ts';
import { MapListPage } from '../views/map-list.tsx';
import { MapPage } from '../views/map-page.tsx';
import type { MapFilterValues } from '../views/map-filters.tsx';
import { pageFor } from '../views/page.ts';
import { catalogueText } from '../i18n/catalogue.ts';

/** Closed reports stay on the map this long, so people see that something was done. */
const CLOSED_VISIBLE_DAYS = 30;
/** Features per map request: enough for a district at any zoom; a city-wide view says it is cut. */
export const MAP_FEATURE_LIMIT = 5000;
export const LIST_PAGE_SIZE = 25;
/** Roughly the middle of Mainz, for a database without a city boundary. */
const FALLBACK_CENTER = { lat: 49.9929, lon: 8.2473 };

/** `minLon,minLat,maxLon,maxLat` in WGS 84 degrees, west before east and south before north. */
export function parseBbox(raw: string): BBox {
  const parts = raw.split(',');
  const numbers = parts.map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : NaN));
  const [minLon, minLat, maxLon, maxLat] = numbers as [number, number, number, number];
  const ok =
    numbers.length === 4 &&
    numbers.every(Number.isFinite) &&
    minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90 &&
    minLon <= maxLon && minLat <= maxLat;
  if (!ok) throw new UserError(400, 'error.badBbox');
  return { minLon, minLat, maxLon, maxLat };
}

function badFilter(filter: MessageKey, value: string): never {
  throw new UserError(400, 'error.badFilter', { filter: { key: filter }, value });
}

export function mapRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  /** Reads category, state and district from the query; an unknown value is a 400 naming it. */
  async function readFilters(c: Context<AppEnv>) {
    const choices = await listPublicFilterChoices(ctx.db);
    const category = c.req.query('category') || undefined;
    const state = c.req.query('state') || undefined;
    const district = c.req.query('district') || undefined;
    const categoryRow = category === undefined ? undefined : choices.categories.find((x) => x.slug === category) ?? badFilter('map.category', category);
    const districtRow = district === undefined ? undefined : choices.districts.find((x) => x.name === district) ?? badFilter('map.district', district);
    if (state !== undefined && state !== 'open' && state !== 'closed') badFilter('map.state', state);
    const values: MapFilterValues = { category, state, district };
    const closedSince = new Date(ctx.clock.now().getTime() - CLOSED_VISIBLE_DAYS * 86_400_000).toISOString();
    const filter: PublicReportFilter = { closedSince, categoryId: categoryRow?.id, districtId: districtRow?.id, stateGroup: state };
    return { values, filter, choices };
  }

  app.get('/karte', async (c) => {
    const { values, choices } = await readFilters(c);
    // The map's extent: the simplified boundary is exact enough and far smaller to read.
    const boundary = await loadCityBoundaryForDrawing(ctx.db);
    const bounds = boundary ? bboxOf(boundary.geometry) : null;
    const center = bounds ? { lat: (bounds.minLat + bounds.maxLat) / 2, lon: (bounds.minLon + bounds.maxLon) / 2 } : FALLBACK_CENTER;
    // ?report=N (from a report page's "Auf der Karte zeigen"): open on that report, its place in words.
    const rawReport = c.req.query('report');
    let focus;
    if (rawReport !== undefined) {
      const report = /^[1-9]\d{0,9}$/.test(rawReport) ? await findPublicReport(ctx.db, Number(rawReport)) : undefined;
      if (!report) throw new UserError(404, 'report.notFound');
      focus = { report, district: report.district ? await findDistrictForDrawing(ctx.db, report.district) : undefined };
    }
    // Only this page's CSP lets images come from the tile server.
    c.set('mapPage', true);
    return c.html(<MapPage page={pageFor(c)} data={{ values, choices, center, bounds, config: ctx.config, focus }} />);
  });

  app.get('/karte/liste', async (c) => {
    const { values, filter, choices } = await readFilters(c);
    const rawPage = c.req.query('seite') ?? '1';
    if (!/^[1-9]\d{0,5}$/.test(rawPage)) throw new UserError(400, 'error.badPage');
    const pageNumber = Number(rawPage);
    const { entries, total } = await listPublicReportsPage(ctx.db, filter, { offset: (pageNumber - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
    return c.html(<MapListPage page={pageFor(c)} data={{ values, choices, entries, total, pageNumber, pages }} />);
  });

  app.get('/karte.geojson', async (c) => {
    const rawBox = c.req.query('bbox');
    const box = rawBox === undefined ? undefined : parseBbox(rawBox);
    const { filter } = await readFilters(c);
    const t = c.get('t');
    const lang = c.get('lang');
    const { points, truncated } = await listPublicMapPoints(ctx.db, { ...filter, box }, MAP_FEATURE_LIMIT);
    const labels = new Map<string, string>();
    const labelOf = (state: string) => {
      if (!labels.has(state)) {
        const label = stateLabel(state);
        labels.set(state, typeof label === 'object' ? t(label.key) : String(label));
      }
      return labels.get(state)!;
    };
    const features = points.map((p) => {
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: {
          id: p.id,
          category: catalogueText(lang, p.name_de, p.name_en),
          state: p.state,
          stateLabel: labelOf(p.state),
          // open/closed as Open311 says it, so the script can colour markers without its own list of states.
          status: isReportState(p.state) ? open311Status(p.state) : 'closed',
          createdAt: p.created_at,
        },
      };
    });
    // Public and changing slowly: a minute of caching spares the database when many people look.
    c.header('Cache-Control', 'public, max-age=60');
    c.header('Content-Type', 'application/geo+json; charset=utf-8');
    return c.body(JSON.stringify({ type: 'FeatureCollection', limit: MAP_FEATURE_LIMIT, truncated, features }));
  });

  return app;
}
