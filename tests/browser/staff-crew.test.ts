// The crew flow at phone width in real Chromium: log in as crew, see the tasks, empty two at once and
// see the list shrink, with and without JavaScript; "near me" with the browser's position; axe-core
// (WCAG 2.1 AA) on every state of the page; touch targets of at least 44 px.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff } from '../staff-helpers.ts';
import { logIn, screenshot, smallTargets } from '../staff-crew/browser.ts';
import { hoursBefore, plainBins, press } from '../staff-crew/fixtures.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
const servers: Awaited<ReturnType<typeof startTestServer>>[] = [];

/** Each test gets its own server and database: emptying in one test must not change another's list. */
async function crewServer() {
  const server = await startTestServer();
  servers.push(server);
  const { db } = server.ctx;
  const now = server.ctx.clock.now();
  const altstadt = await plainBins(db, 'Altstadt', 4);
  const finthen = await plainBins(db, 'Finthen', 3);
  for (const [i, bin] of [...altstadt, ...finthen].entries()) await press(db, bin, 'papierkorb-voll', hoursBefore(now, i + 1), 1 + (i % 3));
  await press(db, altstadt[0]!, 'papierkorb-umfeld', hoursBefore(now, 30));
  await addStaff(server.ctx, { role: 'crew', departments: ['entsorgung'], login: 'kai', name: 'Kai Kolonne' });
  return { server, altstadt, finthen };
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

async function phone<T>(fn: (page: Page, context: BrowserContext) => Promise<T>, options: BrowserContextOptions = {}): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 812 }, ...options });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

const shownCodes = (page: Page) => page.$$eval('.crew-code', (els) => els.map((e) => e.textContent));

describe('crew view at 375 px', () => {
  it('with JavaScript: sees the tasks, empties two at once, the list shrinks; every state passes axe', async () => {
    const { server } = await crewServer();
    await phone(async (page) => {
      await logIn(page, server.url, 'kai', '/intern/kolonne');
      expect(new URL(page.url()).pathname).toBe('/intern/kolonne');
      const before = await shownCodes(page);
      expect(before.length).toBeGreaterThanOrEqual(7);
      expect(await page.isVisible('#crew-near')).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page, '.crew-bin .button, .crew-select, .crew-navigate, .crew-bulk .button, .crew-row select, .crew-row .button')).toEqual([]);
      // Nothing sticks out sideways at phone width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(page, 'crew-375');

      // Nothing ticked: 422 with the message at the list.
      await Promise.all([page.waitForNavigation(), page.click('.crew-empty-selected')]);
      expect(await page.textContent('#bin-error')).toContain('Bitte wählen Sie mindestens einen Papierkorb aus.');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'crew-375-error');

      const [first, second] = before;
      await page.check(`.crew-select:has-text("${first}") input`);
      await page.check(`.crew-select:has-text("${second}") input`);
      await Promise.all([page.waitForNavigation(), page.click('.crew-empty-selected')]);
      expect(await page.textContent('.flash')).toContain('Als geleert eingetragen: 2 Papierkörbe.');
      const after = await shownCodes(page);
      expect(after).toEqual(before.filter((c) => c !== first && c !== second));
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'crew-375-done');

      // One bin's own button.
      await Promise.all([page.waitForNavigation(), page.click(`button[aria-label="${after[0]} geleert"]`)]);
      expect(await shownCodes(page)).toEqual(after.slice(1));
    });
  });

  it('"near me" submits the browser position and shows the bins within 2 km with their distance', async () => {
    const { server, altstadt, finthen } = await crewServer();
    const target = finthen[0]!;
    await phone(
      async (page) => {
        await logIn(page, server.url, 'kai', '/intern/kolonne');
        await Promise.all([page.waitForNavigation(), page.click('.crew-near-button')]);
        const url = new URL(page.url());
        expect(url.searchParams.get('lat')).toBe(target.lat.toFixed(6));
        const codes = await shownCodes(page);
        expect(codes).toContain(target.code);
        expect(codes.some((c) => altstadt.some((b) => b.code === c))).toBe(false);
        expect(await page.textContent('main')).toContain('im Umkreis von 2 km');
        expect(await page.textContent('main')).toContain('Entfernung');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, 'crew-375-near');
      },
      { geolocation: { latitude: target.lat, longitude: target.lon }, permissions: ['geolocation'] },
    );
  });

  it('without JavaScript: the district select works, several bins are emptied at once and the list shrinks', async () => {
    const { server, finthen } = await crewServer();
    await phone(
      async (page) => {
        await logIn(page, server.url, 'kai', '/intern/kolonne');
        expect(await page.isVisible('#crew-near')).toBe(false);
        await page.selectOption('#bezirk', { label: 'Finthen' });
        await Promise.all([page.waitForNavigation(), page.click('.crew-show')]);
        const before = await shownCodes(page);
        expect(new Set(before)).toEqual(new Set(finthen.map((b) => b.code)));
        await page.check(`.crew-select:has-text("${before[0]}") input`);
        await page.check(`.crew-select:has-text("${before[1]}") input`);
        await Promise.all([page.waitForNavigation(), page.click('.crew-empty-selected')]);
        expect(new URL(page.url()).searchParams.get('bezirk')).not.toBeNull();
        expect(await page.textContent('.flash')).toContain('Als geleert eingetragen: 2 Papierkörbe.');
        expect(await shownCodes(page)).toEqual(before.slice(2));
      },
      { javaScriptEnabled: false },
    );
  });

  it('the page in English and the empty state pass axe', async () => {
    const { server } = await crewServer();
    await addStaff(server.ctx, { role: 'crew', departments: ['verkehr'], login: 'vera' });
    await phone(async (page) => {
      await logIn(page, server.url, 'vera', '/intern/kolonne?lang=en');
      expect(await page.textContent('main')).toContain('No open tasks. Well done!');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'crew-375-empty-en');
    });
  });
});
