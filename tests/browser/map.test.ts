// The public map, the list and the pick-mode map in real Chromium: with and without JavaScript, by
// mouse and keyboard, axe-core (WCAG 2.1 AA), no sideways scrolling on a phone, and no request to any
// host but ours and the tile server. Tiles come from "localhost" on the test server: another host
// name for the same server, so the recorder can tell tile requests from page requests.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReport } from '../map/fixtures.ts';
import { mountPickPage, PICK_CENTER } from '../map/pick-page.tsx';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

// A 1×1 light grey PNG: enough for Leaflet to call a tile loaded.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mN48OABAAVkArFlUuKiAAAAAElFTkSuQmCC', 'base64');

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let tileHost: string;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startTestServer({
      config: (url) => ({ tileUrl: `${url.replace('127.0.0.1', 'localhost')}/test-tiles/{z}/{x}/{y}.png` }),
      configure: (app, ctx) => {
        mountPickPage(app, ctx);
        // Real tile servers send no CORP header; ours would say same-origin, which blocks the image.
        app.get('/test-tiles/*', (c) => c.body(new Uint8Array(TILE), 200, { 'Content-Type': 'image/png', 'Cross-Origin-Resource-Policy': 'cross-origin' }));
      },
    }),
  ]);
  tileHost = new URL(server.ctx.config.tileUrl.replace(/[{}]/g, '')).host;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(options: BrowserContextOptions & { width?: number }, fn: (page: Page, context: BrowserContext) => Promise<T>) {
  const { width = 375, ...rest } = options;
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 800 }, ...rest });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** Records every host the page asks and everything the console says about blocked content. */
function record(page: Page) {
  const hosts = new Set<string>();
  const problems: string[] = [];
  page.on('request', (request) => hosts.add(new URL(request.url()).host));
  page.on('console', (message) => message.type() === 'error' && !/404|Not Found/.test(message.text()) && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  return { hosts, problems };
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Reports drawn on the map: single markers plus the counts in the clusters. */
const drawnReports = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('.map-marker').length + [...document.querySelectorAll('.map-cluster')].reduce((sum, c) => sum + Number(c.textContent), 0));

describe('/karte with JavaScript', () => {
  it('draws the 12 demo reports as markers and clusters, and loads only from the server and the tile host', async () => {
    await withPage({}, async (page) => {
      const { hosts, problems } = record(page);
      await page.goto(`${server.url}/karte`);
      await page.waitForSelector('#map[data-drawn="12"]');
      expect(await page.locator('.map-block').isVisible()).toBe(true);
      expect(await drawnReports(page)).toBe(12);
      expect(await page.locator('.map-cluster').count()).toBeGreaterThan(0);
      expect(await page.locator('#map-status').textContent()).toBe('Meldungen im Kartenausschnitt: 12');
      await page.waitForSelector('.leaflet-tile-loaded');
      expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('© OpenStreetMap-Mitwirkende');
      expect([...hosts].sort()).toEqual([new URL(server.url).host, tileHost].sort());
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);

      // The popup of the topmost marker does not fit above it: the map pans and loads again, and the
      // popup must stay open.
      const tops = await page.locator('.map-marker').evaluateAll((markers) => markers.map((m) => m.getBoundingClientRect().top));
      const before = await page.locator('#map').evaluate((map) => map.querySelector('.leaflet-map-pane')!.getAttribute('style'));
      await page.locator('.map-marker').nth(tops.indexOf(Math.min(...tops))).click();
      await page.waitForFunction((style) => document.querySelector('#map .leaflet-map-pane')!.getAttribute('style') !== style, before);
      await page.waitForTimeout(500);
      expect(await page.locator('.leaflet-popup-content a').count()).toBe(1);
    });
  });

  it('at desktop width too, with a popup that links to the report', async () => {
    await withPage({ width: 1280 }, async (page) => {
      await page.goto(`${server.url}/karte?lang=en`);
      await page.waitForSelector('#map[data-drawn="12"]');
      expect(await drawnReports(page)).toBe(12);
      await page.locator('.map-marker').first().click();
      const link = page.locator('.leaflet-popup-content a');
      expect(await link.getAttribute('href')).toMatch(/^\/m\/\d+\?lang=en$/);
      expect(await link.textContent()).toMatch(/^View report \d+$/);
      expect(await page.locator('.leaflet-popup-content').textContent()).toMatch(/reported on \d+ \w+ 2026/);
      expect(await page.locator('.leaflet-popup-close-button').getAttribute('aria-label')).toBe('Close');
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('lists reports on one spot in the popup of their cluster, and opens markers by keyboard', async () => {
    await withPage({}, async (page) => {
      // The demo's two Altstadt reports share one point: no zoom level can separate them.
      await page.goto(`${server.url}/karte?district=Altstadt`);
      await page.waitForSelector('#map[data-drawn="2"]');
      const cluster = page.locator('.map-cluster');
      expect(await cluster.getAttribute('title')).toBe('2 Meldungen');
      await cluster.focus();
      await page.keyboard.press('Enter');
      const links = page.locator('.leaflet-popup-content li a');
      await links.first().waitFor();
      expect((await links.allTextContents()).sort()).toEqual(['Meldung 10 ansehen', 'Meldung 3 ansehen']);
    });
  });

  it('applies the filters of the form', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/karte`);
      await page.waitForSelector('#map[data-drawn="12"]');
      await page.getByLabel('Stand').selectOption('closed');
      await page.getByRole('button', { name: 'Filter anwenden' }).click();
      await page.waitForURL(/state=closed/);
      await page.waitForSelector('#map[data-drawn="4"]');
      expect(await page.locator('.map-marker-open').count()).toBe(0);
    });
  });
});

describe('/karte without JavaScript', () => {
  it('offers the filters and the list, and no map', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const { hosts } = record(page);
      await page.goto(`${server.url}/karte`);
      expect(await page.locator('.map-block').isVisible()).toBe(false);
      await page.getByLabel('Ortsbezirk').selectOption('Altstadt');
      await page.getByRole('button', { name: 'Filter anwenden' }).click();
      await page.waitForURL(/district=Altstadt/);
      await page.getByRole('link', { name: 'Meldungen als Liste anzeigen' }).click();
      await page.waitForURL(/\/karte\/liste\?district=Altstadt$/);
      expect(await page.locator('.report-entry').count()).toBe(2);
      expect([...hosts]).toEqual([new URL(server.url).host]);
    });
  });
});

describe('/karte/liste without JavaScript', () => {
  let listServer: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    listServer = await startTestServer();
    for (let i = 0; i < 20; i++) await addReport(listServer.ctx, { category: 'graffiti', district: 'Finthen' });
  });
  afterAll(() => listServer?.close());

  it('filters and pages', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${listServer.url}/karte/liste`);
      expect(await page.locator('h2#results-title').textContent()).toBe('32 Meldungen');
      expect(await page.locator('.report-entry').count()).toBe(25);
      expect(await page.locator('.pagination p').textContent()).toBe('Seite 1 von 2');
      await page.getByRole('link', { name: 'Nächste Seite' }).click();
      await page.waitForURL(/seite=2/);
      expect(await page.locator('.report-entry').count()).toBe(7);
      await page.getByRole('link', { name: 'Vorherige Seite' }).click();
      await page.waitForURL(/\/karte\/liste$/);
      await page.getByLabel('Kategorie').selectOption('graffiti');
      await page.getByRole('button', { name: 'Filter anwenden' }).click();
      await page.waitForURL(/category=graffiti/);
      expect(await page.locator('h2#results-title').textContent()).toBe('21 Meldungen');
      expect(await page.locator('.report-entry h3').first().textContent()).toMatch(/^Graffiti \/ Wildplakatierung \(Nr\. \d+\)$/);
      expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);
    });
  });

  for (const [name, query] of [['with results', '?seite=2'], ['without results', '?district=Drais'], ['in English', '?lang=en&state=closed']]) {
    it(`has no axe violations ${name}`, async () => {
      // axe runs in the page, so this context has JavaScript; the list itself has no script.
      await withPage({}, async (page) => {
        await page.goto(`${listServer.url}/karte/liste${query}`);
        expect(await axeViolations(page)).toEqual([]);
        expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);
      });
    });
  }
});

describe('pick mode (the report form\'s map)', () => {
  const values = (page: Page) => page.evaluate(() => [Number((document.getElementById('lat') as HTMLInputElement).value), Number((document.getElementById('lon') as HTMLInputElement).value)]);
  const listen = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { picked: unknown[] };
      w.picked = [];
      document.getElementById('pick-map')!.addEventListener('map:picked', (e) => w.picked.push((e as CustomEvent).detail));
    });
  const picked = (page: Page) => page.evaluate(() => (window as unknown as { picked: Array<{ lat: number; lon: number }> }).picked);

  it('sets the pin and the inputs with one click, and says so', async () => {
    await withPage({}, async (page) => {
      const { hosts, problems } = record(page);
      await page.goto(`${server.url}/test-pick`);
      await page.waitForSelector('#pick-map.leaflet-container');
      await listen(page);
      const box = (await page.locator('#pick-map').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const [lat, lon] = await values(page);
      // The middle of the map is its centre, to a few metres at zoom 15.
      expect(Math.abs(lat! - PICK_CENTER.lat)).toBeLessThan(1e-4);
      expect(Math.abs(lon! - PICK_CENTER.lon)).toBeLessThan(1e-4);
      expect(await picked(page)).toEqual([{ lat, lon, source: 'map' }]);
      expect(await page.locator('#pick-map-status').textContent()).toBe(`Ort gesetzt: Breite ${lat!.toLocaleString('de-DE', { maximumFractionDigits: 6 })}, Länge ${lon!.toLocaleString('de-DE', { maximumFractionDigits: 6 })}.`);
      expect(await page.locator('#pick-map .leaflet-marker-icon').count()).toBe(1);

      // A second click moves the one pin.
      await page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2);
      const [, lon2] = await values(page);
      expect(lon2!).toBeGreaterThan(lon!);
      expect(await page.locator('#pick-map .leaflet-marker-icon').count()).toBe(1);
      expect([...hosts].sort()).toEqual([new URL(server.url).host, tileHost].sort());
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);
    });
  });

  it('works by keyboard: Tab to the map, arrows pan, + zooms, Enter and Space set the pin at the crosshair', async () => {
    await withPage({}, async (page) => {
      const tiles: string[] = [];
      page.on('request', (r) => r.url().includes('/test-tiles/') && tiles.push(r.url()));
      await page.goto(`${server.url}/test-pick`);
      await page.waitForSelector('#pick-map.leaflet-container');
      await listen(page);
      for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.id)) !== 'pick-map'; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pick-map');
      expect(await page.locator('.map-crosshair').isVisible()).toBe(true);

      await page.keyboard.press('Enter');
      const [lat0, lon0] = await values(page);
      expect(Math.abs(lat0! - PICK_CENTER.lat)).toBeLessThan(1e-5);
      expect(Math.abs(lon0! - PICK_CENTER.lon)).toBeLessThan(1e-5);

      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(400); // the pan animation
      await page.keyboard.press(' ');
      const [lat1, lon1] = await values(page);
      expect(lon1!).toBeGreaterThan(lon0!);
      expect(Math.abs(lat1! - lat0!)).toBeLessThan(1e-5);
      expect(await picked(page)).toHaveLength(2);

      await page.keyboard.press('+');
      await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile-loaded').length > 0);
      await page.waitForTimeout(400);
      expect(tiles.some((url) => url.includes('/test-tiles/16/'))).toBe(true);
      // Space set the pin instead of scrolling the page.
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await page.keyboard.press('Tab');
      expect(await page.locator('.map-crosshair').isVisible()).toBe(false);
    });
  });

  it('shows the pin of inputs that already have values, centred on it', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/test-pick?lat=50.0012&lon=8.2738`);
      await page.waitForSelector('#pick-map .leaflet-marker-icon');
      await page.locator('#pick-map').focus();
      await page.keyboard.press('Enter');
      const [lat, lon] = await values(page);
      expect(Math.abs(lat! - 50.0012)).toBeLessThan(1e-5);
      expect(Math.abs(lon! - 8.2738)).toBeLessThan(1e-5);
    });
  });

  it('asks for the position only when the button is pressed, and sets the pin there', async () => {
    await withPage({ geolocation: { latitude: 49.9871, longitude: 8.2417 }, permissions: ['geolocation'] }, async (page) => {
      await page.goto(`${server.url}/test-pick`);
      await page.waitForSelector('#pick-map.leaflet-container');
      expect(await page.evaluate(() => [document.getElementById('lat') as HTMLInputElement].map((i) => i.value))).toEqual(['']);
      const button = page.getByRole('button', { name: 'Meinen Standort verwenden' });
      await button.click();
      await page.waitForFunction(() => (document.getElementById('lat') as HTMLInputElement).value !== '');
      expect(await values(page)).toEqual([49.9871, 8.2417]);
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('says in words when the position is not shared', async () => {
    await withPage({ permissions: [] }, async (page, context) => {
      await context.clearPermissions();
      await page.goto(`${server.url}/test-pick`);
      await page.waitForSelector('#pick-map.leaflet-container');
      await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
      await page.waitForFunction(() => document.getElementById('pick-map-status')!.classList.contains('map-status-error'), undefined, { timeout: 20_000 });
      expect(await page.locator('#pick-map-status').textContent()).toMatch(/^Der Standort (wurde nicht freigegeben|konnte nicht ermittelt werden)\./);
      expect(await values(page)).toEqual([0, 0]); // empty inputs read as 0
    });
  });
});
