// Departments as the administration edits them. There is no delete: reports, bins, rules and
// accounts point at departments, and the history must keep naming them.
import { sql } from 'kysely';
import type { Db } from './connection.ts';
import type { Department } from './schema.ts';

export type NotifyMode = 'immediate' | 'digest' | 'off';
export const NOTIFY_MODES: readonly NotifyMode[] = ['immediate', 'digest', 'off'];

export interface DepartmentFields {
  name: string;
  slug: string;
  email: string | null;
  notifyMode: NotifyMode;
}

export type DepartmentOverview = Department & { open_reports: number; members: number };

export async function listDepartmentOverview(db: Db): Promise<DepartmentOverview[]> {
  const rows = await db
    .selectFrom('departments')
    .selectAll('departments')
    .select([
      sql<number>`(select count(*) from reports r where r.department_id = departments.id and r.state in ('new', 'acknowledged', 'in_progress'))`.as('open_reports'),
      sql<number>`(select count(*) from staff_departments sd join staff s on s.id = sd.staff_id where sd.department_id = departments.id and s.active = 1)`.as('members'),
    ])
    .orderBy('is_central', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...r, open_reports: Number(r.open_reports), members: Number(r.members) }));
}

export function findDepartmentById(db: Db, id: number): Promise<Department | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Is the slug used by a department other than `exceptId`? */
export async function departmentSlugTaken(db: Db, slug: string, exceptId: number | null): Promise<boolean> {
  let query = db.selectFrom('departments').select('id').where('slug', '=', slug);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createDepartment(db: Db, fields: DepartmentFields, now: string): Promise<number> {
  const row = await db
    .insertInto('departments')
    .values({ name: fields.name, slug: fields.slug, email: fields.email, notify_mode: fields.notifyMode, is_central: 0, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDepartment(db: Db, id: number, fields: DepartmentFields): Promise<void> {
  await db.updateTable('departments').set({ name: fields.name, slug: fields.slug, email: fields.email, notify_mode: fields.notifyMode }).where('id', '=', id).execute();
}
