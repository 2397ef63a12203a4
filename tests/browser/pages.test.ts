// The foundation's pages in real Chromium: accessibility (axe-core, WCAG 2.1 AA), keyboard, no
// third-party requests, and a page that needs no JavaScript.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withContext<T>(options: { locale: string; width?: number; javaScript?: boolean }, fn: (context: BrowserContext) => Promise<T>) {
  const context = await browser.newContext({
    locale: options.locale,
    viewport: { width: options.width ?? 375, height: 800 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

const pages: Array<[string, number]> = [
  ['/', 200],
  ['/ortsbezirke', 200],
  ['/datenschutz', 200],
  ['/barrierefreiheit', 200],
  ['/impressum', 200],
  ['/gibt-es-nicht', 404],
];

describe('axe-core reports no WCAG 2.1 AA violations', () => {
  it('(the harness itself finds a planted violation)', async () => {
    await withContext({ locale: 'de-DE' }, async (context) => {
      const page = await context.newPage();
      await page.setContent('<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="/x.png"><a href="/"></a></main></body></html>');
      const found = await axeViolations(page);
      expect(found.some((v) => v.startsWith('html-has-lang'))).toBe(true);
      expect(found.some((v) => v.startsWith('image-alt'))).toBe(true);
    });
  });

  it('(the harness refuses a page with a frame, which its single-page mode would not look into)', async () => {
    await withContext({ locale: 'de-DE' }, async (context) => {
      const page = await context.newPage();
      await page.setContent('<!DOCTYPE html><html lang="de"><head><title>x</title></head><body><main><iframe title="t" srcdoc="<img src=x.png>"></iframe></main></body></html>');
      await expect(axeViolations(page)).rejects.toThrow('has 1 frame(s)');
    });
  });

  for (const [path, status] of pages) {
    for (const [lang, locale] of [['de', 'de-DE'], ['en', 'en-GB']] as const) {
      it(`${path} in ${lang} (${status})`, async () => {
        await withContext({ locale }, async (context) => {
          const page = await context.newPage();
          const response = await page.goto(server.url + path + (lang === 'en' ? '?lang=en' : ''));
          expect(response!.status()).toBe(status);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          expect(await axeViolations(page)).toEqual([]);
          // Nothing may make a phone scroll sideways.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        });
      });
    }
  }

  it('the start page at desktop width', async () => {
    await withContext({ locale: 'de-DE', width: 1280 }, async (context) => {
      const page = await context.newPage();
      await page.goto(server.url + '/');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe('the start page', () => {
  it('is German for a German browser and English for an English one, without cookies', async () => {
    for (const [locale, heading] of [['de-DE', 'So melden Sie'], ['en-US', 'How to report']] as const) {
      await withContext({ locale }, async (context) => {
        const page = await context.newPage();
        await page.goto(server.url + '/');
        await expect(page.getByRole('heading', { level: 2, name: heading }).count()).resolves.toBe(1);
        expect(await context.cookies()).toEqual([]);
      });
    }
  });

  it('starts with a skip link that moves the keyboard to the content', async () => {
    await withContext({ locale: 'de-DE' }, async (context) => {
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      expect(await focused.textContent()).toBe('Zum Inhalt springen');
      const box = await focused.boundingBox();
      expect(box && box.y >= 0).toBe(true); // visible once focused
      await page.keyboard.press('Enter');
      expect(page.url()).toMatch(/#main$/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    });
  });

  it('works without JavaScript and loads nothing from other hosts', async () => {
    await withContext({ locale: 'de-DE', javaScript: false }, async (context) => {
      const page = await context.newPage();
      const hosts = new Set<string>();
      page.on('request', (request) => hosts.add(new URL(request.url()).host));
      await page.goto(server.url + '/');
      await page.getByRole('link', { name: 'Ortsbezirke' }).click();
      await page.waitForURL(/\/ortsbezirke$/);
      expect(await page.locator('svg title').textContent()).toBe('Übersichtskarte der Ortsbezirke von Mainz');
      // The language choice opens without JavaScript too.
      await page.getByRole('navigation', { name: 'Sprache' }).locator('summary').click();
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL(/lang=en/);
      expect(await page.locator('h1').textContent()).toBe('Districts');
      expect([...hosts]).toEqual([new URL(server.url).host]);
      expect(await page.locator('script').count()).toBe(0);
    });
  });
});
