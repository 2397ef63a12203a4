// The Mängelmelder in Chromium: the whole flow without JavaScript (address path), and axe-core on the
// form, its error state, the duplicate suggestion, the receipt and the report page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../server/mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../mail/smtp.ts';
import { jpegWithGps } from '../report/helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({
      mailer: createMailer(smtp.url, 'Stadtmelder <test@stadt.example>'),
      // Tiles from the test server itself (they 404): no request may leave for another host.
      config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png` }),
    }),]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function inContext<T>(options: { javaScript?: boolean; locale?: string; width?: number }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: options.locale ?? 'de-DE', viewport: { width: options.width ?? 375, height: 812 }, javaScriptEnabled: options.javaScript ?? true });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** The form wants a few seconds of reading before it is sent; the fixed test clock moves on. */
const letTimePass = () => server.ctx.clock.advance(10_000);

describe('report a defect without JavaScript, by address', () => {
  it('goes from the category to the receipt and the public page', async () => {
    const receiptUrl = await inContext({ javaScript: false }, async (page, context) => {
      const hosts = new Set<string>();
      page.on('request', (r) => hosts.add(new URL(r.url()).host));
      await page.goto(`${server.url}/melden`);
      await page.getByRole('link', { name: /Gehweg \/ Radweg beschädigt/ }).click();
      await page.getByLabel('Straße und Hausnummer').fill('Töngesstraße 7');
      await page.getByLabel('Ortsbezirk').selectOption({ label: 'Ebersheim' });
      await page.getByLabel(/^Beschreibung/).fill('Platten stehen hoch');
      letTimePass();
      await page.getByRole('button', { name: 'Meldung absenden' }).click();
      await page.waitForURL(/\/status\/[A-Za-z0-9_-]+\?neu=1$/);
      expect(await page.locator('h1').textContent()).toMatch(/^Danke! Ihre Meldung Nr\. \d+ ist angekommen\.$/);
      expect(await page.locator('.description').textContent()).toBe('Platten stehen hoch');
      expect([...hosts]).toEqual([new URL(server.url).host]);
      expect(await context.cookies()).toEqual([]);
      return page.url();
    });
    await inContext({}, async (page) => {
      await page.goto(receiptUrl);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Öffentliche Seite dieser Meldung' }).click();
      expect(await page.locator('h1').textContent()).toMatch(/^Meldung Nr\. \d+$/);
      await expectAccessible(page);
    });
  });
});

describe('report a defect with JavaScript: tap on the map, a photo, send', () => {
  it('sets the place with one tap and files the report with its photo', async () => {
    const jpeg = await jpegWithGps();
    await inContext({ javaScript: true }, async (page, context) => {
      const hosts = new Set<string>();
      page.on('request', (r) => hosts.add(new URL(r.url()).host));
      await page.goto(`${server.url}/melden/graffiti`);
      const map = page.locator('#map.leaflet-container');
      await map.waitFor();
      await expectAccessible(page);
      const box = (await map.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect.poll(() => page.locator('#lat').inputValue()).not.toBe('');
      const [lat, lon] = [Number(await page.locator('#lat').inputValue()), Number(await page.locator('#lon').inputValue())];
      await page.locator('#fotos').setInputFiles({ name: 'wand.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.getByLabel(/^Beschreibung/).fill('Frisch besprüht');
      letTimePass();
      await page.getByRole('button', { name: 'Meldung absenden' }).click();
      await page.waitForURL(/\/status\/[A-Za-z0-9_-]+\?neu=1$/);
      const report = await server.ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(report).toMatchObject({ description: 'Frisch besprüht', location_source: 'map' });
      expect(Math.abs(report.lat - lat) + Math.abs(report.lon - lon)).toBeLessThan(1e-6);
      const photos = await server.ctx.db.selectFrom('photos').selectAll().where('report_id', '=', report.id).execute();
      expect(photos).toHaveLength(1);
      await expectAccessible(page);
      expect([...hosts]).toEqual([new URL(server.url).host]);
      expect(await context.cookies()).toEqual([]);
    });
  });
});

describe('"Meinen Standort verwenden"', () => {
  it('sets the pin at the phone’s position and records the report as located by GPS', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 812 }, geolocation: { latitude: 49.9871, longitude: 8.2417 }, permissions: ['geolocation'] });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/melden/schrottfahrrad`);
      await page.locator('#map.leaflet-container').waitFor();
      await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
      await expect.poll(() => page.locator('#lat').inputValue()).toBe('49.9871');
      expect(await page.locator('#quelle').inputValue()).toBe('gps');
      letTimePass();
      await page.getByRole('button', { name: 'Meldung absenden' }).click();
      await page.waitForURL(/\/status\//);
      const report = await server.ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(report).toMatchObject({ lat: 49.9871, lon: 8.2417, location_source: 'gps' });
    } finally {
      await context.close();
    }
  });
});

describe('axe-core on every state of the form', () => {
  it('the category list and the form, in German and English', async () => {
    for (const locale of ['de-DE', 'en-GB']) {
      await inContext({ locale }, async (page) => {
        await page.goto(`${server.url}/melden`);
        await expectAccessible(page);
        await page.goto(`${server.url}/melden/baum-gruenflaeche`);
        await expectAccessible(page);
      });
    }
  });

  it('the error state keeps the input and names each problem at its field', async () => {
    await inContext({}, async (page) => {
      await page.goto(`${server.url}/melden/spielplatz`);
      await page.getByLabel(/^E-Mail/).first().fill('kaputt');
      await page.getByLabel(/^Beschreibung/).fill('Schaukel kaputt');
      letTimePass();
      await page.getByRole('button', { name: 'Meldung absenden' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#ort-error').textContent()).toContain('Bitte setzen Sie den Ort');
      expect(await page.locator('#email-error').textContent()).toBe('Diese E-Mail-Adresse sieht nicht richtig aus.');
      expect(await page.getByLabel(/^Beschreibung/).inputValue()).toBe('Schaukel kaputt');
      await expectAccessible(page);
    });
  });

  it('the duplicate suggestion, and "Ich auch"', async () => {
    const demo = await server.ctx.db.selectFrom('reports').innerJoin('districts', 'districts.id', 'reports.district_id').select(['reports.id', 'districts.name']).where('reports.state', '=', 'new').where('reports.source', '=', 'web').orderBy('reports.id').executeTakeFirstOrThrow();
    const category = await server.ctx.db.selectFrom('reports').innerJoin('categories', 'categories.id', 'reports.category_id').select('categories.slug').where('reports.id', '=', demo.id).executeTakeFirstOrThrow();
    const report = await server.ctx.db.selectFrom('reports').select(['lat', 'lon']).where('id', '=', demo.id).executeTakeFirstOrThrow();
    await inContext({ javaScript: true }, async (page) => {
      await page.goto(`${server.url}/melden/${category.slug}`);
      // The hidden inputs carry the point exactly where the demo report is, as a tap would set them.
      await page.locator('#lat').evaluate((el, v) => ((el as HTMLInputElement).value = v), String(report.lat));
      await page.locator('#lon').evaluate((el, v) => ((el as HTMLInputElement).value = v), String(report.lon));
      letTimePass();
      await page.getByRole('button', { name: 'Meldung absenden' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#schon-gemeldet').textContent()).toBe('Schon gemeldet?');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Ich auch' }).first().click();
      await page.waitForURL(/unterstuetzt=1$/);
      expect(await page.locator('.flash').textContent()).toBe('Danke! Ihre Unterstützung ist gezählt.');
    });
    await inContext({}, async (page) => {
      await page.goto(`${server.url}/m/${demo.id}`);
      await expectAccessible(page);
    });
  });

  it('the page of a done report with "Immer noch nicht behoben?"', async () => {
    const done = await server.ctx.db.selectFrom('reports').select('id').where('state', '=', 'done').orderBy('id').executeTakeFirstOrThrow();
    await inContext({}, async (page) => {
      await page.goto(`${server.url}/m/${done.id}`);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Immer noch nicht behoben' }).click();
      await page.waitForURL(/geprueft=1$/);
      expect(await page.locator('.flash').textContent()).toBe('Danke! Die Stadt prüft die Meldung erneut.');
      await expectAccessible(page);
    });
  });
});
