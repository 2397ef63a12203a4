// The account page and the login's code step in real Chromium: axe-core (WCAG 2.1 AA) on the account
// page with the factor off, during set-up and on, on the code page and its error state; the whole
// login with a second factor by keyboard; screenshots at 375 and 1280 px when ACCOUNT_SCREENSHOTS is set.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../server/staff/totp.ts';
import { addStaff, TEST_PASSWORD } from '../staff-helpers.ts';
import { SECRET, withSecondFactor } from '../staff-account/helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
const shots = process.env.ACCOUNT_SCREENSHOTS;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  const tim = await addStaff(server.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
  await withSecondFactor(server.ctx, tim.id);
  await addStaff(server.ctx, { role: 'admin', login: 'anna', name: 'Anna Admin' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh code each time: the server's clock moves on one step, as a used code is refused. */
function nextCode(secret = SECRET): string {
  server.ctx.clock.advance(30_000);
  return totpCode(secret, totpStep(server.ctx.clock.now()));
}

async function check(page: Page, name: string) {
  expect(await axeViolations(page), name).toEqual([]);
  if (!shots) return;
  const viewport = page.viewportSize()!;
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);

async function keyboardPassword(page: Page, login: string) {
  await page.goto(`${server.url}/intern/anmelden`);
  for (let i = 0; i < 12 && (await focusedId(page)) !== 'login'; i++) await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('login');
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('second factor in Chromium', () => {
  it('logs in with password and code by keyboard alone; the code page and its error state pass axe', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await keyboardPassword(page, 'tim');
    expect(new URL(page.url()).pathname).toBe('/intern/anmelden/code');
    expect(await page.textContent('h1')).toBe('Anmelden: Code eingeben');
    // The field has focus at once: the code can be typed straight away.
    expect(await focusedId(page)).toBe('code');
    await check(page, 'code');
    await page.keyboard.type('000000');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('#code-error')).toContain('Dieser Code stimmt nicht');
    expect(await page.getAttribute('#code', 'aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe('code');
    await check(page, 'code-error');
    await page.keyboard.type(nextCode());
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/intern');
    expect(await page.textContent('main')).toContain('Angemeldet als Tim Tiefbau');
    await context.close();
  });

  it('sets the factor up from the account page and switches it off again; every state passes axe', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await keyboardPassword(page, 'anna');
    await page.goto(`${server.url}/intern/konto`);
    expect(await page.textContent('main')).toContain('Der zweite Faktor ist ausgeschaltet.');
    await check(page, 'account-off');

    await Promise.all([page.waitForNavigation(), page.click('text=Zweiten Faktor einrichten')]);
    expect(new URL(page.url()).pathname).toBe('/intern/konto/zweiter-faktor');
    const img = page.locator('img.totp-qr');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await check(page, 'account-setup');
    const secret = (await page.textContent('.totp-secret code'))!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await page.fill('#code', '123');
    await Promise.all([page.waitForNavigation(), page.click('text=Code prüfen und einschalten')]);
    expect(await page.textContent('#code-error')).toContain('Bitte geben Sie die sechs Ziffern ein');
    await check(page, 'account-setup-error');

    await page.fill('#code', nextCode(secret));
    await Promise.all([page.waitForNavigation(), page.click('text=Code prüfen und einschalten')]);
    expect(await page.textContent('[role=status]')).toContain('Der zweite Faktor ist jetzt eingeschaltet.');
    await check(page, 'account-on');

    await page.fill('#confirm', 'nicht das Passwort');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Zweiten Faktor ausschalten")')]);
    expect(await page.textContent('#confirm-error')).toContain('Das stimmt weder mit Ihrem Passwort');
    await check(page, 'account-on-error');

    await page.fill('#confirm', TEST_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Zweiten Faktor ausschalten")')]);
    expect(await page.textContent('[role=status]')).toContain('Der zweite Faktor ist jetzt ausgeschaltet.');
    await context.close();
  });
});
