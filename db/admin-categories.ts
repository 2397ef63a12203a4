// Categories as the administration edits them. Categories are created by the catalogue (seed or
// migration), because each one is also an Open311 service code; here their texts, department, target
// time and switches are changed. Changing the target time leaves existing reports' due_at alone.
import type { Db } from './connection.ts';
import type { Category } from './schema.ts';

export type CategoryOverview = Category & { department_name: string | null; templates: number };

export async function listCategoryOverview(db: Db): Promise<CategoryOverview[]> {
  const rows = await db
    .selectFrom('categories')
    .leftJoin('departments', 'departments.id', 'categories.default_department_id')
    .selectAll('categories')
    .select('departments.name as department_name')
    .select((eb) =>
      eb
        .selectFrom('response_templates')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('response_templates.category_id', '=', 'categories.id')
        .where('response_templates.active', '=', 1)
        .as('templates'),
    )
    .orderBy('categories.kind')
    .orderBy('categories.sort')
    .orderBy('categories.id')
    .execute();
  return rows.map((r) => ({ ...r, templates: Number(r.templates ?? 0) }));
}

export function findCategoryById(db: Db, id: number): Promise<Category | undefined> {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAllCategories(db: Db): Promise<Pick<Category, 'id' | 'name_de' | 'name_en' | 'kind' | 'active' | 'default_department_id'>[]> {
  return db.selectFrom('categories').select(['id', 'name_de', 'name_en', 'kind', 'active', 'default_department_id']).orderBy('kind').orderBy('sort').orderBy('id').execute();
}

export interface CategoryFields {
  name_de: string;
  name_en: string;
  help_de: string;
  help_en: string;
  group_de: string;
  group_en: string;
  default_department_id: number | null;
  target_hours: number;
  auto_publish: number;
  notice_de: string | null;
  notice_en: string | null;
  duplicate_radius_m: number;
  active: number;
}

export async function updateCategory(db: Db, id: number, fields: CategoryFields): Promise<void> {
  await db.updateTable('categories').set(fields).where('id', '=', id).execute();
}
