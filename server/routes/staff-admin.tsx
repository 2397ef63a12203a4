// Back office: administration (departments, categories, districts, routing, accounts, API keys).
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function staffAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  void ctx;
  return app;
}
