// Arabic in Chromium at phone width: chosen by the browser's language (Accept-Language ar-EG), every
// page right to left (<html dir="rtl">), mirrored without sideways scrolling, and axe-core with WCAG 2.2
// AA on the start page, the report form, the receipt, the scan page and the thank-you page. With
// SCREENSHOT_DIR set, each page is saved there as a PNG to look at.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WCAG_TAGS } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let page: Page;
let binCode: string;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    // Tiles from the test server itself (they 404): no request may leave for another host.
    startTestServer({ config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png` }) }),
  ]);
  binCode = (await server.ctx.db.selectFrom('bins').select('code').orderBy('id').executeTakeFirstOrThrow()).code;
  const context = await browser.newContext({ locale: 'ar-EG', viewport: { width: 375, height: 812 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The citizens issue checks WCAG 2.2 AA as well. */
async function violations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'wcag22aa']).setLegacyMode(true).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} – ${n.failureSummary ?? v.help}`));
}

async function expectArabicRightToLeft(name: string) {
  expect(await page.getAttribute('html', 'lang')).toBe('ar');
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await violations()).toEqual([]);
  // Mirrored, not pushed off the side: nothing makes the phone scroll sideways (a box left at the
  // physical left, like the honeypot was, would, since right to left the page scrolls that way).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // The header's start is on the right: the brand sits right of the language choice's end.
  const brand = (await page.locator('.brand').boundingBox())!;
  expect(brand.x + brand.width).toBeGreaterThan(375 - 40);
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/ar-${name}.png`, fullPage: true });
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/ar-${name}-top.png` });
  }
}

describe('Arabic, right to left, at 375 px', () => {
  it('the start page, chosen by Accept-Language, offers each language in itself', async () => {
    await page.goto(`${server.url}/`);
    await expectArabicRightToLeft('start');
    expect(await page.locator('h1').textContent()).toBe('Stadtmelder Mainz');
    expect(await page.getByText('أبلغوا عنها هنا مباشرة', { exact: false }).count()).toBe(1);
    const choice = page.getByRole('navigation', { name: 'اللغة' });
    expect(await choice.locator('a').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('lang'), a.getAttribute('hreflang')]))).toEqual([
      ['Deutsch', 'de', 'de'],
      ['English', 'en', 'en'],
      ['Türkçe', 'tr', 'tr'],
      ['Українська', 'uk', 'uk'],
    ]);
    expect(await choice.locator('[aria-current="true"]').textContent()).toBe('العربية');
    // Closed it is one button naming the current language; open, it is checked again, then used.
    await choice.locator('summary').click();
    await expectArabicRightToLeft('start-languages');
    await choice.getByRole('link', { name: 'Türkçe' }).click();
    await page.waitForURL(/\?lang=tr$/);
    expect(await page.getAttribute('html', 'lang')).toBe('tr');
    expect(await page.getAttribute('html', 'dir')).toBeNull();
    expect(await page.locator('.lead').textContent()).toContain('Mainz Belediyesinin ilgili birimine');
  });

  it('the report form, the receipt (by address, as without a map) and the report page', async () => {
    await page.goto(`${server.url}/melden/gehweg`);
    await page.locator('#map.leaflet-container').waitFor();
    expect(await page.locator('h1').textContent()).toBe('الإبلاغ عن مشكلة: رصيف / مسار دراجات متضرر');
    await expectArabicRightToLeft('form');
    // The suggestion list is named by the same label (an ARIA combobox), so the field is taken by its id.
    await page.locator('#strasse').fill('Töngesstraße 7');
    await page.getByLabel('الحي', { exact: true }).selectOption({ label: 'Ebersheim' });
    await page.getByLabel(/^الوصف/).fill('البلاط مرتفع');
    server.ctx.clock.advance(10_000);
    await page.getByRole('button', { name: 'إرسال البلاغ' }).click();
    await page.waitForURL(/\/status\/[A-Za-z0-9_-]+\?neu=1$/);
    expect(await page.locator('h1').textContent()).toMatch(/^شكرًا! وصل بلاغكم رقم \d+\.$/);
    await expectArabicRightToLeft('receipt');
    await page.getByRole('link', { name: 'الصفحة العامة لهذا البلاغ' }).click();
    expect(await page.locator('h1').textContent()).toMatch(/^البلاغ رقم \d+$/);
    await expectArabicRightToLeft('report');
  });

  it('the scan page and the thank-you page', async () => {
    await page.goto(`${server.url}/B/${binCode}`);
    expect(await page.locator('.eyebrow').textContent()).toMatch(/^سلة المهملات [A-Z0-9 -]+ · حي /);
    expect(await page.locator('h1').getAttribute('lang')).toBe('de');
    await expectArabicRightToLeft('scan');
    await page.getByRole('button', { name: 'ممتلئة أو فائضة' }).click();
    await page.waitForURL(/\/danke/);
    expect(await page.locator('h1').textContent()).toBe('شكرًا!');
    await expectArabicRightToLeft('thanks');
  });
});
