import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { codeFromNumber } from '../../qr/codes.ts';
import { formatBits, maskPenalty } from '../../qr/mask.ts';
import { symbolPng } from '../../qr/png.ts';
import { binQrSymbol, binQrUrl, displayAddress, encodeQr, QrUrlError } from '../../qr/symbol.ts';
import { darkRectangles } from '../../qr/vector.ts';
import { scratchDir, zbar } from './decode.ts';

const BASE_30 = 'https://maengelmelder.mainz.de';
const sampleCodes = (n: number, salt = 0) => Array.from({ length: n }, (_, i) => codeFromNumber((i * 7919 * 104729 + salt) % 2 ** 25));

describe('what a bin QR says', () => {
  it('is the whole URL in upper case, so that it fits alphanumeric mode', () => {
    expect(binQrUrl('http://localhost:3000', 'K7M4QX2')).toBe('HTTP://LOCALHOST:3000/B/K7M4QX2');
    expect(binQrUrl('https://melder.mainz.de/', 'K7M4QX2')).toBe('HTTPS://MELDER.MAINZ.DE/B/K7M4QX2');
  });

  it('refuses a base URL with characters alphanumeric mode cannot hold', () => {
    expect(() => binQrUrl('https://mängel.example', 'K7M4QX2')).toThrow(QrUrlError);
    expect(() => binQrUrl('https://example.org/~melder', 'K7M4QX2')).toThrow(/alphanumeric/);
  });

  it('prints the host (and path) people can type', () => {
    expect(displayAddress('http://localhost:3000')).toBe('localhost:3000');
    expect(displayAddress('https://melder.mainz.de/')).toBe('melder.mainz.de');
    expect(displayAddress('https://example.org/mainz')).toBe('example.org/mainz');
  });
});

describe('the QR symbol', () => {
  it(`is level Q, one alphanumeric segment, version 3 or lower for a 30-character base URL`, () => {
    expect(BASE_30).toHaveLength(30);
    for (const code of sampleCodes(50)) {
      const symbol = binQrSymbol(BASE_30, code);
      expect(symbol.version).toBeLessThanOrEqual(3);
      expect(symbol.size).toBe(17 + 4 * symbol.version);
      const reference = QRCode.create([{ data: symbol.text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'Q', version: symbol.version, maskPattern: symbol.mask as QRCode.QRCodeMaskPattern });
      // Same modules as qrcode's level-Q symbol with one alphanumeric segment: another level or mode
      // would give other codewords.
      expect(reference.segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
      expect(Buffer.from(symbol.modules).equals(Buffer.from(reference.modules.data))).toBe(true);
      expect(symbol.mode).toBe('Alphanumeric');
    }
    expect(binQrSymbol('http://localhost:3000', 'K7M4QX2').version).toBeLessThanOrEqual(3);
  });

  it('uses the mask qrcode itself would choose, module for module, for versions 2, 3 and 4', () => {
    // Version 2 and 3 take the fast row-at-a-time penalty, version 4 the module-by-module one.
    const bases: [string, number][] = [['https://mainz.de', 2], [BASE_30, 3], ['https://maengelmelder.stadt-mainz.example', 4]];
    for (const [base, version] of bases) {
      for (const code of sampleCodes(300, version)) {
        const ours = binQrSymbol(base, code);
        const theirs = QRCode.create([{ data: ours.text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'Q' });
        expect(ours.version).toBe(version);
        expect(ours.mask, code).toBe(theirs.maskPattern);
        expect(Buffer.from(ours.modules).equals(Buffer.from(theirs.modules.data)), code).toBe(true);
      }
    }
  });

  it('scores masks by the penalty rules: a plain light symbol is penalised, the standard format bits are right', () => {
    // 21 light rows and columns: N1 = 2 * 21 * (3 + 16), N2 = 3 * 20 * 20, N4 = 10 * 10, no N3.
    expect(maskPenalty(new Uint8Array(21 * 21), 21)).toBe(2 * 21 * 19 + 3 * 400 + 100);
    // ISO/IEC 18004 table C.1: level Q with mask 0 is 011010101011111.
    expect(formatBits(0)).toBe(0b011010101011111);
  });

  it('decodes to its URL with a real decoder', async () => {
    const symbol = binQrSymbol('http://localhost:3000', 'K7M4QX2');
    const png = await symbolPng(symbol);
    const file = join(scratchDir(), 'k7m.png');
    writeFileSync(file, png);
    expect(zbar([file]).get(file)).toEqual(['HTTP://LOCALHOST:3000/B/K7M4QX2']);
    // 29 modules and a quiet zone of 4 on each side, 10 pixels a module (width and height from IHDR).
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([370, 370]);
  });

  it('turns into rectangles that cover exactly the dark modules', () => {
    const symbol = encodeQr(binQrUrl(BASE_30, 'K7M4QX2'));
    const painted = new Uint8Array(symbol.size * symbol.size);
    const rects = darkRectangles(symbol);
    for (const [x, y, w, h] of rects) for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) painted[r * symbol.size + c]!++;
    expect([...painted]).toEqual([...symbol.modules]);
    expect(rects.length).toBeLessThan(symbol.modules.reduce((a, b) => a + b, 0) / 2);
  });
});
