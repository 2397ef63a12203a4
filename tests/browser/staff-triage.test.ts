// A whole triage in real Chromium: log in through the form, open the queue filtered to new reports,
// open the report, answer with a template (picked with the keyboard; the script fills the text), close
// it as done and see the answer on the public page. axe-core (WCAG 2.1 AA) on the report page in every
// state: new, with a status message, with a refused form (422), closed, duplicate, and in English.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../helpers.ts';
import { addStaff, sessionFor, TEST_PASSWORD } from '../staff-helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  await addStaff(server.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(fn: (page: Page, context: BrowserContext) => Promise<T>, options: { width?: number; loggedInAs?: number } = {}): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: options.width ?? 1280, height: 900 } });
  if (options.loggedInAs !== undefined) {
    const { cookie } = await sessionFor(server.ctx, options.loggedInAs);
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

describe('triage of one report', () => {
  it('log in, filter the queue, open, answer with a template, close as done, see the answer in public', async () => {
    const report = await createReport(server.ctx, { description: 'Tiefes Schlagloch vor der Einfahrt' });
    await withPage(async (page) => {
      await page.goto(`${server.url}/intern/anmelden`);
      await page.fill('#login', 'tim');
      await page.fill('#password', TEST_PASSWORD);
      await submit(page, 'form.staff-form button[type=submit]');
      expect(new URL(page.url()).pathname).toBe('/intern');

      // The queue's filters are GET parameters; the report must be listed among the new potholes.
      await page.goto(`${server.url}/intern/meldungen?status=new&kategorie=strassenschaden`);
      const link = page.locator(`main a[href^="/intern/meldungen/${report.id}"]`).first();
      expect(await link.count(), 'the queue lists the new report').toBe(1);
      await Promise.all([page.waitForNavigation(), link.click()]);
      expect(await page.textContent('h1')).toContain(`Meldung ${report.id}`);
      expect(await axeViolations(page)).toEqual([]);

      // Keyboard: the announced shortcut jumps to the answer; the template is chosen from the list.
      expect(await page.isVisible('#shortcut-help')).toBe(true);
      await page.keyboard.press('a');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-text');
      expect(await page.isVisible('#answer-template + .js-template-submit, #gruppe-antwort .js-template-submit')).toBe(false);
      await page.focus('#answer-template');
      await page.selectOption('#answer-template', { label: 'Eingangsbestätigung' });
      const template = await server.ctx.db.selectFrom('response_templates').select('body').where('title', '=', 'Eingangsbestätigung').executeTakeFirstOrThrow();
      expect(await page.inputValue('#answer-text')).toBe(template.body);
      await submit(page, '#form-answer button[type=submit]:not(.js-template-submit)');
      expect(await page.textContent('.flash')).toContain('Die Antwort ist veröffentlicht.');
      expect(await axeViolations(page)).toEqual([]);

      // Close as done, with the "done" template for potholes chosen in the state form.
      await page.selectOption('#status-template', { label: 'Schlagloch: geflickt (Erledigt)' });
      expect(await page.inputValue('#status-to')).toBe('done');
      await submit(page, '#form-status button[type=submit]:not(.js-template-submit)');
      expect(await page.textContent('.state-badge')).toBe('Erledigt');
      expect(await page.textContent('.flash')).toContain('Der Status ist geändert.');
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${server.url}/m/${report.id}`);
      const publicText = await page.textContent('main');
      expect(publicText).toContain(template.body);
      expect(publicText).toContain('Das Schlagloch wurde ausgebessert.');
    });
  }, 90_000); // eleven page loads and three axe runs on a machine shared with other test runs

  it('works without JavaScript: "Vorlage einsetzen" fills the answer from the server', async () => {
    const report = await createReport(server.ctx);
    const tim = await server.ctx.db.selectFrom('staff').select('id').where('login', '=', 'tim').executeTakeFirstOrThrow();
    const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
    try {
      const { cookie } = await sessionFor(server.ctx, tim.id);
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/intern/meldungen/${report.id}`);
      await page.selectOption('#answer-template', { label: 'Eingangsbestätigung' });
      await submit(page, '#form-answer .js-template-submit');
      expect(await page.inputValue('#answer-text')).toContain('Vielen Dank für Ihre Meldung.');
      await submit(page, '#form-answer button[type=submit]:not(.js-template-submit)');
      expect(await page.textContent('.flash')).toContain('Die Antwort ist veröffentlicht.');
    } finally {
      await context.close();
    }
  });

  it.each([1280, 375])('has no axe violations with a refused form (422) and in English, at %i px', async (width) => {
    const tim = await server.ctx.db.selectFrom('staff').select('id').where('login', '=', 'tim').executeTakeFirstOrThrow();
    const report = await createReport(server.ctx);
    await withPage(
      async (page) => {
        await page.goto(`${server.url}/intern/meldungen/${report.id}`);
        await page.fill('#duplicate-of', 'zwölf');
        await submit(page, '#form-duplicate button[type=submit]');
        expect(await page.textContent('#duplicate-of-error')).toContain('Bitte geben Sie die Nummer einer Meldung ein');
        expect(await page.getAttribute('#duplicate-of', 'aria-invalid')).toBe('true');
        expect(await axeViolations(page)).toEqual([]);
        // The error summary links to the field; nothing is wider than the screen.
        await page.click('.error-summary a');
        expect(new URL(page.url()).hash).toBe('#duplicate-of');
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);

        await page.goto(`${server.url}/intern/meldungen/${report.id}?lang=en`);
        expect(await page.textContent('h1')).toBe(`Report ${report.id}`);
        expect(await axeViolations(page)).toEqual([]);
      },
      { width, loggedInAs: tim.id },
    );
  });

  it('marks a duplicate with the keyboard alone; the duplicate and its target have no axe violations', async () => {
    const tim = await server.ctx.db.selectFrom('staff').select('id').where('login', '=', 'tim').executeTakeFirstOrThrow();
    const target = await createReport(server.ctx);
    const duplicate = await createReport(server.ctx);
    await withPage(
      async (page) => {
        await page.goto(`${server.url}/intern/meldungen/${duplicate.id}`);
        // The shortcut D focuses the number field; Enter submits its form.
        await page.keyboard.press('d');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('duplicate-of');
        await page.keyboard.type(String(target.id));
        await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        expect(await page.textContent('.flash')).toContain(`Duplikat von Nr. ${target.id}`);
        expect(await page.textContent('.state-badge')).toBe('Doppelt gemeldet');
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${server.url}/intern/meldungen/${target.id}`);
        expect(await page.textContent('main')).toContain('Duplikate dieser Meldung');
        expect(await axeViolations(page)).toEqual([]);
      },
      { loggedInAs: tim.id },
    );
  });
});
