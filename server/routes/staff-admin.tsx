// Back office: administration (departments, categories and answer templates, districts, routing,
// accounts, API keys). Admins only: the guard here answers 403 to every other role before any handler
// runs. Each section is its own sub-app in server/routes/admin/.
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { pageFor } from '../views/page.ts';
import { AdminIndexPage } from '../views/staff/admin/index-page.tsx';
import { apiKeyAdminRoutes } from './admin/api-keys.tsx';
import { categoryAdminRoutes } from './admin/categories.tsx';
import { departmentAdminRoutes } from './admin/departments.tsx';
import { districtAdminRoutes } from './admin/districts.tsx';
import { routingAdminRoutes } from './admin/routing.tsx';
import { routingCheckRoutes } from './admin/routing-check.tsx';
import { accountAdminRoutes } from './admin/accounts.tsx';
import { templateAdminRoutes } from './admin/templates.tsx';

export const ADMIN_PATH = '/intern/verwaltung';

export function staffAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  // The staff guard (server/routes/staff.tsx) already ran: a session exists and a POST's CSRF token matched.
  app.use(`${ADMIN_PATH}/*`, async (c, next) => {
    if (c.get('staffSession')?.user.role !== 'admin') throw new UserError(403, 'staff.forbidden');
    return next();
  });

  app.get(ADMIN_PATH, (c) => {
    const session = c.get('staffSession')!;
    return c.html(<AdminIndexPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} />);
  });

  app.route('/', departmentAdminRoutes(ctx));
  app.route('/', categoryAdminRoutes(ctx));
  app.route('/', templateAdminRoutes(ctx));
  app.route('/', districtAdminRoutes(ctx));
  app.route('/', routingAdminRoutes(ctx));
  app.route('/', routingCheckRoutes(ctx));
  app.route('/', accountAdminRoutes(ctx));
  app.route('/', apiKeyAdminRoutes(ctx));
  return app;
}
