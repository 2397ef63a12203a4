// Back office: the crews' phone view of open bin tasks.
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function staffCrewRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  void ctx;
  return app;
}
