import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError, findFormat, labelOriginMm, labelsPerPage, loadFormats, parseFormat, type StickerFormat } from '../../qr/formats.ts';
import { layoutLabel, PT_PER_MM, type LabelLayout } from '../../qr/layout.ts';
import { stickerFontMetrics } from '../../qr/sheet.ts';
import { STICKER_TEXTS, stickerTexts } from '../../qr/sticker-text.ts';
import { binQrSymbol, QUIET_ZONE } from '../../qr/symbol.ts';

const metrics = stickerFontMetrics();
const formats = loadFormats();
const bin = { code: 'K7M4QX2', description: 'Große Bleiche, vor Hausnummer 12, neben der Bushaltestelle', district: 'Hartenberg-Münchfeld' };
const FORMATS_FILE = (id: string) => new URL(`../../qr/formats/${id}.json`, import.meta.url);

describe('sticker formats (data in qr/formats/)', () => {
  it('has the label sheets of issue 3 and the A4 sign, with their published geometry', () => {
    const summary = (id: string) => {
      const f = findFormat(id)!;
      return [f.page.widthMm, f.page.heightMm, f.label.widthMm, f.label.heightMm, f.grid.columns, f.grid.rows, f.grid.columnGapMm, f.grid.rowGapMm];
    };
    expect(summary('3659')).toEqual([210, 297, 97, 42.3, 2, 6, 0, 0]);
    expect(summary('3475')).toEqual([210, 297, 70, 36, 3, 8, 0, 0]);
    expect(findFormat('3475')!.grid.topMm).toBe(4.5);
    expect(summary('L4773')).toEqual([210, 297, 63.5, 33.9, 3, 8, 2.5, 0]);
    expect(findFormat('L4773')!.grid.topMm).toBe(12.9);
    expect(summary('A4')).toEqual([210, 297, 210, 297, 1, 1, 0, 0]);
    expect(findFormat('a4')?.id).toBe('A4');
    expect(findFormat('9999')).toBeUndefined();
  });

  it('places every label of a sheet on the page, without overlaps', () => {
    for (const f of formats) {
      const last = labelOriginMm(f, labelsPerPage(f) - 1);
      expect(last.x + f.label.widthMm, f.id).toBeLessThanOrEqual(f.page.widthMm + 0.05);
      expect(last.y + f.label.heightMm, f.id).toBeLessThanOrEqual(f.page.heightMm + 0.05);
      if (f.grid.columns > 1) expect(labelOriginMm(f, 1).x - labelOriginMm(f, 0).x).toBeCloseTo(f.label.widthMm + f.grid.columnGapMm);
    }
  });

  it('refuses a format file that is wrong, saying what is wrong', () => {
    const good = JSON.parse(readFileSync(FORMATS_FILE('L4773'), 'utf8'));
    const variant = (change: (f: typeof good) => void) => {
      const f = structuredClone(good);
      change(f);
      return JSON.stringify(f);
    };
    expect(() => parseFormat('x', '{')).toThrow(/sticker format x: not valid JSON/);
    expect(() => parseFormat('x', variant((f) => (f.layout.qrSymbolMm = 20)))).toThrow(/layout.qrSymbolMm: QR symbols must be at least 25 mm wide/);
    expect(() => parseFormat('x', variant((f) => (f.grid.rows = 9)))).toThrow(/past the page height of 297 mm/);
    expect(() => parseFormat('x', variant((f) => (f.layout.qrSymbolMm = 26)))).toThrow(/needs up to 34.3 mm, more than the 63.5 x 33.9 mm label/);
    expect(() => parseFormat('x', variant((f) => (f.layout.texts[0].text = 'slogan')))).toThrow(/layout.texts.0.text/);
    expect(() => parseFormat('x', variant((f) => (f.colour = 'red')))).toThrow(FormatError);
  });

  it('picks up a new format from a new file, with no code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-formats-'));
    const l7160 = JSON.parse(readFileSync(FORMATS_FILE('L4773'), 'utf8'));
    Object.assign(l7160, { name: 'Test 7160', label: { widthMm: 63.5, heightMm: 38.1 }, grid: { ...l7160.grid, rows: 7, topMm: 15.15 } });
    writeFileSync(join(dir, '7160.json'), JSON.stringify(l7160));
    const found = loadFormats(pathToFileURL(dir + '/'));
    expect(found.map((f) => [f.id, f.name])).toEqual([['7160', 'Test 7160']]);
  });
});

/** Overlap by more than a rounding error (touching is fine: the quiet zone may end where text starts). */
function boxesOverlap(a: [number, number, number, number], b: [number, number, number, number]): boolean {
  const e = 1e-6;
  return a[0] + e < b[0] + b[2] && b[0] + e < a[0] + a[2] && a[1] + e < b[1] + b[3] && b[1] + e < a[1] + a[3];
}

/** Checks one layout: QR and quiet zone inside the label, texts inside and clear of the quiet zone. */
function checkLayout(f: StickerFormat, layout: LabelLayout, size: number) {
  const W = f.label.widthMm * PT_PER_MM;
  const H = f.label.heightMm * PT_PER_MM;
  const q = layout.qr;
  const zone: [number, number, number, number] = [q.x - QUIET_ZONE * q.module, q.y - QUIET_ZONE * q.module, (size + 2 * QUIET_ZONE) * q.module, (size + 2 * QUIET_ZONE) * q.module];
  expect(zone[0], f.id).toBeGreaterThanOrEqual(-1e-6);
  expect(zone[1], f.id).toBeGreaterThanOrEqual(-1e-6);
  expect(zone[0] + zone[2], f.id).toBeLessThanOrEqual(W + 1e-6);
  expect(zone[1] + zone[3], f.id).toBeLessThanOrEqual(H + 1e-6);
  for (const line of layout.lines) {
    const box: [number, number, number, number] = [line.x, line.y, metrics.widthOf(line.font, line.size, line.text), metrics.lineHeight(line.font, line.size)];
    expect(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= W + 1e-6 && box[1] + box[3] <= H + 1e-6, `${f.id}: "${line.text}" leaves the label`).toBe(true);
    expect(boxesOverlap(box, zone), `${f.id}: "${line.text}" runs into the QR code's quiet zone`).toBe(false);
    expect(line.size, `${f.id}: "${line.text}"`).toBeGreaterThanOrEqual(4.5);
  }
}

describe('label layout', () => {
  it('makes the QR symbol itself at least 25 mm wide on every format, for every version a bin URL can have', () => {
    for (const f of formats) {
      for (const [base, version] of [['https://mainz.de', 2], ['https://maengelmelder.mainz.de', 3], ['https://maengelmelder.stadt-mainz.example', 4]] as const) {
        const symbol = binQrSymbol(base, bin.code);
        expect(symbol.version).toBe(version);
        const layout = layoutLabel(f, stickerTexts(bin, new URL(base).host), symbol.size, metrics);
        const symbolMm = (layout.qr.module * symbol.size) / PT_PER_MM;
        expect(symbolMm, `${f.id}, version ${version}`).toBeGreaterThanOrEqual(25);
        expect(symbolMm).toBeCloseTo(f.layout.qrSymbolMm, 6);
        checkLayout(f, layout, symbol.size);
      }
    }
  });

  it('sets every text of the format, in the order the format gives, with the code grouped', () => {
    for (const f of formats) {
      const texts = stickerTexts(bin, 'localhost:3000');
      const layout = layoutLabel(f, texts, 29, metrics);
      const wanted = [...f.layout.textsAbove, ...f.layout.texts].map((t) => t.text);
      const seen = [...new Set(layout.lines.map((l) => l.id))];
      expect(seen, f.id).toEqual(wanted);
      for (const id of wanted) {
        const joined = layout.lines.filter((l) => l.id === id).map((l) => l.text).join(id === 'address' ? '' : ' ');
        expect(joined, `${f.id} ${id}`).toBe(texts[id]);
      }
      expect(texts.code).toBe('K7M 4QX2');
    }
    expect(Object.values(STICKER_TEXTS).join(' | ').replace(/\u00a0/g, ' ')).toBe('Voll? Kaputt? Scannen & melden | Full? Broken? Scan & report | Ohne App, ohne Anmeldung | No app, no login');
  });

  it('keeps a long address readable: shrunk to the column, then broken after a dot', () => {
    const f = findFormat('L4773')!;
    const long = 'maengelmelder.stadt-mainz.example.org';
    const layout = layoutLabel(f, stickerTexts(bin, long), 29, metrics);
    const lines = layout.lines.filter((l) => l.id === 'address');
    expect(lines.map((l) => l.text).join('')).toBe(long);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(0, -1)) expect(l.text).toMatch(/\.$/);
    checkLayout(f, layout, 29);
  });

  it('refuses texts that cannot fit at a readable size', () => {
    const f = findFormat('L4773')!;
    const tiny = { ...f, label: { widthMm: 45, heightMm: 33.9 } };
    expect(() => layoutLabel(tiny, stickerTexts(bin, 'localhost:3000'), 29, metrics)).toThrow(/texts do not fit on the label/);
  });
});
