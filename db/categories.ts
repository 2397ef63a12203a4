import type { Db } from './connection.ts';
import type { Category } from './schema.ts';

export function listActiveCategories(db: Db): Promise<Category[]> {
  return db.selectFrom('categories').selectAll().where('active', '=', 1).orderBy('sort').orderBy('id').execute();
}

export function findCategoryBySlug(db: Db, slug: string): Promise<Category | undefined> {
  return db.selectFrom('categories').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The active category that a scan-page button files into. */
export function findBinReasonCategory(db: Db, reason: string): Promise<Pick<Category, 'id'> | undefined> {
  return db.selectFrom('categories').select('id').where('bin_reason', '=', reason).where('active', '=', 1).executeTakeFirst();
}
