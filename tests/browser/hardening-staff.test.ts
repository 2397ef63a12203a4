// The staff side of the hardening in real Chromium at desktop width (1280 px): a spent or forged login
// form token, a crew on a bin task's report page (no case work offered), and the moderation of a
// reporter's address words, seen from the public report page at phone width before and after. axe-core
// (WCAG 2.1 AA) on each page. HARDENING_SCREENSHOTS=DIR keeps a screenshot of each page.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../helpers.ts';
import { addStaff, sessionFor, TEST_PASSWORD } from '../staff-helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
const SHOTS = process.env.HARDENING_SCREENSHOTS;

beforeAll(async () => {
  // Tiles from the test server itself (they 404): no request may leave for another host.
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({ config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png` }) })]);
  // Without the demo addresses the typed words stay words placed at the district, as this test needs.
  await server.ctx.db.deleteFrom('addresses').execute();
  await addStaff(server.ctx, { role: 'admin', login: 'chefin', name: 'Clara Chefin' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function inBrowser<T>(options: { width: 375 | 1280; javaScript?: boolean; session?: number }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: options.width, height: options.width === 375 ? 812 : 900 }, javaScriptEnabled: options.javaScript ?? true });
  try {
    // Logged in without the form (scrypt is slow); the login test below goes through the form.
    if (options.session !== undefined) {
      const [name, value] = (await sessionFor(server.ctx, options.session)).cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
    }
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** axe on the page (or on the part of it that differs from a state already checked), its width, a screenshot. */
async function check(page: Page, width: 375 | 1280, name: string, part?: string) {
  expect(await axeViolations(page, part)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

const click = (page: Page, name: string | RegExp) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: typeof name === 'string' }).click()]).then(([r]) => r!);

describe('the staff login with a spent or forged form token', () => {
  it('a reloaded failed login (the same token sent again) gets the form again with a clear message, and logging in from there works', async () => {
    await inBrowser({ width: 1280 }, async (page, context) => {
      await page.goto(`${server.url}/intern/anmelden`);
      await page.fill('#login', 'chefin');
      await page.fill('#password', 'Rheinufer am Fischtor 2025');
      expect((await click(page, 'Anmelden')).status()).toBe(401);
      // Reload sends the same form, token and all, once more.
      const again = await page.reload();
      expect(again!.request().method()).toBe('POST');
      expect(again!.status()).toBe(403);
      expect(await page.getByRole('alert').innerText()).toBe('Das Anmeldeformular war abgelaufen oder wurde schon benutzt. Bitte melden Sie sich noch einmal an.');
      expect(await page.locator('#login').inputValue()).toBe('chefin');
      expect(await page.locator('#login').getAttribute('aria-describedby')).toBe('login-error');
      expect(await context.cookies()).toEqual([]);
      await check(page, 1280, 'login-spent');
      await page.fill('#password', TEST_PASSWORD);
      await click(page, 'Anmelden');
      expect(new URL(page.url()).pathname).toBe('/intern');
    });
  });

  it('a forged token is refused the same way, in English too, never a 500', async () => {
    await inBrowser({ width: 1280 }, async (page) => {
      await page.goto(`${server.url}/intern/anmelden?lang=en`);
      await page.locator('input[name=token]').evaluate((input: HTMLInputElement) => (input.value = input.value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))));
      await page.fill('#login', 'chefin');
      await page.fill('#password', TEST_PASSWORD);
      expect((await click(page, 'Log in')).status()).toBe(403);
      expect(await page.getByRole('alert').innerText()).toBe('The login form had expired or was already used. Please log in again.');
      await check(page, 1280, 'login-forged');
    });
  });
});

describe('a crew on the report page of a bin task', () => {
  it('sees the task and where it is, but no case work: no status, hiding, forwarding, priority, assignment or answer', async () => {
    // Office staff typed the place in words when they corrected it.
    const report = await createReport(server.ctx, { category: 'papierkorb-voll', address: 'Fischtorplatz, am Brunnen' });
    const department = await server.ctx.db.selectFrom('departments').select('slug').where('id', '=', report.department_id).executeTakeFirstOrThrow();
    const crew = await addStaff(server.ctx, { role: 'crew', departments: [department.slug], login: 'kai', name: 'Kai Kolonne' });
    await inBrowser({ width: 1280, session: crew.id }, async (page) => {
      expect((await page.goto(`${server.url}/intern/meldungen/${report.id}`))!.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toBe(`Meldung ${report.id}`);
      expect(await page.locator('main').innerText()).toContain('Fischtorplatz, am Brunnen');
      expect(await page.locator('.report-actions').innerText()).toContain('Als Kolonne bearbeiten Sie Meldungen nicht; geleerte Papierkörbe melden Sie in der Kolonnenansicht.');
      // No form acts on the report; the only forms left are the layout's own (logout).
      const actions = await page.$$eval('form', (forms) => forms.map((f) => new URL(f.action).pathname));
      expect(actions.filter((a) => a.startsWith(`/intern/meldungen/${report.id}`))).toEqual([]);
      for (const name of [/Status/, /ausblenden/i, /veröffentlichen/i, /Weiterleiten/i, /Priorität/, /Zuweisen/i, /Antwort/, /Gesehen/]) {
        expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
      }
      expect(await page.locator('select, textarea').count()).toBe(0);
      await page.getByRole('link', { name: 'Zur Kolonnenansicht' }).waitFor();
      await check(page, 1280, 'crew-bin-report');
    });
  });
});

describe('moderation of the address words', () => {
  it('the public page shows the district until staff publish the words, and the district again once they hide them', async () => {
    // A category that does not publish by itself, without demo reports (no "Schon gemeldet?" step).
    const used = server.ctx.db.selectFrom('reports').select('category_id');
    const category = await server.ctx.db.selectFrom('categories').select('slug').where('kind', '=', 'defect').where('auto_publish', '=', 0).where('id', 'not in', used).orderBy('id').executeTakeFirstOrThrow();
    const words = 'Hinter der Kirche 3, bei Familie Geheimname';
    // A citizen files it by address, without JavaScript.
    const reportId = await inBrowser({ width: 375, javaScript: false }, async (page) => {
      await page.goto(`${server.url}/melden/${category.slug}`);
      await page.fill('#strasse', words);
      await page.selectOption('#ortsbezirk', { label: 'Bretzenheim' });
      await page.fill('#beschreibung', 'Gully verstopft');
      server.ctx.clock.advance(10_000);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Meldung absenden' }).click()]);
      return Number(/Nr\. (\d+)/.exec(await page.locator('h1').innerText())![1]);
    });
    // Moderated by a member of the department the report was routed to.
    const department = await server.ctx.db.selectFrom('reports').innerJoin('departments', 'departments.id', 'reports.department_id').select('departments.slug').where('reports.id', '=', reportId).executeTakeFirstOrThrow();
    const staff = await addStaff(server.ctx, { role: 'staff', departments: [department.slug], login: 'mona', name: 'Mona Moderation' });
    // The public page on a phone and the staff page on a desktop, side by side.
    await inBrowser({ width: 375 }, (citizen) =>
      inBrowser({ width: 1280, session: staff.id }, async (office) => {
        const place = async () => {
          await citizen.goto(`${server.url}/m/${reportId}`);
          return citizen.locator('.facts dd').nth(2).innerText();
        };
        // Placed at the district from the typed words (no address list): marked as such, the words unpublished.
        expect(await place()).toMatch(/^Ortsbezirk Bretzenheim \((Ort aus der Adresse ermittelt|nur der Ortsbezirk ist bekannt)/);
        expect(await citizen.locator('body').innerText()).not.toContain('Geheimname');
        await check(citizen, 375, 'public-address-unpublished', '.facts');

        await office.goto(`${server.url}/intern/meldungen/${reportId}`);
        const panel = office.locator('#moderation');
        expect(await panel.locator('blockquote', { hasText: words }).count()).toBe(1);
        expect(await panel.innerText()).toContain('Nicht veröffentlicht: Die Öffentlichkeit sieht den Ortsbezirk statt dieser Worte.');
        await check(office, 1280, 'moderation-address-unpublished', '#moderation');

        await click(office, 'Adresse veröffentlichen');
        expect(new URL(office.url()).hash).toBe('#moderation');
        expect(await panel.innerText()).toContain('Veröffentlicht: Die Öffentlichkeit sieht diese Worte.');
        expect(await office.getByRole('button', { name: 'Adresse ausblenden' }).count()).toBe(1);
        await check(office, 1280, 'moderation-address-published');
        expect(await place()).toMatch(new RegExp(`^${words}, Ortsbezirk Bretzenheim`));
        await check(citizen, 375, 'public-address-published');

        await click(office, 'Adresse ausblenden');
        expect(await panel.innerText()).toContain('Nicht veröffentlicht');
        expect(await place()).toMatch(/^Ortsbezirk Bretzenheim/);
        expect(await citizen.locator('body').innerText()).not.toContain('Geheimname');
      }),
    );
  });
});
