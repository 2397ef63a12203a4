// Back office: the litter-bin registry pages.
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function staffBinsRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  void ctx;
  return app;
}
