import type { Db } from './connection.ts';
import type { Category } from './schema.ts';

export function listActiveCategories(db: Db): Promise<Category[]> {
  return db.selectFrom('categories').selectAll().where('active', '=', 1).orderBy('sort').orderBy('id').execute();
}

export function findCategoryBySlug(db: Db, slug: string): Promise<Category | undefined> {
  return db.selectFrom('categories').selectAll().where('slug', '=', slug).executeTakeFirst();
}
