// Back office: the litter-bin registry pages for admin, dispatcher and staff (crews get 403; they
// have /intern/kolonne). Reading is open to all three; changes (staff-bins-actions.tsx) only for
// bins of the person's departments.
import { Hono, type Context } from 'hono';
import { searchBins } from '../../db/staff-bins.ts';
import { loadFormats } from '../../qr/formats.ts';
import { selectStickers } from '../../qr/selection.ts';
import { stickerPdf } from '../../qr/sheet.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { pageFor } from '../views/page.ts';
import { BinListPage, type BinListData } from '../views/staff/bins-list.tsx';
import { staffBinActionRoutes } from './staff-bins-actions.tsx';
import { loadBinAccess, renderBinDetail } from './staff-bins-detail.tsx';

export const BINS_PATH = '/intern/papierkoerbe';
const PER_PAGE = 50;
const DEFAULT_FORMAT = '3659';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function staffBinsRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  // Crews empty bins (/intern/kolonne); the register is office work.
  const officeOnly = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    if (c.get('staffSession')?.user.role === 'crew') throw new UserError(403, 'staff.bins.error.crew');
    return next();
  };
  app.use(BINS_PATH, officeOnly);
  app.use(`${BINS_PATH}/*`, officeOnly);

  const renderList = async (c: Context<AppEnv>, print: BinListData['print'], status: 200 | 422) => {
    const session = c.get('staffSession')!;
    const q = text(c.req.query('q')).slice(0, 100);
    const includeRetired = c.req.query('ausgemustert') === '1';
    const requested = Number(c.req.query('seite') ?? '1');
    const first = await searchBins(ctx.db, { q, includeRetired, page: 1, perPage: PER_PAGE });
    const pages = Math.max(1, Math.ceil(first.total / PER_PAGE));
    const pageNumber = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, pages) : 1;
    const { rows, total } = pageNumber === 1 ? first : await searchBins(ctx.db, { q, includeRetired, page: pageNumber, perPage: PER_PAGE });
    const formats = loadFormats().map((f) => ({ id: f.id, name: f.name }));
    const data: BinListData = { user: session.user, csrfToken: session.csrfToken, q, includeRetired, rows, total, page: pageNumber, pages, formats, print };
    return c.html(<BinListPage page={pageFor(c)} data={data} />, status);
  };

  app.get(BINS_PATH, (c) => renderList(c, { format: DEFAULT_FORMAT, selected: new Set(), error: null }, 200));

  // The ticked bins of the list as a sticker sheet, made by the same generator as /intern/aufkleber.pdf.
  app.get(`${BINS_PATH}/aufkleber.pdf`, async (c) => {
    const format = text(c.req.query('format'));
    const typed = c.req.queries('bin') ?? [];
    const ids = typed.filter((v) => /^\d{1,9}$/.test(v)).map(Number);
    const selected = new Set(ids);
    const formats = loadFormats();
    const refuse = (error: NonNullable<BinListData['print']['error']>) => renderList(c, { format, selected, error }, 422);
    if (!formats.some((f) => f.id === format)) return refuse('staff.bins.error.printFormat');
    if (!typed.length) return refuse('staff.bins.error.printNone');
    if (ids.length !== typed.length || ids.length > 5000) return refuse('staff.bins.error.printBins');
    const bins = await ctx.db.selectFrom('bins').select(['id', 'code']).where('id', 'in', [...selected]).orderBy('id').execute();
    if (bins.length !== selected.size) return refuse('staff.bins.error.printBins');
    const selection = await selectStickers(ctx.db, { format, codes: bins.map((b) => b.code).join(',') }, formats);
    // A retired bin or a code revoked meanwhile: the list shows it again as it is now.
    if (!selection.ok) return refuse('staff.bins.error.printBins');
    const { pdf } = await stickerPdf(selection.bins, selection.format, ctx.config.publicBaseUrl, ctx.clock.now());
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="aufkleber-${selection.format.id.toLowerCase()}-${selection.scope}.pdf"`,
    });
  });

  app.get(`${BINS_PATH}/:id`, async (c) => {
    const access = await loadBinAccess(ctx, c.get('staffSession')!.user, c.req.param('id'));
    const done = (['gespeichert', 'unveraendert', 'neuer-code', 'ausgemustert'] as const).find((key) => c.req.query(key) === '1') ?? null;
    return renderBinDetail(c, ctx, access, { done });
  });

  app.route('/', staffBinActionRoutes(ctx));
  return app;
}
