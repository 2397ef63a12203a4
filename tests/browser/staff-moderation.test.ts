// Moderation in real Chromium: open a report with a photo, black out a region (drawn with the mouse,
// nudged with the keyboard; and typed in without JavaScript), publish the photo, and see that /m/{n}
// shows only the redacted copy. axe-core (WCAG 2.1 AA) on the panel, the redaction page and its
// error state. Set MODERATION_SCREENSHOTS=dir to keep screenshots at 375 and 1280 px.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePhotos, savePhotos } from '../../server/photos.ts';
import { createReport } from '../helpers.ts';
import { addStaff, TEST_PASSWORD } from '../staff-helpers.ts';
import { greyJpeg } from '../staff-moderation/helpers.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let tmp: string;
const SHOTS = process.env.MODERATION_SCREENSHOTS;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'stadtmelder-moderation-browser-'));
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({ config: () => ({ photoDir: join(tmp, 'photos') }) })]);
  await addStaff(server.ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** A new Tiefbau report with text and one unpublished grey 400 x 300 photo. */
async function reportWithPhoto() {
  const report = await createReport(server.ctx, { description: 'Schlagloch vor Hausnummer 12' });
  const [photo] = await savePhotos(server.ctx.db, join(tmp, 'photos'), report.id, await preparePhotos([await greyJpeg()]), server.ctx.clock.now().toISOString());
  return { reportId: report.id, photo: photo! };
}

async function withPage<T>(fn: (page: Page, context: BrowserContext) => Promise<T>, options: { width?: number; javaScript?: boolean } = {}): Promise<T> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function login(page: Page) {
  await page.goto(`${server.url}/intern/anmelden`);
  await page.fill('#login', 'tim');
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].button')]);
  expect(new URL(page.url()).pathname).toBe('/intern');
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const redactedFileOf = async (photoId: number) =>
  (await server.ctx.db.selectFrom('photos').select('redacted_file').where('id', '=', photoId).executeTakeFirstOrThrow()).redacted_file;

/** The darkest and brightest channel value of a region of the public copy, fetched like a browser would. */
async function publicCopyRange(page: Page, src: string, box: { left: number; top: number; width: number; height: number }) {
  const bytes = await (await page.request.get(`${server.url}${src}`)).body();
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let min = 255;
  let max = 0;
  for (let y = box.top; y < box.top + box.height; y++)
    for (let x = box.left; x < box.left + box.width; x++)
      for (let ch = 0; ch < 3; ch++) {
        const v = data[(y * info.width + x) * 3 + ch]!;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
  return { min, max };
}

describe('moderation with photo redaction', () => {
  it('draws a rectangle with the mouse, nudges it with the keyboard, saves, publishes; /m/{n} shows only the redacted copy', async () => {
    const { reportId, photo } = await reportWithPhoto();
    await withPage(async (page) => {
      await login(page);
      await page.goto(`${server.url}/intern/meldungen/${reportId}`);
      const panel = page.locator('section#moderation');
      expect(await panel.locator('h2').textContent()).toBe('Moderation');
      expect(await panel.textContent()).toContain('nicht veröffentlicht');
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'panel-1280');

      await Promise.all([page.waitForNavigation(), panel.getByRole('link', { name: 'Foto 1: Bereich schwärzen' }).click()]);
      expect(await page.textContent('h1')).toBe(`Foto 1 der Meldung ${reportId}: Bereich schwärzen`);
      // With JavaScript a default rectangle is shown and its numbers are filled in.
      expect(await page.isVisible('#redact-rect')).toBe(true);
      expect(await page.inputValue('#rect-breite')).toBe('20');
      expect(await axeViolations(page)).toEqual([]);

      // Draw from 25 % / 20 % to 75 % / 60 % of the displayed image.
      const img = (await page.locator('#redact-image').boundingBox())!;
      await page.mouse.move(img.x + img.width * 0.25 + 0.5, img.y + img.height * 0.2 + 0.5);
      await page.mouse.down();
      await page.mouse.move(img.x + img.width * 0.5, img.y + img.height * 0.4, { steps: 5 });
      await page.mouse.move(img.x + img.width * 0.75 + 0.5, img.y + img.height * 0.6 + 0.5, { steps: 5 });
      await page.mouse.up();
      const values = async () => Promise.all(['x', 'y', 'breite', 'hoehe'].map(async (f) => Number((await page.inputValue(`#rect-${f}`)).replace(',', '.'))));
      const drawn = await values();
      for (const [i, expected] of [25, 20, 50, 40].entries()) expect(Math.abs(drawn[i]! - expected), `field ${i}: ${drawn[i]}`).toBeLessThan(0.6);
      // The keyboard: Tab-reachable rectangle, arrows move it, Shift + arrows resize it.
      await page.focus('#redact-rect');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+ArrowLeft');
      const moved = await values();
      expect(moved[0]! - drawn[0]!).toBeCloseTo(1, 1);
      expect(moved[1]! - drawn[1]!).toBeCloseTo(1, 1);
      expect(drawn[2]! - moved[2]!).toBeCloseTo(1, 1);
      // Typing numbers moves the rectangle on the picture too; back to exact values for the pixel check.
      for (const [f, v] of [['x', '25'], ['y', '20'], ['breite', '50'], ['hoehe', '40']]) await page.fill(`#rect-${f}`, v!);
      const box = (await page.locator('#redact-rect').boundingBox())!;
      expect(Math.abs(box.x - (img.x + img.width * 0.25))).toBeLessThan(2);
      expect(Math.abs(box.width - img.width * 0.5)).toBeLessThan(2);
      await shot(page, 'redact-1280');

      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Bereich schwärzen")')]);
      expect(new URL(page.url()).pathname).toBe(`/intern/meldungen/${reportId}`);
      expect(await panel.textContent()).toContain('geschwärzt');
      await Promise.all([page.waitForNavigation(), panel.getByRole('button', { name: 'Foto 1 veröffentlichen' }).click()]);
      expect(await panel.textContent()).toContain('veröffentlicht');
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'panel-after-1280');

      // The public page: the photo is the redacted copy, it loads, and its region is black.
      const copy = await redactedFileOf(photo.id);
      expect(copy).toBeTruthy();
      await page.goto(`${server.url}/m/${reportId}`);
      const sources = await page.$$eval('img', (imgs) => imgs.map((i) => [i.getAttribute('src'), (i as HTMLImageElement).naturalWidth] as const).filter(([s]) => s?.startsWith('/fotos/')));
      expect(sources).toEqual([[`/fotos/${copy}`, 400]]);
      expect(await page.content()).not.toContain(photo.file);
      expect((await publicCopyRange(page, `/fotos/${copy}`, { left: 110, top: 70, width: 180, height: 100 })).max).toBeLessThanOrEqual(12);
      expect((await publicCopyRange(page, `/fotos/${copy}`, { left: 0, top: 0, width: 400, height: 50 })).min).toBeGreaterThan(170);
      expect((await page.request.get(`${server.url}/fotos/${photo.file}`)).status()).toBe(404);
    });
  });

  it('without JavaScript: the numbers alone black out a region, one after another; the error state keeps the input', async () => {
    const { reportId, photo } = await reportWithPhoto();
    await withPage(
      async (page) => {
        await login(page);
        await page.goto(`${server.url}/intern/meldungen/${reportId}/fotos/${photo.id}/schwaerzen`);
        expect(await page.isVisible('#redact-rect')).toBe(false);
        expect(await page.isVisible('#redact-help-js')).toBe(false);
        expect(await page.inputValue('#rect-x')).toBe('');
        // Out of the image first: 422 with the message at the field and the numbers kept.
        await page.fill('#rect-x', '90');
        await page.fill('#rect-y', '0');
        await page.fill('#rect-breite', '20');
        await page.fill('#rect-hoehe', '10');
        await Promise.all([page.waitForNavigation(), page.click('button:has-text("Schwärzen und weiteren Bereich wählen")')]);
        expect(await page.textContent('#rect-breite-error')).toContain('Das Rechteck reicht über den rechten Bildrand hinaus');
        expect(await page.inputValue('#rect-x')).toBe('90');
        expect(await redactedFileOf(photo.id)).toBeNull();
        // Corrected: saved, and the page comes back for the next region, showing the copy.
        await page.fill('#rect-x', '0');
        await Promise.all([page.waitForNavigation(), page.click('button:has-text("Schwärzen und weiteren Bereich wählen")')]);
        expect(await page.textContent('[role=status]')).toContain('Der Bereich ist geschwärzt.');
        const first = await redactedFileOf(photo.id);
        expect(first).toBeTruthy();
        expect(await page.getAttribute('#redact-image', 'src')).toBe(`/intern/fotos/${photo.id}/geschwaerzt`);
        await page.fill('#rect-x', '80');
        await page.fill('#rect-y', '90');
        await page.fill('#rect-breite', '20');
        await page.fill('#rect-hoehe', '10');
        await Promise.all([page.waitForNavigation(), page.click('button:has-text("Bereich schwärzen") >> nth=0')]);
        expect(new URL(page.url()).pathname).toBe(`/intern/meldungen/${reportId}`);
        const second = await redactedFileOf(photo.id);
        expect(second).not.toBe(first);
        const range = (box: { left: number; top: number; width: number; height: number }) => publicCopyRange(page, `/intern/fotos/${photo.id}/geschwaerzt`, box);
        expect((await range({ left: 8, top: 8, width: 20, height: 14 })).max).toBeLessThanOrEqual(12); // first region, top left
        expect((await range({ left: 330, top: 278, width: 60, height: 14 })).max).toBeLessThanOrEqual(12); // second, bottom right
        expect((await range({ left: 100, top: 100, width: 200, height: 100 })).min).toBeGreaterThan(170);
      },
      { javaScript: false },
    );
  });

  it('the error state, the panel and the redaction page pass axe at 375 px', async () => {
    const { reportId, photo } = await reportWithPhoto();
    await withPage(
      async (page) => {
        await login(page);
        await page.goto(`${server.url}/intern/meldungen/${reportId}#moderation`);
          // Only the panel: the rest of the report page belongs to the report view and is checked there.
        expect(await axeViolations(page, '#moderation')).toEqual([]);
        await shot(page, 'panel-375');
        await page.goto(`${server.url}/intern/meldungen/${reportId}/fotos/${photo.id}/schwaerzen`);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'redact-375');
        await page.fill('#rect-x', 'abc');
        await page.fill('#rect-hoehe', '0');
        await Promise.all([page.waitForNavigation(), page.click('button:has-text("Bereich schwärzen") >> nth=0')]);
        expect(await page.title()).toMatch(/^Fehler: /);
        expect(await page.textContent('.error-summary')).toContain('Das ist keine Zahl.');
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'redact-error-375');
        // English with ?lang=en.
        await page.goto(`${server.url}/intern/meldungen/${reportId}/fotos/${photo.id}/schwaerzen?lang=en`);
        expect(await page.textContent('h1')).toBe(`Photo 1 of report ${reportId}: black out a region`);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'redact-en-375');
      },
      { width: 375 },
    );
  });
});
