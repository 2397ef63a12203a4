// Endpoints for operators and load balancers.
import { Hono } from 'hono';
import { checkDatabase } from '../../db/connection.ts';
import type { AppContext, AppEnv } from '../context.ts';

export function opsRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const ok = await checkDatabase(ctx.db).catch((err: unknown) => {
      ctx.logger.error('health check failed', { error: (err as Error).message });
      return false;
    });
    return c.json({ status: ok ? 'ok' : 'error', database: ok ? 'ok' : 'unreachable' }, ok ? 200 : 503);
  });
  return app;
}
