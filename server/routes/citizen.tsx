// Pages for citizens: no login, no cookies, German by default.
import { Hono } from 'hono';
import { countActiveBinsByDistrict } from '../../db/bins.ts';
import { listActiveCategories } from '../../db/categories.ts';
import { listActiveDistrictNames, listActiveDistrictsForDrawing, loadCityBoundaryForDrawing } from '../../db/districts.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { DistrictsPage } from '../views/districts.tsx';
import { HomePage } from '../views/home.tsx';
import { pageFor } from '../views/page.ts';
import { LegalPage } from '../views/legal.tsx';
import { loadLegalText } from '../views/legal-texts.ts';

/** Path → the file under content/legal/ (NAME.de.md, NAME.en.md) and the page title. */
const legalPages: Record<string, [string, MessageKey]> = {
  '/datenschutz': ['datenschutz', 'privacy.title'],
  '/barrierefreiheit': ['barrierefreiheit', 'accessibility.title'],
  '/impressum': ['impressum', 'imprint.title'],
  '/leichte-sprache': ['leichte-sprache', 'easyRead.title'],
};

export function citizenRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const [categories, districts, bins] = await Promise.all([
      listActiveCategories(ctx.db),
      listActiveDistrictNames(ctx.db),
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
    // The simplified copies made at import: the page draws them 640 units wide.
    const [boundary, districts, bins] = await Promise.all([
      loadCityBoundaryForDrawing(ctx.db),
      listActiveDistrictsForDrawing(ctx.db),
      countActiveBinsByDistrict(ctx.db),
    ]);
    const data = { boundary: boundary?.geometry ?? null, districts: districts.map((d) => ({ ...d, bins: bins.get(d.id) ?? 0 })) };
    return c.html(<DistrictsPage page={pageFor(c)} data={data} />);
  });

  for (const [path, [file, titleKey]] of Object.entries(legalPages)) {
    app.get(path, async (c) => {
      const page = pageFor(c);
      const figures = { emailDays: ctx.config.retentionEmailDays, photoMonths: ctx.config.retentionPhotoMonths };
      const text = await loadLegalText(file, page.lang, figures);
      if (!text) throw new UserError(404, 'error.notFound');
      return c.html(<LegalPage page={page} titleKey={titleKey} text={text} />);
    });
  }

  return app;
}
