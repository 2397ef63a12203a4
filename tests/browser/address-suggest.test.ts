// Address suggestions with JavaScript in Chromium: the address field is a combobox (ARIA 1.2) that the
// keyboard alone operates; axe with WCAG 2.2 AA finds nothing with the list open; without JavaScript the
// "Meinten Sie …" step passes axe too. A 375 px screenshot of the open list is saved for a person to look at.
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WCAG_TAGS } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({ config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png` }) })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'wcag22aa']).setLegacyMode(true).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} – ${n.failureSummary ?? v.help}`));
}

async function onForm<T>(javaScript: boolean, fn: (page: Page) => Promise<T>, category = 'gehweg'): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 812 }, javaScriptEnabled: javaScript });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/melden/${category}`);
    return await fn(page);
  } finally {
    await context.close();
  }
}

describe('address suggestions with JavaScript', () => {
  it('suggest streets, then houses, operated by keyboard alone, and pass axe (WCAG 2.2 AA) with the list open', async () => {
    await onForm(true, async (page) => {
      const field = page.getByRole('combobox', { name: 'Straße und Hausnummer' });
      await expect(field.getAttribute('aria-expanded')).resolves.toBe('false');
      await field.focus();
      await page.keyboard.type('grosse ble', { delay: 30 });
      const list = page.getByRole('listbox');
      await list.waitFor();
      await expect(field.getAttribute('aria-expanded')).resolves.toBe('true');
      expect(await page.getByRole('listbox').getByRole('option').allTextContents()).toEqual(['Große Bleiche, 55116 Mainz']);
      expect(await page.getByRole('status').filter({ hasText: 'Vorschläge' }).textContent()).toBe('1 Vorschläge');
      await page.keyboard.press('ArrowDown');
      await expect(field.getAttribute('aria-activedescendant')).resolves.toBe('strasse-vorschlag-0');
      await page.keyboard.press('Enter');
      expect(await field.inputValue()).toBe('Große Bleiche ');
      // The street taken, the number typed: houses.
      await page.keyboard.type('1', { delay: 30 });
      await page.getByRole('option', { name: 'Große Bleiche 1, 55116 Mainz' }).waitFor();
      const houses = await page.getByRole('listbox').getByRole('option').allTextContents();
      expect(houses[0]).toBe('Große Bleiche 1, 55116 Mainz');
      expect(houses.every((h) => /^Große Bleiche 1\d*a?, 55116 Mainz$/.test(h))).toBe(true);
      expect(await violations(page)).toEqual([]);
      mkdirSync('tests/.artifacts', { recursive: true });
      await page.locator('#adresse').screenshot({ path: 'tests/.artifacts/address-suggest-375.png' });
      // Up from nothing chosen wraps to the last; Enter takes it and does not send the form.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      expect(await field.inputValue()).toBe(houses[houses.length - 1]);
      expect(page.url()).toBe(`${server.url}/melden/gehweg`);
      await expect(field.getAttribute('aria-expanded')).resolves.toBe('false');
      // Escape closes an open list and keeps the text.
      await page.keyboard.press('Backspace');
      await list.waitFor();
      await page.keyboard.press('Escape');
      await expect(field.getAttribute('aria-expanded')).resolves.toBe('false');
      expect(await list.isHidden()).toBe(true);
    });
  });

  it('a tap on a suggestion takes it, and the report is filed at that house', async () => {
    await onForm(true, async (page) => {
      await page.getByRole('combobox', { name: 'Straße und Hausnummer' }).pressSequentially('Breite Straße 2', { delay: 30 });
      await page.getByRole('option', { name: 'Breite Straße 2, 55124 Mainz' }).click();
      expect(await page.getByRole('combobox', { name: 'Straße und Hausnummer' }).inputValue()).toBe('Breite Straße 2, 55124 Mainz');
      server.ctx.clock.advance(10_000);
      await page.getByRole('button', { name: 'Meldung absenden' }).click();
      await page.waitForURL(/\/status\//, { timeout: 10_000 });
      const report = await server.ctx.db.selectFrom('reports').select(['geocoded_address', 'location_source']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(report).toEqual({ geocoded_address: 'Breite Straße 2, 55124 Mainz', location_source: 'address' });
    });
  });
});

describe('without JavaScript', () => {
  const reachChoice = async (page: Page, description: string) => {
    await page.locator('#strasse').fill('Breite Straße 999');
    await page.keyboard.press('Escape');
    await page.getByLabel(/^Beschreibung/).fill(description);
    server.ctx.clock.advance(10_000);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    await page.locator('#adresswahl').waitFor({ timeout: 10_000 });
  };

  it('the "Meinten Sie" step keeps what was typed, and its choice files the report', async () => {
    await onForm(
      false,
      async (page) => {
        expect(await page.getByRole('combobox', { name: 'Straße und Hausnummer' }).count()).toBe(0);
        await reachChoice(page, 'Kante abgebrochen');
        expect(await page.getByLabel(/^Beschreibung/).inputValue()).toBe('Kante abgebrochen');
        const first = page.getByRole('radio').first();
        const label = (await first.locator('xpath=..').textContent())!.trim();
        await first.check();
        server.ctx.clock.advance(10_000);
        await page.getByRole('button', { name: 'Meldung absenden' }).click();
        await page.waitForURL(/\/status\//, { timeout: 10_000 });
        const report = await server.ctx.db.selectFrom('reports').select(['geocoded_address', 'description']).orderBy('id', 'desc').executeTakeFirstOrThrow();
        expect(report).toEqual({ geocoded_address: label, description: 'Kante abgebrochen' });
      },
      // Another category than the tests above: their reports near Breite Straße would be offered as "Schon gemeldet?".
      'graffiti',
    );
  });

  it('the "Meinten Sie" step passes axe (WCAG 2.2 AA); axe itself needs JavaScript in the page, the step is the same server-rendered page', async () => {
    await onForm(
      true,
      async (page) => {
        await reachChoice(page, 'Kante abgebrochen');
        expect(await violations(page)).toEqual([]);
        await page.locator('#adresswahl').screenshot({ path: 'tests/.artifacts/address-choice-375.png' });
      },
      'verkehrszeichen',
    );
  });
});
