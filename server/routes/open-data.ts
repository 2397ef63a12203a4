// Open data for portals and other systems: no personal data, ever.
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function openDataRoutes(_ctx: AppContext) {
  const app = new Hono<AppEnv>();
  return app;
}
