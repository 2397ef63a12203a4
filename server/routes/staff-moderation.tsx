// Back office: moderation of a report's text and photos, photo redaction, hiding a report.
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function staffModerationRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  void ctx;
  return app;
}
