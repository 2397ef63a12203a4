// The login form is posted before a session exists, so it cannot carry a session-bound CSRF token.
// It carries a signed token instead (like server/form-token.ts, but without the minimum fill time:
// password managers fill a login form at once), and the route also refuses requests that the browser
// marks as cross-site (Sec-Fetch-Site). Together they stop a foreign page from logging a victim into
// an attacker's account (login CSRF) without needing a pre-session cookie.
//
// The token is `ISSUED.NONCE.SIGNATURE`. The signature (HMAC with SECRET) also covers the keyed hash
// of the client's address (server/rate-limit.ts, of the day it was issued), so a token taken from one
// client does not work from another; and the nonce is recorded once used (db/staff.ts
// useLoginFormNonce), so a token works once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { useLoginFormNonce } from '../../db/staff.ts';
import { clientKey } from '../rate-limit.ts';

export const LOGIN_FORM_MAX_AGE_MS = 2 * 3600_000;

function sign(secret: string, issued: number, nonce: string, address: string): string {
  const client = clientKey(secret, address, new Date(issued));
  return createHmac('sha256', secret).update(`staff-login:${issued}:${nonce}:${client}`).digest('base64url').slice(0, 22);
}

export function issueLoginToken(secret: string, address: string, now: Date): string {
  const issued = now.getTime();
  const nonce = randomBytes(12).toString('base64url');
  return `${issued}.${nonce}.${sign(secret, issued, nonce, address)}`;
}

/** The token's nonce and when it expires, if it is signed for this client and not too old; null otherwise. */
export function verifyLoginToken(secret: string, token: unknown, address: string, now: Date): { nonce: string; expiresAt: Date } | null {
  if (typeof token !== 'string') return null;
  const [issuedText, nonce, signature, ...rest] = token.split('.');
  const issued = Number(issuedText);
  if (rest.length || !Number.isSafeInteger(issued) || !nonce || !/^[\w-]{16}$/.test(nonce) || !signature) return null;
  const expected = Buffer.from(sign(secret, issued, nonce, address));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const age = now.getTime() - issued;
  if (age < 0 || age > LOGIN_FORM_MAX_AGE_MS) return null;
  return { nonce, expiresAt: new Date(issued + LOGIN_FORM_MAX_AGE_MS) };
}

/** True when the token is good for this client and was not used before; it is used up by this call. */
export async function useLoginToken(db: Db, secret: string, token: unknown, address: string, now: Date): Promise<boolean> {
  const verified = verifyLoginToken(secret, token, address, now);
  return verified !== null && (await useLoginFormNonce(db, verified.nonce, verified.expiresAt, now));
}
