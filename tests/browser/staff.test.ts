// Staff pages in real Chromium: axe-core (WCAG 2.1 AA) on the login page and its states, the start
// page and a report page, and a login done with the keyboard alone.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../helpers.ts';
import { addStaff, TEST_PASSWORD } from '../staff-helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let reportId: number;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  await addStaff(server.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  await addStaff(server.ctx, { role: 'admin', login: 'gesperrt' });
  reportId = (await createReport(server.ctx, { description: 'Loch in der Fahrbahn' })).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(fn: (page: Page, context: BrowserContext) => Promise<T>, width = 1280): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 900 } });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function keyboardLogin(page: Page, login: string, password: string) {
  await page.goto(`${server.url}/intern/anmelden`);
  await page.keyboard.press('Tab'); // skip link
  // Tab until the login field has focus: the order must reach it, then the password, by keyboard.
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'login'; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('login');
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
  await page.keyboard.type(password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('staff pages', () => {
  it('login page, its error state and the 429 state have no axe violations', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/intern/anmelden`);
      expect(await axeViolations(page)).toEqual([]);
      await keyboardLogin(page, 'tim', 'falsches Passwort!');
      expect(await page.textContent('[role=alert]')).toContain('Anmeldename oder Passwort stimmen nicht.');
      expect(await axeViolations(page)).toEqual([]);
      for (let i = 0; i < 6; i++) await keyboardLogin(page, 'gesperrt', 'falsches Passwort!'); // 5 failures, then 429
      expect(await page.textContent('h1')).toBe('Zu viele Anmeldeversuche');
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('logs in with the keyboard alone; /intern and a report page have no axe violations', async () => {
    await withPage(async (page, context) => {
      await keyboardLogin(page, 'tim', TEST_PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/intern');
      expect(await page.textContent('main')).toContain('Angemeldet als Tim Tiefbau');
      const cookies = await context.cookies();
      expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['stadtmelder', true, 'Lax']]);
      expect(await axeViolations(page)).toEqual([]);
      if (process.env.STAFF_SCREENSHOT) await page.screenshot({ path: process.env.STAFF_SCREENSHOT, fullPage: true });
      await page.goto(`${server.url}/intern/meldungen/${reportId}`);
      expect(await page.textContent('h1')).toBe(`Meldung ${reportId}`);
      expect(await axeViolations(page)).toEqual([]);
      // Logout is a form button in the header.
      await Promise.all([page.waitForNavigation(), page.click('text=Abmelden')]);
      expect(await page.textContent('main')).toContain('Sie sind abgemeldet.');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
