// The subscription pages (behind the links of a real confirmation mail) and the legal pages in real
// Chromium: axe-core finds no WCAG 2.1 AA violation in either language and any state, nothing scrolls
// sideways on a 375 px phone, and the buttons work without JavaScript and without cookies.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../server/mailer.ts';
import { subscribeReporter } from '../../server/subscriptions.ts';
import { createReport } from '../helpers.ts';
import { startSmtpServer, type TestSmtpServer } from '../mail/smtp.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let smtp: TestSmtpServer;

beforeAll(async () => {
  [browser, server, smtp] = await Promise.all([launchBrowser(), startTestServer(), startSmtpServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const LOCALES = [['de', 'de-DE'], ['en', 'en-GB']] as const;

async function withContext<T>(options: { locale: string; javaScript?: boolean }, fn: (context: BrowserContext) => Promise<T>) {
  // axe needs JavaScript; the no-JavaScript test turns it off explicitly.
  const context = await browser.newContext({ locale: options.locale, viewport: { width: 375, height: 800 }, javaScriptEnabled: options.javaScript ?? true });
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

/** Files a report and subscribes through the real mailer; returns the path of the mail's first link. */
async function subscribedPath(lang: 'de' | 'en'): Promise<string> {
  const report = await createReport(server.ctx);
  const mailer = createMailer(smtp.url, 'Stadtmelder Mainz <noreply@localhost>');
  await subscribeReporter({ ...server.ctx, mailer }, { reportId: report.id, email: `browser-${lang}@example.org`, lang });
  const link = /https?:\/\/\S+\/abo\/\S+/.exec(smtp.received.at(-1)!.text)![0];
  const url = new URL(link);
  return url.pathname + url.search;
}

async function expectAccessible(context: BrowserContext, path: string, status: number, lang: string) {
  const page = await context.newPage();
  const response = await page.goto(server.url + path);
  expect(response!.status(), path).toBe(status);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await axeViolations(page), path).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
  return page;
}

describe('subscription pages: no WCAG 2.1 AA violations, no sideways scrolling', () => {
  for (const [lang, locale] of LOCALES) {
    it(`unconfirmed, confirmed, removal and result pages in ${lang}`, async () => {
      const manage = await subscribedPath(lang);
      const [path, query = ''] = manage.split('?');
      const q = query ? `?${query}` : '';
      const t = lang === 'de' ? { confirm: 'Adresse bestätigen', remove: 'Adresse entfernen' } : { confirm: 'Confirm address', remove: 'Remove address' };
      await withContext({ locale }, async (context) => {
        const page = await expectAccessible(context, manage, 200, lang);
        expect(await page.getByRole('button').allTextContents()).toEqual([t.confirm, t.remove]);
        await expectAccessible(context, `${path}/entfernen${q}`, 200, lang);

        await page.getByRole('button', { name: t.confirm }).click();
        await page.waitForURL(/\/abo\/bestaetigt/);
        expect(await axeViolations(page)).toEqual([]);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);

        const confirmed = await expectAccessible(context, manage, 200, lang);
        expect(await confirmed.getByRole('button').allTextContents()).toEqual([t.remove]);
        await confirmed.getByRole('button', { name: t.remove }).click();
        await confirmed.waitForURL(/\/abo\/entfernt/);
        expect(await axeViolations(confirmed)).toEqual([]);

        await expectAccessible(context, manage, 404, lang);
        expect(await context.cookies()).toEqual([]);
      });
    });
  }

  it('the buttons work without JavaScript', async () => {
    const manage = await subscribedPath('de');
    await withContext({ locale: 'de-DE', javaScript: false }, async (context) => {
      const page = await context.newPage();
      await page.goto(server.url + manage);
      await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
      await page.waitForURL(/\/abo\/bestaetigt$/);
      expect(await page.locator('h1').textContent()).toBe('Adresse bestätigt');
      expect(await page.locator('script').count()).toBe(0);
    });
    const row = await server.ctx.db.selectFrom('subscriptions').select('confirmed_at').where('email', '=', 'browser-de@example.org').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.confirmed_at).not.toBeNull();
  });
});

describe('legal pages: no WCAG 2.1 AA violations, no sideways scrolling', () => {
  for (const path of ['/datenschutz', '/barrierefreiheit', '/impressum', '/leichte-sprache']) {
    for (const [lang, locale] of LOCALES) {
      it(`${path} in ${lang}`, async () => {
        await withContext({ locale }, async (context) => {
          const page = await expectAccessible(context, path + (lang === 'en' ? '?lang=en' : ''), 200, lang);
          expect(await page.locator('h1').count()).toBe(1);
        });
      });
    }
  }
});
