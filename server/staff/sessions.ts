// Staff sessions: a random 144-bit token in a cookie, stored only as its sha256. The cookie is read
// and set only by the routes under /intern, so citizen pages stay cookie-free. The session's CSRF
// token is derived from the cookie's token with SECRET, so it is not stored either: a copy of the
// database opens no session and fills no form.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { endSession, findLiveSession, insertSession, listStaffDepartmentIds, touchSession, type SessionWithStaff } from '../../db/staff.ts';
import type { Db } from '../../db/connection.ts';
import type { Config } from '../config.ts';
import { hashToken, newToken } from '../tokens.ts';
import type { StaffUser } from './access.ts';

/** A session unused for this long is over (the desk was left). */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** And any session ends after a working day, however busy. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 3600_000;
/** Between password and second factor: long enough to open the app and type, short for a stolen cookie. */
export const PENDING_TIMEOUT_MS = 10 * 60_000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * `__Host-` binds the cookie to this exact host, Path=/ and Secure; browsers refuse a `__Host-` cookie
 * without Secure, and Secure cookies are not stored over plain http, so a local http setup gets the
 * plain name instead.
 */
export function sessionCookieName(config: Pick<Config, 'publicBaseUrl'>): string {
  return isHttps(config) ? '__Host-stadtmelder' : 'stadtmelder';
}

function isHttps(config: Pick<Config, 'publicBaseUrl'>): boolean {
  return config.publicBaseUrl.startsWith('https:');
}

export interface StaffSessionInfo {
  id: number;
  csrfToken: string;
  user: StaffUser;
  /** Password given, second factor not yet: the guard lets such a session only enter its code or log out. */
  mfaPending: boolean;
}

/**
 * The CSRF token of the session with this cookie token: an HMAC, so it is fixed for the session, differs
 * between sessions, and tells nothing about the cookie (which a page's script cannot read, HttpOnly).
 */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`staff-csrf:${sessionToken}`).digest('base64url').slice(0, 24);
}

export async function startSession(db: Db, secret: string, staffId: number, now: Date, options: { mfaPending?: boolean } = {}): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  await insertSession(db, { tokenHash: hashToken(token), staffId, now: now.toISOString(), mfaPending: options.mfaPending });
  return { token, csrfToken: csrfTokenFor(secret, token) };
}

export type SessionLookup = { status: 'none' } | { status: 'expired'; sessionId: number } | { status: 'ok'; session: StaffSessionInfo };

export function isExpired(session: Pick<SessionWithStaff, 'created_at' | 'last_seen_at'> & { mfa_pending?: number }, now: Date): boolean {
  const t = now.getTime();
  const age = t - Date.parse(session.created_at);
  if (session.mfa_pending && age >= PENDING_TIMEOUT_MS) return true;
  return t - Date.parse(session.last_seen_at) >= IDLE_TIMEOUT_MS || age >= ABSOLUTE_TIMEOUT_MS;
}

/** Looks the cookie's session up; a live one is marked as used, an expired one is ended. */
export async function readSession(db: Db, secret: string, token: string | undefined, now: Date): Promise<SessionLookup> {
  if (!token) return { status: 'none' };
  const row = await findLiveSession(db, hashToken(token));
  if (!row) return { status: 'none' };
  if (isExpired(row, now)) {
    await endSession(db, row.id, now.toISOString());
    return { status: 'expired', sessionId: row.id };
  }
  if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) await touchSession(db, row.id, now.toISOString());
  const departmentIds = await listStaffDepartmentIds(db, row.staff_id);
  return {
    status: 'ok',
    session: {
      id: row.id,
      csrfToken: csrfTokenFor(secret, token),
      user: { id: row.staff_id, login: row.login, displayName: row.display_name, role: row.role, departmentIds },
      mfaPending: row.mfa_pending === 1,
    },
  };
}

export function sessionCookie(c: Context, config: Config): string | undefined {
  return getCookie(c, sessionCookieName(config));
}

export function setSessionCookie(c: Context, config: Config, token: string): void {
  // No Max-Age: the cookie goes when the browser closes; the server enforces the timeouts anyway.
  setCookie(c, sessionCookieName(config), token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(config) });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(config) });
}

/** Constant-time comparison of the form's token with the session's. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
