// One report in the back office: the page with everything staff may see, and the actions on it
// (each a plain form: POST /intern/meldungen/{id}/{action}, 303 back with a status message).
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { loadVisibleReport, renderReportPage, reportIdOf } from './staff-report-common.tsx';
import { REPORT_ROUTE } from '../paths.ts';
import { staffReportRoutingRoutes } from './staff-report-routing.tsx';
import { staffReportWorkRoutes } from './staff-report-work.tsx';

export function staffReportRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get(REPORT_ROUTE, async (c) => {
    const details = await loadVisibleReport(ctx, c.get('staffSession')!.user, reportIdOf(c));
    return renderReportPage(ctx, c, details);
  });

  app.route('/', staffReportWorkRoutes(ctx));
  app.route('/', staffReportRoutingRoutes(ctx));
  return app;
}
