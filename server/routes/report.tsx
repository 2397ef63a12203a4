// The Mängelmelder for citizens: /melden (category, then the form), the receipt with the private
// status link, the public report page /m/{number}, "Ich auch" and "Immer noch nicht behoben?".
import { Hono, type Context } from 'hono';
import { findFormTokenReport, type FiledByForm } from '../../db/form-tokens.ts';
import { findNearbyOpenReports, findPublicReport, findReportByStatusToken, listPublicAnswers, requestReopen, supportReport } from '../../db/citizen-reports.ts';
import { listActiveCategories, findCategoryBySlug } from '../../db/categories.ts';
import { findDistrictForDrawing, listActiveDistrictNames, loadCityBoundaryForDrawing } from '../../db/districts.ts';
import { listPublishedPhotos, listReporterPhotos } from '../../db/photos.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import type { Category } from '../../db/schema.ts';
import { fileCitizenReport } from '../citizen-filing.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { bboxOf, labelPoint } from '../../domain/geo.ts';
import { checkReportText, readReportForm, type FieldErrors, type ReportFormValues } from '../../domain/report-form.ts';
import { checkFormToken, formTokenExpiresAt, issueFormToken, statusTokenForForm } from '../form-token.ts';
import type { MessageKey } from '../i18n/index.ts';
import { choosePhotos, isPhotoError, preparePhotos, type PreparedPhoto } from '../photos.ts';
import { clientAddress, clientKey, rateLimitedError, RateLimiter, retryAfterSeconds, TokenBucket, type Bucket } from '../rate-limit.ts';
import { waitInWords } from '../../domain/time-words.ts';
import { OncePerDay } from '../once-per-day.ts';
import { resolveLocation, type AddressChoice } from '../report-location.ts';
import { subscribeReporter } from '../subscriptions.ts';
import { hashToken } from '../tokens.ts';
import { ChooseCategoryPage } from '../views/report-choose.tsx';
import { ReportFormPage } from '../views/report-form.tsx';
import { ReportPage } from '../views/report-page.tsx';
import { MapAssets, MapBox } from '../views/map.tsx';
import { pageFor } from '../views/page.ts';
import { readStoredPhoto } from './photos.ts';
import { parseFormBody } from '../body.ts';

const EMPTY: ReportFormValues = { lat: '', lon: '', quelle: '', strasse: '', ortsbezirk: '', beschreibung: '', email: '', adresse: '', gefragt: '' };

/**
 * A later post of a form whose report was filed before its status link was derived from the form
 * (decision 031): a clear page with the public page, since that link cannot be given again.
 */
const alreadyFiled = (id: number) => new UserError(409, 'report.alreadyFiled', { id }, { titleKey: 'report.alreadyFiledTitle', pageHref: `/m/${id}`, pageLinkKey: 'report.publicLink' });

/** A photo's file name as the form names it back: the browser's words, shortened. */
const shortName = (name: string) => (name.length > 60 ? `${name.slice(0, 59)}…` : name || '?');

/** The receipt of a filed report: the private status link, which says the report has arrived. */
const receiptPath = (statusToken: string, mailed: boolean) => `/status/${statusToken}?neu=1${mailed ? '&mail=1' : ''}`;

/** Reports (and photo-carrying attempts) per client address: see reportRoutes. */
export const REPORT_LIMIT: Bucket = { burst: 10, refillMs: 3 * 60_000 };

export function reportRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  // Per client address: reports, and attempts that carry photos (filed or not, because each one costs
  // decoding). Ten at once, then one more every three minutes: an address that many people share is
  // never shut for the rest of an hour, and one sender still gets no more than 20 an hour (decision 031).
  const reportLimit = new TokenBucket(REPORT_LIMIT);
  const photoLimit = new TokenBucket(REPORT_LIMIT);
  // "Ich auch" / "nicht behoben" presses per hour, across reports; each report counts a client once a day.
  const actionLimit = new RateLimiter({ max: 20, windowMs: 3600_000 });
  const supportedToday = new OncePerDay<void>();
  const client = (c: Context<AppEnv>) => clientKey(ctx.config.secret, clientAddress(c, ctx.config.trustProxy), ctx.clock.now());

  async function defectCategory(slug: string): Promise<Category> {
    const category = await findCategoryBySlug(ctx.db, slug);
    if (!category || !category.active || category.kind !== 'defect') throw new UserError(404, 'error.unknownCategory');
    return category;
  }

  /** `formToken`: the token the form comes back with; a new one when not given (a fresh form). */
  async function renderForm(
    c: Context<AppEnv>,
    category: Category,
    state: { values?: ReportFormValues; errors?: FieldErrors; duplicates?: Awaited<ReturnType<typeof findNearbyOpenReports>>; formToken?: string; photosSent?: string[]; choice?: AddressChoice } = {},
    status: 200 | 400 | 409 | 413 | 422 | 429 | 503 = 200,
  ) {
    // The map's centre comes from the simplified boundary: reading the exact one would cost more than the page.
    const [districts, boundary] = await Promise.all([listActiveDistrictNames(ctx.db), loadCityBoundaryForDrawing(ctx.db)]);
    const page = pageFor(c);
    c.set('mapPage', true);
    const center = boundary ? labelPoint(boundary.geometry) : { lat: 50, lon: 8.27 };
    const data = {
      map: <MapBox page={page} mode="pick" center={center} zoom={13} bounds={boundary ? bboxOf(boundary.geometry) : null} config={ctx.config} skipTo="adresse" latInput="lat" lonInput="lon" sourceInput="quelle" />,
      head: <MapAssets />,
      category,
      districts: districts.map((d) => ({ id: d.id, name: d.name })),
      values: state.values ?? EMPTY,
      errors: state.errors ?? {},
      duplicates: state.duplicates,
      choice: state.choice,
      formToken: state.formToken ?? issueFormToken(ctx.config.secret, ctx.clock.now()),
      photosSent: state.photosSent ?? [],
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

  // The order is the defence: everything cheap first (token, honeypot, text, place, the photos' count
  // and sizes, nearby reports), then the limits, and only then the photos' pixels. A form that is
  // wrong anyway, or a client over its limit, never costs a decode. See docs/decisions/012-photos.md.
  app.post('/melden/:slug', async (c) => {
    const category = await defectCategory(c.req.param('slug'));
    const form = await parseFormBody(c, { all: true });
    const page = pageFor(c);
    if (typeof form.website === 'string' && form.website) return c.redirect(page.href('/melden'), 303); // a bot
    const values = readReportForm(form);
    if (!ctx.mailer) values.email = ''; // the field is not offered; a crafted one is ignored
    const now = ctx.clock.now();
    const token = typeof form.t === 'string' ? form.t : undefined;
    const tokenCheck = checkFormToken(ctx.config.secret, token, now);
    // The names of the photos that came with this post: a form that comes back says which ones to choose again.
    const photosSent = ([] as unknown[])
      .concat(form.fotos ?? [])
      .filter((f): f is File => f instanceof File && f.size > 0)
      .map((f) => shortName(f.name));
    // The form comes back with the token it was sent with, so that it still files one report however
    // often it is sent (decision 031); a refused token is replaced, after a refusal for speed by one
    // that lets the next send through at once.
    const nextToken = tokenCheck === 'ok' ? token : issueFormToken(ctx.config.secret, now, { readyNow: tokenCheck === 'too-fast' });
    /** The form again with everything typed; photos must be chosen again, and the page names them. */
    const refuse = (errors: FieldErrors, status: 400 | 409 | 413 | 422 | 429 | 503, retryAfter?: number) => {
      if (retryAfter) c.header('Retry-After', String(retryAfter));
      return renderForm(c, category, { values, errors, formToken: nextToken, photosSent }, status);
    };
    const inWords = (seconds: number) => waitInWords(seconds, now, page.lang, page.t);

    if (tokenCheck !== 'ok' || !token) return refuse({ formular: { key: tokenCheck === 'too-fast' ? 'report.error.tooFast' : 'report.error.stale' } }, 400);
    // A form that has already filed its report (a double tap, a retry): its receipt again, before any
    // work. Posts that arrive together all pass this look; the claim in the filing transaction
    // decides among them, and the others get the same receipt.
    const statusToken = statusTokenForForm(ctx.config.secret, token);
    const answerRepeat = (filed: FiledByForm) => {
      if (filed.statusTokenHash !== hashToken(statusToken)) throw alreadyFiled(filed.reportId);
      return c.redirect(page.href(receiptPath(statusToken, Boolean(values.email))), 303);
    };
    const formToken = { hash: hashToken(token), expiresAt: formTokenExpiresAt(token).toISOString() };
    const earlier = await findFormTokenReport(ctx.db, formToken.hash);
    if (earlier !== undefined) return answerRepeat(earlier);
    const errors = checkReportText(values);
    let files: File[] = [];
    try {
      files = choosePhotos(([] as unknown[]).concat(form.fotos ?? []).filter((f): f is File => f instanceof File));
    } catch (err) {
      if (!isPhotoError(err)) throw err;
      errors.fotos = { key: err.key, params: err.params };
    }
    const routing = await loadRoutingTable(ctx.db);
    const location = await resolveLocation(ctx, values, routing);
    if ('error' in location) errors.ort ??= location.error;
    // Without JavaScript there is no map on the page (web/map.js adds karte=1): the message speaks of the address only.
    if (!form.karte && errors.ort?.key === 'report.error.location') errors.ort = { key: 'report.error.locationNoMap' };
    if (Object.keys(errors).length || 'error' in location) return refuse(errors, 400);
    // "Meinten Sie …": the typed address names several houses or none exactly; nothing is filed yet.
    if ('choose' in location) return renderForm(c, category, { values, choice: location.choose });

    // A report placed only at its district is not near anything: no "Schon gemeldet?" for it.
    if (!form.trotzdem && location.source !== 'district') {
      const duplicates = await findNearbyOpenReports(ctx.db, category.id, location.point, category.duplicate_radius_m);
      if (duplicates.length) {
        // One of them may be this form's own report, filed by a post of the same form that committed
        // after the look above (a double tap): that post's receipt, not "Schon gemeldet?" (issue 11, point 3).
        const filedMeanwhile = await findFormTokenReport(ctx.db, formToken.hash);
        if (filedMeanwhile !== undefined) return answerRepeat(filedMeanwhile);
        return renderForm(c, category, { values, duplicates, formToken: token, photosSent });
      }
    }

    // Limits before the expensive part. The report limit is only looked at here (a refused photo
    // must not use up a report); photo-carrying attempts count whether or not they end in a report.
    const key = client(c);
    const overReportLimit = (waitMs: number) => {
      const seconds = retryAfterSeconds(waitMs);
      return refuse({ formular: { key: 'report.error.rateLimited', params: { wait: inWords(seconds) } } }, 429, seconds);
    };
    const reportWait = reportLimit.wouldRefuse(key, now.getTime());
    if (reportWait > 0) return overReportLimit(reportWait);
    let photos: PreparedPhoto[] = [];
    if (files.length) {
      const photoWait = photoLimit.take(key, now.getTime());
      if (photoWait > 0) {
        const seconds = retryAfterSeconds(photoWait);
        return refuse({ fotos: { key: 'photo.rateLimited', params: { wait: inWords(seconds) } } }, 429, seconds);
      }
      try {
        photos = await preparePhotos(files);
      } catch (err) {
        if (!isPhotoError(err)) throw err;
        const retryAfter = err.hints.retryAfterSeconds;
        const params = retryAfter ? { ...err.params, wait: inWords(retryAfter) } : err.params;
        return refuse({ fotos: { key: err.key, params } }, err.status as 413 | 422 | 503, retryAfter);
      }
    }

    // Counted now, when a report is filed: parallel posts of one client cannot all pass the look above.
    const wait = reportLimit.take(key, now.getTime());
    if (wait > 0) return overReportLimit(wait);

    const filed = await fileCitizenReport(
      ctx,
      {
        categoryId: category.id,
        point: location.point,
        address: location.address,
        geocodedAddress: location.geocodedAddress,
        locationSource: location.source,
        description: values.beschreibung || null,
        photos,
        autoPublish: category.auto_publish === 1,
        routing,
        formToken,
        statusToken,
      },
      now.toISOString(),
    );
    if ('alreadyFiled' in filed) return answerRepeat(filed.alreadyFiled);
    if (values.email) await subscribeReporter(ctx, { reportId: filed.report.id, email: values.email, lang: page.lang, statusToken });
    return c.redirect(page.href(receiptPath(statusToken, Boolean(values.email))), 303);
  });

  app.get('/status/:token', async (c) => {
    // The URL is the private link: no browser history cache or shared proxy may keep the page.
    c.header('Cache-Control', 'no-store');
    const report = await findReportByStatusToken(ctx.db, hashToken(c.req.param('token')));
    if (!report) throw new UserError(404, 'report.statusNotFound');
    // The private link keeps the language it was made in, so that it opens in that language from anywhere.
    const lang = c.get('lang');
    const statusUrl = `${ctx.config.publicBaseUrl}/status/${c.req.param('token')}${lang === 'de' ? '' : `?lang=${lang}`}`;
    const receipt = c.req.query('neu') ? { statusUrl, mailSent: Boolean(c.req.query('mail')) } : undefined;
    return renderReport(c, report, { receipt, privateToken: c.req.param('token'), privateUrl: statusUrl });
  });

  // The reporter's own photos through their private link, published or not. Never cached by anyone.
  app.get('/status/:token/fotos/:id{[0-9]+}', async (c) => {
    c.header('Cache-Control', 'no-store');
    const report = await findReportByStatusToken(ctx.db, hashToken(c.req.param('token')));
    if (!report) throw new UserError(404, 'report.statusNotFound');
    const photo = (await listReporterPhotos(ctx.db, report.id)).find((p) => p.id === Number(c.req.param('id')));
    if (!photo) throw new UserError(404, 'photo.notFound');
    const data = await readStoredPhoto(ctx, photo);
    return c.body(data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'image/jpeg' });
  });

  app.get('/m/:id{[0-9]+}', async (c) => {
    const report = await findPublicReport(ctx.db, Number(c.req.param('id')));
    if (!report) throw new UserError(404, 'report.notFound');
    const supported = c.req.query('unterstuetzt');
    const flash = supported === 'schon' ? 'report.supportAlready' : supported ? 'report.supportThanks' : c.req.query('geprueft') ? 'report.notFixedThanks' : undefined;
    return renderReport(c, report, { flash });
  });

  type RenderExtra = { receipt?: { statusUrl: string; mailSent: boolean }; flash?: MessageKey; privateToken?: string; privateUrl?: string };
  async function renderReport(c: Context<AppEnv>, report: NonNullable<Awaited<ReturnType<typeof findPublicReport>>>, extra: RenderExtra) {
    const { privateToken, ...rest } = extra;
    const [answers, photos, district] = await Promise.all([
      listPublicAnswers(ctx.db, report.id),
      privateToken
        ? listReporterPhotos(ctx.db, report.id).then((rows) => rows.map((p) => ({ src: `/status/${privateToken}/fotos/${p.id}`, published: p.published === 1 })))
        : listPublishedPhotos(ctx.db, report.id).then((rows) => rows.map((p) => ({ src: `/fotos/${p.file}`, published: true }))),
      report.district ? findDistrictForDrawing(ctx.db, report.district) : undefined,
    ]);
    const page = pageFor(c);
    c.set('mapPage', true);
    const map = (
      <MapBox page={page} id="report-map" mode="browse" center={{ lat: report.lat, lon: report.lon }} zoom={17} config={ctx.config} skipTo="antworten" highlight={report.id} help={page.t('map.reportHelp')} />
    );
    const publicUrl = `${ctx.config.publicBaseUrl}/m/${report.id}${page.lang === 'de' ? '' : `?lang=${page.lang}`}`;
    const data = { report, answers, photos, district, publicUrl, now: ctx.clock.now(), map, head: <MapAssets />, ...rest };
    return c.html(<ReportPage page={page} data={data} />);
  }

  app.post('/m/:id{[0-9]+}/ich-auch', async (c) => {
    const id = Number(c.req.param('id'));
    const key = client(c);
    const now = ctx.clock.now();
    const wait = actionLimit.take(key, now.getTime());
    if (wait > 0) throw rateLimitedError(wait, now, pageFor(c));
    if (!(await findPublicReport(ctx.db, id))) throw new UserError(404, 'report.notFound');
    // Once per client and report a day: a second "Ich auch" (a double tap, or pressed again later)
    // counts nothing and is told so. A refused one (report not open) is forgotten.
    const support = await supportedToday.run(`${key}:${id}`, now.getTime(), async () => {
      if (!(await supportReport(ctx.db, id, now.toISOString()))) throw new UserError(409, 'report.notOpen');
    });
    return c.redirect(pageFor(c).href(`/m/${id}?unterstuetzt=${support.repeat ? 'schon' : '1'}`), 303);
  });

  app.post('/m/:id{[0-9]+}/nicht-behoben', async (c) => {
    const id = Number(c.req.param('id'));
    const wait = actionLimit.take(client(c), ctx.clock.now().getTime());
    if (wait > 0) throw rateLimitedError(wait, ctx.clock.now(), pageFor(c));
    if (!(await findPublicReport(ctx.db, id))) throw new UserError(404, 'report.notFound');
    // A second request while the first is pending changes nothing but is thanked the same way.
    if ((await requestReopen(ctx.db, id, ctx.clock.now().toISOString())) === 'not-closed') throw new UserError(409, 'report.notClosed');
    return c.redirect(pageFor(c).href(`/m/${id}?geprueft=1`), 303);
  });

  return app;
}
