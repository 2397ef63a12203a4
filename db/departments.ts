import type { Db } from './connection.ts';
import type { Department } from './schema.ts';

export function listDepartments(db: Db): Promise<Department[]> {
  return db.selectFrom('departments').selectAll().orderBy('name').execute();
}

/** Exactly one department is central triage; it gets whatever no rule routes. */
export async function findCentralDepartment(db: Db): Promise<Department> {
  const row = await db.selectFrom('departments').selectAll().where('is_central', '=', 1).orderBy('id').executeTakeFirst();
  if (!row) throw new Error('No central triage department is configured (departments.is_central = 1)');
  return row;
}
