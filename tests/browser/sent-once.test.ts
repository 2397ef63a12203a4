// Sent once and kept input in Chromium (citizens issue, points 3 and 4), with and without JavaScript:
// a double tap on "Meldung absenden" and on "Nein, trotzdem neu melden" files one report and ends on
// its receipt (with JavaScript the second tap sends nothing at all); a rate-limited form comes back
// with everything typed and names the photos to choose again. Each test is its own client address
// (X-Forwarded-For behind a trusted proxy), so the limits of one do not touch another.
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_LIMIT } from '../../server/routes/report.tsx';
import { jpegWithGps } from '../report/helpers.ts';
import { WCAG_TAGS } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
const SHOTS = 'tests/.artifacts/sent-once';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({ config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png`, trustProxy: true }) })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let clients = 0;
async function asNewClient<T>(javaScript: boolean, fn: (page: Page, context: BrowserContext, address: string) => Promise<T>): Promise<T> {
  const address = `198.18.0.${++clients}`;
  // The offline drafts' service worker would take the form posts out of page.route's sight.
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'de-DE', viewport: { width: 375, height: 812 }, javaScriptEnabled: javaScript, extraHTTPHeaders: { 'X-Forwarded-For': address } });
  try {
    return await fn(await context.newPage(), context, address);
  } finally {
    await context.close();
  }
}

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'wcag22aa']).setLegacyMode(true).analyze();
  expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

const countReports = async () => Number((await server.ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const letTimePass = () => server.ctx.clock.advance(10_000);

/** A house of the demo addresses in each district the tests use, so that the address resolves to it. */
const HOUSE: Record<string, string> = {
  Laubenheim: 'Oppenheimer Straße 5',
  Drais: 'Draiser Straße 5',
  Hechtsheim: 'Heuerstraße 5',
  Weisenau: 'Wormser Straße 5',
  Finthen: 'Poststraße 5',
  Mombach: 'Westring 5',
};

/**
 * The address path, which works with and without JavaScript: a house in a district nobody reported
 * yet. The field is taken by its id: the suggestion list shares its label (an ARIA combobox).
 */
async function fillByAddress(page: Page, district: string, text: string) {
  await page.locator('#strasse').fill(HOUSE[district]!);
  // With JavaScript the suggestions open under the field; Escape closes them, as a person would.
  await page.locator('#strasse').press('Escape');
  await page.getByLabel('Ortsbezirk').selectOption({ label: district });
  await page.getByLabel(/^Beschreibung/).fill(text);
}

/**
 * Two taps 150 ms apart, as a finger does: raw mouse clicks, which do not wait for the button to be
 * enabled. Returns what the button looked like between the taps.
 */
async function doubleTap(page: Page, name: string, javaScript: boolean) {
  const button = page.getByRole('button', { name });
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  // The page reports its button's changes to the test as they happen (a page on its way out cannot be
  // asked). Without JavaScript there is nothing to watch: the button stays as it is.
  const seen: { disabled: boolean; text: string | null }[] = [];
  if (javaScript) {
    await page.exposeFunction('buttonChanged', (state: { disabled: boolean; text: string | null }) => seen.push(state));
    await page.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('form[data-send-once] button[type=submit]')!;
      const report = () => (window as unknown as { buttonChanged(s: unknown): void }).buttonChanged({ disabled: button.disabled, text: button.textContent });
      new MutationObserver(report).observe(button, { attributes: true, childList: true, characterData: true, subtree: true });
    });
  }
  await page.mouse.click(x, y);
  await page.waitForTimeout(150);
  await page.mouse.click(x, y);
  return seen;
}

/** The receipt, also when the browser dropped the first of two navigations on the way. */
async function arriveAtReceipt(page: Page) {
  await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/status\/[A-Za-z0-9_-]+\?neu=1$/);
  await page.waitForLoadState();
}

/** Counts the posts the page sends, and holds each for a moment, as a slow mobile connection would. */
async function watchPosts(page: Page) {
  const posts: string[] = [];
  await page.route('**/melden/**', async (route) => {
    if (route.request().method() === 'POST') {
      posts.push(route.request().url());
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await route.continue();
  });
  return posts;
}

describe('a double tap on "Meldung absenden"', () => {
  for (const javaScript of [true, false]) {
    it(`files one report and shows its receipt (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      await asNewClient(javaScript, async (page) => {
        const before = await countReports();
        const posts = await watchPosts(page);
        await page.goto(`${server.url}/melden/verkehrszeichen`);
        await fillByAddress(page, javaScript ? 'Laubenheim' : 'Drais', 'Doppelt getippt');
        letTimePass();
        const seen = await doubleTap(page, 'Meldung absenden', javaScript);
        await arriveAtReceipt(page);
        // With JavaScript the button went off while the report was on its way, and said so.
        if (javaScript) expect(seen.at(-1)).toEqual({ disabled: true, text: 'Wird gesendet …' });
        expect(await page.locator('h1').textContent()).toMatch(/^Danke! Ihre Meldung Nr\. \d+ ist angekommen\.$/);
        expect(await countReports()).toBe(before + 1);
        // With JavaScript the second tap sends nothing; without, the server answers both posts with the receipt.
        expect(posts.length).toBe(javaScript ? 1 : 2);
        if (javaScript) await expectAccessible(page); // axe needs JavaScript; the page is the same without
        await page.screenshot({ path: `${SHOTS}/receipt-after-double-tap-${javaScript ? 'js' : 'nojs'}.png`, fullPage: true });
      });
    });
  }
});

describe('a double tap on "Nein, trotzdem neu melden"', () => {
  for (const javaScript of [true, false]) {
    it(`files one report and shows its receipt (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      await asNewClient(javaScript, async (page) => {
        const district = javaScript ? 'Hechtsheim' : 'Weisenau';
        // Someone reported at the same house before: the second report is offered the first.
        await page.goto(`${server.url}/melden/verkehrszeichen`);
        await fillByAddress(page, district, 'Schon da');
        letTimePass();
        await page.getByRole('button', { name: 'Meldung absenden' }).click();
        await page.waitForURL(/\/status\//);

        await page.goto(`${server.url}/melden/verkehrszeichen`);
        await fillByAddress(page, district, 'Noch einmal, woanders');
        letTimePass();
        await page.getByRole('button', { name: 'Meldung absenden' }).click();
        await page.getByRole('heading', { name: 'Schon gemeldet?' }).waitFor();
        await page.screenshot({ path: `${SHOTS}/duplicate-step-${javaScript ? 'js' : 'nojs'}.png`, fullPage: true });
        const before = await countReports();
        const posts = await watchPosts(page);
        await doubleTap(page, 'Nein, trotzdem neu melden', javaScript);
        await arriveAtReceipt(page);
        expect(await page.locator('h1').textContent()).toMatch(/^Danke! Ihre Meldung Nr\. \d+ ist angekommen\.$/);
        expect(await countReports()).toBe(before + 1);
        expect(posts.length).toBe(javaScript ? 1 : 2);
      });
    });
  }
});

describe('a rate-limited form keeps what was typed', () => {
  for (const javaScript of [true, false]) {
    it(`comes back filled in, names the photo, and sends after the wait (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const jpeg = await jpegWithGps();
      await asNewClient(javaScript, async (page, _context, address) => {
        // The address has just sent its ten (a shared office): straight to the server, as other people would.
        for (let i = 0; i < REPORT_LIMIT.burst; i++) {
          const form = await (await fetch(`${server.url}/melden/verkehrszeichen`, { headers: { 'X-Forwarded-For': address } })).text();
          const token = /name="t" value="([^"]+)"/.exec(form)![1]!;
          letTimePass();
          const body = new FormData();
          for (const [k, v] of Object.entries({ t: token, website: '', lat: String(49.95 + i * 0.001), lon: '8.25', trotzdem: '1' })) body.set(k, v);
          const res = await fetch(`${server.url}/melden/verkehrszeichen`, { method: 'POST', body, redirect: 'manual', headers: { 'X-Forwarded-For': address, Origin: server.url } });
          expect(res.status).toBe(303);
        }
        await page.goto(`${server.url}/melden/verkehrszeichen`);
        await fillByAddress(page, javaScript ? 'Finthen' : 'Mombach', 'Matratze am Straßenrand');
        await page.locator('#fotos').setInputFiles({ name: 'matratze.jpg', mimeType: 'image/jpeg', buffer: jpeg });
        letTimePass();
        await page.getByRole('button', { name: 'Meldung absenden' }).click();
        await page.locator('#fehler').waitFor();
        expect(await page.locator('#fehler').textContent()).toMatch(/Bitte senden Sie das Formular in [23] Minuten \(um \d\d:\d\d Uhr\) noch einmal\./);
        expect(await page.locator('#strasse').inputValue()).toBe(HOUSE[javaScript ? 'Finthen' : 'Mombach']);
        expect(await page.getByLabel('Ortsbezirk').inputValue()).not.toBe('');
        expect(await page.getByLabel(/^Beschreibung/).inputValue()).toBe('Matratze am Straßenrand');
        expect(await page.locator('#fotos-again').textContent()).toBe('Ihr Foto „matratze.jpg“ ist noch nicht gespeichert – Fotos speichern wir erst mit der Meldung. Bitte wählen Sie es beim Senden noch einmal aus.');
        // The button works again: this is a new page, not a stuck one.
        expect(await page.getByRole('button', { name: 'Meldung absenden' }).isEnabled()).toBe(true);
        if (javaScript) await expectAccessible(page);
        await page.screenshot({ path: `${SHOTS}/rate-limited-${javaScript ? 'js' : 'nojs'}.png`, fullPage: true });

        server.ctx.clock.advance(REPORT_LIMIT.refillMs);
        const before = await countReports();
        await page.locator('#fotos').setInputFiles({ name: 'matratze.jpg', mimeType: 'image/jpeg', buffer: jpeg });
        await page.getByRole('button', { name: 'Meldung absenden' }).click();
        await page.waitForURL(/\/status\/[A-Za-z0-9_-]+\?neu=1$/);
        expect(await countReports()).toBe(before + 1);
        const report = await server.ctx.db.selectFrom('reports').select(['id', 'description']).orderBy('id', 'desc').executeTakeFirstOrThrow();
        expect(report.description).toBe('Matratze am Straßenrand');
        expect(await server.ctx.db.selectFrom('photos').select('id').where('report_id', '=', report.id).execute()).toHaveLength(1);
      });
    });
  }
});
