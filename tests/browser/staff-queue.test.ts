// The queue, its map, the central desk and the escalation list in real Chromium: axe-core (WCAG 2.1
// AA) on every page and state, the filter form and the rows by keyboard alone, the map drawing the
// selection, no sideways scrolling of the page on a phone. QUEUE_SCREENSHOTS=DIR saves each page at
// 375 and 1280 px.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, sessionFor } from '../staff-helpers.ts';
import { DAY, HOUR, insertReport, removeDemoReports } from '../staff-queue/fixtures.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

// A 1×1 light grey PNG: enough for Leaflet to call a tile loaded.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mN48OABAAVkArFlUuKiAAAAAElFTkSuQmCC', 'base64');
const SHOTS = process.env.QUEUE_SCREENSHOTS;

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let cookies: { admin: string; staff: string };
let firstIds: number[];

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startTestServer({
      // Tiles from "localhost": the same server under another name, as the public map's test does.
      config: (url) => ({ tileUrl: `${url.replace('127.0.0.1', 'localhost')}/test-tiles/{z}/{x}/{y}.png` }),
      configure: (app) => {
        app.get('/test-tiles/*', (c) => c.body(new Uint8Array(TILE), 200, { 'Content-Type': 'image/png', 'Cross-Origin-Resource-Policy': 'cross-origin' }));
      },
    }),
  ]);
  const { ctx } = server;
  await removeDemoReports(ctx);
  const admin = await addStaff(ctx, { role: 'admin', login: 'anna', name: 'Anna Admin' });
  const staff = await addStaff(ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  firstIds = [
    await insertReport(ctx, { category: 'strassenschaden', dueIn: -3 * DAY, age: 8 * DAY, address: 'Große Bleiche 12', priority: 2, support: 5, assignedTo: staff.id }),
    await insertReport(ctx, { category: 'gully', state: 'acknowledged', dueIn: -2 * HOUR, district: 'Mombach', priority: 1 }),
    await insertReport(ctx, { category: 'gehweg', state: 'in_progress', dueIn: 6 * HOUR, district: 'Gonsenheim', support: 2 }),
  ];
  await insertReport(ctx, { category: 'strassenbeleuchtung', dueIn: 2 * DAY, district: 'Finthen', source: 'api' });
  await insertReport(ctx, { category: 'sonstiges', dueIn: DAY, district: 'Hechtsheim' });
  await insertReport(ctx, { category: 'papierkorb-voll', dueIn: -5 * HOUR, district: 'Neustadt', source: 'qr', support: 9 });
  await insertReport(ctx, { category: 'ampel', state: 'done', reopenRequested: true, dueIn: -4 * DAY, district: 'Oberstadt' });
  for (let i = 0; i < 4; i++) await insertReport(ctx, { category: 'graffiti', state: 'done', district: 'Weisenau' });
  cookies = { admin: (await sessionFor(ctx, admin.id)).cookie, staff: (await sessionFor(ctx, staff.id)).cookie };
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function asUser<T>(who: 'admin' | 'staff', width: number, fn: (page: Page, context: BrowserContext) => Promise<T>, javaScript = true): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
  const [name, value] = cookies[who].split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** axe at both widths, a page that never scrolls sideways on a phone, and a screenshot when asked. */
async function checkPage(who: 'admin' | 'staff', path: string, name: string, expectStatus = 200, ready?: (page: Page) => Promise<void>) {
  for (const width of [375, 1280]) {
    await asUser(who, width, async (page) => {
      const response = await page.goto(server.url + path);
      expect(response?.status(), path).toBe(expectStatus);
      if (ready) await ready(page);
      expect(await axeViolations(page), `${path} at ${width}px`).toEqual([]);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(sideways, `${path} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
        // And the first screenful of what matters most: the rows, or the error summary.
        const focus = page.locator('.queue-table, .error-summary').first();
        if (await focus.count()) {
          await focus.scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(SHOTS, `${name}-${width}-detail.png`) });
        }
      }
    });
  }
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');

describe('axe-core, 0 violations, on every page and state', () => {
  it('the queue with results', async () => checkPage('admin', '/intern/meldungen', 'queue'));
  it('the queue filtered (English)', async () => checkPage('staff', '/intern/meldungen?status=new&status=acknowledged&ueberfaellig=1&sortierung=unterstuetzt&lang=en', 'queue-filtered'));
  it('the queue empty', async () => checkPage('admin', '/intern/meldungen?kategorie=hundekotbeutel', 'queue-empty'));
  it('the queue with closed states counted', async () => checkPage('admin', '/intern/meldungen?status=done&status=rejected&sortierung=neueste', 'queue-closed'));
  it('the queue past its last page', async () => checkPage('admin', '/intern/meldungen?seite=3', 'queue-past-end'));
  it('the queue with invalid parameters (422)', async () => checkPage('admin', '/intern/meldungen?kategorie=schlagloch&alter=2&status=offen&seite=0', 'queue-422', 422));
  it('the map page, with the markers drawn', async () =>
    checkPage('admin', '/intern/meldungen/karte', 'queue-map', 200, async (page) => {
      await page.waitForFunction(() => Number(document.querySelector('#map')?.getAttribute('data-drawn')) > 0);
    }));
  it('the central desk', async () => checkPage('admin', '/intern/zentrale', 'triage'));
  it('the escalation list', async () => checkPage('admin', '/intern/ueberfaellig', 'overdue'));
});

describe('keyboard', () => {
  it('skips to the results, and filters with the form by keyboard alone', async () => {
    await asUser('admin', 1280, async (page) => {
      await page.goto(`${server.url}/intern/meldungen`);
      // Tab through the header to the first thing in main: the skip link, then the form.
      let steps = 0;
      while ((await focusedText(page)) !== 'Zu den Ergebnissen springen' && steps++ < 20) await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe('Zu den Ergebnissen springen');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('filter-status-new');
      // The skip link moves the focus to the results.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      expect(await focusedId(page)).toBe('results');

      // Back to the form: tick "Neu" with the space bar, choose a category, send with Enter.
      await page.focus('#filter-status-new');
      await page.keyboard.press('Space');
      while ((await focusedId(page)) !== 'filter-kategorie' && steps++ < 60) await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('filter-kategorie');
      await page.keyboard.type('Straßenschaden');
      while ((await focusedText(page)) !== 'Auswahl anwenden' && steps++ < 80) await page.keyboard.press('Tab');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      const url = new URL(page.url());
      expect(url.searchParams.getAll('status')).toEqual(['new']);
      expect(url.searchParams.get('kategorie')).toBe('strassenschaden');
      expect(await page.locator('.queue-link').allTextContents()).toEqual([String(firstIds[0])]);
    });
  });

  it('j and k move between the rows, Enter opens the report; the hint says so', async () => {
    await asUser('admin', 1280, async (page) => {
      await page.goto(`${server.url}/intern/meldungen`);
      await expect.poll(() => page.isVisible('.keyboard-hint')).toBe(true);
      expect(await page.textContent('.keyboard-hint')).toContain('j und k');
      const rows = await page.locator('.queue-link').allTextContents();
      await page.keyboard.press('j');
      expect(await focusedText(page)).toBe(rows[0]);
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      expect(await focusedText(page)).toBe(rows[2]);
      await page.keyboard.press('k');
      expect(await focusedText(page)).toBe(rows[1]);
      // k at the top stays at the top.
      await page.keyboard.press('k');
      await page.keyboard.press('k');
      expect(await focusedText(page)).toBe(rows[0]);
      // Typing into the form does not move the rows.
      await page.focus('#filter-kategorie');
      await page.keyboard.press('j');
      expect(await focusedId(page)).toBe('filter-kategorie');
      await page.focus(`a[href="/intern/meldungen/${firstIds[1]}"]`);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe(`/intern/meldungen/${firstIds[1]}`);
    });
  });

  it('the rows are reachable with Tab alone, without JavaScript too, and the hint stays hidden there', async () => {
    await asUser(
      'admin',
      1280,
      async (page) => {
        await page.goto(`${server.url}/intern/meldungen`);
        expect(await page.isVisible('.keyboard-hint')).toBe(false);
        await page.focus('#results');
        const reached: string[] = [];
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('Tab');
          reached.push(await focusedText(page));
        }
        expect(reached).toEqual(expect.arrayContaining(firstIds.map(String)));
      },
      false,
    );
  });
});

describe('the map page', () => {
  it('draws the selection and links each marker to the staff report page', async () => {
    await asUser('staff', 1280, async (page) => {
      await page.goto(`${server.url}/intern/meldungen/karte`);
      await page.waitForFunction(() => Number(document.querySelector('#map')?.getAttribute('data-drawn')) > 0);
      // Tim sees Tiefbau's three open reports.
      expect(await page.getAttribute('#map', 'data-drawn')).toBe('3');
      expect(await page.textContent('#map-status')).toContain('3');
      const marker = page.locator('.leaflet-marker-icon').first();
      await marker.click();
      const href = await page.getAttribute('.leaflet-popup a', 'href');
      expect(href).toMatch(/^\/intern\/meldungen\/\d+$/);
    });
  });

  it('lists the selection without JavaScript', async () => {
    await asUser(
      'staff',
      375,
      async (page) => {
        await page.goto(`${server.url}/intern/meldungen/karte`);
        expect(await page.isVisible('#map')).toBe(false);
        expect((await page.locator('.queue-link').allTextContents()).map(Number).sort()).toEqual([...firstIds].sort());
      },
      false,
    );
  });
});
