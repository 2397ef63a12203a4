// Citizens issue, point 1: the form can be found. A crawl from / must reach every kind of public page
// (the form and each of its categories, code entry, map, list, report pages, districts, legal pages,
// the link kit, its poster), every link on the way must answer, and the header of every citizen page
// but the scan page carries "Mangel melden".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReport, createTestApp } from '../helpers.ts';
import { renderPage, scratchDir, writePgm, zbar } from '../qr/decode.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>['app'];

/** Same-site GET targets of <a href> and <link href> on a page (the manifest is a <link>). */
function linksOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<(?:a|link)\b[^>]*?\shref="([^"]+)"/g)) {
    const href = m[1]!.replace(/&amp;/g, '&');
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    found.add(href.split('#')[0]!);
  }
  return [...found].filter(Boolean);
}

/** The kind of page a path is, so that 300 report pages count as one kind. */
function patternOf(path: string): string {
  const p = new URL(path, 'http://x').pathname;
  return p.replace(/^\/m\/\d+$/, '/m/{n}').replace(/^\/melden\/[a-z0-9-]+$/, '/melden/{slug}');
}

async function crawl(app: TestApp, start: string, limit = 2000) {
  const seen = new Map<string, number>();
  const queue = [start];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const res = await app.request(path);
    seen.set(path, res.status);
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    for (const link of linksOf(await res.text())) if (!seen.has(link)) queue.push(link);
  }
  return seen;
}

describe('every public page is reachable from /', () => {
  it('a crawl reaches the form, each defect category, code entry, the link kit and its poster, and no link is broken', async () => {
    const { ctx, app } = await createTestApp();
    // A report, so that report pages are part of the public site.
    await createReport(ctx, { description: 'Schlagloch vor dem Eingang' });
    const seen = await crawl(app, '/');
    const broken = [...seen].filter(([, status]) => status !== 200);
    expect(broken).toEqual([]);
    const patterns = new Set([...seen.keys()].map(patternOf));
    for (const kind of ['/', '/melden', '/melden/{slug}', '/code', '/karte', '/karte/liste', '/m/{n}', '/ortsbezirke', '/datenschutz', '/barrierefreiheit', '/impressum', '/leichte-sprache', '/verlinken', '/verlinken/plakat.pdf', '/manifest.webmanifest']) {
      expect(patterns, kind).toContain(kind);
    }
    const defects = await ctx.db.selectFrom('categories').select('slug').where('kind', '=', 'defect').where('active', '=', 1).execute();
    for (const { slug } of defects) expect(seen.get(`/melden/${slug}`), slug).toBe(200);
  });

  it('in English too, every link keeping ?lang=en', async () => {
    const { app } = await createTestApp();
    const seen = await crawl(app, '/?lang=en', 200);
    expect(seen.get('/melden?lang=en')).toBe(200);
    expect(seen.get('/code?lang=en')).toBe(200);
    expect(seen.get('/verlinken?lang=en')).toBe(200);
  });
});

describe('the way to the form', () => {
  it('the start page has a large "Mangel melden" action and its categories are links to their forms', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/')).text();
    expect(html).toContain('<a class="button button-large" href="/melden">Mangel melden</a>');
    expect(html).toMatch(/<a href="\/melden\/strassenschaden" class="choose-link"><strong>Straßenschaden \/ Schlagloch<\/strong>/);
    // A bin is reported by its code: its categories lead to the code entry.
    expect(html).toMatch(/<a href="\/code" class="choose-link"><strong>[^<]*Papierkorb/);
  });

  it('every citizen page has "Mangel melden" in its header, the scan page not', async () => {
    const { ctx, app } = await createTestApp();
    const bin = await ctx.db.selectFrom('bins').select('code').where('active', '=', 1).executeTakeFirstOrThrow();
    for (const path of ['/', '/karte', '/karte/liste', '/ortsbezirke', '/code', '/melden', '/melden/strassenschaden', '/impressum', '/verlinken', '/gibt-es-nicht', `/B/${bin.code}/danke?grund=full`]) {
      const html = await (await app.request(path)).text();
      expect(html, path).toMatch(/<a class="header-report" href="\/melden"[^>]*>Mangel melden<\/a>/);
    }
    const scan = await (await app.request(`/B/${bin.code}`)).text();
    expect(scan).not.toContain('class="header-report"');
    const en = await (await app.request('/karte?lang=en')).text();
    expect(en).toContain('<a class="header-report" href="/melden?lang=en">Report a problem</a>');
  });

  it('the Leichte-Sprache page points to the action that exists', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/leichte-sprache')).text();
    expect(html).toContain('href="/melden"');
    expect(html).toContain('Mangel melden');
  });
});

describe('the Web App Manifest', () => {
  it('is linked from citizen pages and names the app, its start, its icons and the report shortcut', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/')).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    const res = await app.request('/manifest.webmanifest');
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as { name: string; start_url: string; display: string; icons: Array<{ src: string; sizes: string; type: string }>; shortcuts: Array<{ url: string }> };
    expect(manifest).toMatchObject({ name: 'Stadtmelder Mainz', start_url: '/', display: 'standalone' });
    expect(manifest.shortcuts[0]!.url).toBe('/melden');
    for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
      const png = await app.request(icon.src);
      expect(png.status).toBe(200);
      const bytes = new Uint8Array(await png.arrayBuffer());
      // The PNG's IHDR holds width and height: the icon is as large as the manifest says.
      const view = new DataView(bytes.buffer);
      expect(`${view.getUint32(16)}x${view.getUint32(20)}`).toBe(icon.sizes);
    }
    const en = (await (await app.request('/manifest.webmanifest?lang=en')).json()) as { shortcuts: Array<{ name: string; url: string }> };
    expect(en.shortcuts[0]).toEqual({ name: 'Report a problem', url: '/melden?lang=en' });
  });
});

describe('the link kit', () => {
  it('/verlinken gives a button snippet to /melden on the public address', async () => {
    const { ctx, app } = await createTestApp();
    const html = await (await app.request('/verlinken')).text();
    const base = ctx.config.publicBaseUrl;
    expect(html).toContain(`&lt;a href=&quot;${base}/melden&quot; style=`);
    expect(html).toContain('href="/verlinken/plakat.pdf"');
  });

  it('the poster is an A4 PDF whose QR code holds the form address', async () => {
    const { ctx, app } = await createTestApp();
    const res = await app.request('/verlinken/plakat.pdf');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[0 0 595\.27\d* 841\.8\d*\]/);
    const { posterSymbol, posterUrl } = await import('../../qr/poster.ts');
    expect(posterUrl(ctx.config.publicBaseUrl)).toBe(`${ctx.config.publicBaseUrl}/melden`);
    expect(posterSymbol(posterUrl(ctx.config.publicBaseUrl)).text).toBe(`${ctx.config.publicBaseUrl}/melden`);
    // And read as a phone would: the printed page, rendered by poppler, decoded by zbar.
    const dir = scratchDir();
    const file = join(dir, 'plakat.pdf');
    writeFileSync(file, Buffer.from(pdf, 'latin1'));
    const picture = writePgm(join(dir, 'plakat.pgm'), renderPage(file, 1));
    expect(zbar([picture]).get(picture)).toEqual([`${ctx.config.publicBaseUrl}/melden`]);
  });
});
