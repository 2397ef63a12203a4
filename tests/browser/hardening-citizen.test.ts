// The citizens' side of the hardening (docs/decisions/024, 012, 013) in real Chromium at phone width:
// a foreign site's form refused with a way back, a damaged form body, a form sent twice, the limits
// (bin presses, reports per hour) and a photo refused by its header. Each page in German with
// JavaScript, checked with axe-core (WCAG 2.1 AA), and in English without JavaScript (axe runs as a
// script, so it cannot look there); nothing sideways at 375 px in either. HARDENING_SCREENSHOTS=DIR keeps
// a screenshot of each page.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needlePng } from '../photos/images.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let browser: Browser;
let server: TestServer;
/** A second server for the limits, so that using them up does not refuse the other tests' forms. */
let limited: TestServer;
/** Another site: pages on http://localhost:PORT, while the app is on http://127.0.0.1:PORT. */
let foreign: Server;
let foreignUrl: string;
/** A defect category without demo reports: each test files in its own district, so no "Schon gemeldet?" step comes in between. */
let slug: string;
const foreignPages = new Map<string, string>();
const SHOTS = process.env.HARDENING_SCREENSHOTS;

beforeAll(async () => {
  foreign = createServer((req, res) => {
    const html = foreignPages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  // 'localhost' and '127.0.0.1' are different sites for the browser: its posts are cross-site.
  foreignUrl = `http://localhost:${(foreign.address() as AddressInfo).port}`;
  // Tiles from the test server itself (they 404): no request may leave for another host.
  const config = (url: string) => ({ tileUrl: `${url}/test-tiles/{z}/{x}/{y}.png` });
  // With the back/forward cache that people's Chrome has: "back" shows the form that was sent.
  [browser, server, limited] = await Promise.all([launchBrowser({ backForwardCache: true }), startTestServer({ config }), startTestServer({ config })]);
  // Without the demo addresses a typed address is placed at its district, as these forms expect
  // (the embedded geocoder has tests of its own in tests/addresses/).
  for (const s of [server, limited]) await s.ctx.db.deleteFrom('addresses').execute();
  slug = await quietCategory(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await limited?.close();
  await new Promise((resolve) => foreign?.close(resolve));
});

interface Way {
  lang: 'de' | 'en';
  javaScript: boolean;
}
/**
 * Two ways through each state: German with JavaScript and axe, English without JavaScript. The English
 * pages have the same structure as the German ones (the same views, other words), and the forms must
 * work without JavaScript, so each run checks something the other cannot.
 */
const WAYS: Way[] = [
  { lang: 'de', javaScript: true },
  { lang: 'en', javaScript: false },
];
const wayName = (w: Way) => `${w.lang}${w.javaScript ? '' : ', without JavaScript'}`;
const lang = (w: Pick<Way, 'lang'>) => (w.lang === 'en' ? '?lang=en' : '');

async function phone<T>(way: Way, fn: (page: Page) => Promise<T>): Promise<T> {
  // The browser's own language stays German: English comes from ?lang=en alone.
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 812 }, javaScriptEnabled: way.javaScript });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * axe where it can run (on `part` only, where the rest of the page is a state that another test
 * checks), nothing wider than the phone, and a screenshot to look at.
 */
async function check(page: Page, way: Way, name: string, part?: string | null) {
  if (way.javaScript && part !== null) expect(await axeViolations(page, part)).toEqual([]);
  // Playwright's evaluate works with the page's scripts off too.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}-${way.lang}${way.javaScript ? '' : '-nojs'}.png`), fullPage: true });
}

/** The text a person reads on the page: no stack trace, no exception name, no file of ours. */
async function expectNoInternals(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/TypeError|Error:|\bat [\w.]+ \(|\.tsx?\b|node_modules/);
}

const binCodes = async (s: TestServer, count: number, offset: number) =>
  (await s.ctx.db.selectFrom('bins').select('code').where('retired_at', 'is', null).orderBy('id').offset(offset).limit(count).execute()).map((b) => b.code);

const pressCount = (s: TestServer) => s.ctx.db.selectFrom('reports').select((eb) => eb.fn.sum<number>('support_count').as('n')).where('bin_id', 'is not', null).executeTakeFirstOrThrow().then((r) => Number(r.n ?? 0));
const reportCount = (s: TestServer) => s.ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));

/** Presses from this machine outside the browser (no Origin, no Sec-Fetch-Site: let through), to use up a limit. */
async function pressFromScript(s: TestServer, code: string) {
  const res = await fetch(`${s.url}/B/${code}`, { method: 'POST', body: new URLSearchParams({ reason: 'full' }), redirect: 'manual' });
  expect(res.status).toBe(303);
}

async function quietCategory(s: TestServer): Promise<string> {
  const used = s.ctx.db.selectFrom('reports').select('category_id');
  return (await s.ctx.db.selectFrom('categories').select('slug').where('kind', '=', 'defect').where('active', '=', 1).where('id', 'not in', used).orderBy('id').executeTakeFirstOrThrow()).slug;
}

const CLOCK = { de: new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }), en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }) };
/** The clock time in Mainz `seconds` after the server's now, rounded up to the minute as the limit pages promise it. */
const clockIn = (s: TestServer, seconds: number, l: Way['lang']) => CLOCK[l].format(new Date(Math.ceil((s.ctx.clock.now().getTime() + seconds * 1000) / 60_000) * 60_000));

/** The form filled in by address (the way that works without JavaScript). The form wants a few seconds of reading. */
async function fillReportForm(page: Page, s: TestServer, fields: { district: string; description: string }) {
  await page.locator('#strasse').fill('Am Rathaus 1');
  await page.locator('#ortsbezirk').selectOption({ label: fields.district });
  await page.locator('#beschreibung').fill(fields.description);
  s.ctx.clock.advance(10_000);
}

const submitReport = (page: Page) => Promise.all([page.waitForNavigation(), page.locator('form[enctype="multipart/form-data"] button[type=submit]').click()]).then(([response]) => response!);

describe('a form posted from another site', () => {
  const cases = [
    { way: WAYS[0]!, target: async () => `/B/${(await binCodes(server, 1, 0))[0]}`, back: (path: string) => path },
    {
      way: WAYS[1]!,
      target: async () => `/m/${(await server.ctx.db.selectFrom('reports').select('id').where('state', '=', 'new').where('bin_id', 'is', null).orderBy('id').executeTakeFirstOrThrow()).id}/ich-auch`,
      back: (path: string) => path.replace(/\/ich-auch$/, ''),
    },
  ];
  for (const { way, target, back } of cases) {
    it(`is refused with a page that leads to our own form (${wayName(way)})`, async () => {
      const path = await target();
      const action = `${server.url}${path}${lang(way)}`;
      foreignPages.set(`/${way.lang}.html`, `<!DOCTYPE html><html lang="en"><title>Win a prize</title><form method="post" action="${action}"><input type="hidden" name="reason" value="full"><button>Claim your prize</button></form></html>`);
      const before = { presses: await pressCount(server), support: await server.ctx.db.selectFrom('reports').select((eb) => eb.fn.sum<number>('support_count').as('n')).executeTakeFirstOrThrow() };
      await phone(way, async (page) => {
        await page.goto(`${foreignUrl}/${way.lang}.html`);
        const sent = page.waitForRequest((r) => r.method() === 'POST');
        const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Claim your prize' }).click()]);
        // Chromium itself says where the form came from; nothing in the test sets the header.
        expect(await (await sent).headerValue('sec-fetch-site')).toBe('cross-site');
        expect(response!.status()).toBe(403);
        const de = way.lang === 'de';
        expect(await page.locator('h1').innerText()).toBe(de ? 'Bitte direkt beim Stadtmelder melden' : 'Please report on Stadtmelder directly');
        expect(await page.getByRole('alert').innerText()).toContain(de ? 'Diese Eingabe kam von einer anderen Website' : 'This came from another website');
        const link = page.getByRole('link', { name: de ? 'Seite beim Stadtmelder öffnen' : 'Open the page on Stadtmelder' });
        expect(await link.getAttribute('href')).toBe(back(path) + lang(way));
        // The other language is the same page of ours, not the address the foreign form posted to (a GET there is a 404).
        expect(await page.locator(`.site-header a[hreflang="${de ? 'en' : 'de'}"]`).getAttribute('href')).toBe(`${back(path)}?lang=${de ? 'en' : 'de'}`);
        await check(page, way, `cross-site-${path.startsWith('/B/') ? 'press' : 'metoo'}`);
        // The way back is a page of ours that works.
        const [opened] = await Promise.all([page.waitForNavigation(), link.click()]);
        expect(opened!.status()).toBe(200);
        expect(new URL(page.url()).origin).toBe(server.url);
      });
      expect({ presses: await pressCount(server), support: await server.ctx.db.selectFrom('reports').select((eb) => eb.fn.sum<number>('support_count').as('n')).executeTakeFirstOrThrow() }).toEqual(before);
    });
  }
});

describe('a damaged form body', () => {
  for (const way of WAYS) {
    it(`answers a friendly 400 page, not a crash (${wayName(way)})`, async () => {
      const [code] = await binCodes(server, 1, 1);
      const presses = await pressCount(server);
      await phone(way, async (page) => {
        await page.goto(`${server.url}/B/${code}${lang(way)}`);
        // The browser sends the press, with its body replaced by a broken multipart one on the way out.
        await page.route(`${server.url}/B/${code}*`, (route) =>
          route.request().method() === 'POST'
            ? route.continue({ headers: { ...route.request().headers(), 'content-type': 'multipart/form-data; boundary=x' }, postData: '--x\r\ngarbage' })
            : route.continue(),
        );
        const [response] = await Promise.all([page.waitForNavigation(), page.locator('button[name=reason][value=full]').click()]);
        expect(response!.status()).toBe(400);
        const de = way.lang === 'de';
        expect(await page.getByRole('alert').innerText()).toBe(
          de
            ? 'Das Formular kam unvollständig oder beschädigt an. Bitte laden Sie die Seite neu und senden Sie es noch einmal.'
            : 'The form arrived incomplete or damaged. Please reload the page and send it again.',
        );
        await expectNoInternals(page);
        await check(page, way, 'bad-form');
      });
      expect(await pressCount(server)).toBe(presses);
    });
  }
});

describe('/melden sent twice with the same form', () => {
  const districts = ['Ebersheim', 'Finthen'];
  for (const [i, way] of WAYS.entries()) {
    it(`files one report and answers the second post with the same receipt (${wayName(way)})`, async () => {
      const description = `Zweimal gesendet ${i}`;
      await phone(way, async (page) => {
        await page.goto(`${server.url}/melden/${slug}${lang(way)}`);
        await fillReportForm(page, server, { district: districts[i]!, description });
        expect((await submitReport(page)).status()).toBe(200);
        expect(page.url()).toMatch(/\/status\/[A-Za-z0-9_-]+\?neu=1/);
        const receipt = page.url();
        // Back to the form as the browser kept it (restored from memory: no load event), and send it again.
        await page.goBack({ waitUntil: 'commit' });
        expect(await page.locator('#beschreibung').inputValue()).toBe(description);
        const response = await submitReport(page);
        // The same form again leads to the same receipt (decision 031), and files nothing new.
        expect(response.status()).toBe(200);
        expect(page.url()).toBe(receipt);
        const report = await server.ctx.db.selectFrom('reports').select('id').where('description', '=', description).execute();
        expect(report).toHaveLength(1);
        const id = report[0]!.id;
        expect(await page.locator('h1').innerText()).toContain(String(id));
        await check(page, way, 'already-filed');
        // The public page is there (fetched, not drawn: report.test.ts looks at it in the browser).
        expect((await page.request.get(`${server.url}/m/${id}`)).status()).toBe(200);
      });
    });
  }
});

describe('the limit of bin presses', () => {
  for (const [i, way] of WAYS.entries()) {
    it(`the 7th press at one bin within 10 minutes gets a 429 page with the wait in words (${wayName(way)})`, async () => {
      const [code] = await binCodes(server, 1, 10 + i);
      for (let n = 0; n < 6; n++) await pressFromScript(server, code!);
      const presses = await pressCount(server);
      await phone(way, async (page) => {
        await page.goto(`${server.url}/B/${code}${lang(way)}`);
        const [response] = await Promise.all([page.waitForNavigation(), page.locator('button[name=reason][value=full]').click()]);
        expect(response!.status()).toBe(429);
        expect(response!.headers()['retry-after']).toBe('600');
        const de = way.lang === 'de';
        expect(await page.locator('h1').innerText()).toBe(de ? 'Einen Moment, bitte' : 'One moment, please');
        // The six presses and this one at the same instant of the test clock: ten minutes from now.
        const at = clockIn(server, 600, way.lang);
        expect(await page.getByRole('alert').innerText()).toBe(
          de
            ? `Sie haben in kurzer Zeit sehr oft gemeldet. Bitte versuchen Sie es in 10 Minuten (um ${at} Uhr) noch einmal – Ihre bisherigen Meldungen sind angekommen.`
            : `You have reported very often in a short time. Please try again in 10 minutes (at ${at}) – your earlier reports have arrived.`,
        );
        await check(page, way, 'press-limit');
      });
      expect(await pressCount(server)).toBe(presses);
    });
  }

  it('past the hourly limit across bins the page says an hour, and Retry-After agrees', async () => {
    const codes = await binCodes(limited, 11, 0);
    for (const code of codes.slice(0, 10)) for (let n = 0; n < 6; n++) await pressFromScript(limited, code);
    const way: Way = { lang: 'de', javaScript: true };
    await phone(way, async (page) => {
      await page.goto(`${limited.url}/B/${codes[10]}`);
      const [response] = await Promise.all([page.waitForNavigation(), page.locator('button[name=reason][value=full]').click()]);
      expect(response!.status()).toBe(429);
      expect(response!.headers()['retry-after']).toBe('3600');
      expect(await page.getByRole('alert').innerText()).toContain(`in einer Stunde (um ${clockIn(limited, 3600, 'de')} Uhr)`);
      // The same page as the 10-minute limit above, other words: axe has seen it there.
      await check(page, way, 'press-limit-hour', null);
    });
  });
});

describe('/melden beyond the hourly limit', () => {
  it('refuses the 11th report of the hour with 429 and keeps everything typed', async () => {
    const district = await limited.ctx.db.selectFrom('districts').select('id').where('name', '=', 'Hechtsheim').executeTakeFirstOrThrow();
    // Ten reports from this machine, the way a script would send them (each with its own form token).
    for (let n = 0; n < 10; n++) {
      const html = await (await fetch(`${limited.url}/melden/${slug}`)).text();
      limited.ctx.clock.advance(10_000);
      const body = new FormData();
      for (const [k, v] of Object.entries({ t: /name="t" value="([^"]+)"/.exec(html)![1]!, website: '', strasse: `Lange Gasse ${n}`, ortsbezirk: String(district.id), beschreibung: `Meldung ${n}`, trotzdem: '1' })) body.set(k, v);
      expect((await fetch(`${limited.url}/melden/${slug}`, { method: 'POST', body, redirect: 'manual' })).status).toBe(303);
    }
    const reports = await reportCount(limited);
    // The hour began with the first of the ten, 90 s of test clock ago; each form below takes 10 s more.
    for (const [i, way] of WAYS.entries()) {
      const description = `Die elfte Meldung, ${i}: Laterne am Spielplatz aus`;
      await phone(way, async (page) => {
        await page.goto(`${limited.url}/melden/${slug}${lang(way)}`);
        await fillReportForm(page, limited, { district: 'Mombach', description });
        const response = await submitReport(page);
        expect(response.status()).toBe(429);
        // Ten at once, then one every three minutes (decision 031): the wait is at most three minutes.
        const seconds = Number(response.headers()['retry-after']);
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThanOrEqual(180);
        const at = clockIn(limited, seconds, way.lang);
        const [summary] = await page.locator('.error-summary li').allInnerTexts();
        // In the summary at the top (it is about the whole form, so it has no field of its own).
        expect(summary).toContain(way.lang === 'de' ? 'Von Ihrem Internetanschluss kamen in kurzer Zeit viele Meldungen' : 'Many reports came from your internet connection');
        expect(summary).toContain(way.lang === 'de' ? `um ${at} Uhr` : `at ${at}`);
        expect(await page.locator('#beschreibung').inputValue()).toBe(description);
        expect(await page.locator('#strasse').inputValue()).toBe('Am Rathaus 1');
        expect(await page.locator('#ortsbezirk option:checked').innerText()).toBe('Mombach');
        // The rest is the form in its error state, which report.test.ts checks with axe.
        await check(page, way, 'report-limit', '.error-summary');
      });
    }
    expect(await reportCount(limited)).toBe(reports);
  });
});

describe('a photo refused by its header', () => {
  for (const [i, way] of WAYS.entries()) {
    it(`the PNG declaring 40,000,000 × 1 pixels is named at the photo field, nothing filed (${wayName(way)})`, async () => {
      const reports = await reportCount(server);
      const description = `Mit Foto ${i}`;
      await phone(way, async (page) => {
        await page.goto(`${server.url}/melden/${slug}${lang(way)}`);
        await fillReportForm(page, server, { district: 'Gonsenheim', description });
        await page.locator('#fotos').setInputFiles({ name: 'nadel.png', mimeType: 'image/png', buffer: needlePng() });
        const response = await submitReport(page);
        expect(response.status()).toBe(422);
        const de = way.lang === 'de';
        expect(await page.locator('#fotos-error').innerText()).toBe(
          de
            ? '„nadel.png“ hat ungewöhnliche Maße (40.000.000 × 1 Bildpunkte): höchstens 12.000 Bildpunkte an einer Seite und ein Seitenverhältnis bis 10 : 1.'
            : '“nadel.png” has unusual dimensions (40,000,000 × 1 pixels): at most 12,000 pixels on a side and an aspect ratio up to 10 : 1.',
        );
        expect(await page.locator('#beschreibung').inputValue()).toBe(description);
        expect((await page.locator('#fotos').getAttribute('aria-describedby'))!.split(' ')).toContain('fotos-error');
        await check(page, way, 'photo-refused', '.error-summary');
      });
      expect(await reportCount(server)).toBe(reports);
    });
  }
});
