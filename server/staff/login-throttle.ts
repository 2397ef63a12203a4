// Login throttling, counted in the database (login_attempts) so that every instance sees the same
// counts. Two keys per attempt: the account (5 failures in 15 minutes) and the client, by the keyed,
// daily rotating hash of its address (20 failures in 15 minutes). Past either limit every attempt is
// refused with 429 without checking the password, so a guesser learns nothing even when right.
import { failedAttemptsSince, recordLoginAttempt } from '../../db/staff.ts';
import type { Db } from '../../db/connection.ts';
import { normalizeLogin } from '../../db/staff.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export function attemptKeys(login: string, clientHash: string): { account: string; client: string } {
  return { account: `account:${normalizeLogin(login)}`, client: `client:${clientHash}` };
}

/** null when the attempt may go ahead, else the seconds until it may. */
export async function throttledFor(db: Db, keys: { account: string; client: string }, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  // A successful login resets the account's count (its owner knows the password); the client's does
  // not, or one working account would let a client guess at all the others.
  const [account, client] = await Promise.all([failedAttemptsSince(db, keys.account, since, true), failedAttemptsSince(db, keys.client, since, false)]);
  const waits: number[] = [];
  for (const [found, max] of [[account, MAX_FAILURES_PER_ACCOUNT], [client, MAX_FAILURES_PER_CLIENT]] as const) {
    if (found.count >= max && found.oldest) waits.push(Math.max(1, Math.ceil((Date.parse(found.oldest) + LOGIN_WINDOW_MS - now.getTime()) / 1000)));
  }
  return waits.length ? Math.max(...waits) : null;
}

export async function recordFailure(db: Db, keys: { account: string; client: string }, now: Date): Promise<void> {
  await recordLoginAttempt(db, [keys.account, keys.client], false, now);
}

export async function recordSuccess(db: Db, keys: { account: string; client: string }, now: Date): Promise<void> {
  await recordLoginAttempt(db, [keys.account], true, now);
}
