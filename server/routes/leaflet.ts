// Leaflet from our own server: map pages load no script or stylesheet from a third party, only tiles
// from the configured tile server. Only the files a page needs are served, not the whole package.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppContext, AppEnv } from '../context.ts';

/** node_modules/leaflet/dist, found the way Node finds the package, so hoisting does not matter. */
export const LEAFLET_DIST = join(dirname(createRequire(import.meta.url).resolve('leaflet/package.json')), 'dist');

export function leafletRoutes(_ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const files = serveStatic<AppEnv>({
    root: LEAFLET_DIST,
    rewriteRequestPath: (path) => path.replace(/^\/static\/leaflet/, ''),
    // The app's /static/* rule also sets an hour; a release changes the package version, not the
    // file names, so a longer life would keep an old Leaflet after an upgrade.
    onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=3600'),
  });
  app.get('/static/leaflet/leaflet.js', files);
  app.get('/static/leaflet/leaflet.css', files);
  app.get('/static/leaflet/images/:file{[a-z0-9-]+\\.png}', files);
  return app;
}
