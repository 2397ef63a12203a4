// Back office: the Kennzahlen dashboard and its CSV exports.
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function staffKpiRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  void ctx;
  return app;
}
