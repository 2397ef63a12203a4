// One report in the back office: the page with everything staff may see, and the actions on it.
import { Hono } from 'hono';
import { findStaffReport } from '../../db/staff-reports.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../domain/errors.ts';
import { canSeeReport } from '../staff/access.ts';
import { pageFor } from '../views/page.ts';
import { StaffReportPage } from '../views/staff/report-page.tsx';

export function staffReportRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get('/intern/meldungen/:id{[0-9]{1,12}}', async (c) => {
    const session = c.get('staffSession')!;
    const details = await findStaffReport(ctx.db, Number(c.req.param('id')));
    if (!details) throw new UserError(404, 'error.notFound');
    // Logged in but not theirs: 403, not 404. Report numbers are public (/m/{number}), so hiding
    // existence would protect nothing and would only confuse colleagues sent a wrong link.
    if (!canSeeReport(session.user, { departmentId: details.report.department_id, kind: details.categoryKind })) throw new UserError(403, 'staff.forbidden');
    return c.html(<StaffReportPage page={pageFor(c)} user={session.user} data={details} csrfToken={session.csrfToken} />);
  });

  return app;
}
