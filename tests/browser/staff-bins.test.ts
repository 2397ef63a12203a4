// The bin register pages in real Chromium at desk width: axe-core (WCAG 2.1 AA) on the list, a search,
// a refused print selection, the bin page read-only and changeable, a refused edit, a saved edit, a new
// code and a retired bin; ticking bins and downloading their sticker sheet.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bin } from '../../db/schema.ts';
import { addStaff } from '../staff-helpers.ts';
import { logIn, screenshot } from '../staff-crew/browser.ts';
import { hoursBefore, plainBins, press } from '../staff-crew/fixtures.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let bins: Bin[];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  bins = await plainBins(server.ctx.db, 'Altstadt', 3);
  await press(server.ctx.db, bins[0]!, 'papierkorb-voll', hoursBefore(server.ctx.clock.now(), 5), 3);
  await addStaff(server.ctx, { role: 'dispatcher', login: 'dora', name: 'Dora Disposition' });
  await addStaff(server.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function desk<T>(login: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await logIn(page, server.url, login, '/intern/papierkoerbe');
    return await fn(page);
  } finally {
    await context.close();
  }
}

describe('bin pages at 1280 px', () => {
  it('list, search, refused print and a downloaded sticker sheet; every state passes axe', { timeout: 90_000 }, async () => {
    await desk('dora', async (page) => {
      expect(await page.textContent('h1')).toBe('Papierkörbe');
      expect(await page.textContent('main')).toContain('Gefundene Papierkörbe: 300.');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'bins-1280');

      await page.fill('#q', 'Altstadt');
      await Promise.all([page.waitForNavigation(), page.click('.bins-search .button')]);
      expect(await page.textContent('main')).toContain('Gefundene Papierkörbe: 20.');
      // Printing nothing: 422, the message at the print form, the search kept.
      await Promise.all([page.waitForNavigation(), page.click('.bins-print .button')]);
      expect(await page.textContent('#print-error')).toContain('Bitte kreuzen Sie mindestens einen Papierkorb');
      expect(await page.inputValue('#q')).toBe('Altstadt');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'bins-1280-print-error');

      await page.check(`input[aria-label="${bins[1]!.code} auswählen"]`);
      await page.check(`input[aria-label="${bins[2]!.code} auswählen"]`);
      await page.selectOption('#format', 'L4773');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('.bins-print .button')]);
      expect(download.suggestedFilename()).toBe('aufkleber-l4773-auswahl.pdf');
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    });
  });

  it('a bin page of another department is read-only and passes axe', async () => {
    await desk('tim', async (page) => {
      await page.goto(`${server.url}/intern/papierkoerbe/${bins[0]!.id}`);
      expect(await page.textContent('main')).toContain('Sie können ihn ansehen, aber nicht ändern.');
      expect(await page.$('.bins-edit')).toBeNull();
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  // One story on one bin (each step needs the one before); axe runs on each of its seven states.
  it('a bin page: edit refused and saved, new code, retire refused and done; every state passes axe', { timeout: 120_000 }, async () => {
    const bin = bins[0]!;
    await desk('dora', async (page) => {
      await page.goto(`${server.url}/intern/papierkoerbe/${bin.id}`);
      expect(await page.textContent('h1')).toBe(`Papierkorb ${bin.code}`);
      expect(await page.textContent('main')).toContain('Papierkorb voll / überfüllt');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'bin-1280');

      await page.fill('#volume_l', 'viel');
      await page.fill('#lat', '52.52');
      await Promise.all([page.waitForNavigation(), page.click('.bins-edit .button')]);
      expect(await page.textContent('#volume_l-error')).toContain('Bitte eine ganze Zahl');
      expect(await page.textContent('#lat-error')).toContain('außerhalb der Stadt');
      expect(await page.inputValue('#volume_l')).toBe('viel');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'bin-1280-edit-error');

      await page.fill('#volume_l', '120');
      await page.fill('#lat', String(bin.lat));
      await page.fill('#description', 'Am Fischtor, neben der Bank');
      await Promise.all([page.waitForNavigation(), page.click('.bins-edit .button')]);
      expect(await page.textContent('.flash')).toContain('Gespeichert.');
      expect(await page.textContent('main')).toContain('Bearbeitet: Volumen, Beschreibung');
      expect(await axeViolations(page)).toEqual([]);

      await Promise.all([page.waitForNavigation(), page.click('text=Neuen Code vergeben')]);
      expect(await page.textContent('.flash')).toContain(`Der alte Code ${bin.code} ist gesperrt.`);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'bin-1280-new-code');

      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Außer Betrieb nehmen")')]);
      expect(await page.textContent('#retire-error')).toContain('Bitte bestätigen Sie');
      expect(await axeViolations(page)).toEqual([]);
      await page.check('#retire-confirm');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Außer Betrieb nehmen")')]);
      expect(await page.textContent('.flash')).toContain('Geschlossene offene Aufgaben: 1.');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'bin-1280-retired');
    });
  });
});
