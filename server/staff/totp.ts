// Time-based one-time passwords (RFC 6238 on RFC 4226's HOTP): HMAC-SHA-1, 6 digits, 30-second steps,
// one step of drift either way. Built on node:crypto alone: it is a few lines, and an authenticator app
// (any of them) is all a staff member needs. Pure apart from the random secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after are accepted too: phone clocks drift, typing takes time. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Stadtmelder Mainz';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Accepts lower case, spaces and padding, as people copy secrets; throws on anything else. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** 160 bits, the size RFC 4226 recommends for SHA-1, as base32 (32 characters). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The secret in groups of four, easier to type into an app than one long word. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** RFC 4226 HOTP with a raw key; `digits` up to 8 (the RFC 6238 vectors use 8). */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

export function totpCode(secret: string, step: number): string {
  return hotp(base32Decode(secret), step);
}

/** Exactly TOTP_DIGITS digits; built once, not per login. */
const CODE_PATTERN = new RegExp(`^\\d{${TOTP_DIGITS}}$`);

/** What people type: digits, perhaps with spaces or a dash in the middle ("123 456"). */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const digits = input.replace(/[\s-]/g, '');
  return CODE_PATTERN.test(digits) ? digits : null;
}

/**
 * The step a code belongs to, within the window around now, or null. Steps at or below `lastStep`
 * (the last accepted one) never count: a code seen over a shoulder or in a log cannot be replayed.
 */
export function matchTotp(secret: string, input: unknown, now: Date, lastStep: number | null = null): number | null {
  const code = normalizeCode(input);
  if (!code) return null;
  const key = base32Decode(secret);
  const current = totpStep(now);
  let found: number | null = null;
  // Every candidate is compared (no early exit), in constant time.
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code)) && found === null) found = step;
  }
  return found;
}

/** The URI authenticator apps read from the QR code (Key Uri Format). */
export function otpauthUri(login: string, secret: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(login)}`;
  const params = new URLSearchParams({ secret, issuer: TOTP_ISSUER, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}
