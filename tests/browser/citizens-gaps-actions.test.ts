// Citizens issue, what the other browser tests left out (actions, in Chromium with JavaScript at 375 px):
// tap targets measured on screen (WCAG 2.2: at least 24 × 24 px, 44 px high for the main actions) for
// "Ich auch" on /m/{n}, "Nein, trotzdem neu melden" in the duplicate step, the scan page's reasons and
// the links of a popup on /karte; the fill-time guard that explains itself and lets the next send
// through; once a day per browser for a bin reason and for "Ich auch", as the pages show it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../server/i18n/de.ts';
import { createReport } from '../helpers.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
/** A defect category without demo reports: after the guard, no "Schon gemeldet?" step comes in between. */
let quiet: string;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    // Tiles from the test server itself (they 404): no request leaves for another host. Clients are told apart by X-Forwarded-For.
    startTestServer({ config: (url) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png`, trustProxy: true }) }),
  ]);
  const used = server.ctx.db.selectFrom('reports').select('category_id');
  quiet = (await server.ctx.db.selectFrom('categories').select('slug').where('kind', '=', 'defect').where('active', '=', 1).where('id', 'not in', used).orderBy('id').executeTakeFirstOrThrow()).slug;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let clients = 0;
/** A phone of its own (its own client address, so that limits and "once a day" of one test do not touch another). */
async function onPhone<T>(fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    locale: 'de-DE',
    viewport: { width: 375, height: 812 },
    extraHTTPHeaders: { 'X-Forwarded-For': `198.18.2.${++clients}` },
  });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

type Box = { width: number; height: number };
const boxOf = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).first().boundingBox())!;
/** Layout positions are fractional: a 24 px button can measure 23.99997 px. Hundredths of a pixel are noise. */
const px = (n: number) => Math.round(n * 100) / 100;
/** At least 44 px high (and as wide) for a main action; at least 24 × 24 px for anything else. */
const expectMainAction = (b: Box, what: string) => {
  expect(px(b.height), `${what}: height`).toBeGreaterThanOrEqual(44);
  expect(px(b.width), `${what}: width`).toBeGreaterThanOrEqual(44);
};
const expectTarget = (b: Box, what: string) => {
  expect(px(b.height), `${what}: height`).toBeGreaterThanOrEqual(24);
  expect(px(b.width), `${what}: width`).toBeGreaterThanOrEqual(24);
};

const SUBMIT = 'form[enctype="multipart/form-data"] button[type=submit]';
const supportOf = async (id: number) => (await server.ctx.db.selectFrom('reports').select('support_count').where('id', '=', id).executeTakeFirstOrThrow()).support_count;
/** A bin without any report yet. */
async function quietBin(offset: number) {
  const reported = server.ctx.db.selectFrom('reports').select('bin_id').where('bin_id', 'is not', null);
  return server.ctx.db.selectFrom('bins').select(['id', 'code']).where('retired_at', 'is', null).where('id', 'not in', reported).orderBy('id').limit(1).offset(offset).executeTakeFirstOrThrow();
}

describe('tap targets at 375 px', () => {
  it('"Ich auch" on /m/{n} is a main action (44 px)', async () => {
    const report = await createReport(server.ctx, { district: 'Bretzenheim', description: 'Schild umgefahren' });
    await onPhone(async (page) => {
      await page.goto(`${server.url}/m/${report.id}`);
      expectMainAction((await page.getByRole('button', { name: 'Ich auch' }).boundingBox())!, 'Ich auch');
    });
  });

  it('"Nein, trotzdem neu melden" and "Ich auch" in the duplicate step are main actions (44 px)', async () => {
    await onPhone(async (page) => {
      for (const description of ['Schild verdreht', 'Schild verdreht, noch einmal']) {
        await page.goto(`${server.url}/melden/verkehrszeichen`);
        await page.locator('#strasse').fill('Heuerstraße 5');
        await page.locator('#strasse').press('Escape');
        await page.locator('#ortsbezirk').selectOption({ label: 'Hechtsheim' });
        await page.locator('#beschreibung').fill(description);
        server.ctx.clock.advance(10_000);
        await page.locator(SUBMIT).click();
        await page.waitForLoadState();
      }
      await page.getByRole('heading', { name: 'Schon gemeldet?' }).waitFor();
      expectMainAction((await page.getByRole('button', { name: 'Nein, trotzdem neu melden' }).boundingBox())!, 'Nein, trotzdem neu melden');
      expectMainAction((await page.getByRole('button', { name: 'Ich auch' }).first().boundingBox())!, 'Ich auch (duplicate step)');
    });
  });

  it('the scan page\'s reasons are main actions (44 px), "Anderes Problem" too', async () => {
    const bin = await quietBin(0);
    await onPhone(async (page) => {
      await page.goto(`${server.url}/B/${bin.code}`);
      const reasons = page.locator('.reasons button.reason');
      expect(await reasons.count()).toBeGreaterThanOrEqual(4);
      for (const b of await reasons.all()) expectMainAction((await b.boundingBox())!, (await b.textContent())!.trim());
      const other = page.locator('details.other');
      expectMainAction((await other.locator('summary').boundingBox())!, 'Anderes Problem (summary)');
      await other.locator('summary').click();
      expectMainAction((await other.locator('button.reason').boundingBox())!, 'Anderes Problem melden');
    });
  });

  it('the links in a popup on /karte are at least 24 × 24 px, and so is its close button', async () => {
    await onPhone(async (page) => {
      await page.goto(`${server.url}/karte`);
      await page.waitForSelector('.map-block:not([hidden]) .leaflet-container .map-marker');
      await page.locator('.map-marker').first().click();
      const link = page.locator('.leaflet-popup-content a');
      await link.first().waitFor();
      for (const l of await link.all()) expectTarget((await l.boundingBox())!, `popup link ${await l.textContent()}`);
      expectTarget(await boxOf(page, '.leaflet-popup-close-button'), 'popup close button');
    });
  });
});

describe('the fill-time guard with JavaScript', () => {
  it('a tap on the map and "send" within 3 s: the page explains itself, and sending again at once files the report', async () => {
    await onPhone(async (page) => {
      const before = Number((await server.ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      await page.goto(`${server.url}/melden/${quiet}`);
      await page.waitForSelector('.map-block:not([hidden]) .leaflet-container');
      await page.locator('#map').click();
      await expect.poll(() => page.locator('#lat').inputValue()).not.toBe('');
      // The server's clock stands still: this send comes "at once" after the form was fetched.
      const [refused] = await Promise.all([page.waitForNavigation(), page.locator(SUBMIT).click()]);
      expect(refused!.status()).toBe(400);
      const message = page.getByText(de['report.error.tooFast']);
      expect(await message.first().isVisible()).toBe(true);
      // The place tapped is still there, and the button works again.
      expect(await page.locator('#lat').inputValue()).not.toBe('');
      expect(await page.locator(SUBMIT).isEnabled()).toBe(true);
      await page.locator(SUBMIT).click();
      await page.waitForURL(/\/status\/[A-Za-z0-9_-]+\?neu=1$/, { timeout: 10_000 });
      expect(await page.locator('h1').textContent()).toMatch(/^Danke! Ihre Meldung Nr\. \d+ ist angekommen\.$/);
      expect(Number((await server.ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before + 1);
    });
  });
});

describe('once a day in the same browser', () => {
  it('a bin reason pressed twice: the second thank-you page says the report is already there, and it counts once', async () => {
    const bin = await quietBin(1);
    const reason = de['scan.reason.full'];
    await onPhone(async (page) => {
      for (const expected of [de['thanks.recorded'], de['thanks.already']]) {
        await page.goto(`${server.url}/B/${bin.code}`);
        await Promise.all([page.waitForURL(/\/danke/), page.locator('button[name=reason][value=full]').click()]);
        expect(await page.locator('h1').textContent()).toBe(de['thanks.title']);
        expect(await page.locator('main').innerText()).toContain(expected.replace('{reason}', reason));
        // Never "Sie sind nicht allein" for one person pressing twice.
        expect(await page.locator('main').innerText()).not.toContain('Sie sind nicht allein');
      }
    });
    const reports = await server.ctx.db.selectFrom('reports').select('support_count').where('bin_id', '=', bin.id).execute();
    expect(reports).toEqual([{ support_count: 1 }]);
  });

  it('"Ich auch" twice on /m/{n}: the count shown goes up once, and the page says so', async () => {
    const report = await createReport(server.ctx, { district: 'Lerchenberg', description: 'Bank beschmiert' });
    const start = await supportOf(report.id);
    await onPhone(async (page) => {
      await page.goto(`${server.url}/m/${report.id}`);
      const counted = de['report.supporters'].replace('{count}', String(start + 1));
      expect(await page.locator('main').innerText()).not.toContain(counted);
      await Promise.all([page.waitForURL(/unterstuetzt=1$/), page.getByRole('button', { name: 'Ich auch' }).click()]);
      expect(await page.locator('main').innerText()).toContain(de['report.supportThanks']);
      expect(await page.locator('main').innerText()).toContain(counted);
      await Promise.all([page.waitForURL(/unterstuetzt=schon$/), page.getByRole('button', { name: 'Ich auch' }).click()]);
      expect(await page.locator('main').innerText()).toContain(de['report.supportAlready']);
      expect(await page.locator('main').innerText()).toContain(counted);
    });
    expect(await supportOf(report.id)).toBe(start + 1);
  });
});
