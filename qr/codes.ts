// Bin codes: 5 random data characters and 2 check characters from an alphabet without the
// look-alikes I, L, O and U. The check is a CRC-10 over the 25 data bits: a CRC of degree 10 detects
// every error burst of up to 10 bits, so every single wrong character (5 bits) and every swap of two
// neighbouring characters (within 10 bits) is caught, and a guessed code passes only 1 time in 1024.
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DATA_LENGTH = 5;
export const CODE_LENGTH = DATA_LENGTH + 2;

const CRC10_POLY = 0x233; // x^10 + x^9 + x^5 + x^4 + x + 1

function crc10(value: number, bits: number): number {
  let reg = 0;
  for (let i = bits - 1; i >= 0; i--) {
    const bit = (value >>> i) & 1;
    const top = (reg >>> 9) & 1;
    reg = ((reg << 1) & 0x3ff) ^ (top ^ bit ? CRC10_POLY & 0x3ff : 0);
  }
  return reg;
}

function encode(value: number, length: number): string {
  let out = '';
  for (let i = length - 1; i >= 0; i--) out += CODE_ALPHABET[(value >>> (5 * i)) & 31];
  return out;
}

function decode(text: string): number | null {
  let value = 0;
  for (const ch of text) {
    const digit = CODE_ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = value * 32 + digit;
  }
  return value;
}

/** The full code for 25 data bits. */
export function codeFromNumber(data: number): string {
  if (!Number.isInteger(data) || data < 0 || data >= 2 ** (5 * DATA_LENGTH)) throw new RangeError('data out of range');
  return encode(data, DATA_LENGTH) + encode(crc10(data, 5 * DATA_LENGTH), 2);
}

/** A new random code; `random` is injectable so that demo data is reproducible. */
export function generateBinCode(random: (maxExclusive: number) => number = (max) => randomInt(max)): string {
  return codeFromNumber(random(2 ** (5 * DATA_LENGTH)));
}

export function isValidBinCode(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false;
  const data = decode(code.slice(0, DATA_LENGTH));
  const check = decode(code.slice(DATA_LENGTH));
  return data !== null && check !== null && crc10(data, 5 * DATA_LENGTH) === check;
}

/**
 * What a person typed from a sticker, made comparable: any case, spaces and dashes ignored, and the
 * look-alikes O→0, I/L→1 read as the characters the alphabet has. Returns null when it cannot be a code.
 */
export function normalizeBinCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-._]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return cleaned.length === CODE_LENGTH && [...cleaned].every((ch) => CODE_ALPHABET.includes(ch)) ? cleaned : null;
}

/** For people: "K7M 4QX2" reads and types more easily than "K7M4QX2". */
export function formatBinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
