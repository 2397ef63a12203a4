// Back office: the queue of reports, the central triage desk and the escalation list.
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function staffQueueRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  void ctx;
  return app;
}
