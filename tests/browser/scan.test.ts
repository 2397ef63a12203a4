// The Müllmelder in Chromium: scan -> press -> thank-you without JavaScript, and axe-core on the scan
// page, the thank-you page, the code entry and every error page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reissueBinCode, retireBin } from '../../db/bins.ts';
import { codeFromNumber } from '../../qr/codes.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let codes: { active: string; other: string; revoked: string; retired: string; limited: string };

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  const bins = await server.ctx.db.selectFrom('bins').select('code').orderBy('id').limit(5).execute();
  const now = server.ctx.clock.now().toISOString();
  await reissueBinCode(server.ctx.db, bins[2]!.code, now);
  await retireBin(server.ctx.db, bins[3]!.code, now);
  codes = { active: bins[0]!.code, other: bins[1]!.code, revoked: bins[2]!.code, retired: bins[3]!.code, limited: bins[4]!.code };
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function inContext<T>(options: { javaScript?: boolean; locale?: string }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: options.locale ?? 'de-DE', viewport: { width: 375, height: 812 }, javaScriptEnabled: options.javaScript ?? true });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function expectAccessibleOnPhone(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** axe-core runs as a script, so a page seen without JavaScript is checked again at the same URL with it. */
async function expectAccessibleAt(url: string, locale = 'de-DE') {
  await inContext({ javaScript: true, locale }, async (page) => {
    await page.goto(url);
    await expectAccessibleOnPhone(page);
  });
}

const taskCount = async (code: string) => {
  const row = await server.ctx.db
    .selectFrom('reports')
    .innerJoin('bins', 'bins.id', 'reports.bin_id')
    .select(['reports.support_count'])
    .where('bins.code', '=', code)
    .executeTakeFirst();
  return row?.support_count ?? 0;
};

describe('scan -> press -> thank-you without JavaScript', () => {
  it('records one press, and a reload of the thank-you page records nothing', async () => {
    await inContext({ javaScript: false }, async (page, context) => {
      const hosts = new Set<string>();
      page.on('request', (r) => hosts.add(new URL(r.url()).host));
      await page.goto(`${server.url}/B/${codes.active}`);
      expect(await page.locator('h1').count()).toBe(1);
      await expectAccessibleAt(page.url());

      await page.getByRole('button', { name: 'Voll oder überfüllt' }).click();
      await page.waitForURL(/\/danke\?grund=full$/);
      expect(await page.locator('h1').textContent()).toBe('Danke!');
      await expectAccessibleAt(page.url());
      expect(await taskCount(codes.active)).toBe(1);

      await page.reload();
      expect(await page.locator('h1').textContent()).toBe('Danke!');
      expect(await taskCount(codes.active)).toBe(1);

      await page.getByRole('link', { name: 'Zurück zum Papierkorb' }).click();
      expect(await page.locator('.status').textContent()).toContain('Voll oder überfüllt: schon gemeldet');
      await expectAccessibleAt(page.url());
      expect([...hosts]).toEqual([new URL(server.url).host]);
      expect(await context.cookies()).toEqual([]);
      // The styles came with the page (allowed by the CSP hash): no render-blocking second request.
      expect(await page.locator('link[rel="stylesheet"]').count()).toBe(0);
      expect(await page.locator('.reason').first().evaluate((el) => getComputedStyle(el).minHeight)).toBe('56px');
    });
  });

  it('reports "other" with a short text through the disclosure, in English', async () => {
    await inContext({ javaScript: false, locale: 'en-GB' }, async (page) => {
      await page.goto(`${server.url}/B/${codes.other}`);
      await page.locator('.other summary').click();
      await page.getByLabel('What is wrong?').fill('Lid missing');
      await page.getByRole('button', { name: 'Report other problem' }).click();
      await page.waitForURL(/grund=other/);
      expect(await page.locator('.lead').textContent()).toBe('Your report “Other problem” for this bin has arrived.');
    });
    // The open disclosure, checked with axe.
    await inContext({ javaScript: true, locale: 'en-GB' }, async (page) => {
      await page.goto(`${server.url}/B/${codes.other}`);
      await page.locator('.other summary').click();
      await expectAccessibleOnPhone(page);
    });
  });

  it('shows the error state next to the form, with the text kept', async () => {
    await inContext({ javaScript: true }, async (page) => {
      await page.goto(`${server.url}/B/${codes.other}`);
      await page.locator('.other summary').click();
      // A browser enforces maxlength; a crafted request does not. Remove it to send too much.
      await page.locator('#other-text').evaluate((el) => el.removeAttribute('maxlength'));
      await page.locator('#other-text').fill('x'.repeat(250));
      await page.getByRole('button', { name: 'Anderes Problem melden' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').textContent()).toContain('höchstens 200 Zeichen');
      expect(await page.locator('#other-text').inputValue()).toHaveLength(250);
      await expectAccessibleOnPhone(page);
    });
  });
});

describe('pages about codes that do not work, and the code entry', () => {
  const cases: Array<[string, () => string, number]> = [
    ['malformed', () => '/B/ABC', 404],
    ['mistyped', () => `/B/${codes.active.slice(0, 6)}${codes.active[6] === 'A' ? 'B' : 'A'}`, 404],
    ['unknown', () => `/B/${codeFromNumber(4242)}`, 404],
    ['revoked', () => `/B/${codes.revoked}`, 410],
    ['retired', () => `/B/${codes.retired}`, 410],
    ['code entry', () => '/code', 200],
    ['code entry with an error', () => '/code?code=12', 400],
  ];
  for (const [name, path, status] of cases) {
    for (const locale of ['de-DE', 'en-GB']) {
      it(`${name} (${status}, ${locale}) has no axe violations and offers the code form`, async () => {
        await inContext({ locale }, async (page) => {
          const response = await page.goto(server.url + path());
          expect(response!.status()).toBe(status);
          expect(await page.locator('form[action="/code"] input[name="code"]').count()).toBe(1);
          await expectAccessibleOnPhone(page);
        });
      });
    }
  }

  it('finds a bin from a code typed sloppily', async () => {
    await inContext({}, async (page) => {
      await page.goto(`${server.url}/code`);
      await page.getByLabel('Code vom Aufkleber').fill(` ${codes.active.toLowerCase().replace(/0/g, 'o')} `);
      await page.getByRole('button', { name: 'Papierkorb öffnen' }).click();
      await page.waitForURL(new RegExp(`/B/${codes.active}$`));
    });
  });

  it('the 429 page is friendly and accessible', async () => {
    await inContext({}, async (page) => {
      await page.goto(`${server.url}/B/${codes.limited}`);
      let last = 0;
      for (let i = 0; i < 7; i++) {
        const response = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Beschädigt' }).click()]).then(([r]) => r);
        last = response!.status();
        if (last === 200) await page.goto(`${server.url}/B/${codes.limited}`);
      }
      expect(last).toBe(429);
      expect(await page.locator('h1').textContent()).toBe('Einen Moment, bitte');
      await expectAccessibleOnPhone(page);
    });
  });
});
