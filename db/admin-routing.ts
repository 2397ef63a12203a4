// Routing rules as the administration edits them: category + optional district -> department.
// A rule is configuration, not history (reports store their department), so removing one deletes it.
import type { Db } from './connection.ts';

export interface RuleOverview {
  id: number;
  category_id: number;
  district_id: number | null;
  department_id: number;
  district_name: string | null;
  district_active: number | null;
}

export function listRules(db: Db): Promise<RuleOverview[]> {
  return db
    .selectFrom('routing_rules')
    .leftJoin('districts', 'districts.id', 'routing_rules.district_id')
    .select(['routing_rules.id', 'routing_rules.category_id', 'routing_rules.district_id', 'routing_rules.department_id', 'districts.name as district_name', 'districts.active as district_active'])
    // City-wide rule first, then the districts by name.
    .orderBy('routing_rules.category_id')
    .orderBy((eb) => eb.fn.coalesce('districts.name', eb.val('')))
    .execute();
}

export function findRuleById(db: Db, id: number) {
  return db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The unique index allows one rule per category and district (null: the whole city). */
export async function ruleExists(db: Db, categoryId: number, districtId: number | null): Promise<boolean> {
  const query = db.selectFrom('routing_rules').select('id').where('category_id', '=', categoryId);
  const row = await (districtId === null ? query.where('district_id', 'is', null) : query.where('district_id', '=', districtId)).executeTakeFirst();
  return row !== undefined;
}

export async function addRule(db: Db, rule: { categoryId: number; districtId: number | null; departmentId: number }): Promise<number> {
  const row = await db
    .insertInto('routing_rules')
    .values({ category_id: rule.categoryId, district_id: rule.districtId, department_id: rule.departmentId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function changeRuleDepartment(db: Db, id: number, departmentId: number): Promise<void> {
  await db.updateTable('routing_rules').set({ department_id: departmentId }).where('id', '=', id).execute();
}

export async function removeRule(db: Db, id: number): Promise<void> {
  await db.deleteFrom('routing_rules').where('id', '=', id).execute();
}
