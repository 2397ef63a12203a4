// The administration in real Chromium: axe-core (WCAG 2.1 AA) on every admin page and its error and
// success states, the district upload with a bad file, and the routing check with and without
// JavaScript (a click on the Leaflet map). With ADMIN_SCREENSHOTS=DIR every state is also saved as a
// PNG at 1280 px (and the main pages at 375 px) for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../server/staff/sessions.ts';
import { addStaff, sessionFor } from '../staff-helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

// A 1×1 light grey PNG: enough for Leaflet to call a tile loaded.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mN48OABAAVkArFlUuKiAAAAAElFTkSuQmCC', 'base64');
const SHOTS = process.env.ADMIN_SCREENSHOTS;

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let adminId: number;
let colleagueId: number;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startTestServer({
      config: (url) => ({ tileUrl: `${url.replace('127.0.0.1', 'localhost')}/test-tiles/{z}/{x}/{y}.png` }),
      configure: (app) => {
        app.get('/test-tiles/*', (c) => c.body(new Uint8Array(TILE), 200, { 'Content-Type': 'image/png', 'Cross-Origin-Resource-Policy': 'cross-origin' }));
      },
    }),
  ]);
  adminId = (await addStaff(server.ctx, { role: 'admin', login: 'anna', name: 'Anna Admin' })).id;
  colleagueId = (await addStaff(server.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' })).id;
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function asAdmin<T>(fn: (page: Page, context: BrowserContext) => Promise<T>, options: BrowserContextOptions & { width?: number } = {}): Promise<T> {
  const { width = 1280, ...rest } = options;
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 900 }, ...rest });
  const { cookie } = await sessionFor(server.ctx, adminId);
  await context.addCookies([{ name: sessionCookieName(server.ctx.config), value: cookie.split('=')[1]!, url: server.url }]);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** axe on the page as it is now, and a screenshot when asked for. */
async function checkPage(page: Page, name: string, options: { axe?: boolean } = {}) {
  // axe-core runs as a script in the page: a context without JavaScript is checked via its URL elsewhere.
  if (options.axe !== false) expect([name, await axeViolations(page)]).toEqual([name, []]);
  // No sideways scrolling of the whole page (wide tables scroll in their own box).
  expect([name, await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)]).toEqual([name, true]);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), fullPage: true });
}

const submit = (page: Page, selector: string) => Promise.all([page.waitForNavigation(), page.click(selector)]);

describe('administration in Chromium', () => {
  it('list and form pages have no axe violations', async () => {
    await asAdmin(async (page) => {
      const pages: Array<[string, string]> = [
        ['index', '/intern/verwaltung'],
        ['departments', '/intern/verwaltung/aemter'],
        ['department-new', '/intern/verwaltung/aemter/neu'],
        ['department-edit', '/intern/verwaltung/aemter/1'],
        ['categories', '/intern/verwaltung/kategorien'],
        ['category-edit', '/intern/verwaltung/kategorien/1'],
        ['templates', '/intern/verwaltung/vorlagen'],
        ['template-new', '/intern/verwaltung/vorlagen/neu'],
        ['districts', '/intern/verwaltung/ortsbezirke'],
        ['routing', '/intern/verwaltung/zustaendigkeit'],
        ['accounts', '/intern/verwaltung/konten'],
        ['account-new', '/intern/verwaltung/konten/neu'],
        ['account-edit', `/intern/verwaltung/konten/${colleagueId}`],
        ['api-keys', '/intern/verwaltung/api-schluessel'],
        ['index-en', '/intern/verwaltung?lang=en'],
      ];
      for (const [name, path] of pages) {
        const res = await page.goto(server.url + path);
        expect([name, res?.status()]).toEqual([name, 200]);
        await checkPage(page, name);
      }
    });
  }, 300_000);

  it('the main pages fit a phone', async () => {
    await asAdmin(
      async (page) => {
        for (const [name, path] of [
          ['index', '/intern/verwaltung'],
          ['accounts', '/intern/verwaltung/konten'],
          ['routing-check', '/intern/verwaltung/zustaendigkeit/pruefen'],
          ['category-edit', '/intern/verwaltung/kategorien/1'],
        ] as const) {
          await page.goto(server.url + path);
          await checkPage(page, name);
        }
      },
      { width: 375 },
    );
  }, 180_000);

  it('error and success states have no axe violations', async () => {
    await asAdmin(async (page) => {
      // Department: empty form.
      await page.goto(`${server.url}/intern/verwaltung/aemter/neu`);
      await submit(page, 'main button[type=submit]');
      expect(await page.textContent('.error-summary')).toContain('Bitte geben Sie den Namen des Amts ein.');
      await checkPage(page, 'department-error');
      // …and then right.
      await page.fill('#name', 'Bauaufsicht');
      await page.fill('#slug', 'bauaufsicht');
      await page.fill('#email', 'bau@stadt.example');
      await submit(page, 'main button[type=submit]');
      expect(await page.textContent('[role=status]')).toBe('Angelegt.');
      await checkPage(page, 'departments-created');

      // Category: target time out of range.
      await page.goto(`${server.url}/intern/verwaltung/kategorien/1`);
      await page.fill('#target_hours', '9000');
      await submit(page, 'main form.admin-form button[type=submit]');
      expect(await page.textContent('#target_hours-error')).toContain('1 bis 8760');
      await checkPage(page, 'category-error');

      // Template: nothing filled in.
      await page.goto(`${server.url}/intern/verwaltung/vorlagen/neu`);
      await submit(page, 'main form.admin-form button[type=submit]');
      await checkPage(page, 'template-error');

      // Districts: a file with problems.
      await page.goto(`${server.url}/intern/verwaltung/ortsbezirke`);
      await page.setInputFiles('#file', { name: 'kaputt.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [8, 50] } }] })) });
      await submit(page, 'form[enctype] button[type=submit]');
      expect(await page.textContent('#file-error')).toContain('geometry type Point is not supported');
      await checkPage(page, 'districts-import-error');

      // Routing rule: nothing chosen.
      await page.goto(`${server.url}/intern/verwaltung/zustaendigkeit`);
      await submit(page, 'form.admin-form button[type=submit]');
      await checkPage(page, 'routing-error');

      // Accounts: a weak password, then the own account cannot be disabled.
      await page.goto(`${server.url}/intern/verwaltung/konten/neu`);
      await page.fill('#login', 'neu');
      await page.fill('#password', 'passwort');
      await submit(page, 'main form.admin-form button[type=submit]');
      await checkPage(page, 'account-new-error');
      await page.goto(`${server.url}/intern/verwaltung/konten/${adminId}`);
      await submit(page, '#disable');
      expect(await page.textContent('#disable-error')).toContain('Sie können Ihr eigenes Konto nicht sperren.');
      await checkPage(page, 'account-self-disable-error');

      // API key: no name, then the page that shows a key once.
      await page.goto(`${server.url}/intern/verwaltung/api-schluessel`);
      await submit(page, 'form.admin-form button[type=submit]');
      await checkPage(page, 'api-key-error');
      await page.fill('#name', 'Open-Data-Portal');
      await submit(page, 'form.admin-form button[type=submit]');
      expect(await page.inputValue('#api-key')).toMatch(/^sm_[A-Za-z0-9_-]{43}$/);
      await checkPage(page, 'api-key-created');
      await page.goto(`${server.url}/intern/verwaltung/api-schluessel`);
      await checkPage(page, 'api-keys-with-key');
    });
  }, 300_000);

  it('routing check without JavaScript: a plain GET form answers with the department and the reason', async () => {
    let answerUrl = '';
    let errorUrl = '';
    await asAdmin(
      async (page) => {
        await page.goto(`${server.url}/intern/verwaltung/zustaendigkeit/pruefen`);
        // The map stays hidden without JavaScript; the fields do the work.
        expect(await page.isVisible('#check-map')).toBe(false);
        await page.selectOption('#kategorie', { label: 'Illegale Müllablagerung' });
        await page.fill('#lat', '49,9990');
        await page.fill('#lon', '8,2730');
        await submit(page, 'form[data-routing-check] button[type=submit]');
        expect(await page.textContent('.admin-answer-department')).toBe('Zuständig: Ordnungsamt');
        expect(await page.textContent('[data-reason]')).toBe('Regel für diese Kategorie im Ortsbezirk Altstadt.');
        await checkPage(page, 'routing-check-nojs-answer', { axe: false });
        answerUrl = page.url();
        await page.fill('#lat', '48');
        await submit(page, 'form[data-routing-check] button[type=submit]');
        expect(await page.textContent('#lat-error')).toContain('außerhalb des Stadtgebiets');
        await checkPage(page, 'routing-check-nojs-error', { axe: false });
        errorUrl = page.url();
      },
      { javaScriptEnabled: false },
    );
    // The same answer and error pages, checked by axe in a context that runs scripts.
    await asAdmin(async (page) => {
      for (const [name, url] of [['routing-check-answer', answerUrl], ['routing-check-error', errorUrl]] as const) {
        await page.goto(url);
        await checkPage(page, name);
      }
    });
  }, 180_000);

  it('routing check with JavaScript: a click on the map answers in place', async () => {
    await asAdmin(async (page) => {
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${server.url}/intern/verwaltung/zustaendigkeit/pruefen`);
      await page.waitForSelector('#check-map.leaflet-container');
      await checkPage(page, 'routing-check-js-empty');
      await page.selectOption('#kategorie', { label: 'Straßenschaden / Schlagloch' });
      // Mark the document: an answer loaded in place keeps the mark, a reload would lose it.
      await page.evaluate(() => ((window as unknown as { marked: boolean }).marked = true));
      const box = (await page.locator('#check-map').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForSelector('#routing-result .admin-answer-department');
      expect(await page.textContent('#routing-result .admin-answer-department')).toBe('Zuständig: Tiefbauamt');
      expect(await page.getAttribute('#routing-result [data-reason]', 'data-reason')).toBe('category-default');
      expect(await page.evaluate(() => (window as unknown as { marked?: boolean }).marked)).toBe(true);
      expect(await page.inputValue('#lat')).not.toBe('');
      // The address bar holds the question, so the answer can be linked and reloaded.
      expect(new URL(page.url()).searchParams.get('lat')).toBe(await page.inputValue('#lat'));
      await checkPage(page, 'routing-check-js-answer');

      // Changing the category asks again for the same place.
      await page.selectOption('#kategorie', { label: 'Graffiti / Wildplakatierung' });
      await page.waitForFunction(() => document.querySelector('#routing-result [data-reason]')?.getAttribute('data-reason') === 'category-rule');
      expect(await page.textContent('#routing-result .admin-answer-department')).toBe('Zuständig: Ordnungsamt');
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
