import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, codeFromNumber, generateBinCode, isValidBinCode, normalizeBinCode } from '../../qr/codes.ts';
import { seededRandom } from '../../db/seed/mainz.ts';

const random = seededRandom(7);
const sample = Array.from({ length: 300 }, () => codeFromNumber(Math.floor(random() * 2 ** 25)));

describe('bin codes', () => {
  it('uses 7 characters from an alphabet without I, L, O and U', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    for (const code of sample) {
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);
      expect(isValidBinCode(code)).toBe(true);
    }
  });

  it('detects every single wrong character', () => {
    for (const code of sample) {
      for (let i = 0; i < code.length; i++) {
        for (const ch of CODE_ALPHABET) {
          if (ch === code[i]) continue;
          expect(isValidBinCode(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
        }
      }
    }
  });

  it('detects every swap of two neighbouring characters', () => {
    for (const code of sample) {
      for (let i = 0; i < code.length - 1; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isValidBinCode(swapped)).toBe(false);
      }
    }
  });

  it('lets about one random string in 1024 pass the check', () => {
    const r = seededRandom(11);
    let passed = 0;
    const tries = 200_000;
    for (let n = 0; n < tries; n++) {
      let s = '';
      for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[Math.floor(r() * 32)];
      if (isValidBinCode(s)) passed++;
    }
    expect(passed / tries).toBeGreaterThan(0.5 / 1024);
    expect(passed / tries).toBeLessThan(2 / 1024);
  });

  it('does not hand out sequential codes', () => {
    const codes = Array.from({ length: 50 }, () => generateBinCode());
    expect(new Set(codes).size).toBe(50);
    const sorted = [...codes].sort();
    expect(codes).not.toEqual(sorted);
  });

  it('reads what people type from a sticker', () => {
    const code = sample.find((c) => c.includes('0') || c.includes('1')) ?? sample[0]!;
    const messy = ` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `.replace(/0/g, 'o').replace(/1/g, 'l');
    expect(normalizeBinCode(messy)).toBe(code);
    expect(normalizeBinCode('I')).toBeNull();
    expect(normalizeBinCode('ABCDEFGH')).toBeNull();
    expect(normalizeBinCode('ABCDEU1')).toBeNull();
  });

  it('refuses malformed input', () => {
    expect(isValidBinCode('')).toBe(false);
    expect(isValidBinCode(sample[0]!.toLowerCase())).toBe(false);
    expect(() => codeFromNumber(2 ** 25)).toThrow(RangeError);
  });
});
