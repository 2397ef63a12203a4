// /intern/verwaltung/ortsbezirke: the districts, a GeoJSON import with the checks of
// `npm run import -- districts` (a file with any problem changes nothing), and (de)activation.
import { Hono, type Context } from 'hono';
import { findDistrictById, listDistrictOverview, setDistrictActive } from '../../../db/admin-districts.ts';
import { replaceDistricts } from '../../../db/districts.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { UserError } from '../../../domain/errors.ts';
import { GeoJsonError, MAX_POSITIONS_PER_FILE, parseNamedAreas, TooManyPositionsError } from '../../../domain/geojson.ts';
import { pageFor } from '../../views/page.ts';
import { DistrictListPage, type DistrictImportForm } from '../../views/staff/admin/districts.tsx';
import { formatCount } from '../../views/staff/kpi-format.tsx';
import { flashFrom, formBody, idParam, redirectWithFlash, textOf, type Problems } from './form.ts';

const BASE = '/intern/verwaltung/ortsbezirke';
/** The Mainz districts with official detail are about 1 MB; five leaves room without inviting abuse. */
export const DISTRICT_FILE_MAX_BYTES = 5 * 1024 * 1024;
const NAME_PROPERTY = /^[\p{L}\p{N}_:.-]{1,60}$/u;

/** The counts of the last import, carried in the redirect's query as three numbers. */
function importCounts(raw: string | undefined): { added: number; updated: number; deactivated: number } | null {
  const match = /^(\d{1,4}),(\d{1,4}),(\d{1,4})$/.exec(raw ?? '');
  return match ? { added: Number(match[1]), updated: Number(match[2]), deactivated: Number(match[3]) } : null;
}

export function districtAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  const render = async (c: Context<AppEnv>, form: DistrictImportForm, status: 200 | 413 | 422 = 200) => {
    const session = c.get('staffSession')!;
    const districts = await listDistrictOverview(ctx.db);
    return c.html(
      <DistrictListPage
        page={pageFor(c)}
        user={session.user}
        csrfToken={session.csrfToken}
        districts={districts}
        form={form}
        flash={flashFrom(c)}
        counts={importCounts(c.req.query('n'))}
        maxMegabytes={DISTRICT_FILE_MAX_BYTES / 1024 / 1024}
        maxPositions={formatCount(MAX_POSITIONS_PER_FILE, c.get('lang'))}
      />,
      status,
    );
  };

  app.get(BASE, (c) => render(c, { nameProperty: 'name', problems: {}, fileProblems: [] }));

  app.post(`${BASE}/import`, async (c) => {
    const body = await formBody(c);
    const nameProperty = textOf(body, 'nameProperty') || 'name';
    const problems: Problems = {};
    if (!NAME_PROPERTY.test(nameProperty)) problems['nameProperty'] = { key: 'staff.admin.districts.namePropertyInvalid' };
    const file = body['file'];
    if (!(file instanceof File) || file.size === 0) problems['file'] = { key: 'staff.admin.districts.fileMissing' };
    else if (file.size > DISTRICT_FILE_MAX_BYTES) problems['file'] = { key: 'staff.admin.districts.fileTooLarge', params: { max: DISTRICT_FILE_MAX_BYTES / 1024 / 1024 } };
    if (Object.keys(problems).length) return render(c, { nameProperty, problems, fileProblems: [] }, 422);

    let areas;
    try {
      areas = parseNamedAreas(await (file as File).text(), nameProperty);
    } catch (err) {
      if (err instanceof TooManyPositionsError) {
        // Said in the admin's language: it is about the whole file, not a place in it.
        const lang = c.get('lang');
        const params = { count: formatCount(err.positions, lang), max: formatCount(err.max, lang) };
        return render(c, { nameProperty, problems: { file: { key: 'staff.admin.districts.tooManyPositions', params } }, fileProblems: [] }, 422);
      }
      if (!(err instanceof GeoJsonError)) throw err;
      // The problems name features and positions in the file's terms (English, as the CLI prints them).
      return render(c, { nameProperty, problems: { file: { key: 'staff.admin.districts.fileProblems', params: { count: err.problems.length } } }, fileProblems: err.problems }, 422);
    }
    const result = await replaceDistricts(ctx.db, areas, { approximate: false, now: ctx.clock.now().toISOString() });
    ctx.logger.info('districts imported', { by: c.get('staffSession')!.user.id, ...result });
    return redirectWithFlash(c, `${BASE}?n=${result.added},${result.updated},${result.deactivated}`, 'imported');
  });

  app.post(`${BASE}/:id{[0-9]+}/aktiv`, async (c) => {
    const district = await findDistrictById(ctx.db, idParam(c));
    if (!district) throw new UserError(404, 'error.notFound');
    const value = textOf(await formBody(c), 'active');
    if (value !== '0' && value !== '1') throw new UserError(422, 'staff.admin.badAction');
    await setDistrictActive(ctx.db, district.id, value === '1', ctx.clock.now().toISOString());
    return redirectWithFlash(c, BASE, value === '1' ? 'enabled' : 'disabled');
  });

  return app;
}
