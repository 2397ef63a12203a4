// Who may see and change which report. Pure functions: every staff route asks these, and the test
// matrix checks them through the routes. Roles:
// - admin: everything;
// - dispatcher: every department and the central triage queue;
// - staff: the reports of the departments they are a member of;
// - crew: bin tasks (reports of bin categories) of their departments only, to see; they change
//   nothing on them but mark bins emptied in the crew view.
import type { StaffRole } from '../../db/schema.ts';

export const ROLES: readonly StaffRole[] = ['admin', 'dispatcher', 'staff', 'crew'];

export interface StaffUser {
  id: number;
  login: string;
  displayName: string;
  role: StaffRole;
  departmentIds: readonly number[];
}

/** What access control needs to know about a report. */
export interface ReportScope {
  departmentId: number;
  kind: 'defect' | 'bin';
}

export function seesAllDepartments(user: Pick<StaffUser, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'dispatcher';
}

export function canSeeReport(user: StaffUser, report: ReportScope): boolean {
  if (seesAllDepartments(user)) return true;
  if (!user.departmentIds.includes(report.departmentId)) return false;
  return user.role === 'staff' || (user.role === 'crew' && report.kind === 'bin');
}

/**
 * Case work (states, answers, notes, priority, forwarding, moderation …): the office roles on what
 * they see. Crews see their departments' bin tasks but only mark bins emptied, which goes through the
 * crew view (/intern/kolonne, db/crew-tasks.ts mayEmptyBin), not through these actions.
 */
export function canChangeReport(user: StaffUser, report: ReportScope): boolean {
  return user.role !== 'crew' && canSeeReport(user, report);
}

/** Sticker sheets are office work (printing, registering bins); crews empty bins and do not print. */
export function canPrintStickers(user: Pick<StaffUser, 'role'>): boolean {
  return user.role !== 'crew';
}
