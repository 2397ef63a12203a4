import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createTestApp, createTestContext } from '../helpers.ts';

const PUBLIC_PAGES = ['/', '/ortsbezirke', '/datenschutz', '/barrierefreiheit', '/impressum'];

describe('citizen pages', () => {
  it('serves the start page in German by default, with the common layout', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-language')).toBe('de');
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="de">/);
    expect(html).toContain('<a class="skip-link" href="#main">Zum Inhalt springen</a>');
    expect(html).toContain('<main id="main"');
    for (const [href, label] of [['/datenschutz', 'Datenschutz'], ['/barrierefreiheit', 'Barrierefreiheit'], ['/impressum', 'Impressum']]) {
      expect(html).toContain(`<a href="${href}">${label}</a>`);
    }
    expect(html).toContain('Straßenschaden / Schlagloch');
    expect(html).toContain('300 Papierkörbe mit QR-Code in 15 Ortsbezirken');
    expect(html).toContain('ungefähr (Demo-Geometrie)');
  });

  it('switches to English with ?lang=en and keeps it in internal links', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/?lang=en', { headers: { 'Accept-Language': 'de-DE' } })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Road damage / pothole');
    expect(html).toContain('<a href="/datenschutz?lang=en">Privacy</a>');
    expect(html).toContain('href="/?lang=de"');
  });

  it('follows Accept-Language without ?lang and without cookies', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/impressum', { headers: { 'Accept-Language': 'en-GB,en;q=0.9,de;q=0.5' } });
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    const html = await res.text();
    expect(html).toContain('<h1>Imprint</h1>');
    expect(html).toContain('<a href="/datenschutz">Privacy</a>');
  });

  it.each(PUBLIC_PAGES)('%s answers 200, sets no cookie and carries the security headers', async (path) => {
    const { app } = await createTestApp();
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'; img-src 'self' data:; style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'; /);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('shows the districts with their approximate demo geometry on screen', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/ortsbezirke')).text();
    expect(html).toContain('<svg viewBox=');
    for (const name of ['Altstadt', 'Hartenberg-Münchfeld', 'Weisenau']) expect(html).toContain(`<th scope="row">${name}</th>`);
    expect(html).toContain('<caption>Grenzen: ungefähre Demo-Geometrie</caption>');
    expect(html).toContain('<figcaption>ungefähre Demo-Geometrie</figcaption>');
  });

  it('sends scripts and styles with the headers a file needs, not those of a page', async () => {
    const { app } = await createTestApp();
    for (const path of ['/static/site.css', '/static/send-once.js', '/static/leaflet/leaflet.js']) {
      const res = await app.request(path, { headers: { 'Accept-Language': 'en' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      // The same file in every language: no Content-Language, and caches need not keep one per language.
      expect(res.headers.get('content-language')).toBeNull();
      expect(res.headers.get('vary') ?? '').not.toContain('Accept-Language');
      expect(res.headers.get('content-security-policy')).toBeNull();
    }
    // An SVG opened by itself is a document that could run script: it keeps the page headers.
    expect((await app.request('/static/favicon.svg')).headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    // So does the page that answers for a missing file, in the reader's language.
    const missing = await app.request('/static/gibt-es-nicht.js', { headers: { 'Accept-Language': 'en' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    expect(missing.headers.get('x-frame-options')).toBe('DENY');
    expect(missing.headers.get('content-language')).toBe('en');
  });

  it('sends HSTS only when the public URL is https', async () => {
    const { app } = await createTestApp({ config: { publicBaseUrl: 'https://melder.mainz.de' } });
    expect((await app.request('/')).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('widens the CSP for the tile host only on map pages', async () => {
    const ctx = await createTestContext({ config: { tileUrl: 'https://tiles.mainz.de/{z}/{x}/{y}.png' } });
    const app = createApp(ctx);
    app.get('/test-map', (c) => {
      c.set('mapPage', true);
      return c.text('map');
    });
    expect((await app.request('/test-map')).headers.get('content-security-policy')).toContain("img-src 'self' data: https://tiles.mainz.de;");
    expect((await app.request('/')).headers.get('content-security-policy')).not.toContain('tiles.mainz.de');
  });

  it('serves the stylesheet with a cache header', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/static/site.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/css/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('compresses pages for clients that accept gzip', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('errors', () => {
  it('renders an unknown page as a German 404 page', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/gibt-es-nicht');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Diese Seite gibt es nicht.');
    expect(html).toContain('<a href="/">Zur Startseite</a>');
  });

  it('renders the 404 page in English when asked', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/nope?lang=en')).text();
    expect(html).toContain('This page does not exist.');
  });

  it('answers JSON to clients that want JSON', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/nope', { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { status: 404, message: 'Diese Seite gibt es nicht.' } });
  });

  it('answers JSON for a URL that names a data format, whatever Accept says', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/karte.geojson?bbox=kaputt', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await res.json()).error.status).toBe(400);
  });

  it('answers the Open311 error array under /open311', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/open311/v2/unknown.json', { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: 'This page does not exist.' }]);
  });

  it('hides the details of a crash from the visitor and logs them', async () => {
    const logLines: string[] = [];
    const ctx = await createTestContext({ logLines });
    const app = createApp(ctx);
    app.get('/test-crash', () => {
      throw new Error('secret internal detail');
    });
    const res = await app.request('/test-crash');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Etwas ist schiefgelaufen');
    expect(html).not.toContain('secret internal detail');
    expect(logLines.some((l) => l.includes('secret internal detail') && JSON.parse(l).level === 'error')).toBe(true);
  });
});

describe('health and logs', () => {
  it('answers /healthz with a database check', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 when the database is gone', async () => {
    const { app, ctx } = await createTestApp();
    await ctx.db.destroy();
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', database: 'unreachable' });
  });

  it('masks the tokens of private links in the log', async () => {
    const logLines: string[] = [];
    const ctx = await createTestContext({ logLines });
    const app = createApp(ctx);
    await app.request('/status/GeheimesToken123456789');
    await app.request('/abo/AnderesGeheimnis987/entfernen');
    await app.request('/abo/entfernt');
    const paths = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request').map((l) => l.path);
    expect(paths).toEqual(['/status/…', '/abo/…/entfernen', '/abo/entfernt']);
    expect(logLines.join('\n')).not.toMatch(/Geheim|Geheimnis/);
  });

  it('logs structured lines without IP addresses, user agents or query strings', async () => {
    const logLines: string[] = [];
    const ctx = await createTestContext({ logLines });
    const app = createApp(ctx);
    await app.request('/?token=geheim', {
      headers: { 'X-Forwarded-For': '203.0.113.7', 'X-Real-IP': '198.51.100.9', 'User-Agent': 'Agent/1.0', Forwarded: 'for=192.0.2.60' },
    });
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/', status: 200 });
    expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'path', 'status', 'time']);
    const all = logLines.join('\n');
    for (const leak of ['203.0.113.7', '198.51.100.9', '192.0.2.60', 'Agent/1.0', 'geheim']) expect(all).not.toContain(leak);
  });
});
