// Every sticker on a printed sheet must scan. The sheets are made from the demo bins of the seeded
// test database, rendered by poppler at 300 dpi and read label by label with zbar.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listBinsWithDistrict } from '../../db/bins.ts';
import { labelOriginMm, labelsPerPage, loadFormats, type StickerFormat } from '../../qr/formats.ts';
import { layoutLabel, PT_PER_MM } from '../../qr/layout.ts';
import { stickerFontMetrics, writeStickerPdf } from '../../qr/sheet.ts';
import { stickerTexts, type StickerBin } from '../../qr/sticker-text.ts';
import { binQrUrl, displayAddress } from '../../qr/symbol.ts';
import { createTestContext } from '../helpers.ts';
import { darkBox, decodeLabels, fontsOf, pageCount, pxOf, renderPage, scratchDir } from './decode.ts';

const BASE = 'http://localhost:3000';
let bins: StickerBin[] = [];
const dir = scratchDir();

beforeAll(async () => {
  const ctx = await createTestContext();
  bins = (await listBinsWithDistrict(ctx.db)).map((b) => ({ code: b.code, description: b.description, district: b.district_name }));
  await ctx.db.destroy();
  expect(bins).toHaveLength(300);
});

async function sheet(format: StickerFormat, count: number) {
  const chosen = bins.slice(0, count);
  const path = join(dir, `${format.id}.pdf`);
  const result = await writeStickerPdf(path, chosen, format, BASE);
  return { path, chosen, result };
}

describe.each(loadFormats().map((f) => [f.id, f] as const))('format %s', (_id, format) => {
  const perPage = labelsPerPage(format);
  // A full first page and a second page with a few stickers (A4: two signs).
  const count = perPage === 1 ? 2 : perPage + 3;
  let made: Awaited<ReturnType<typeof sheet>>;
  beforeAll(async () => {
    made = await sheet(format, count);
  });

  it('writes the stickers on as many pages as the sheet needs', () => {
    expect(made.result).toEqual({ stickers: count, pages: Math.ceil(count / perPage) });
    expect(pageCount(made.path)).toBe(made.result.pages);
  });

  it('every QR code on every label decodes to its own bin URL, and empty slots stay empty', () => {
    const expected = made.chosen.map((b) => binQrUrl(BASE, b.code));
    const decoded: string[] = [];
    for (let page = 1; page <= made.result.pages; page++) {
      const slots = decodeLabels(made.path, page, format);
      slots.forEach((found, slot) => {
        const i = (page - 1) * perPage + slot;
        expect(found, `page ${page}, label ${slot + 1}`).toEqual(i < count ? [expected[i]] : []);
        decoded.push(...found);
      });
    }
    expect(new Set(decoded)).toEqual(new Set(expected));
    expect(decoded).toHaveLength(expected.length);
  });

  it('draws the QR symbol at least 25 mm wide, as the layout says', () => {
    const symbol = layoutLabel(format, stickerTexts(made.chosen[0]!, displayAddress(BASE)), 29, stickerFontMetrics()).qr;
    const picture = renderPage(made.path, 1);
    const origin = labelOriginMm(format, 0);
    const left = pxOf(origin.x + (symbol.x / PT_PER_MM)) - 5;
    const top = pxOf(origin.y + (symbol.y / PT_PER_MM)) - 5;
    const side = pxOf(symbol.symbolMm) + 10;
    const dark = darkBox(picture, left, top, side, side);
    const widthMm = (dark.w / 300) * 25.4;
    expect(widthMm).toBeGreaterThanOrEqual(25);
    expect(widthMm).toBeCloseTo(symbol.symbolMm, 0);
    expect(Math.abs(dark.h - dark.w)).toBeLessThanOrEqual(2); // square, up to pixel rounding
  });

  it('embeds every font and holds no images (the QR codes are vectors)', () => {
    const fonts = fontsOf(made.path);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) expect(f.embedded, `${f.name} (${f.type})`).toBe(true);
    expect(fonts.map((f) => f.name).join(' ')).not.toMatch(/Helvetica|Times|Courier/);
    const images = execFileSync('pdfimages', ['-list', made.path], { encoding: 'utf8' }).trim().split('\n');
    expect(images).toHaveLength(2); // the header lines only
  });

  it('carries the texts: call to action in German and English, no-app hint, code and address', () => {
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', made.path, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
    for (const phrase of ['Voll? Kaputt?', 'Scannen & melden', 'Full? Broken?', 'Scan & report', 'Ohne App, ohne Anmeldung', 'No app, no login', 'localhost:3000']) {
      expect(text, phrase).toContain(phrase);
    }
    const code = made.chosen[0]!.code;
    expect(text).toContain(`${code.slice(0, 3)} ${code.slice(3)}`);
    if (format.layout.texts.some((t) => t.text === 'description')) expect(text).toContain(made.chosen[0]!.description.split(',')[0]);
  });
});

describe('writing a sheet', () => {
  it('leaves no file behind when it fails, and keeps an existing file', async () => {
    const format = loadFormats().find((f) => f.id === '3659')!;
    const path = join(dir, 'failing.pdf');
    await expect(writeStickerPdf(path, bins.slice(0, 3), format, 'https://example.org/~melder')).rejects.toThrow(/alphanumeric/);
    expect(existsSync(path)).toBe(false);
    writeFileSync(path, 'an earlier sheet');
    await expect(writeStickerPdf(path, bins.slice(0, 3), format, 'https://example.org/~melder')).rejects.toThrow(/alphanumeric/);
    expect(readFileSync(path, 'utf8')).toBe('an earlier sheet');
    expect(readdirSync(dir).filter((f) => f.startsWith('failing'))).toEqual(['failing.pdf']);
  });
});
