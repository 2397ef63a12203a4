// Staff accounts as the administration manages them. Accounts are never deleted (the history names
// them): disabling ends their sessions (db/staff.ts disableStaff), re-enabling lets them log in again.
import { inTransaction, type Db } from './connection.ts';
import type { StaffRole } from './schema.ts';
import { endAllSessions } from './staff.ts';

export interface StaffOverview {
  id: number;
  login: string;
  display_name: string;
  role: StaffRole;
  active: boolean;
  created_at: string;
  disabled_at: string | null;
  second_factor: boolean;
  departmentIds: number[];
}

export async function listStaffOverview(db: Db): Promise<StaffOverview[]> {
  const [rows, memberships] = await Promise.all([
    db.selectFrom('staff').select(['id', 'login', 'display_name', 'role', 'active', 'created_at', 'disabled_at', 'totp_enabled_at']).orderBy('active', 'desc').orderBy('login').execute(),
    db.selectFrom('staff_departments').select(['staff_id', 'department_id']).orderBy('department_id').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    display_name: r.display_name,
    role: r.role,
    active: r.active === 1,
    created_at: r.created_at,
    disabled_at: r.disabled_at,
    second_factor: r.totp_enabled_at !== null,
    departmentIds: memberships.filter((m) => m.staff_id === r.id).map((m) => m.department_id),
  }));
}

export async function findStaffOverview(db: Db, id: number): Promise<StaffOverview | undefined> {
  const row = await db.selectFrom('staff').select(['id', 'login', 'display_name', 'role', 'active', 'created_at', 'disabled_at', 'totp_enabled_at']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const memberships = await db.selectFrom('staff_departments').select('department_id').where('staff_id', '=', id).orderBy('department_id').execute();
  return {
    id: row.id,
    login: row.login,
    display_name: row.display_name,
    role: row.role,
    active: row.active === 1,
    created_at: row.created_at,
    disabled_at: row.disabled_at,
    second_factor: row.totp_enabled_at !== null,
    departmentIds: memberships.map((m) => m.department_id),
  };
}

/** Name, role and departments in one transaction, so an account is never left without its departments. */
export function updateStaffAccess(db: Db, id: number, fields: { displayName: string; role: StaffRole; departmentIds: number[] }): Promise<void> {
  return inTransaction(db, async (trx) => {
    await trx.updateTable('staff').set({ display_name: fields.displayName, role: fields.role }).where('id', '=', id).execute();
    await trx.deleteFrom('staff_departments').where('staff_id', '=', id).execute();
    for (const departmentId of fields.departmentIds) await trx.insertInto('staff_departments').values({ staff_id: id, department_id: departmentId }).execute();
  });
}

/**
 * A new password ends the account's sessions: whoever knew the old one is out. The admin's own current
 * session (when an admin resets their own password here) is kept via `keepSessionId`.
 */
export function resetStaffPassword(db: Db, id: number, passwordHash: string, now: string, keepSessionId: number | null): Promise<void> {
  return inTransaction(db, async (trx) => {
    await trx.updateTable('staff').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    if (keepSessionId === null) await endAllSessions(trx, id, now);
    else await trx.updateTable('staff_sessions').set({ ended_at: now }).where('staff_id', '=', id).where('ended_at', 'is', null).where('id', '<>', keepSessionId).execute();
  });
}

export async function enableStaff(db: Db, id: number): Promise<void> {
  await db.updateTable('staff').set({ active: 1, disabled_at: null }).where('id', '=', id).execute();
}

/** The person sets up a new second factor at their next login (or goes without, as before setup). */
export async function resetSecondFactor(db: Db, id: number): Promise<void> {
  await db.updateTable('staff').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
}
