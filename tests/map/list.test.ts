// GET /karte and /karte/liste through the app: filters, pages, and the headers of a map page.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';
import { addReport } from './fixtures.ts';

/** The report ids linked from a list page, in page order. */
const listedIds = (html: string) => [...html.matchAll(/<h3><a href="\/m\/(\d+)(?:\?lang=\w+)?">/g)].map((m) => Number(m[1]));

describe('GET /karte/liste', () => {
  it('lists the 12 demo reports newest first with category, place, state in words and date', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/karte/liste');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(listedIds(html)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(html).toContain('<h2 id="results-title">12 Meldungen</h2>');
    expect(html).toContain('<a href="/m/1">Straßenschaden / Schlagloch (Nr. 1)</a>');
    expect(html).toContain('<dt>Ort</dt><dd>Neustadt</dd>');
    expect(html).toContain('<dt>Stand</dt><dd>Gesehen</dd>');
    expect(html).toContain('<time datetime="2026-11-20T15:00:00.000Z">20. November 2026</time>');
    expect(html).toContain('Tiefes Schlagloch auf der rechten Fahrspur');
    // No map, no scripts, nothing from the tile server on the list.
    expect(html).not.toContain('<script');
    expect(html).not.toContain('data-map');

    const en = await (await app.request('/karte/liste?lang=en')).text();
    expect(en).toContain('<h2 id="results-title">12 reports</h2>');
    expect(en).toContain('<a href="/m/1?lang=en">Road damage / pothole (no. 1)</a>');
    expect(en).toContain('<dt>Status</dt><dd>Seen</dd>');
    expect(en).toContain('20 November 2026');
    // The filter form carries the chosen language on.
    expect(en).toContain('<input type="hidden" name="lang" value="en"/>');
  });

  it('shows the place with the address when it is published, with the district alone when not', async () => {
    const { app, ctx } = await createTestApp();
    const id = await addReport(ctx, { district: 'Mombach', address: 'Hauptstraße 12', addressPublished: true });
    const html = await (await app.request('/karte/liste?district=Mombach')).text();
    expect(listedIds(html)).toEqual([id, 7]);
    expect(html).toContain('<dd>Mombach, Hauptstraße 12</dd>');
    const unpublished = await addReport(ctx, { district: 'Mombach', address: 'bei Familie Geheimname' });
    const again = await (await app.request('/karte/liste?district=Mombach')).text();
    expect(listedIds(again)).toEqual([unpublished, id, 7]);
    expect(again).not.toContain('Geheimname');
    expect(again).toContain('<dd>Mombach</dd>');
  });

  it('filters by category, state group and district, and keeps the choice in the form', async () => {
    const { app } = await createTestApp();
    const closed = await (await app.request('/karte/liste?state=closed')).text();
    expect(listedIds(closed)).toEqual([5, 8, 11, 12]);
    expect(closed).toContain('<option value="closed" selected="">');
    expect(listedIds(await (await app.request('/karte/liste?state=open')).text())).toEqual([1, 2, 3, 4, 6, 7, 9, 10]);
    const altstadt = await (await app.request('/karte/liste?district=Altstadt&state=open')).text();
    expect(listedIds(altstadt)).toEqual([3, 10]);
    expect(altstadt).toContain('<option value="Altstadt" selected="">Altstadt</option>');
    expect(listedIds(await (await app.request('/karte/liste?category=gully')).text())).toEqual([12]);
    // The way back to the map keeps the filters.
    expect(altstadt).toContain('<a href="/karte?state=open&amp;district=Altstadt">Meldungen auf der Karte zeigen</a>');
    expect(altstadt).toContain('<a href="/karte/liste">Filter zurücksetzen</a>');
  });

  it('says so when nothing matches', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/karte/liste?district=Drais')).text();
    expect(listedIds(html)).toEqual([]);
    expect(html).toContain('<h2 id="results-title">0 Meldungen</h2>');
    expect(html).toContain('Für diese Auswahl gibt es keine Meldungen.');
    expect(html).not.toContain('aria-label="Seiten"');
  });

  it('pages by 25 with ?seite=N, keeping the filters in the page links', async () => {
    const { app, ctx } = await createTestApp();
    const added: number[] = [];
    for (let i = 0; i < 40; i++) added.push(await addReport(ctx, { category: 'graffiti', district: 'Finthen', createdDaysAgo: i / 100 }));
    const first = await (await app.request('/karte/liste?category=graffiti')).text();
    expect(first).toContain('<h2 id="results-title">41 Meldungen</h2>');
    expect(listedIds(first)).toEqual(added.slice(0, 25));
    expect(first).toContain('Seite 1 von 2');
    expect(first).toContain('<a href="/karte/liste?category=graffiti&amp;seite=2" rel="next">Nächste Seite</a>');
    expect(first).not.toContain('rel="prev"');

    const second = await (await app.request('/karte/liste?category=graffiti&seite=2')).text();
    expect(listedIds(second)).toEqual([...added.slice(25), 4]);
    expect(second).toContain('Seite 2 von 2');
    expect(second).toContain('<a href="/karte/liste?category=graffiti" rel="prev">Vorherige Seite</a>');
    expect(second).not.toContain('rel="next"');

    const all = await (await app.request('/karte/liste?seite=3')).text();
    expect(listedIds(all)).toHaveLength(52 - 50);
    const beyond = await app.request('/karte/liste?category=graffiti&seite=9');
    expect(beyond.status).toBe(200);
    expect(await beyond.text()).toContain('Diese Seite gibt es für diese Auswahl nicht. <a href="/karte/liste?category=graffiti">Zur ersten Seite</a>');
  });

  it.each(['0', '-1', 'zwei', '1.5', '9999999'])('refuses ?seite=%s with 400', async (seite) => {
    const { app } = await createTestApp();
    const res = await app.request(`/karte/liste?seite=${seite}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Die Seitenzahl muss eine ganze Zahl ab 1 sein.');
  });

  it('refuses an unknown filter value with 400', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/karte/liste?district=Atlantis&lang=en');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The filter “District” has no value “Atlantis”.');
  });
});

describe('GET /karte', () => {
  it('has the filter form, the link to the list and the map block for scripts, and a header link', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/karte?category=graffiti&lang=en')).text();
    expect(html).toContain('<form method="get" action="/karte">');
    expect(html).toContain('<option value="graffiti" selected="">Graffiti / fly-posting</option>');
    expect(html).toContain('<a href="/karte/liste?category=graffiti&amp;lang=en">Show the reports as a list</a>');
    expect(html).toContain('<a href="/karte?lang=en" aria-current="page">Map</a>');
    // The map comes hidden and is shown by the script; it loads what the filters say, in the page's language.
    expect(html).toMatch(/<div class="map-block map-block-browse" hidden="">\s*<a class="map-skip" href="#after-map">Skip the map<\/a>/);
    expect(html).toContain('data-geojson="/karte.geojson?category=graffiti&amp;lang=en"');
    expect(html).toContain('data-report-href="/m/{id}?lang=en"');
    expect(html).toContain('<script defer="" src="/static/leaflet/leaflet.js"></script><script defer="" src="/static/map.js"></script>');
    expect(html).toContain('id="after-map"');
  });

  it('lets images come from the tile server; the list does not', async () => {
    const { app, ctx } = await createTestApp();
    const map = await app.request('/karte');
    expect(map.headers.get('content-security-policy')).toMatch(/img-src 'self' data: https:\/\/tile\.openstreetmap\.org;/);
    const html = await map.text();
    expect(html).toContain(`data-tiles="${ctx.config.tileUrl}"`);
    expect(html).toContain(`data-attribution="${ctx.config.tileAttribution}"`);
    for (const path of ['/karte/liste', '/karte.geojson', '/']) {
      const csp = (await app.request(path)).headers.get('content-security-policy');
      expect(csp).toMatch(/img-src 'self' data:;/);
      expect(csp).not.toContain('tile.openstreetmap.org');
    }
    // A map page sets no cookie either.
    expect(map.headers.get('set-cookie')).toBeNull();
  });
});

describe('Leaflet from our own /static/leaflet/', () => {
  it('serves leaflet.js, leaflet.css and its images with cache headers, and nothing else of the package', async () => {
    const { app } = await createTestApp();
    for (const [path, type] of [
      ['/static/leaflet/leaflet.js', 'text/javascript; charset=utf-8'],
      ['/static/leaflet/leaflet.css', 'text/css; charset=utf-8'],
      ['/static/leaflet/images/marker-icon.png', 'image/png'],
      ['/static/leaflet/images/layers-2x.png', 'image/png'],
    ]) {
      const res = await app.request(path!);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    expect(await (await app.request('/static/leaflet/leaflet.js')).text()).toContain('Leaflet 1.9.4');
    for (const path of ['/static/leaflet/leaflet-src.js', '/static/leaflet/leaflet.js.map', '/static/leaflet/../package.json', '/static/leaflet/images/../../package.json']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
    const script = await app.request('/static/map.js');
    expect(script.status).toBe(200);
    expect((await app.request('/static/map.css')).status).toBe(200);
  });
});
