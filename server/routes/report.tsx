// The Mängelmelder for citizens: /melden (category, then the form), the receipt with the private
// status link, the public report page /m/{number}, "Ich auch" and "Immer noch nicht behoben?".
import { Hono, type Context } from 'hono';
import { findNearbyOpenReports, findPublicReport, findReportByStatusToken, listPublicAnswers, requestReopen, supportReport } from '../../db/citizen-reports.ts';
import { listActiveCategories, findCategoryBySlug } from '../../db/categories.ts';
import { listActiveDistricts, loadCityBoundary } from '../../db/districts.ts';
import { listPublishedPhotos } from '../../db/photos.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import type { Category } from '../../db/schema.ts';
import { fileCitizenReport } from '../citizen-filing.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../domain/errors.ts';
import { labelPoint } from '../domain/geo.ts';
import { checkReportText, readReportForm, type FieldErrors, type ReportFormValues } from '../domain/report-form.ts';
import { checkFormToken, issueFormToken } from '../form-token.ts';
import type { MessageKey } from '../i18n/index.ts';
import { isPhotoError, preparePhotos, type PreparedPhoto } from '../photos.ts';
import { clientAddress, clientKey, RateLimiter } from '../rate-limit.ts';
import { resolveLocation } from '../report-location.ts';
import { subscribeReporter } from '../subscriptions.ts';
import { hashToken } from '../tokens.ts';
import { ChooseCategoryPage } from '../views/report-choose.tsx';
import { ReportFormPage } from '../views/report-form.tsx';
import { ReportPage } from '../views/report-page.tsx';
import { MapAssets, MapBox } from '../views/map.tsx';
import { pageFor } from '../views/page.ts';
import { parseFormBody } from '../body.ts';

const EMPTY: ReportFormValues = { lat: '', lon: '', quelle: '', strasse: '', ortsbezirk: '', beschreibung: '', email: '' };
const rateLimited = () => new UserError(429, 'error.rateLimited', {}, { titleKey: 'error.rateLimitedTitle', retryAfterSeconds: 600 });

export function reportRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  // Per client: reports per hour, and "Ich auch" / "nicht behoben" presses per hour.
  const reportLimit = new RateLimiter({ max: 10, windowMs: 3600_000 });
  const actionLimit = new RateLimiter({ max: 20, windowMs: 3600_000 });
  const client = (c: Context<AppEnv>) => clientKey(ctx.config.secret, clientAddress(c, ctx.config.trustProxy), ctx.clock.now());

  async function defectCategory(slug: string): Promise<Category> {
    const category = await findCategoryBySlug(ctx.db, slug);
    if (!category || !category.active || category.kind !== 'defect') throw new UserError(404, 'error.unknownCategory');
    return category;
  }

  async function renderForm(c: Context<AppEnv>, category: Category, state: { values?: ReportFormValues; errors?: FieldErrors; duplicates?: Awaited<ReturnType<typeof findNearbyOpenReports>> } = {}, status: 200 | 400 = 200) {
    const [districts, boundary] = await Promise.all([listActiveDistricts(ctx.db), loadCityBoundary(ctx.db)]);
    const page = pageFor(c);
    c.set('mapPage', true);
    const center = boundary ? labelPoint(boundary.geometry) : { lat: 50, lon: 8.27 };
    const data = {
      map: <MapBox page={page} mode="pick" center={center} zoom={13} config={ctx.config} skipTo="adresse" latInput="lat" lonInput="lon" sourceInput="quelle" />,
      head: <MapAssets />,
      category,
      districts: districts.map((d) => ({ id: d.id, name: d.name })),
      values: state.values ?? EMPTY,
      errors: state.errors ?? {},
      duplicates: state.duplicates,
      formToken: issueFormToken(ctx.config.secret, ctx.clock.now()),
      retentionDays: ctx.config.retentionEmailDays,
      mailEnabled: ctx.mailer !== null,
      now: ctx.clock.now(),
    };
    return c.html(<ReportFormPage page={page} data={data} />, status);
  }

  app.get('/melden', async (c) => {
    const categories = (await listActiveCategories(ctx.db)).filter((cat) => cat.kind === 'defect');
    return c.html(<ChooseCategoryPage page={pageFor(c)} categories={categories} />);
  });

  app.get('/melden/:slug', async (c) => renderForm(c, await defectCategory(c.req.param('slug'))));

  app.post('/melden/:slug', async (c) => {
    const category = await defectCategory(c.req.param('slug'));
    const form = await parseFormBody(c, { all: true });
    const page = pageFor(c);
    if (typeof form.website === 'string' && form.website) return c.redirect(page.href('/melden'), 303); // a bot
    const values = readReportForm(form);
    if (!ctx.mailer) values.email = ''; // the field is not offered; a crafted one is ignored
    const now = ctx.clock.now();

    const tokenCheck = checkFormToken(ctx.config.secret, typeof form.t === 'string' ? form.t : undefined, now);
    if (tokenCheck !== 'ok') {
      const key: MessageKey = tokenCheck === 'too-fast' ? 'report.error.tooFast' : 'report.error.stale';
      return renderForm(c, category, { values, errors: { formular: { key } } }, 400);
    }
    const errors = checkReportText(values);
    const routing = await loadRoutingTable(ctx.db);
    const location = await resolveLocation(ctx, values, routing);
    if ('error' in location) errors.ort ??= location.error;
    let photos: PreparedPhoto[] = [];
    try {
      const files = ([] as unknown[]).concat(form.fotos ?? []).filter((f): f is File => f instanceof File);
      photos = await preparePhotos(files);
    } catch (err) {
      if (!isPhotoError(err)) throw err;
      errors.fotos = { key: err.key, params: err.params };
    }
    if (Object.keys(errors).length || 'error' in location) return renderForm(c, category, { values, errors }, 400);

    if (!form.trotzdem) {
      const duplicates = await findNearbyOpenReports(ctx.db, category.id, location.point, category.duplicate_radius_m);
      if (duplicates.length) return renderForm(c, category, { values, duplicates });
    }
    if (!reportLimit.allow(client(c), now.getTime())) throw rateLimited();

    const { report, statusToken } = await fileCitizenReport(
      ctx,
      { categoryId: category.id, point: location.point, address: location.address, locationSource: location.source, description: values.beschreibung || null, photos, autoPublish: category.auto_publish === 1, routing },
      now.toISOString(),
    );
    if (values.email) await subscribeReporter(ctx, { reportId: report.id, email: values.email, lang: page.lang });
    const receipt = `/status/${statusToken}?neu=1${values.email ? '&mail=1' : ''}`;
    return c.redirect(page.href(receipt), 303);
  });

  app.get('/status/:token', async (c) => {
    const report = await findReportByStatusToken(ctx.db, hashToken(c.req.param('token')));
    if (!report) throw new UserError(404, 'report.statusNotFound');
    const statusUrl = `${ctx.config.publicBaseUrl}/status/${c.req.param('token')}`;
    const receipt = c.req.query('neu') ? { statusUrl, mailSent: Boolean(c.req.query('mail')) } : undefined;
    return renderReport(c, report, { receipt });
  });

  app.get('/m/:id{[0-9]+}', async (c) => {
    const report = await findPublicReport(ctx.db, Number(c.req.param('id')));
    if (!report) throw new UserError(404, 'report.notFound');
    const flash = c.req.query('unterstuetzt') ? 'report.supportThanks' : c.req.query('geprueft') ? 'report.notFixedThanks' : undefined;
    return renderReport(c, report, { flash });
  });

  async function renderReport(c: Context<AppEnv>, report: NonNullable<Awaited<ReturnType<typeof findPublicReport>>>, extra: { receipt?: { statusUrl: string; mailSent: boolean }; flash?: MessageKey }) {
    const [answers, photos] = await Promise.all([listPublicAnswers(ctx.db, report.id), listPublishedPhotos(ctx.db, report.id)]);
    const page = pageFor(c);
    c.set('mapPage', true);
    const map = <MapBox page={page} id="report-map" mode="browse" center={{ lat: report.lat, lon: report.lon }} zoom={17} config={ctx.config} skipTo="antworten" />;
    const data = { report, answers, photos: photos.map((p) => ({ file: p.file })), now: ctx.clock.now(), map, head: <MapAssets />, ...extra };
    return c.html(<ReportPage page={page} data={data} />);
  }

  app.post('/m/:id{[0-9]+}/ich-auch', async (c) => {
    const id = Number(c.req.param('id'));
    if (!actionLimit.allow(client(c), ctx.clock.now().getTime())) throw rateLimited();
    if (!(await findPublicReport(ctx.db, id))) throw new UserError(404, 'report.notFound');
    if (!(await supportReport(ctx.db, id, ctx.clock.now().toISOString()))) throw new UserError(409, 'report.notOpen');
    return c.redirect(pageFor(c).href(`/m/${id}?unterstuetzt=1`), 303);
  });

  app.post('/m/:id{[0-9]+}/nicht-behoben', async (c) => {
    const id = Number(c.req.param('id'));
    if (!actionLimit.allow(client(c), ctx.clock.now().getTime())) throw rateLimited();
    if (!(await findPublicReport(ctx.db, id))) throw new UserError(404, 'report.notFound');
    // A second request while the first is pending changes nothing but is thanked the same way.
    if ((await requestReopen(ctx.db, id, ctx.clock.now().toISOString())) === 'not-closed') throw new UserError(409, 'report.notClosed');
    return c.redirect(pageFor(c).href(`/m/${id}?geprueft=1`), 303);
  });

  return app;
}
