// Offline drafts in Chromium (decision 035): the form opened online installs the service worker; with
// the network switched off a report with text, place and photo is kept on the phone and the page says
// it waits; the form reloads from the service worker; with the network back the draft is sent once and
// the page shows "gesendet: Nr. N" with the private status link, which stays after a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../helpers.ts';
import { jpegWithGps } from '../report/helpers.ts';
import { AxeBuilder } from '@axe-core/playwright';
import { WCAG_TAGS } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
const SCREENSHOTS = process.env.SCREENSHOT_DIR;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    // Tiles from the test server itself (they 404): no request may leave for another host.
    startTestServer({ config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png` }) }),
  ]);
  // The draft is sent by the page 3 s after it fetched a fresh form: the server's clock must run.
  const started = Date.now();
  const base = server.ctx.clock.now().getTime();
  server.ctx.clock.now = () => new Date(base + Date.now() - started);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const HERE = { latitude: 49.9871, longitude: 8.2417 };


/** axe with WCAG 2.2 AA as well, as the citizens issue asks for every citizen page. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'wcag22aa']).setLegacyMode(true).analyze();
  expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** Opened online: the service worker controls the page and has kept the form. */
async function openOnline(page: Page, path: string) {
  await page.goto(server.url + path);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(async () => Boolean(await caches.match(location.href, { ignoreVary: true })));
}

/** Network off, the phone's position, a description (and a photo), send: the draft waits. */
async function keepOffline(page: Page, context: BrowserContext, description: string, photo?: Buffer) {
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
  await expect.poll(() => page.locator('#lat').inputValue()).toBe(String(HERE.latitude));
  await page.getByLabel(/^Beschreibung/).fill(description);
  if (photo) await page.locator('#fotos').setInputFiles({ name: 'wand.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  const draft = page.locator('#entwuerfe .draft');
  await expect.poll(() => draft.locator('.draft-state').textContent()).toBe('wartet auf Verbindung');
  return draft;
}

/** A phone (375 px, German, its position allowed) that has opened `path` online. */
async function onPhone(path: string, test: (page: Page, context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 812 }, geolocation: HERE, permissions: ['geolocation'] });
  try {
    const page = await context.newPage();
    await openOnline(page, path);
    await test(page, context);
  } finally {
    await context.close();
  }
}

const reportCount = async () => Number((await server.ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('a report written without a connection', () => {
  it('is kept on the phone, waits, and is sent once when the connection returns', async () => {
    const jpeg = await jpegWithGps();
    await onPhone('/melden/graffiti', async (page, context) => {
      // Nothing kept yet: the section stays out of sight.
      expect(await page.locator('#entwuerfe').isHidden()).toBe(true);
      await expectAccessible(page);
      const before = await reportCount();

      // The map's tiles do not load offline; the phone's position does.
      const draft = await keepOffline(page, context, 'Frisch besprüht, offline geschrieben', jpeg);
      expect(page.url()).toMatch(/\/melden\/graffiti#entwurf-\d+$/);
      expect(await draft.locator('strong').textContent()).toBe('Graffiti / Wildplakatierung');
      expect(await draft.textContent()).toContain('Fotos: 1');
      expect(await reportCount()).toBe(before);
      await expectAccessible(page);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/offline-waiting-375.png`, fullPage: true });

      // Still offline: the form comes from the service worker, with the draft.
      await page.reload();
      expect(await page.locator('h1').textContent()).toBe('Mangel melden: Graffiti / Wildplakatierung');
      await expect.poll(() => draft.locator('.draft-state').textContent()).toBe('wartet auf Verbindung');
      // The category list comes from the service worker too, and lists the draft.
      await page.goto(`${server.url}/melden`);
      expect(await page.locator('h1').textContent()).toBe('Mangel melden');
      await expect.poll(() => draft.locator('.draft-state').textContent()).toBe('wartet auf Verbindung');
      await page.goBack();
      expect(await reportCount()).toBe(before);

      await context.setOffline(false);
      await expect.poll(() => draft.locator('.draft-state').textContent(), { timeout: 30_000 }).toMatch(/^gesendet: Nr\. \d+$/);
      const number = Number((await draft.locator('.draft-state').textContent())!.replace(/\D/g, ''));
      expect(await reportCount()).toBe(before + 1);
      const report = await server.ctx.db.selectFrom('reports').selectAll().where('id', '=', number).executeTakeFirstOrThrow();
      expect(report).toMatchObject({ description: 'Frisch besprüht, offline geschrieben', lat: HERE.latitude, lon: HERE.longitude, location_source: 'gps' });
      expect(await server.ctx.db.selectFrom('photos').selectAll().where('report_id', '=', number).execute()).toHaveLength(1);
      await expectAccessible(page);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/offline-sent-375.png`, fullPage: true });

      // The private link is kept on the phone: after a reload it is still there, and it opens the receipt's report.
      await page.reload();
      const status = draft.getByRole('link', { name: 'Stand dieser Meldung (Ihr privater Link)' });
      await status.waitFor();
      expect(await status.getAttribute('href')).toMatch(/^\/status\/[A-Za-z0-9_-]+$/);
      await status.click();
      await page.waitForURL(/\/status\//);
      expect(await page.locator('h1').textContent()).toBe(`Meldung Nr. ${number}`);
      await page.goto(`${server.url}/melden`);
      await expect.poll(() => draft.locator('.draft-state').textContent()).toBe(`gesendet: Nr. ${number}`);
      await expectAccessible(page);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/offline-list-375.png` });
      expect(await reportCount()).toBe(before + 1);
    });
  });
});

describe('a kept report whose answer is lost on the way back', () => {
  it('is sent again with the same token and filed once', async () => {
    await onPhone('/melden/sonstiges', async (page, context) => {
      const draft = await keepOffline(page, context, 'Bank ohne Sitzfläche');
      const before = await reportCount();
      // The first post reaches the server and files the report; its answer never reaches the phone.
      let lost = 0;
      await page.route('**/melden/sonstiges', async (route) => {
        if (route.request().method() !== 'POST' || lost > 0) return route.continue();
        lost += 1;
        await route.fetch({ maxRedirects: 0 });
        await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await expect.poll(() => lost, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => reportCount()).toBe(before + 1);
    await expect.poll(() => draft.locator('.draft-state').textContent()).toBe('wartet auf Verbindung');
    // The connection drops and returns: the draft goes again, with the token of the first try.
    await context.setOffline(true);
    await context.setOffline(false);
    await expect.poll(() => draft.locator('.draft-state').textContent(), { timeout: 30_000 }).toMatch(/^gesendet: Nr\. \d+$/);
    const number = Number((await draft.locator('.draft-state').textContent())!.replace(/\D/g, ''));
    expect(await reportCount()).toBe(before + 1);
    expect(await server.ctx.db.selectFrom('reports').select('description').where('id', '=', number).executeTakeFirstOrThrow()).toEqual({ description: 'Bank ohne Sitzfläche' });
    // The server answers a used token with the report's public page (409), or, once it gives the
    // receipt again, with the status page: either way the phone keeps a link to the report.
    expect(await draft.locator('.draft-link a').getAttribute('href')).toMatch(new RegExp(`^/(status/[A-Za-z0-9_-]+|m/${number})$`));
    });
  });
});

describe('a kept report that the city does not accept as it is', () => {
  it('says "please check" with the reason, in the page language, opens in the form and is sent from there', async () => {
    await onPhone('/melden/schrottfahrrad?lang=en', async (page, context) => {
      const before = await reportCount();
      await context.setOffline(true);
      // A place outside the city (as a mistaken tap would set it): the server will refuse it.
      await page.locator('#lat').evaluate((el) => ((el as HTMLInputElement).value = '50.1109'));
      await page.locator('#lon').evaluate((el) => ((el as HTMLInputElement).value = '8.6821'));
      await page.getByLabel(/^Description/).fill('Rusty bike without wheels');
      await page.getByRole('button', { name: 'Send report' }).click();
      const draft = page.locator('#entwuerfe .draft');
      await expect.poll(() => draft.locator('.draft-state').textContent()).toBe('waiting for a connection');

      await context.setOffline(false);
      await expect.poll(() => draft.locator('.draft-state').textContent(), { timeout: 30_000 }).toBe('please check');
      expect(await draft.locator('.draft-messages').textContent()).toContain('This place is outside the city of Mainz.');
      expect(await reportCount()).toBe(before);
      await expectAccessible(page);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/offline-check-375.png`, fullPage: true });

      await draft.getByRole('link', { name: 'Open draft' }).click();
      await expect.poll(() => page.getByLabel(/^Description/).inputValue()).toBe('Rusty bike without wheels');
      expect(await page.locator('#entwurf-offen').textContent()).toBe('Your draft is filled into the form. Check it and send it.');
      // The map shows the draft's place, so that the citizen sees what to correct.
      expect(await page.locator('#lat').inputValue()).toBe('50.1109');
      await expect.poll(() => page.locator('#map .leaflet-marker-icon').count()).toBe(1);
      await page.getByRole('button', { name: 'Use my location' }).click();
      await expect.poll(() => page.locator('#lat').inputValue()).toBe(String(HERE.latitude));
      await page.getByRole('button', { name: 'Send report' }).click();
      await expect.poll(() => draft.locator('.draft-state').textContent(), { timeout: 30_000 }).toMatch(/^sent: no\. \d+$/);
      expect(await reportCount()).toBe(before + 1);
      const report = await server.ctx.db.selectFrom('reports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(report).toMatchObject({ description: 'Rusty bike without wheels', location_source: 'gps' });
      expect(await draft.getByRole('link', { name: 'Status of this report (your private link)' }).getAttribute('href')).toMatch(/^\/status\/[A-Za-z0-9_-]+\?lang=en$/);
      await expectAccessible(page);

      // Online, the service worker lets an ordinary report through to the server, as without it.
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await page.locator('#lat').evaluate((el) => ((el as HTMLInputElement).value = '49.995'));
      await page.locator('#lon').evaluate((el) => ((el as HTMLInputElement).value = '8.25'));
      await page.getByLabel(/^Description/).fill('Second bike, sent online');
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.waitForURL(/\/status\/[A-Za-z0-9_-]+\?lang=en&neu=1$|\/status\/[A-Za-z0-9_-]+\?neu=1&lang=en$/);
      expect(await reportCount()).toBe(before + 2);
    });
  });

  it('offers the open reports nearby and "Trotzdem senden"', async () => {
    await onPhone('/melden/spielplatz', async (page, context) => {
      const draft = await keepOffline(page, context, 'Schaukel hängt schief');
      // Meanwhile someone else reported the same playground.
      const other = await createReport(server.ctx, { category: 'spielplatz', lat: HERE.latitude, lon: HERE.longitude });
      const before = await reportCount();

      await context.setOffline(false);
      await expect.poll(() => draft.locator('.draft-state').textContent(), { timeout: 30_000 }).toBe('bitte prüfen');
      expect(await draft.getByRole('link', { name: new RegExp(`^Meldung Nr\\. ${other.id}, `) }).getAttribute('href')).toBe(`/m/${other.id}`);
      expect(await reportCount()).toBe(before);
      await expectAccessible(page);

      await draft.getByRole('button', { name: 'Trotzdem senden' }).click();
      await expect.poll(() => draft.locator('.draft-state').textContent(), { timeout: 30_000 }).toMatch(/^gesendet: Nr\. \d+$/);
      expect(await reportCount()).toBe(before + 1);
    });
  });
});

describe('without JavaScript', () => {
  // axe needs JavaScript in the page; the hidden section is checked with it above, and the whole form
  // without JavaScript in report.test.ts.
  it('nothing changes: no service worker is registered and the drafts section stays hidden', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 812 }, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/melden/graffiti`);
      expect(await page.locator('#entwuerfe').isHidden()).toBe(true);
      expect(context.serviceWorkers()).toEqual([]);
      await page.goto(`${server.url}/melden`);
      expect(await page.locator('#entwuerfe').isHidden()).toBe(true);
      expect(context.serviceWorkers()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
