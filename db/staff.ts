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
export async function insertSession(db: Db, input: { tokenHash: string; staffId: number; csrfSecret: string; now: string; mfaPending?: boolean }): Promise<void> {
  await db
    .insertInto('staff_sessions')
    .values({ token_hash: input.tokenHash, staff_id: input.staffId, csrf_secret: input.csrfSecret, created_at: input.now, last_seen_at: input.now, ended_at: null, mfa_pending: input.mfaPending ? 1 : 0 })
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

export async function recordLoginAttempt(db: Db, keys: string[], success: boolean, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const key of keys) await trx.insertInto('login_attempts').values({ key, at: now.toISOString(), success: success ? 1 : 0 }).execute();
    await trx.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - ATTEMPT_RETENTION_MS).toISOString()).execute();
  });
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
