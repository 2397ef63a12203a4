// The staff endpoint for sticker sheets and the QR images of single bins, through app.request().
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { reissueBinCode, retireBin } from '../../db/bins.ts';
import type { Db } from '../../db/connection.ts';
import { findFormat } from '../../qr/formats.ts';
import { launchBrowser } from '../browser/chromium.ts';
import { createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { decodeLabels, pageCount, scratchDir, zbar } from '../qr/decode.ts';

const dir = scratchDir();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function codesOf(db: Db, district?: string): Promise<string[]> {
  let q = db.selectFrom('bins').leftJoin('districts', 'districts.id', 'bins.district_id').select('bins.code').where('bins.active', '=', 1).orderBy('bins.id');
  if (district) q = q.where('districts.name', '=', district);
  return (await q.execute()).map((r) => r.code);
}

/** Every row of every table that GET requests must leave alone. */
async function everything(db: Db) {
  const tables = ['bins', 'bin_codes', 'reports', 'report_events', 'districts'] as const;
  return Promise.all(tables.map((t) => db.selectFrom(t).selectAll().execute()));
}

async function savePdf(res: Response, name: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await res.arrayBuffer()));
  return path;
}

describe('GET /intern/aufkleber.pdf', () => {
  it("answers a district's stickers as a PDF download whose codes scan", async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['entsorgung'] });
    const res = await staff.request('/intern/aufkleber.pdf?format=3659&district=Hartenberg-M%C3%BCnchfeld');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="aufkleber-3659-hartenberg-muenchfeld.pdf"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const file = await savePdf(res, 'district.pdf');
    expect(pageCount(file)).toBe(2); // 20 bins, 12 per sheet
    const format = findFormat('3659')!;
    const decoded = [...decodeLabels(file, 1, format), ...decodeLabels(file, 2, format)].flat();
    const expected = (await codesOf(ctx.db, 'Hartenberg-Münchfeld')).map((c) => `HTTP://LOCALHOST:3000/B/${c}`);
    expect(new Set(decoded)).toEqual(new Set(expected));
    expect(decoded).toHaveLength(20);
  });

  it('answers chosen codes (any case) and all active bins; the file name says which', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['entsorgung'] });
    const [a, b] = await codesOf(ctx.db);
    const one = await staff.request(`/intern/aufkleber.pdf?format=a4&codes=${a!.toLowerCase()}`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-disposition')).toBe(`attachment; filename="aufkleber-a4-${a!.toLowerCase()}.pdf"`);
    expect(decodeLabels(await savePdf(one, 'one.pdf'), 1, findFormat('A4')!)).toEqual([[`HTTP://LOCALHOST:3000/B/${a}`]]);
    const two = await staff.request(`/intern/aufkleber.pdf?format=L4773&codes=${a},${b}`);
    expect(two.headers.get('content-disposition')).toBe('attachment; filename="aufkleber-l4773-auswahl.pdf"');
    const all = await staff.request('/intern/aufkleber.pdf?format=3475');
    expect(all.headers.get('content-disposition')).toBe('attachment; filename="aufkleber-3475-alle.pdf"');
    expect(pageCount(await savePdf(all, 'all.pdf'))).toBe(Math.ceil(300 / 24));
  });

  it('says in the reader’s language what is wrong with the request, with status 400', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['entsorgung'] });
    const [a] = await codesOf(ctx.db);
    const { newCode } = await reissueBinCode(ctx.db, a!, ctx.clock.now().toISOString());
    const json = { Accept: 'application/json' };
    const cases: [string, string][] = [
      ['/intern/aufkleber.pdf', 'Bitte wählen Sie ein Aufkleberformat: 3475, 3659, A4, L4773.'],
      ['/intern/aufkleber.pdf?format=9999', 'Das Aufkleberformat „9999“ gibt es nicht. Verfügbar sind: 3475, 3659, A4, L4773.'],
      ['/intern/aufkleber.pdf?format=3659&district=Nirgendwo', 'Den Ortsbezirk „Nirgendwo“ gibt es nicht.'],
      ['/intern/aufkleber.pdf?format=3659&codes=ZZZZZZZ', 'Zum Code „ZZZZZZZ“ gibt es keinen Papierkorb.'],
      [`/intern/aufkleber.pdf?format=3659&codes=${a}`, `Der Code „${a}“ wurde ersetzt; der Papierkorb hat jetzt den Code ${newCode}.`],
      ['/intern/aufkleber.pdf?format=3659&codes=ZZZZZZZ&district=Altstadt', 'Bitte wählen Sie entweder einen Ortsbezirk oder einzelne Codes, nicht beides.'],
    ];
    for (const [path, message] of cases) {
      const res = await staff.request(path, { headers: json });
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toEqual({ error: { status: 400, message } });
    }
    const english = await staff.request('/intern/aufkleber.pdf?format=9999&lang=en', { headers: json });
    expect((await english.json()).error.message).toBe('There is no sticker format “9999”. Available: 3475, 3659, A4, L4773.');
    const page = await staff.request('/intern/aufkleber.pdf?format=3659&district=Nirgendwo');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Den Ortsbezirk „Nirgendwo“ gibt es nicht.');
  });
});

describe('GET /qr/{CODE}.svg and .png', () => {
  it('answers the PNG of a bin’s current code, which a decoder reads, also for a code typed in lower case', async () => {
    const { app, ctx } = await createTestApp();
    const [code] = await codesOf(ctx.db);
    for (const path of [`/qr/${code}.png`, `/qr/${code!.toLowerCase()}.png`]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const file = join(dir, `${code}.png`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      expect(zbar([file]).get(file)).toEqual([`HTTP://LOCALHOST:3000/B/${code}`]);
    }
  });

  it('answers the SVG, which a decoder reads once a browser has drawn it', async () => {
    const { app, ctx } = await createTestApp({ config: { publicBaseUrl: 'https://melder.mainz.de' } });
    const [code] = await codesOf(ctx.db);
    const res = await app.request(`/qr/${code}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="370" height="370" viewBox="0 0 37 37"/);
    const page = await browser.newPage();
    try {
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
      const file = join(dir, `${code}-svg.png`);
      writeFileSync(file, await page.locator('svg').screenshot());
      expect(zbar([file]).get(file)).toEqual([`HTTPS://MELDER.MAINZ.DE/B/${code}`]);
    } finally {
      await page.close();
    }
  });

  it('refuses unknown codes (404), replaced codes and retired bins (410), saying why', async () => {
    const { app, ctx } = await createTestApp();
    const [a, b] = await codesOf(ctx.db);
    const now = ctx.clock.now().toISOString();
    const { newCode } = await reissueBinCode(ctx.db, a!, now);
    await retireBin(ctx.db, b!, now);
    const json = { Accept: 'application/json' };
    const expectations: [string, number, string][] = [
      ['/qr/ZZZZZZZ.svg', 404, 'Zum Code „ZZZZZZZ“ gibt es keinen Papierkorb.'],
      ['/qr/nonsense.png', 404, 'Zum Code „nonsense“ gibt es keinen Papierkorb.'],
      [`/qr/${a}.svg`, 410, `Der Code „${a}“ wurde ersetzt; der Papierkorb hat jetzt den Code ${newCode}.`],
      [`/qr/${b}.png`, 410, `Der Papierkorb mit dem Code „${b}“ ist nicht mehr in Betrieb.`],
    ];
    for (const [path, status, message] of expectations) {
      const res = await app.request(path, { headers: json });
      expect(res.status, path).toBe(status);
      expect((await res.json()).error.message, path).toBe(message);
    }
    expect((await app.request(`/qr/${newCode}.svg`)).status).toBe(200);
    expect((await app.request(`/qr/${newCode}.gif`)).status).toBe(404);
  });
});

it('changes nothing: sheets and QR images can be fetched again and again', async () => {
  const { app, ctx } = await createTestApp();
  const [code] = await codesOf(ctx.db);
  const before = await everything(ctx.db);
  for (const path of ['/intern/aufkleber.pdf?format=3659&district=Altstadt', '/intern/aufkleber.pdf?format=nope', `/qr/${code}.svg`, `/qr/${code}.png`, '/qr/ZZZZZZZ.svg']) {
    await (await app.request(path)).arrayBuffer();
  }
  expect(await everything(ctx.db)).toEqual(before);
});
