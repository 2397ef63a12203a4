// Back office: the staff member's own account (second factor).
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function staffAccountRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  void ctx;
  return app;
}
