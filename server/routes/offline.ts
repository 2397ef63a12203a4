// The service worker for offline drafts (web/sw.js, docs/decisions/035-offline-drafts.md). It is
// served from the site root rather than /static/ because a worker may only control pages at or below
// its own path, and it must control /melden; /sw.js can, without a Service-Worker-Allowed header.
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import type { AppContext, AppEnv } from '../context.ts';

const SERVICE_WORKER = readFileSync(new URL('../../web/sw.js', import.meta.url), 'utf8');

export function offlineRoutes(_ctx: AppContext) {
  const app = new Hono<AppEnv>();
  app.get('/sw.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    // A new release must reach phones at their next visit, not after a day: always asked again.
    c.header('Cache-Control', 'no-cache');
    return c.body(SERVICE_WORKER);
  });
  return app;
}
