// Staff accounts, their departments, sessions and login attempts. Session rows are found only by the
// hash of their token; ending a session or disabling an account keeps the rows (ended_at, disabled_at).
import { sql } from 'kysely';
import { inTransaction, type Db } from './connection.ts';
import type { Staff, StaffRole, StaffSession } from './schema.ts';

export interface NewStaff {
  login: string;
  displayName: string;
  passwordHash: string;
  role: StaffRole;
  departmentIds?: number[];
  now: string;
}

export class StaffExistsError extends Error {}

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function createStaff(db: Db, input: NewStaff): Promise<Staff> {
  return inTransaction(db, async (trx) => {
    const login = normalizeLogin(input.login);
    if (await trx.selectFrom('staff').select('id').where('login', '=', login).executeTakeFirst()) {
      throw new StaffExistsError(`A staff account with the login "${login}" already exists.`);
    }
    const staff = await trx
      .insertInto('staff')
      .values({ login, display_name: input.displayName, password_hash: input.passwordHash, role: input.role, active: 1, created_at: input.now, disabled_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const departmentId of input.departmentIds ?? []) {
      await trx.insertInto('staff_departments').values({ staff_id: staff.id, department_id: departmentId }).execute();
    }
    return staff;
  });
}

export function findActiveStaffByLogin(db: Db, login: string): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('login', '=', normalizeLogin(login)).where('active', '=', 1).executeTakeFirst();
}

export async function listStaffDepartmentIds(db: Db, staffId: number): Promise<number[]> {
  const rows = await db.selectFrom('staff_departments').select('department_id').where('staff_id', '=', staffId).orderBy('department_id').execute();
  return rows.map((r) => r.department_id);
}

/** Disabling ends every session of the account in the same transaction: no open session outlives it. */
export function disableStaff(db: Db, staffId: number, now: string): Promise<void> {
  return inTransaction(db, async (trx) => {
    await trx.updateTable('staff').set({ active: 0, disabled_at: now }).where('id', '=', staffId).where('active', '=', 1).execute();
    await endAllSessions(trx, staffId, now);
  });
}

// ---- sessions

/** `mfaPending`: the password was right but the account's second factor is still to be entered. */
export async function insertSession(db: Db, input: { tokenHash: string; staffId: number; now: string; mfaPending?: boolean }): Promise<void> {
  await db
    .insertInto('staff_sessions')
    .values({ token_hash: input.tokenHash, staff_id: input.staffId, created_at: input.now, last_seen_at: input.now, ended_at: null, mfa_pending: input.mfaPending ? 1 : 0 })
    .execute();
}

export type SessionWithStaff = StaffSession & { login: string; display_name: string; role: StaffRole };

/** A session that has not been ended, of an account that is still active. Timeouts are checked by the caller. */
export function findLiveSession(db: Db, tokenHash: string): Promise<SessionWithStaff | undefined> {
  return db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .selectAll('staff_sessions')
    .select(['staff.login', 'staff.display_name', 'staff.role'])
    .where('staff_sessions.token_hash', '=', tokenHash)
    .where('staff_sessions.ended_at', 'is', null)
    .where('staff.active', '=', 1)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: number, now: string): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function endSession(db: Db, sessionId: number, now: string): Promise<void> {
  await db.updateTable('staff_sessions').set({ ended_at: now }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
}

export async function endAllSessions(db: Db, staffId: number, now: string): Promise<void> {
  await db.updateTable('staff_sessions').set({ ended_at: now }).where('staff_id', '=', staffId).where('ended_at', 'is', null).execute();
}

// ---- login attempts

/** Keeps a day of attempts: far more than any throttling window needs. */
const ATTEMPT_RETENTION_MS = 24 * 3600_000;

/** One key of an attempt and its limit. `resetOnSuccess`: only failures after the key's last success count. */
export interface AttemptLimit {
  key: string;
  max: number;
  resetOnSuccess: boolean;
}

export type AttemptClaim = { claimed: true; ids: number[] } | { claimed: false; oldestOverLimit: string[] };

/**
 * Check and count in one step: within one transaction, counts each key's failures since `since` and,
 * when every key is under its limit, writes the attempt as a failure for every key (turned into a
 * success by markAttemptsSucceeded once the password was right). Otherwise writes nothing and
 * returns, for each key over its limit, its oldest counted failure (from which the wait is computed).
 *
 * Claiming before the slow password check is what makes the limit hold for parallel requests: with
 * check, scrypt, then record, forty requests arriving together all passed the check. On SQLite the
 * transactions of the one connection run one after the other (Kysely's driver holds the connection
 * for the transaction), so this is atomic. On PostgreSQL under READ COMMITTED two transactions could
 * both count 4 and both insert: there the transaction must first take a lock per key, e.g.
 * `select pg_advisory_xact_lock(hashtext(key))` for each key in sorted order (or SELECT … FOR UPDATE
 * on a per-key row), which lockAttemptKeys is the place for.
 */
export function claimLoginAttempt(db: Db, limits: readonly AttemptLimit[], since: Date, now: Date): Promise<AttemptClaim> {
  return inTransaction(db, async (trx) => {
    await lockAttemptKeys(trx, limits.map((l) => l.key));
    const oldestOverLimit: string[] = [];
    for (const limit of limits) {
      const found = await failedAttemptsSince(trx, limit.key, since, limit.resetOnSuccess);
      if (found.count >= limit.max && found.oldest) oldestOverLimit.push(found.oldest);
    }
    if (oldestOverLimit.length) return { claimed: false, oldestOverLimit };
    const ids: number[] = [];
    for (const limit of limits) {
      const row = await trx.insertInto('login_attempts').values({ key: limit.key, at: now.toISOString(), success: 0 }).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await trx.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - ATTEMPT_RETENTION_MS).toISOString()).execute();
    return { claimed: true, ids };
  });
}

/**
 * SQLite: nothing to do, its transactions on the one connection are serial. PostgreSQL (not yet
 * supported) needs a transaction-scoped lock per key here; see claimLoginAttempt.
 */
async function lockAttemptKeys(_trx: Db, _keys: readonly string[]): Promise<void> {}

/** The claimed attempt was right: a success (which resets an account key's count) instead of a failure. */
export async function markAttemptsSucceeded(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.updateTable('login_attempts').set({ success: 1 }).where('id', 'in', ids).execute();
}

/** The claimed attempt should not count at all (a right password confirming an action, not a login). */
export async function releaseAttempts(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.deleteFrom('login_attempts').where('id', 'in', ids).execute();
}

/**
 * Failed attempts for the key after `since`, and the oldest of them (from which the caller computes
 * when the window frees up). With `resetOnSuccess`, only failures after the last success count
 * (by row id, since several attempts may share a time stamp).
 */
export async function failedAttemptsSince(db: Db, key: string, since: Date, resetOnSuccess: boolean): Promise<{ count: number; oldest: string | null }> {
  const from = since.toISOString();
  let afterId = 0;
  if (resetOnSuccess) {
    const last = await db.selectFrom('login_attempts').select(sql<number | null>`max(id)`.as('id')).where('key', '=', key).where('success', '=', 1).where('at', '>', from).executeTakeFirst();
    afterId = last?.id ?? 0;
  }
  const row = await db
    .selectFrom('login_attempts')
    .select([sql<number>`count(*)`.as('count'), sql<string | null>`min(at)`.as('oldest')])
    .where('key', '=', key)
    .where('success', '=', 0)
    .where('at', '>', from)
    .where('id', '>', afterId)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest };
}

// ---- used login form tokens

/**
 * Records a login form token's nonce as used; false when it already was (a replay). One statement
 * against the primary key, so two requests with the same token cannot both get true, on SQLite or
 * PostgreSQL. Nonces of expired tokens are removed on the way: such tokens are refused by age anyway.
 */
export async function useLoginFormNonce(db: Db, nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
  await db.deleteFrom('login_form_nonces').where('expires_at', '<', now.toISOString()).execute();
  const result = await db.insertInto('login_form_nonces').values({ nonce, expires_at: expiresAt.toISOString() }).onConflict((oc) => oc.column('nonce').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
