// Builds the application from a context. It never listens: main.ts serves it, tests call app.request().
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { serveStatic } from '@hono/node-server/serve-static';
import { fileURLToPath } from 'node:url';
import { tileOrigin } from './config.ts';
import type { AppContext, AppEnv } from './context.ts';
import { UserError, type ErrorHints } from '../domain/errors.ts';
import { languagesFor, pickLanguage, translator, type MessageKey, type MessageParams } from './i18n/index.ts';
import { addressRoutes } from './routes/addresses.ts';
import { citizenRoutes } from './routes/citizen.tsx';
import { leafletRoutes } from './routes/leaflet.ts';
import { linkKitRoutes } from './routes/link-kit.tsx';
import { mapRoutes } from './routes/map.tsx';
import { offlineRoutes } from './routes/offline.ts';
import { openDataRoutes } from './routes/open-data.ts';
import { opsRoutes } from './routes/ops.ts';
import { photoRoutes } from './routes/photos.ts';
import { reportRoutes } from './routes/report.tsx';
import { scanRoutes } from './routes/scan.tsx';
import { staffRoutes } from './routes/staff.tsx';
import { staffReportRoutes } from './routes/staff-report.tsx';
import { staffQueueRoutes } from './routes/staff-queue.tsx';
import { staffModerationRoutes } from './routes/staff-moderation.tsx';
import { staffCrewRoutes } from './routes/staff-crew.tsx';
import { staffBinsRoutes } from './routes/staff-bins.tsx';
import { staffAdminRoutes } from './routes/staff-admin.tsx';
import { staffKpiRoutes } from './routes/staff-kpi.tsx';
import { staffAccountRoutes } from './routes/staff-account.tsx';
import { stickerRoutes } from './routes/stickers.ts';
import { subscriptionRoutes } from './routes/subscriptions.tsx';
import { isSubresourcePath, securityHeaders } from './security.ts';
import { limitBodies } from './body.ts';
import { refuseCrossSiteForms } from './same-origin.ts';
import { SITE_CSS_HASH } from './views/inline-css.ts';
import { pageFor } from './views/page.ts';
import { renderErrorPage } from './views/simple.tsx';

const WEB_DIR = fileURLToPath(new URL('../web', import.meta.url));

function messageOf(err: unknown): { status: number; key: MessageKey; params?: MessageParams; hints?: ErrorHints } {
  if (err instanceof UserError) return { status: err.status, key: err.key, params: err.params, hints: err.hints };
  if (err instanceof HTTPException) {
    return { status: err.status, key: err.status === 404 ? 'error.notFound' : err.status < 500 ? 'error.badRequest' : 'error.server' };
  }
  return { status: 500, key: 'error.server' };
}

/** /status/{token} and /abo/{token}/… are private links; their tokens never reach the logs. */
export function maskTokens(path: string): string {
  return path.replace(/^\/(status|abo)\/(?!bestaetigt$|entfernt$)[^/]+/, '/$1/…');
}

function wantsJson(c: Context<AppEnv>): boolean {
  const accept = c.req.header('Accept') ?? '';
  // A URL that names a data format gets its error in data too, whatever the client sent as Accept.
  const dataUrl = c.req.path === '/healthz' || c.req.path.startsWith('/api/') || /\.(geo)?json$/.test(c.req.path);
  return dataUrl || (accept.includes('application/json') && !accept.includes('text/html'));
}

export function createApp(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Deliberately only these fields: no IP address, no user agent, no query string, and private
    // link tokens masked (a log is read by more people than the link's owner).
    ctx.logger.info('request', { method: c.req.method, path: maskTokens(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) });
  });
  app.use(securityHeaders({ tileOrigin: tileOrigin(ctx.config), https: ctx.config.publicBaseUrl.startsWith('https:'), styleHash: SITE_CSS_HASH }));
  app.use(async (c, next) => {
    const lang = pickLanguage(c.req.query('lang'), c.req.header('Accept-Language'), languagesFor(c.req.path));
    c.set('lang', lang);
    c.set('t', translator(lang));
    c.set('mapPage', false);
    const sayLanguage = () => {
      c.header('Content-Language', lang);
      c.header('Vary', 'Accept-Language', { append: true });
    };
    // A script or a style is the same in every language: saying otherwise would only split caches.
    // A missing one is answered with a page in the reader's language, though.
    if (!isSubresourcePath(c.req.path)) sayLanguage();
    await next();
    if (isSubresourcePath(c.req.path) && c.res.headers.get('Content-Type')?.startsWith('text/html')) sayLanguage();
  });
  // Before any route reads a body: a foreign page's form post is refused unread, and every body has
  // its path's limit while it arrives.
  app.use(refuseCrossSiteForms(ctx.config.publicBaseUrl));
  app.use(limitBodies());
  app.use(compress());
  app.use('/static/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=3600');
  });
  app.use('/static/*', serveStatic({ root: WEB_DIR, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }));

  app.route('/', opsRoutes(ctx));
  app.route('/', offlineRoutes(ctx));
  app.route('/', openDataRoutes(ctx));
  app.route('/', photoRoutes(ctx));
  // Before every other route under /intern: its guard must run first for all of them.
  app.route('/', staffRoutes(ctx));
  app.route('/', staffReportRoutes(ctx));
  app.route('/', staffQueueRoutes(ctx));
  app.route('/', staffModerationRoutes(ctx));
  app.route('/', staffCrewRoutes(ctx));
  app.route('/', staffBinsRoutes(ctx));
  app.route('/', staffAdminRoutes(ctx));
  app.route('/', staffKpiRoutes(ctx));
  app.route('/', staffAccountRoutes(ctx));
  app.route('/', stickerRoutes(ctx));
  app.route('/', citizenRoutes(ctx));
  app.route('/', linkKitRoutes(ctx));
  app.route('/', leafletRoutes(ctx));
  app.route('/', mapRoutes(ctx));
  app.route('/', scanRoutes(ctx));
  app.route('/', reportRoutes(ctx));
  app.route('/', addressRoutes(ctx));
  app.route('/', subscriptionRoutes(ctx));

  app.notFound(() => {
    throw new UserError(404, 'error.notFound');
  });

  // The one error path: people get a page in their language, machines JSON, Open311 its error array.
  app.onError((err, c) => {
    const { status, key, params, hints } = messageOf(err);
    if (status >= 500) ctx.logger.error('unhandled error', { path: maskTokens(c.req.path), error: err instanceof Error ? err.stack ?? err.message : String(err) });
    const t = c.get('t') ?? translator('de');
    const message = t(key, params);
    const code = status as 400;
    if (hints?.retryAfterSeconds) c.header('Retry-After', String(hints.retryAfterSeconds));
    if (c.req.path.startsWith('/open311')) return c.json([{ code: status, description: message }], code);
    if (wantsJson(c)) return c.json({ error: { status, message } }, code);
    return c.html(renderErrorPage(pageFor(c), status, message, hints), code);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
