// Back office: the crews' phone view of open bin tasks, and "geleert" for one or several bins.
// All roles may open it: crew and staff see the tasks of their departments, admin and dispatcher all.
import { Hono, type Context } from 'hono';
import { listCrewBins, loadEmptyingCandidates, markBinsEmptied, mayEmptyBin } from '../../db/crew-tasks.ts';
import { listActiveDistrictNames } from '../../db/districts.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import { binDepartmentId, fullBinCategory } from '../../db/staff-bins.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { isLang } from '../i18n/index.ts';
import { seesAllDepartments } from '../staff/access.ts';
import { pageFor } from '../views/page.ts';
import { CrewPage, type CrewPageData } from '../views/staff/crew-page.tsx';
import { parseFormBody } from '../body.ts';

const CREW_PATH = '/intern/kolonne';

/** Where and what the crew asked for, as typed; `error` names the field that was not understood. */
interface CrewFilter {
  districtId: number | null;
  near: { lat: number; lon: number } | null;
  error: CrewPageData['error'];
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function readFilter(values: { bezirk?: unknown; lat?: unknown; lon?: unknown }, districtIds: Set<number>): CrewFilter {
  const filter: CrewFilter = { districtId: null, near: null, error: null };
  const bezirk = text(values.bezirk);
  if (bezirk) {
    const id = /^\d{1,9}$/.test(bezirk) ? Number(bezirk) : NaN;
    if (!districtIds.has(id)) return { ...filter, error: { field: 'bezirk', key: 'staff.crew.error.badDistrict' } };
    filter.districtId = id;
  }
  const lat = text(values.lat);
  const lon = text(values.lon);
  if (lat || lon) {
    const point = { lat: Number(lat), lon: Number(lon) };
    const valid = /^-?\d+(\.\d+)?$/.test(lat) && /^-?\d+(\.\d+)?$/.test(lon) && Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180;
    if (!valid) return { ...filter, error: { field: 'position', key: 'staff.crew.error.badPosition' } };
    filter.near = point;
  }
  return filter;
}

/** The page's own address with the crew's filter, for the redirect after "geleert". */
function crewUrl(filter: CrewFilter, extra: Record<string, string>, lang: string | undefined): string {
  const params = new URLSearchParams(extra);
  if (filter.districtId !== null) params.set('bezirk', String(filter.districtId));
  if (filter.near) {
    params.set('lat', String(filter.near.lat));
    params.set('lon', String(filter.near.lon));
  }
  if (isLang(lang)) params.set('lang', lang);
  return `${CREW_PATH}?${params.toString()}`;
}

export function staffCrewRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  const render = async (c: Context<AppEnv>, filter: CrewFilter, extra: Pick<CrewPageData, 'done' | 'error'>, status: 200 | 422) => {
    const session = c.get('staffSession')!;
    const { user } = session;
    const now = ctx.clock.now();
    const districts = (await listActiveDistrictNames(ctx.db)).map((d) => ({ id: d.id, name: d.name }));
    // A filter that was not understood shows everything rather than nothing, with the message.
    const { bins, total } = await listCrewBins(
      ctx.db,
      { departments: seesAllDepartments(user) ? 'all' : user.departmentIds, districtId: filter.districtId ?? undefined, near: filter.near ?? undefined },
      now,
    );
    const data: CrewPageData = { user, csrfToken: session.csrfToken, now, districts, districtId: filter.districtId, near: filter.near, bins, total, ...extra };
    return c.html(<CrewPage page={pageFor(c)} data={data} />, status);
  };

  const districtIdSet = async () => new Set((await listActiveDistrictNames(ctx.db)).map((d) => d.id));

  app.get(CREW_PATH, async (c) => {
    const filter = readFilter({ bezirk: c.req.query('bezirk'), lat: c.req.query('lat'), lon: c.req.query('lon') }, await districtIdSet());
    const bins = Number(c.req.query('geleert'));
    const tasks = Number(c.req.query('aufgaben'));
    const done = Number.isInteger(bins) && bins > 0 && Number.isInteger(tasks) && tasks >= 0 ? { bins, tasks } : null;
    if (filter.error) return render(c, { ...filter, districtId: null, near: null }, { done: null, error: filter.error }, 422);
    return render(c, filter, { done, error: null }, 200);
  });

  app.post(`${CREW_PATH}/geleert`, async (c) => {
    const session = c.get('staffSession')!;
    const { user } = session;
    const body = await parseFormBody(c, { all: true });
    const filter = readFilter(body, await districtIdSet());
    const safeFilter = filter.error ? { districtId: null, near: null, error: null } : filter;
    // "nur" is the button of one bin: it empties that bin alone, whatever else is ticked.
    const typed = text(body['nur']) ? [body['nur']] : ([] as unknown[]).concat(body['bin'] ?? []);
    if (!typed.length) return render(c, safeFilter, { done: null, error: { field: 'bin', key: 'staff.crew.error.noneSelected' } }, 422);
    if (typed.some((v) => typeof v !== 'string' || !/^\d{1,9}$/.test(v)) || typed.length > 500) {
      return render(c, safeFilter, { done: null, error: { field: 'bin', key: 'staff.crew.error.badBin' } }, 422);
    }
    const binIds = [...new Set(typed.map(Number))];

    const [table, fullCategory] = await Promise.all([loadRoutingTable(ctx.db), fullBinCategory(ctx.db)]);
    const candidates = await loadEmptyingCandidates(ctx.db, binIds, (bin) => binDepartmentId(bin, table, fullCategory));
    // Every bin is checked before anything is written: one refused bin refuses the whole request.
    for (const id of binIds) {
      const bin = candidates.get(id);
      if (!bin) throw new UserError(404, 'staff.crew.error.unknownBin', { id });
      if (!mayEmptyBin(user, bin)) throw new UserError(403, 'staff.crew.error.notYours', { id });
      if (!bin.active) throw new UserError(409, 'staff.crew.error.retired', { id });
    }
    const closed = await markBinsEmptied(ctx.db, binIds, { now: ctx.clock.now().toISOString(), actor: `staff:${user.id}` });
    ctx.logger.info('bins emptied', { staff: user.id, bins: binIds.length, tasks: closed.length });
    return c.redirect(crewUrl(safeFilter, { geleert: String(binIds.length), aufgaben: String(closed.length) }, c.req.query('lang')), 303);
  });

  return app;
}
