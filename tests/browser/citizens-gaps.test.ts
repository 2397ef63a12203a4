// Citizens issue, what the other browser tests left out (languages and maps): the Arabic pages not
// checked elsewhere (/karte, /ortsbezirke, /code also with a mistyped code, /verlinken, a private status
// page, the "Meinten Sie" step, the report-limit form, the offline draft waiting for a connection), each
// right to left and passing axe with WCAG 2.2 AA at 375 px; Turkish and Ukrainian start page and form;
// the legend of the districts map. Screenshots of the Arabic /karte and offline state go to
// tests/.artifacts/citizens-gaps/ (SCREENSHOT_DIR overrides) for a person to look at.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBinCode, isValidBinCode, normalizeBinCode } from '../../qr/codes.ts';
import { ar } from '../../server/i18n/ar.ts';
import { REPORT_LIMIT } from '../../server/routes/report.tsx';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer, type TestServerOptions } from './server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
const SHOTS = process.env.SCREENSHOT_DIR ?? 'tests/.artifacts/citizens-gaps';
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mN48OABAAVkArFlUuKiAAAAAElFTkSuQmCC', 'base64');
/** Tiles from the test server itself (a 1-pixel PNG): no request leaves for another host. Clients told apart by X-Forwarded-For. */
const serverOptions: TestServerOptions = {
  config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png`, trustProxy: true }),
  configure: (app) => {
    app.get('/test-tiles/*', (c) => c.body(new Uint8Array(TILE), 200, { 'Content-Type': 'image/png' }));
  },
};

let browser: Browser;
let server: TestServer;
/** Its clock runs (offline drafts are sent by the page after 3 s of real time), so it is a server of its own. */
let running: TestServer;
/** A defect category without demo reports, and the reports of these tests far apart: no "Schon gemeldet?" step comes in between. */
let quiet: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server, running] = await Promise.all([launchBrowser(), startTestServer(serverOptions), startTestServer(serverOptions)]);
  const started = Date.now();
  const base = running.ctx.clock.now().getTime();
  running.ctx.clock.now = () => new Date(base + Date.now() - started);
  const used = server.ctx.db.selectFrom('reports').select('category_id');
  quiet = (await server.ctx.db.selectFrom('categories').select('slug').where('kind', '=', 'defect').where('active', '=', 1).where('id', 'not in', used).orderBy('id').executeTakeFirstOrThrow()).slug;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await running?.close();
});

let clients = 0;
async function onPhone<T>(locale: string, fn: (page: Page, context: BrowserContext, address: string) => Promise<T>, options: BrowserContextOptions = {}): Promise<T> {
  const address = `198.18.1.${++clients}`;
  const context = await browser.newContext({ locale, viewport: { width: 375, height: 812 }, extraHTTPHeaders: { 'X-Forwarded-For': address }, ...options });
  try {
    return await fn(await context.newPage(), context, address);
  } finally {
    await context.close();
  }
}

/** Right to left (Arabic) or left to right, axe with WCAG 2.2 AA, nothing sideways at 375 px. */
async function expectAccessible(page: Page, lang: 'ar' | 'tr' | 'uk', what: string) {
  expect(await page.getAttribute('html', 'lang'), what).toBe(lang);
  expect(await page.getAttribute('html', 'dir'), what).toBe(lang === 'ar' ? 'rtl' : null);
  expect(await axeViolations(page), what).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(375);
}

/** A report filed the way a script would (straight to the server): its private status path. */
async function fileByScript(s: TestServer, slug: string, address: string, fields: Record<string, string>) {
  const form = await (await fetch(`${s.url}/melden/${slug}`, { headers: { 'X-Forwarded-For': address } })).text();
  const token = /name="t" value="([^"]+)"/.exec(form)![1]!;
  s.ctx.clock.advance(10_000);
  const body = new FormData();
  for (const [k, v] of Object.entries({ t: token, website: '', trotzdem: '1', ...fields })) body.set(k, v);
  const res = await fetch(`${s.url}/melden/${slug}`, { method: 'POST', body, redirect: 'manual', headers: { 'X-Forwarded-For': address, Origin: s.url } });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!, s.url).pathname;
}

describe('Arabic at 375 px: right to left and axe (WCAG 2.2 AA) on the pages not checked elsewhere', () => {
  it('/karte with its map, markers and legend', async () => {
    await onPhone('ar-EG', async (page) => {
      await page.goto(`${server.url}/karte`);
      await page.waitForSelector('.map-block:not([hidden]) .leaflet-container .map-marker');
      await page.waitForSelector('.map-block:not([hidden]) .leaflet-container .map-cluster');
      await expectAccessible(page, 'ar', '/karte');
      expect(await page.locator('.map-legend').textContent()).toContain(ar['map.legend.open']);
      // The sign of a marker and the count of a cluster sit in their middle (they slid to the start edge
      // while leaflet.css, loaded after ours, made the icons blocks).
      for (const selector of ['.map-marker', '.map-cluster']) {
        const offset = await page.locator(selector).first().evaluate((icon) => {
          const [outer, inner] = [icon.getBoundingClientRect(), icon.querySelector('span')!.getBoundingClientRect()];
          return Math.max(Math.abs(outer.x + outer.width / 2 - (inner.x + inner.width / 2)), Math.abs(outer.y + outer.height / 2 - (inner.y + inner.height / 2)));
        });
        expect(offset, selector).toBeLessThanOrEqual(2);
      }
      await page.screenshot({ path: `${SHOTS}/ar-karte-375.png`, fullPage: true });
    });
  });

  it('/ortsbezirke, /verlinken and /code', async () => {
    await onPhone('ar-EG', async (page) => {
      for (const path of ['/ortsbezirke', '/verlinken', '/code']) {
        await page.goto(server.url + path);
        await expectAccessible(page, 'ar', path);
      }
    });
  });

  it('/code with a mistyped code says which code was tried', async () => {
    const real = (await server.ctx.db.selectFrom('bins').select('code').orderBy('id').executeTakeFirstOrThrow()).code;
    // The same code with its last character changed so that the check characters no longer fit.
    const mistyped = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'].map((ch) => real.slice(0, -1) + ch).find((c) => c !== real && !isValidBinCode(normalizeBinCode(c)!))!;
    await onPhone('ar-EG', async (page) => {
      const response = await page.goto(`${server.url}/code?code=${mistyped}`);
      expect(response!.status()).toBe(404);
      expect(await page.locator('body').innerText()).toContain(ar['error.codeMistyped'].replace('{code}', formatBinCode(mistyped)));
      await expectAccessible(page, 'ar', '/code mistyped');
    });
  });

  it('a private status page', async () => {
    await onPhone('ar-EG', async (page, _context, address) => {
      const status = await fileByScript(server, quiet, address, { lat: '49.99', lon: '8.25', beschreibung: 'الإنارة معطلة' });
      expect(status).toMatch(/^\/status\/[A-Za-z0-9_-]+$/);
      await page.goto(server.url + status);
      expect(await page.locator('h1').textContent()).toMatch(/\d+/);
      await expectAccessible(page, 'ar', '/status');
    });
  });

  it('the "Meinten Sie" step of an address that names no house exactly', async () => {
    await onPhone('ar-EG', async (page) => {
      await page.goto(`${server.url}/melden/${quiet}`);
      await page.locator('#strasse').fill('Breite Straße 999');
      await page.locator('#strasse').press('Escape');
      await page.locator('#beschreibung').fill('الرصيف مكسور');
      server.ctx.clock.advance(10_000);
      await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
      await page.locator('#adresswahl').waitFor({ timeout: 10_000 });
      expect(await page.getByRole('radio').count()).toBeGreaterThan(1);
      await expectAccessible(page, 'ar', 'Meinten Sie');
    });
  });

  it('the report form refused by the hourly limit, with everything typed', async () => {
    await onPhone('ar-EG', async (page, _context, address) => {
      for (let i = 0; i < REPORT_LIMIT.burst; i++) await fileByScript(server, quiet, address, { lat: String(49.95 + i * 0.002), lon: '8.25' });
      await page.goto(`${server.url}/melden/${quiet}`);
      await page.locator('#strasse').fill('Oppenheimer Straße 5');
      await page.locator('#strasse').press('Escape');
      await page.locator('#ortsbezirk').selectOption({ label: 'Laubenheim' });
      await page.locator('#beschreibung').fill('حاوية مكسورة');
      server.ctx.clock.advance(10_000);
      const [response] = await Promise.all([page.waitForNavigation(), page.locator('form[enctype="multipart/form-data"] button[type=submit]').click()]);
      expect(response!.status()).toBe(429);
      expect(await page.locator('#beschreibung').inputValue()).toBe('حاوية مكسورة');
      await page.locator('.error-summary').waitFor();
      await expectAccessible(page, 'ar', 'report limit');
    });
  });

  it('an offline draft waiting for a connection', async () => {
    const here = { latitude: 49.9871, longitude: 8.2417 };
    await onPhone(
      'ar-EG',
      async (page, context) => {
        await page.goto(`${running.url}/melden/graffiti`);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
        await page.waitForFunction(async () => Boolean(await caches.match(location.href, { ignoreVary: true })));
        await context.setOffline(true);
        await page.locator('#map-locate').click();
        await expect.poll(() => page.locator('#lat').inputValue()).toBe(String(here.latitude));
        await page.locator('#beschreibung').fill('كتابة على الجدار، بلا اتصال');
        await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
        const draft = page.locator('#entwuerfe .draft');
        await expect.poll(() => draft.locator('.draft-state').textContent()).toBe(ar['offline.waiting']);
        await expectAccessible(page, 'ar', 'offline draft');
        await page.screenshot({ path: `${SHOTS}/ar-offline-375.png`, fullPage: true });
        await page.locator('#entwuerfe').screenshot({ path: `${SHOTS}/ar-offline-drafts-375.png` });
        await context.setOffline(false);
      },
      { geolocation: here, permissions: ['geolocation'] },
    );
  });
});

describe('Turkish and Ukrainian at 375 px', () => {
  for (const [locale, lang] of [['tr-TR', 'tr'], ['uk-UA', 'uk']] as const) {
    it(`${lang}: the start page and the report form pass axe (WCAG 2.2 AA)`, async () => {
      await onPhone(locale, async (page) => {
        await page.goto(`${server.url}/`);
        await expectAccessible(page, lang, `${lang} /`);
        await page.goto(`${server.url}/melden/strassenschaden`);
        await page.waitForSelector('.map-block:not([hidden]) .leaflet-container');
        await expectAccessible(page, lang, `${lang} form`);
      });
    });
  }
});

describe('the districts map', () => {
  it('/ortsbezirke has a legend in words beside its map', async () => {
    await onPhone('de-DE', async (page) => {
      await page.goto(`${server.url}/ortsbezirke`);
      expect(await page.locator('.district-map svg').count()).toBe(1);
      const legend = page.locator('.district-map .map-legend');
      expect(await legend.isVisible()).toBe(true);
      const text = await legend.innerText();
      expect(text).toContain('Zeichenerklärung');
      expect(text).toMatch(/Ortsbezirk/);
    });
  });
});
