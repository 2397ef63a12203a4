// Pages for citizens: no login, no cookies, German by default.
import { Hono } from 'hono';
import { countActiveBinsByDistrict } from '../../db/bins.ts';
import { listActiveCategories } from '../../db/categories.ts';
import { listActiveDistricts, loadCityBoundary } from '../../db/districts.ts';
import type { AppContext, AppEnv } from '../context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { DistrictsPage } from '../views/districts.tsx';
import { HomePage } from '../views/home.tsx';
import { pageFor } from '../views/page.ts';
import { TextPage } from '../views/simple.tsx';

const textPages: Record<string, [MessageKey, MessageKey]> = {
  '/datenschutz': ['privacy.title', 'privacy.lead'],
  '/barrierefreiheit': ['accessibility.title', 'accessibility.lead'],
  '/impressum': ['imprint.title', 'imprint.lead'],
};

export function citizenRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const [categories, districts, bins] = await Promise.all([
      listActiveCategories(ctx.db),
      listActiveDistricts(ctx.db),
      countActiveBinsByDistrict(ctx.db),
    ]);
    const data = {
      categories,
      districtCount: districts.length,
      binCount: [...bins.values()].reduce((a, b) => a + b, 0),
      approximateGeometry: districts.some((d) => d.approximate),
    };
    return c.html(<HomePage page={pageFor(c)} data={data} />);
  });

  app.get('/ortsbezirke', async (c) => {
    const [boundary, districts, bins] = await Promise.all([
      loadCityBoundary(ctx.db),
      listActiveDistricts(ctx.db),
      countActiveBinsByDistrict(ctx.db),
    ]);
    const data = { boundary: boundary?.geometry ?? null, districts: districts.map((d) => ({ ...d, bins: bins.get(d.id) ?? 0 })) };
    return c.html(<DistrictsPage page={pageFor(c)} data={data} />);
  });

  for (const [path, [titleKey, leadKey]] of Object.entries(textPages)) {
    app.get(path, (c) => c.html(<TextPage page={pageFor(c)} titleKey={titleKey} leadKey={leadKey} />));
  }

  return app;
}
