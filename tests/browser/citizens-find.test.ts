// Citizens issue, points 1 and 7–10 in Chromium at 375 px: axe with WCAG 2.2 AA (axe.ts adds the tag for
// citizen pages) with and without JavaScript; targets of at least 24 px (44 px for the main actions);
// focus never covered by the map or anything else; the legend; copying the private link; a phone
// position outside the city; district labels readable on a phone. Screenshots go to
// tests/.artifacts/citizens-find/ for a person to look at.
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

const SHOTS = 'tests/.artifacts/citizens-find';
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mN48OABAAVkArFlUuKiAAAAAElFTkSuQmCC', 'base64');

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let reportId: number;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([
    launchBrowser(),
    startTestServer({
      config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png` }),
      configure: (app) => {
        app.get('/test-tiles/*', (c) => c.body(new Uint8Array(TILE), 200, { 'Content-Type': 'image/png' }));
      },
    }),
  ]);
  reportId = (await createReport(server.ctx, { district: 'Gonsenheim', description: 'Laterne aus' })).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(options: BrowserContextOptions & { width?: number }, fn: (page: Page, context: BrowserContext) => Promise<T>) {
  const { width = 375, ...rest } = options;
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 812 }, ...rest });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('WCAG 2.2 AA on the pages of this change, with and without JavaScript', () => {
  const paths = ['/', '/verlinken', '/melden', '/melden/strassenschaden', '/m/{n}', '/karte?report={n}', '/karte', '/ortsbezirke', '/code'];
  for (const template of paths) {
    it(`${template}: axe finds nothing with and without JavaScript, in German and English`, async () => {
      const path = template.replace('{n}', String(reportId));
      for (const javaScriptEnabled of [true, false]) {
        // axe itself is a script: "without JavaScript" here means none of the page's scripts load.
        await withPage({}, async (page, context) => {
          if (!javaScriptEnabled) await context.route(/\.js(\?|$)/, (route) => route.abort());
          for (const lang of ['de', 'en']) {
            await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
            if (javaScriptEnabled && (path === '/karte' || path.startsWith('/m/') || path.startsWith('/karte?'))) await page.waitForSelector('.map-block:not([hidden]) .leaflet-container');
            expect(await axeViolations(page), `${path} ${lang}`).toEqual([]);
            expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
          }
        });
      }
    }, 300_000);
  }
});

describe('point 1: the way in, at phone width', () => {
  it('"Mangel melden" is a 44 px target in the header and on the start page, and leads to the form', async () => {
    await withPage({}, async (page) => {
      await page.goto(server.url + '/');
      await page.screenshot({ path: `${SHOTS}/start-375.png`, fullPage: true });
      for (const selector of ['.header-report', '.home-action .button']) {
        const b = await box(page, selector);
        expect(b.height, selector).toBeGreaterThanOrEqual(44);
        expect(b.width, selector).toBeGreaterThanOrEqual(44);
      }
      await page.click('.home-action .button');
      await page.waitForURL(/\/melden$/);
      await page.getByRole('link', { name: /Straßenschaden/ }).first().click();
      await page.waitForURL(/\/melden\/strassenschaden$/);
    });
  });

  it('the link kit shows the button and offers the poster', async () => {
    await withPage({}, async (page) => {
      await page.goto(server.url + '/verlinken');
      await page.screenshot({ path: `${SHOTS}/verlinken-375.png`, fullPage: true });
      const poster = await page.request.get(server.url + '/verlinken/plakat.pdf');
      expect(poster.headers()['content-type']).toBe('application/pdf');
    });
  });
});

describe('points 8–10 on the form', () => {
  it('without JavaScript the form loads neither the map script nor its styles and its location error speaks of the address', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const asked: string[] = [];
      page.on('request', (r) => asked.push(new URL(r.url()).pathname));
      await page.goto(server.url + '/melden/strassenschaden');
      expect(asked.filter((p) => /leaflet|map\.(css|js)/.test(p))).toEqual([]);
      server.ctx.clock.advance(10_000);
      await Promise.all([page.waitForNavigation(), page.locator('form > button[type="submit"]').click()]);
      await page.waitForSelector('#ort-error', { timeout: 60_000 });
      expect(await page.textContent('#ort-error')).toBe('Bitte geben Sie Straße und Hausnummer an und wählen Sie den Ortsbezirk.');
      await page.screenshot({ path: `${SHOTS}/form-error-nojs-375.png`, fullPage: true });
    });
  });

  it('targets: the category link, the photo input and the submit button are large enough', async () => {
    await withPage({}, async (page) => {
      await page.goto(server.url + '/melden/strassenschaden');
      await page.waitForSelector('.map-block:not([hidden]) .leaflet-container');
      await page.screenshot({ path: `${SHOTS}/form-375.png`, fullPage: true });
      expect((await box(page, '.change-category a')).height).toBeGreaterThanOrEqual(24);
      expect((await box(page, '#fotos')).height).toBeGreaterThanOrEqual(44);
      expect((await box(page, 'form > button[type="submit"]')).height).toBeGreaterThanOrEqual(44);
      expect(await page.isVisible('.map-legend')).toBe(true);
    });
  });

  it('a phone position outside the city sets no place and says so', async () => {
    await withPage({ geolocation: { latitude: 50.11, longitude: 8.68 }, permissions: ['geolocation'] }, async (page) => {
      await page.goto(server.url + '/melden/strassenschaden');
      await page.click('#map-locate');
      await expect.poll(() => page.textContent('#map-status')).toContain('außerhalb von Mainz');
      expect(await page.inputValue('#lat')).toBe('');
      expect(await page.textContent('#map-status')).not.toContain('Ort gesetzt');
    });
  });

  it('keyboard focus is never covered: every focusable element, tabbed to, is the topmost thing at its centre', async () => {
    await withPage({}, async (page) => {
      for (const path of ['/melden/strassenschaden', `/m/${reportId}`]) {
        await page.goto(server.url + path);
        await page.waitForSelector('.map-block:not([hidden]) .leaflet-container');
        const covered: string[] = [];
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          const hit = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) return null;
            const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
            const y = Math.min(Math.max(r.top + Math.min(r.height, 40) / 2, 0), innerHeight - 1);
            const top = document.elementFromPoint(x, y);
            return top && (el === top || el.contains(top) || top.contains(el)) ? null : `${el.tagName}.${el.className} under ${top?.tagName}.${top?.className}`;
          });
          if (hit) covered.push(hit);
        }
        expect(covered, path).toEqual([]);
      }
    });
  });
});

describe('point 7, 8, 9 on the report pages', () => {
  it('/m/{n} with JavaScript: the legend in words, the report ringed, "Ich auch", and copying the link', async () => {
    await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      // The share sheet would wait for a person: this test takes the clipboard path.
      await page.addInitScript(() => Object.defineProperty(navigator, 'share', { value: undefined }));
      await page.goto(`${server.url}/m/${reportId}`);
      // The report is ringed, alone or inside the cluster it shares with demo reports on the same spot.
      await page.waitForSelector('#report-map .map-marker-this');
      expect(await page.textContent('.map-legend')).toContain(`Diese Meldung (Nr. ${reportId})`);
      await page.screenshot({ path: `${SHOTS}/report-375.png`, fullPage: true });
      await page.getByRole('button', { name: 'Link kopieren/teilen' }).click();
      await expect.poll(() => page.textContent('.copy-link-status')).toBe('Der Link ist kopiert.');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.ctx.config.publicBaseUrl}/m/${reportId}`);
      const before = (await server.ctx.db.selectFrom('reports').select('support_count').where('id', '=', reportId).executeTakeFirstOrThrow()).support_count;
      await page.getByRole('button', { name: 'Ich auch' }).click();
      await page.waitForURL(/unterstuetzt=1/);
      const after = (await server.ctx.db.selectFrom('reports').select('support_count').where('id', '=', reportId).executeTakeFirstOrThrow()).support_count;
      expect(after).toBe(before + 1);
    });
  });

  it('without JavaScript: no copy button, but the place in words and the figure on /karte?report=N', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${server.url}/m/${reportId}`);
      expect(await page.isVisible('.copy-link')).toBe(false);
      await page.click(`a[href="/karte?report=${reportId}"]`);
      await page.waitForURL(/report=/);
      expect(await page.textContent('.map-focus')).toContain(`Die Karte zeigt Meldung Nr. ${reportId}: Ortsbezirk Gonsenheim.`);
      expect(await page.isVisible('.map-focus svg.location-figure')).toBe(true);
      await page.screenshot({ path: `${SHOTS}/karte-report-nojs-375.png`, fullPage: true });
    });
  });

  it('the receipt shows the photo sent as a thumbnail and the private link, and axe finds nothing', async () => {
    await withPage({}, async (page) => {
      await page.goto(server.url + '/melden/strassenschaden');
      await page.waitForSelector('.map-block:not([hidden]) .leaflet-container');
      await page.click('#map');
      const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#557799' } }).jpeg().toBuffer();
      await page.setInputFiles('#fotos', { name: 'loch.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.fill('#beschreibung', 'Tiefes Loch am Bordstein');
      server.ctx.clock.advance(10_000);
      await page.click('form > button[type="submit"]');
      await page.waitForURL(/\/status\//);
      if (await page.isVisible('#schon-gemeldet')) {
        server.ctx.clock.advance(10_000);
        await page.click('form > button[type="submit"]');
        await page.waitForURL(/\/status\//);
      }
      const thumb = page.locator('.photos-thumbs img').first();
      await thumb.waitFor();
      expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      expect((await thumb.boundingBox())!.width).toBeLessThanOrEqual(140);
      await page.screenshot({ path: `${SHOTS}/receipt-375.png`, fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe('the districts page on a phone', () => {
  it('labels are at least 10 px high on screen', async () => {
    await withPage({}, async (page) => {
      await page.goto(server.url + '/ortsbezirke');
      await page.screenshot({ path: `${SHOTS}/ortsbezirke-375.png`, fullPage: true });
      const heights = await page.locator('.district-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(0);
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(10);
    });
  });
});
