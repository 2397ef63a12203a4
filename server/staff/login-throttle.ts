// Login throttling, counted in the database (login_attempts) so that every instance sees the same
// counts. Two keys per attempt: the account (5 failures in 15 minutes) and the client, by the keyed,
// daily rotating hash of its address (20 failures in 15 minutes). Past either limit every attempt is
// refused with 429 without checking the password, so a guesser learns nothing even when right.
//
// An attempt is claimed (counted as a failure) before the password is checked, in the same
// transaction as the count (db/staff.ts claimLoginAttempt), and turned into a success afterwards
// when it was right. Checking first and recording after the slow scrypt let forty parallel guesses
// all through.
//
// The account key is a keyed hash (HMAC with SECRET) of the normalised login, for known and unknown
// logins alike: unknown logins are throttled exactly like real ones (no account enumeration by 429s),
// and no typed text is stored, such as a password typed into the login field by mistake.
import { createHmac } from 'node:crypto';
import { claimLoginAttempt, failedAttemptsSince, markAttemptsSucceeded, normalizeLogin, releaseAttempts, type AttemptLimit } from '../../db/staff.ts';
import type { Db } from '../../db/connection.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export interface AttemptKeys {
  account: string;
  client: string;
}

/** `prefix:HASH`: the login never appears in the key, only its keyed hash. */
export function loginKey(secret: string, prefix: 'account' | 'totp', login: string): string {
  const hash = createHmac('sha256', secret).update(`login-throttle:${prefix}:${normalizeLogin(login)}`).digest('base64url').slice(0, 22);
  return `${prefix}:${hash}`;
}

export function attemptKeys(secret: string, login: string, clientHash: string): AttemptKeys {
  return { account: loginKey(secret, 'account', login), client: `client:${clientHash}` };
}

/**
 * A successful login resets the account's count (its owner knows the password); the client's does
 * not, or one working account would let a client guess at all the others.
 */
function limitsOf(keys: AttemptKeys): AttemptLimit[] {
  return [
    { key: keys.account, max: MAX_FAILURES_PER_ACCOUNT, resetOnSuccess: true },
    { key: keys.client, max: MAX_FAILURES_PER_CLIENT, resetOnSuccess: false },
  ];
}

function secondsUntilFree(oldest: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(oldest) + LOGIN_WINDOW_MS - now.getTime()) / 1000));
}

export type Attempt = { status: 'throttled'; seconds: number } | { status: 'claimed'; ids: number[] };

/** Counts this attempt as a failure unless a limit is reached; then the seconds until it may be tried again. */
export async function claimAttempt(db: Db, keys: AttemptKeys, now: Date): Promise<Attempt> {
  const claim = await claimLoginAttempt(db, limitsOf(keys), new Date(now.getTime() - LOGIN_WINDOW_MS), now);
  if (!claim.claimed) return { status: 'throttled', seconds: Math.max(...claim.oldestOverLimit.map((oldest) => secondsUntilFree(oldest, now))) };
  return { status: 'claimed', ids: claim.ids };
}

/** The claimed attempt was right. */
export async function attemptSucceeded(db: Db, attempt: Attempt): Promise<void> {
  if (attempt.status === 'claimed') await markAttemptsSucceeded(db, attempt.ids);
}

/** The claimed attempt was right but must not reset any count (it confirmed an action, it was no login). */
export async function attemptNotCounted(db: Db, attempt: Attempt): Promise<void> {
  if (attempt.status === 'claimed') await releaseAttempts(db, attempt.ids);
}

/** Without counting anything: null when an attempt may go ahead, else the seconds until it may. */
export async function throttledFor(db: Db, keys: AttemptKeys, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const waits: number[] = [];
  for (const limit of limitsOf(keys)) {
    const found = await failedAttemptsSince(db, limit.key, since, limit.resetOnSuccess);
    if (found.count >= limit.max && found.oldest) waits.push(secondsUntilFree(found.oldest, now));
  }
  return waits.length ? Math.max(...waits) : null;
}
