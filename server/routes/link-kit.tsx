// Being found: the Web App Manifest and its icons (Stadtmelder on a home screen), and /verlinken with
// the button snippet and the QR poster for the city's website and citizen offices.
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { posterPdf, posterUrl } from '../../qr/poster.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { LinkKitPage } from '../views/link-kit.tsx';
import { pageFor } from '../views/page.ts';

/** Sizes Android and iOS ask a manifest for; drawn once per process from the favicon. */
export const ICON_SIZES = [192, 512] as const;
const FAVICON = readFileSync(new URL('../../web/favicon.svg', import.meta.url));
const icons = new Map<number, Promise<Buffer>>();
const iconPng = (size: number) => {
  if (!icons.has(size)) icons.set(size, sharp(FAVICON, { density: (72 * size) / 32 }).resize(size, size).png().toBuffer());
  return icons.get(size)!;
};

export function linkKitRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get('/manifest.webmanifest', (c) => {
    const page = pageFor(c);
    const { t, lang } = page;
    const suffix = lang === 'de' ? '' : `?lang=${lang}`;
    const manifest = {
      name: t('site.name'),
      short_name: 'Stadtmelder',
      description: t('manifest.description'),
      lang,
      start_url: `/${suffix}`,
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#a5122a',
      icons: [
        ...ICON_SIZES.map((size) => ({ src: `/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
        { src: '/static/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
      shortcuts: [{ name: t('layout.report'), url: `/melden${suffix}` }],
    };
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('Content-Type', 'application/manifest+json; charset=utf-8');
    return c.body(JSON.stringify(manifest));
  });

  for (const size of ICON_SIZES) {
    app.get(`/icon-${size}.png`, async (c) => {
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(new Uint8Array(await iconPng(size)), 200, { 'Content-Type': 'image/png' });
    });
  }

  app.get('/verlinken', (c) => {
    const page = pageFor(c);
    return c.html(<LinkKitPage page={page} formUrl={posterUrl(ctx.config.publicBaseUrl)} />);
  });

  app.get('/verlinken/plakat.pdf', async (c) => {
    const { t, lang } = pageFor(c);
    const texts = { title: t('poster.title'), lead: t('poster.lead'), scan: t('poster.scan'), orType: t('poster.orType'), emergency: t('poster.emergency') };
    const pdf = await posterPdf(ctx.config.publicBaseUrl, texts, lang, ctx.clock.now());
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="stadtmelder-plakat-${lang}.pdf"`,
      'Cache-Control': 'public, max-age=3600',
    });
  });

  return app;
}
