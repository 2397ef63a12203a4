// The Kennzahlen dashboard in real Chromium: axe-core (WCAG 2.1 AA) with data, filtered, empty, with a
// refused filter and in English, at desktop and phone width; the phone page never scrolls sideways
// (wide tables scroll inside their own focusable region). KPI_SCREENSHOTS=DIR saves each state as PNG.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, sessionFor } from '../staff-helpers.ts';
import { insertKnownReports } from '../staff-kpi/data.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let adminCookie: { name: string; value: string };
let staffCookie: { name: string; value: string };

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  // The demo reports plus the known set of the request tests: every table and both charts have data.
  await insertKnownReports(server.ctx);
  const cookieOf = async (id: number) => {
    const [name, value] = (await sessionFor(server.ctx, id)).cookie.split('=') as [string, string];
    return { name, value };
  };
  adminCookie = await cookieOf((await addStaff(server.ctx, { role: 'admin', login: 'anna', name: 'Anna Admin' })).id);
  staffCookie = await cookieOf((await addStaff(server.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' })).id);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(cookie: { name: string; value: string }, width: number, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: width < 500 ? 812 : 900 } });
  await context.addCookies([{ ...cookie, url: server.url }]);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

async function screenshot(page: Page, name: string, width: number) {
  const dir = process.env.KPI_SCREENSHOTS;
  if (!dir) return;
  await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
  // The whole page of a phone is too tall to look at in one image: also in screen-high parts.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const part = width < 500 ? 1400 : 1800;
  for (let y = 0, i = 1; y < height; y += part, i++) {
    await page.screenshot({ path: join(dir, `${name}-${width}-part${i}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(part, height - y) } });
  }
}

const STATES: Array<{ name: string; path: string; status: number; h1: string; check: (page: Page) => Promise<void> }> = [
  {
    name: 'kpi-default',
    path: '/intern/kennzahlen',
    status: 200,
    h1: 'Kennzahlen',
    check: async (page) => {
      expect(await page.locator('svg[role=img]:visible').count()).toBe(2);
      expect(await page.locator('#kpi-districts tbody tr').count()).toBe(15);
      expect(await page.locator('#kpi-bins tbody tr').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'kpi-filtered',
    path: '/intern/kennzahlen?fachamt=tiefbau&kategorie=strassenschaden&zeitraum=90',
    status: 200,
    h1: 'Kennzahlen',
    check: async (page) => {
      expect(await page.locator('#kpi-departments tbody tr').count()).toBe(1);
      expect(await page.locator('#kpi-bins').count()).toBe(0);
    },
  },
  {
    name: 'kpi-empty',
    path: '/intern/kennzahlen?fachamt=gruen&kategorie=ampel',
    status: 200,
    h1: 'Kennzahlen',
    check: async (page) => {
      expect(await page.textContent('[role=status]')).toContain('keine Meldungen');
    },
  },
  {
    name: 'kpi-invalid',
    path: '/intern/kennzahlen?zeitraum=14',
    status: 422,
    h1: 'Kennzahlen',
    check: async (page) => {
      expect(await page.getAttribute('#zeitraum', 'aria-invalid')).toBe('true');
      expect(await page.textContent('#zeitraum-error')).toContain('Bitte wählen Sie einen Zeitraum');
    },
  },
  {
    name: 'kpi-english',
    path: '/intern/kennzahlen?lang=en&zeitraum=365',
    status: 200,
    h1: 'Key figures',
    check: async (page) => {
      expect(await page.getAttribute('html', 'lang')).toBe('en');
    },
  },
];

describe('Kennzahlen in Chromium', () => {
  for (const width of [1280, 375]) {
    for (const state of STATES) {
      it(`${state.name} at ${width} px: no axe violations, no sideways scrolling`, async () => {
        await withPage(adminCookie, width, async (page) => {
          const response = await page.goto(server.url + state.path);
          expect(response?.status()).toBe(state.status);
          expect(await page.textContent('h1')).toBe(state.h1);
          await state.check(page);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          expect(await axeViolations(page)).toEqual([]);
          // The bars as a table: opened, it is part of the page and must pass too.
          if (await page.locator('details.kpi-details summary').count()) {
            await page.click('details.kpi-details summary');
            expect(await axeViolations(page)).toEqual([]);
          }
          await screenshot(page, state.name, width);
        });
      });
    }
  }

  it('staff: the filter form works without JavaScript and keeps the choice', async () => {
    const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ ...staffCookie, url: server.url }]);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/intern/kennzahlen`);
      expect(await page.locator('#fachamt option').allTextContents()).toEqual(['Meine Fachämter', 'Tiefbauamt']);
      await page.selectOption('#kategorie', 'gully');
      await page.selectOption('#zeitraum', '7');
      await Promise.all([page.waitForNavigation(), page.click('button.kpi-submit')]);
      expect(new URL(page.url()).search).toBe('?fachamt=&kategorie=gully&zeitraum=7');
      expect(await page.inputValue('#kategorie')).toBe('gully');
      expect(await page.inputValue('#zeitraum')).toBe('7');
      expect(await page.locator('#kpi-categories tbody th').allTextContents()).toEqual(['Gully / Kanaldeckel']);
      const csv = await page.getAttribute('a[download]', 'href');
      expect(csv).toBe('/intern/kennzahlen.csv?kategorie=gully&zeitraum=7&lang=de');
    } finally {
      await context.close();
    }
  });
});
