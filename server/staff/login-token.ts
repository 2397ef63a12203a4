// The login form is posted before a session exists, so it cannot carry a session-bound CSRF token.
// It carries a signed time stamp instead (like server/form-token.ts, but without the minimum fill
// time: password managers fill a login form at once), and the route also refuses requests that the
// browser marks as cross-site (Sec-Fetch-Site). Together they stop a foreign page from logging a
// victim into an attacker's account (login CSRF) without needing a pre-session cookie.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const LOGIN_FORM_MAX_AGE_MS = 2 * 3600_000;

function sign(secret: string, issued: number): string {
  return createHmac('sha256', secret).update(`staff-login:${issued}`).digest('base64url').slice(0, 22);
}

export function issueLoginToken(secret: string, now: Date): string {
  const issued = now.getTime();
  return `${issued}.${sign(secret, issued)}`;
}

export function checkLoginToken(secret: string, token: unknown, now: Date): boolean {
  if (typeof token !== 'string') return false;
  const [issuedText, signature] = token.split('.');
  const issued = Number(issuedText);
  if (!Number.isSafeInteger(issued) || !signature) return false;
  const expected = Buffer.from(sign(secret, issued));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  const age = now.getTime() - issued;
  return age >= 0 && age <= LOGIN_FORM_MAX_AGE_MS;
}
