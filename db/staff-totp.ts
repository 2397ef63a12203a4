// The second factor's rows: the secret on the staff account, the last accepted step, and the
// "pending" flag of a session between password and code.
import type { Db } from './connection.ts';

export interface TotpState {
  login: string;
  passwordHash: string;
  secret: string | null;
  enabledAt: string | null;
  lastStep: number | null;
}

export async function findTotpState(db: Db, staffId: number): Promise<TotpState | undefined> {
  const row = await db
    .selectFrom('staff')
    .select(['login', 'password_hash', 'totp_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row && { login: row.login, passwordHash: row.password_hash, secret: row.totp_secret, enabledAt: row.totp_enabled_at, lastStep: row.totp_last_step };
}

/** Stores a new, not yet enabled secret (set-up started); an enabled factor is never replaced this way. */
export async function storePendingTotpSecret(db: Db, staffId: number, secret: string): Promise<boolean> {
  const result = await db.updateTable('staff').set({ totp_secret: secret, totp_last_step: null }).where('id', '=', staffId).where('totp_enabled_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Turns the factor on with the step of the confirming code, which is then used up. */
export async function enableTotp(db: Db, staffId: number, step: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ totp_enabled_at: now, totp_last_step: step })
    .where('id', '=', staffId)
    .where('totp_enabled_at', 'is', null)
    .where('totp_secret', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function disableTotp(db: Db, staffId: number): Promise<void> {
  await db.updateTable('staff').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', staffId).execute();
}

/**
 * Uses a code's step up. A compare-and-set: of two requests with the same code (a replay, a double
 * click) only one finds the step still unused, also across several app instances.
 */
export async function claimTotpStep(db: Db, staffId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ totp_last_step: step })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every other open session of the account: after the factor is switched on, none without it stays. */
export async function endOtherSessions(db: Db, staffId: number, keepSessionId: number, now: string): Promise<number> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ ended_at: now })
    .where('staff_id', '=', staffId)
    .where('id', '!=', keepSessionId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
