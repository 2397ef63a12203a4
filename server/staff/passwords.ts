// Staff passwords: scrypt (node:crypto, no native add-on) with a random salt per password. The cost
// parameters are written into the hash string, so they can be raised later and old hashes still verify.
// The policy follows NIST SP 800-63B: a minimum length, long passphrases allowed, no composition
// rules, and a list of common passwords refused.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MessageKey, MessageParams } from '../i18n/index.ts';

export const PASSWORD_MIN = 12;
/** Generous for passphrases; the bound only keeps absurd inputs out. */
export const PASSWORD_MAX = 256;

/** N = 2^15, r = 8: 32 MiB and roughly 50–100 ms per hash on a small server. */
export const SCRYPT_PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N=32768,r=8,p=1$SALT$HASH`, salt and hash base64url. */
export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parseHash(stored: string): { params: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | null {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return null;
  const [, N, r, p, salt, key] = match;
  return { params: { N: Number(N), r: Number(r), p: Number(p) }, salt: Buffer.from(salt!, 'base64url'), key: Buffer.from(key!, 'base64url') };
}

/**
 * Compares in constant time; a malformed stored hash never matches. Neither does a password with a
 * NUL: scrypt's HMAC pads a short key with zero bytes, so "secret" and "secret\0" hash alike, and a
 * NUL could never be set (checkPasswordPolicy). The hash is still computed, so the answer takes as long.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key) && !password.includes('\u0000');
}

/** Verified against when the login is unknown, so that the answer takes as long as for a real account. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummyHash;
}

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** The password and its obvious disguises: trailing digits and punctuation, leetspeak, repetition. */
function variants(password: string): string[] {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/[\d\W_]+$/u, '');
  const unleet = (text: string) => text.replace(/[013457@$]/g, (ch) => LEET[ch] ?? ch);
  return [lower, trimmed, unleet(lower), unleet(trimmed), lower.replace(/\s+/g, '')];
}

export function isCommonPassword(password: string): boolean {
  return variants(password).some((v) => v && COMMON.has(v));
}

/** NUL, tab, line breaks, DEL and the C1 controls: invisible, untypeable on some keyboards, and NUL is unsafe in the hash. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** Allowed edits between a password and the login (insert, delete or replace one character each). */
const LOGIN_DISTANCE = 2;

/** Levenshtein distance, or `limit + 1` as soon as it is certainly above the limit. */
function editDistanceWithin(a: string, b: string, limit: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * Too close to the login, ignoring case: at most two characters added, removed or changed
 * ("chefin1", "chefi", "Xchefin!"), or the login with trailing digits or punctuation, or in leetspeak.
 */
function resemblesLogin(password: string, login: string): boolean {
  const name = login.trim().toLowerCase();
  if (!name) return false;
  return editDistanceWithin(password.toLowerCase(), name, LOGIN_DISTANCE) <= LOGIN_DISTANCE || variants(password).includes(name);
}

export interface PolicyProblem {
  key: MessageKey;
  params?: MessageParams;
}

/** null when the password is acceptable for this login. Length counts characters, not bytes. */
export function checkPasswordPolicy(password: string, login: string): PolicyProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { key: 'staff.password.tooShort', params: { min: PASSWORD_MIN } };
  if (length > PASSWORD_MAX) return { key: 'staff.password.tooLong', params: { max: PASSWORD_MAX } };
  if (CONTROL_CHARACTER.test(password)) return { key: 'staff.password.controlCharacter' };
  if (resemblesLogin(password, login)) return { key: 'staff.password.sameAsLogin' };
  const lower = password.toLowerCase();
  if (isCommonPassword(password)) return { key: 'staff.password.common' };
  // One character repeated, or a run like "aaaaaaaaaaaa", is as weak as a common password.
  if (new Set(lower).size < 3) return { key: 'staff.password.common' };
  return null;
}
