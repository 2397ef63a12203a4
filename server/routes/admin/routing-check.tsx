// /intern/verwaltung/zustaendigkeit/pruefen: "which department gets a report here?". A GET form
// (it changes nothing): a category and a point, typed or set on the map, optionally a bin code; the
// answer is what routeReport says, with the reason. web/staff-admin.js loads the answer in place.
import { Hono } from 'hono';
import { listAllCategories } from '../../../db/admin-categories.ts';
import { findBinByCode } from '../../../db/bins.ts';
import { listDepartments } from '../../../db/departments.ts';
import { loadCityBoundaryForDrawing } from '../../../db/districts.ts';
import { loadRoutingTable } from '../../../db/routing.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { parseCoordinate } from '../../../domain/coordinates.ts';
import { UserError } from '../../../domain/errors.ts';
import { bboxOf, labelPoint, type Point } from '../../../domain/geo.ts';
import { routeReport } from '../../../domain/routing.ts';
import { pageFor } from '../../views/page.ts';
import { RoutingCheckPage, type RoutingAnswer, type RoutingCheckValues } from '../../views/staff/admin/routing-check.tsx';
import type { Problems } from './form.ts';

const PATH = '/intern/verwaltung/zustaendigkeit/pruefen';
/** Roughly the middle of Mainz, for a database without a city boundary. */
const FALLBACK_CENTER: Point = { lat: 49.9929, lon: 8.2473 };

export function routingCheckRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get(PATH, async (c) => {
    c.set('mapPage', true);
    const session = c.get('staffSession')!;
    // The boundary only places the map here (routing below reads the exact one).
    const [categories, departments, boundary] = await Promise.all([listAllCategories(ctx.db), listDepartments(ctx.db), loadCityBoundaryForDrawing(ctx.db)]);
    const values: RoutingCheckValues = { category: c.req.query('kategorie') ?? '', lat: (c.req.query('lat') ?? '').trim(), lon: (c.req.query('lon') ?? '').trim(), bin: (c.req.query('papierkorb') ?? '').trim().toUpperCase() };
    const asked = c.req.query('kategorie') !== undefined;
    const problems: Problems = {};
    let answer: RoutingAnswer | null = null;

    if (asked) {
      const category = categories.find((x) => String(x.id) === values.category);
      if (!category) problems['kategorie'] = { key: 'staff.admin.routing.categoryMissing' };
      let point: Point | null = null;
      let binCode: string | null = null;
      let binDepartmentId: number | null = null;
      if (values.bin) {
        const bin = await findBinByCode(ctx.db, values.bin);
        if (!bin) problems['papierkorb'] = { key: 'staff.admin.check.binUnknown', params: { code: values.bin } };
        else {
          // A bin report is filed at the bin, wherever the person stands.
          point = { lat: bin.lat, lon: bin.lon };
          binCode = bin.code;
          binDepartmentId = bin.department_id;
        }
      } else {
        const lat = parseCoordinate(values.lat, 'lat');
        const lon = parseCoordinate(values.lon, 'lon');
        if (lat === null) problems['lat'] = { key: values.lat ? 'staff.admin.check.latInvalid' : 'staff.admin.check.pointMissing' };
        if (lon === null) problems['lon'] = { key: values.lon ? 'staff.admin.check.lonInvalid' : 'staff.admin.check.pointMissing' };
        if (lat !== null && lon !== null) point = { lat, lon };
      }
      if (category && point) {
        const table = await loadRoutingTable(ctx.db);
        try {
          const route = routeReport({ category: { id: category.id, defaultDepartmentId: category.default_department_id }, point, bin: binCode ? { departmentId: binDepartmentId } : null }, table);
          answer = {
            reason: route.reason,
            departmentName: departments.find((d) => d.id === route.departmentId)?.name ?? String(route.departmentId),
            districtName: table.districts.find((d) => d.id === route.districtId)?.name ?? null,
            categoryId: category.id,
            binCode,
            point,
          };
        } catch (err) {
          if (!(err instanceof UserError) || err.status !== 422) throw err;
          problems[values.bin ? 'papierkorb' : 'lat'] = { key: 'staff.admin.check.outside' };
        }
      }
    }

    const center = boundary ? labelPoint(boundary.geometry) : FALLBACK_CENTER;
    return c.html(
      <RoutingCheckPage
        page={pageFor(c)}
        user={session.user}
        csrfToken={session.csrfToken}
        categories={categories}
        values={values}
        problems={problems}
        answer={answer}
        center={center}
        bounds={boundary ? bboxOf(boundary.geometry) : null}
        config={ctx.config}
      />,
      Object.keys(problems).length ? 422 : 200,
    );
  });

  return app;
}
