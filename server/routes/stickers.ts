// QR codes and sticker sheets for bins. Both only read: printing a sheet changes nothing, so a
// sheet can be printed again at any time (a new code for a damaged sticker is a separate POST).
// /intern/aufkleber.pdf is behind the staff login: the guard in server/routes/staff.tsx runs first
// (crews may not print sheets, see server/staff/access.ts).
import { Hono } from 'hono';
import { lookupBinCode } from '../../db/bins.ts';
import { symbolPng } from '../../qr/png.ts';
import { selectStickers } from '../../qr/selection.ts';
import { stickerPdf } from '../../qr/sheet.ts';
import { binQrSymbol } from '../../qr/symbol.ts';
import { symbolSvg } from '../../qr/vector.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';

export function stickerRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  // ?format=3659 [&district=Altstadt | &codes=K7M4QX2,...]: a PDF of stickers for label sheets.
  app.get('/intern/aufkleber.pdf', async (c) => {
    const selection = await selectStickers(ctx.db, { format: c.req.query('format'), district: c.req.query('district'), codes: c.req.query('codes') });
    if (!selection.ok) {
      const [first] = selection.problems;
      throw new UserError(400, first!.key, first!.params);
    }
    const { format, bins, scope } = selection;
    const { pdf } = await stickerPdf(bins, format, ctx.config.publicBaseUrl, ctx.clock.now());
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="aufkleber-${format.id.toLowerCase()}-${scope}.pdf"`,
      'Cache-Control': 'no-store',
    });
  });

  // /qr/K7M4QX2.svg and .png: the QR code of a bin's current code, with its quiet zone.
  app.get('/qr/:file{[^/]+\\.(?:svg|png)}', async (c) => {
    const file = c.req.param('file');
    const typed = file.slice(0, -4);
    const found = await lookupBinCode(ctx.db, typed);
    if (found.status === 'unknown') throw new UserError(404, 'stickers.codeUnknown', { code: typed });
    if (found.status === 'revoked') throw new UserError(410, 'stickers.codeRevoked', { code: typed.toUpperCase(), current: found.currentCode ?? '' });
    if (found.status === 'retired') throw new UserError(410, 'stickers.binRetired', { code: found.bin.code });
    const symbol = binQrSymbol(ctx.config.publicBaseUrl, found.bin.code);
    // no-cache: the same URL shows a new symbol after the bin gets a new code.
    const headers = { 'Cache-Control': 'no-cache' };
    if (file.endsWith('.svg')) return c.body(symbolSvg(symbol), 200, { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' });
    return c.body(new Uint8Array(await symbolPng(symbol)), 200, { ...headers, 'Content-Type': 'image/png' });
  });

  return app;
}
